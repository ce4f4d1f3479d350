// Hunt groups (SPEC HG-1..HG-4): a call to a pilot number rings a free member chosen by the group's
// algorithm; a member that does not answer in the group's no-answer time is skipped for the next;
// when none is free or none answers the call overflows (announcement first) or the caller gets busy.
//
// Hunt calls ring members with ring() directly, not through deliver(): members' forwarding and
// associated destinations do not apply (HG-1, HG-3, DE-2); only the prime line of the member's own
// phone rings. A member is busy while any of its lines rings or is in use, whatever the call.
//
// Idle members are tracked incrementally (note_device() from the core's few places where a device's
// lines change), so a choice costs O(M/64) for linear and circular (a bitset, find-first-set) and
// O(log M) for longest-idle (a heap keyed on (idle since, member order)), never an O(M) scan.
#include <algorithm>

#include "models/engine.h"

namespace telsim {

namespace {
constexpr uint8_t kMaxOverflows = 8;  // a chain of groups overflowing into each other ends here

// The first set bit in [from, to), or -1.
int next_idle(const HuntGroup& g, int from, int to) {
  if (from < 0) from = 0;
  if (from >= to) return -1;
  size_t w = static_cast<size_t>(from) >> 6;
  uint64_t bits = g.idle_bits[w] & (~uint64_t{0} << (from & 63));
  for (;;) {
    if (bits) {
      int i = static_cast<int>((w << 6) + static_cast<size_t>(__builtin_ctzll(bits)));
      return i < to ? i : -1;
    }
    if (++w >= g.idle_bits.size() || static_cast<int>(w << 6) >= to) return -1;
    bits = g.idle_bits[w];
  }
}

bool idle_before(const HuntGroup& g, int32_t a, int32_t b) {  // longest idle first, ties in member order
  return g.idle_since[a] != g.idle_since[b] ? g.idle_since[a] < g.idle_since[b] : a < b;
}
}  // namespace

void Engine::build_hunt_groups() {
  hunt_of_pilot_.assign(devices_.size(), kNone);
  for (size_t p = 0; p < devices_.size(); ++p) {
    const PartyDef& def = *devices_[p].def;
    if (def.kind != PartyKind::hunt) continue;
    HuntGroup g;
    g.pilot = static_cast<PartyId>(p);
    g.algorithm = def.algorithm == "circular"       ? HuntGroup::circular
                  : def.algorithm == "ring-all"     ? HuntGroup::ring_all
                  : def.algorithm == "longest-idle" ? HuntGroup::longest_idle
                                                    : HuntGroup::linear;
    g.no_answer = def.hunt_no_answer;
    if (!def.overflow.empty()) {
      auto it = numbers_.find(def.overflow);
      if (it != numbers_.end()) g.overflow = it->second.party;
    }
    g.announcement = def.announcement;
    for (const std::string& m : def.members) {
      auto it = numbers_.find(m);
      if (it != numbers_.end()) g.members.push_back(it->second.party);
    }
    size_t n = g.members.size();
    g.idle_bits.assign((n + 63) / 64, 0);
    g.idle_since.assign(n, 0);
    g.busy_total.assign(n, 0);
    g.busy_since.assign(n, 0);
    g.heap_pos.assign(n, -1);
    g.heap.reserve(n);
    int32_t gi = static_cast<int32_t>(hunt_groups_.size());
    hunt_of_pilot_[p] = gi;
    for (size_t i = 0; i < n; ++i) {
      PartyId m = g.members[i];
      memberships_.push_back(Membership{gi, static_cast<int32_t>(i), devices_[m].hunt_member});
      devices_[m].hunt_member = static_cast<int32_t>(memberships_.size() - 1);
    }
    hunt_groups_.push_back(std::move(g));
  }
  // Everyone starts idle (since time 0), in member order for longest-idle ties.
  for (HuntGroup& g : hunt_groups_)
    for (size_t i = 0; i < g.members.size(); ++i)
      if (member_idle(g.members[i])) {
        g.idle_bits[i >> 6] |= uint64_t{1} << (i & 63);
        if (g.algorithm == HuntGroup::longest_idle) heap_insert(g, static_cast<int>(i));
      }
}

bool Engine::member_idle(PartyId p) const {
  const Device& d = devices_[p];
  if (d.kind == PartyKind::voicemail) return true;  // takes any number of calls
  if (d.kind == PartyKind::hunt) return false;     // groups are not members of groups (documented)
  if (d.active != kNone || !d.alerting.empty()) return false;
  for (int32_t l : d.line_leg)
    if (l != kNone) return false;
  return true;
}

void Engine::hunt_member_changed(PartyId p) {
  bool idle = member_idle(p);
  for (int32_t m = devices_[p].hunt_member; m != kNone; m = memberships_[m].next)
    set_member_idle(hunt_groups_[memberships_[m].group], memberships_[m].index, idle);
}

void Engine::set_member_idle(HuntGroup& g, int i, bool idle) {
  uint64_t bit = uint64_t{1} << (i & 63);
  uint64_t& word = g.idle_bits[static_cast<size_t>(i) >> 6];
  if (((word & bit) != 0) == idle) return;
  if (idle) {
    word |= bit;
    g.busy_total[i] += now_ - g.busy_since[i];
    g.idle_since[i] = now_;
    if (g.algorithm == HuntGroup::longest_idle) heap_insert(g, i);
  } else {
    word &= ~bit;
    g.busy_since[i] = now_;
    if (g.algorithm == HuntGroup::longest_idle) heap_remove(g, i);
  }
}

double Engine::member_busy_seconds(int group, int i) const {
  const HuntGroup& g = hunt_groups_[group];
  bool idle = (g.idle_bits[static_cast<size_t>(i) >> 6] >> (i & 63)) & 1;
  return g.busy_total[i] + (idle ? 0 : now_ - g.busy_since[i]);
}

// ---------------------------------------------------------------- longest-idle heap

void Engine::heap_up(HuntGroup& g, int32_t pos) {
  int32_t m = g.heap[pos];
  while (pos > 0) {
    int32_t parent = (pos - 1) / 2;
    if (!idle_before(g, m, g.heap[parent])) break;
    g.heap[pos] = g.heap[parent];
    g.heap_pos[g.heap[pos]] = pos;
    pos = parent;
  }
  g.heap[pos] = m;
  g.heap_pos[m] = pos;
}

void Engine::heap_down(HuntGroup& g, int32_t pos) {
  int32_t n = static_cast<int32_t>(g.heap.size());
  int32_t m = g.heap[pos];
  for (;;) {
    int32_t c = 2 * pos + 1;
    if (c >= n) break;
    if (c + 1 < n && idle_before(g, g.heap[c + 1], g.heap[c])) ++c;
    if (!idle_before(g, g.heap[c], m)) break;
    g.heap[pos] = g.heap[c];
    g.heap_pos[g.heap[pos]] = pos;
    pos = c;
  }
  g.heap[pos] = m;
  g.heap_pos[m] = pos;
}

void Engine::heap_insert(HuntGroup& g, int i) {
  if (g.heap_pos[i] >= 0) return;
  g.heap.push_back(i);
  heap_up(g, static_cast<int32_t>(g.heap.size() - 1));
}

void Engine::heap_remove(HuntGroup& g, int i) {
  int32_t pos = g.heap_pos[i];
  if (pos < 0) return;
  g.heap_pos[i] = -1;
  int32_t last = g.heap.back();
  g.heap.pop_back();
  if (last == i) return;
  g.heap[pos] = last;
  g.heap_pos[last] = pos;
  heap_up(g, pos);
  heap_down(g, g.heap_pos[last]);
}

// ---------------------------------------------------------------- hunting

void Engine::hunt(int32_t a_leg, PartyId pilot) {
  int32_t c = legs_[a_leg].call;
  Call& call = calls_[c];
  call.hunt = hunt_of_pilot_[pilot];
  call.hunt_pos = -1;
  call.hunt_first = -1;
  call.hunt_tries = 0;
  ++hunt_groups_[call.hunt].calls;
  hunt_next(a_leg);
}

int Engine::hunt_pick(HuntGroup& g, int32_t c) {
  const Call& call = calls_[c];
  const int n = static_cast<int>(g.members.size());
  for (;;) {
    int i = -1;
    switch (g.algorithm) {
      case HuntGroup::linear:  // first free from the top, then onwards past the members tried
        i = next_idle(g, call.hunt_pos + 1, n);
        break;
      case HuntGroup::circular: {  // next free after the one chosen last; once round at most
        if (call.hunt_first < 0) {
          int s = (g.last + 1) % n;
          i = next_idle(g, s, n);
          if (i < 0) i = next_idle(g, 0, s);
        } else {
          int s = call.hunt_pos + 1 == n ? 0 : call.hunt_pos + 1, f = call.hunt_first;
          if (s > f) {
            i = next_idle(g, s, n);
            if (i < 0) i = next_idle(g, 0, f);
          } else {
            i = next_idle(g, s, f);
          }
        }
        break;
      }
      case HuntGroup::longest_idle:
        i = g.heap.empty() ? -1 : g.heap.front();
        break;
      case HuntGroup::ring_all:
        break;
    }
    if (i < 0) return -1;
    if (member_idle(g.members[i])) return i;
    set_member_idle(g, i, false);  // a change no hook reported: correct it and look on
  }
}

void Engine::hunt_next(int32_t a_leg) {
  int32_t c = legs_[a_leg].call;
  HuntGroup& g = hunt_groups_[calls_[c].hunt];
  RingInfo info;  // the prime line, no reason: an ordinary ringing at the member's desk phone
  if (g.algorithm == HuntGroup::ring_all) {
    if (calls_[c].hunt_tries > 0) return hunt_exhausted(a_leg);  // one round: nobody answered
    calls_[c].hunt_tries = 1;
    bool any = false;
    for (size_t w = 0; w < g.idle_bits.size(); ++w) {
      for (uint64_t bits = g.idle_bits[w]; bits; bits &= bits - 1) {
        int i = static_cast<int>((w << 6) + static_cast<size_t>(__builtin_ctzll(bits)));
        PartyId m = g.members[i];
        if (!member_idle(m)) {
          set_member_idle(g, i, false);
          continue;
        }
        emit(g.pilot, c, Ev::hunt, tracing() ? "member=" + party_name(m) : std::string());
        if (ring(a_leg, m, info) != kNone) any = true;
        if (legs_[a_leg].state != LegState::ringback) return;  // a voice mail member answered
      }
    }
    if (!any) return hunt_exhausted(a_leg);
    if (g.no_answer > 0) schedule(g.no_answer, TimerKind::hunt_no_answer, a_leg, legs_[a_leg].gen, 1);
    return;
  }
  while (calls_[c].hunt_tries < g.members.size()) {
    int i = hunt_pick(g, c);
    if (i < 0) break;
    Call& call = calls_[c];
    ++call.hunt_tries;
    call.hunt_pos = i;
    if (call.hunt_first < 0) call.hunt_first = i;
    g.last = i;
    PartyId m = g.members[i];
    emit(g.pilot, c, Ev::hunt, tracing() ? "member=" + party_name(m) : std::string());
    if (ring(a_leg, m, info) == kNone) continue;  // an outside member and the trunk is full
    if (g.no_answer > 0 && legs_[a_leg].state == LegState::ringback)
      schedule(g.no_answer, TimerKind::hunt_no_answer, a_leg, legs_[a_leg].gen,
               static_cast<uint8_t>(calls_[c].hunt_tries));
    return;
  }
  hunt_exhausted(a_leg);
}

void Engine::hunt_no_answer(const Timer& t) {
  int32_t a_leg = t.slot;
  Leg& leg = legs_[a_leg];
  if (leg.gen != t.gen || leg.state != LegState::ringback) return;
  int32_t c = leg.call;
  if (calls_[c].hunt == kNone || static_cast<uint8_t>(calls_[c].hunt_tries) != t.arg) return;
  stop_ringing_all(c, kNone, "no-answer");  // the member(s) stop ringing; the caller waits on
  hunt_next(a_leg);
}

void Engine::hunt_exhausted(int32_t a_leg) {
  int32_t c = legs_[a_leg].call;
  HuntGroup& g = hunt_groups_[calls_[c].hunt];
  if (g.overflow == kNone || calls_[c].hunt_overflows >= kMaxOverflows) {
    ++g.blocked;
    tone(a_leg, Ev::busy);  // blocked, cleared (HG-2)
    return;
  }
  ++g.overflowed;
  ++calls_[c].hunt_overflows;
  if (calls_[c].stream >= 0) ++traffic_[calls_[c].stream].overflowed;
  emit(g.pilot, c, Ev::overflow, tracing() ? "to=" + party_name(g.overflow) : std::string());
  if (!g.announcement.empty()) emit(legs_[a_leg].party, c, Ev::prompt, tracing() ? g.announcement : std::string());
  PartyId to = g.overflow;
  if (devices_[to].kind == PartyKind::hunt) return hunt(a_leg, to);
  // An overflow call rings the destination's prime desk phone only (DE-2): offer, not deliver.
  offer(a_leg, to, 0);
}

}  // namespace telsim
