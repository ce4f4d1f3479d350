// Hunt groups (SPEC HG-1..HG-4): a call to a pilot number rings a free member chosen by the group's
// algorithm; a member that does not answer in the group's no-answer time is skipped for the next;
// when none is free or none answers the call overflows (announcement first) or the caller gets busy.
//
// Decision points: `pilot` (a call reaches a pilot number), `party_changed` and `check` for the
// members it watches (idle tracking, hunt-idle), and its own no-answer timer (`what` is the try's
// number, so a timer from an earlier try is stale). Its per-call state (the group hunting for it,
// the cursor, the tries) is a side table of the box.
//
// Hunt calls ring members with ring() directly, not through deliver(): members' forwarding and
// associated destinations do not apply (HG-1, HG-3, DE-2); only the prime line of the member's own
// phone rings. A member is busy while any of its lines rings or is in use, whatever the call.
//
// Idle members are tracked incrementally (the core tells the box when a watched member's lines
// change; models/idle_members.h), O(1) per change: a choice costs a few word operations for linear
// and circular (a bitset with a summary, find-first-set) and O(1) for longest-idle (the idle
// members in the order they became idle), never an O(M) scan.
#include <algorithm>

#include "models/box.h"
#include "models/features/hunt_groups.h"
#include "models/features/hunt_queue.h"

namespace telsim {

namespace {
constexpr uint8_t kMaxOverflows = 8;  // a chain of groups overflowing into each other ends here

// The first idle member in [from, to), or -1.
int next_idle(const HuntGroup& g, int from, int to) { return g.idle.next(from, to); }
}  // namespace


class HuntGroups : public Box {
 public:
  HuntGroups(Engine& e, uint8_t index, const char* name) : Box(e, index, name) {
    join(Point::pilot);
    join(Point::party_changed);
    join(Point::check);
    join(Point::leg_ending);  // a queued caller hanging up (TQ-1)
    build_hunt_groups();
    queues_ = std::make_unique<HuntQueues>(e, hunt_groups_, index);
  }
  void notice(Point p, Ask& ask) override {
    if (p == Point::leg_ending) queues_->leg_ending(ask.leg);
  }

  bool decide(Point p, Ask& ask) override {
    if (p != Point::pilot || hunt_of_pilot_[ask.party] == kNone) return false;
    hunt(ask.leg, ask.party);
    return true;
  }
  bool wants(Point p, const Ask& ask) const override {
    return p == Point::pilot && hunt_of_pilot_[ask.party] != kNone;
  }
  void party_changed(PartyId p) override { hunt_member_changed(p); }
  void timer(const Timer& t) override {
    if (t.slot < 0) {  // the queue's own (models/features/hunt_queue.h)
      int32_t leg = queues_->timer(t);
      if (leg != kNone) hunt_exhausted(leg);
      return;
    }
    hunt_no_answer(t);
  }
  bool check_device(PartyId p, std::string* why) const override;
  std::string check_timer(const Timer& t, int32_t* call) const override {
    if (t.slot < 0) return queues_->check_timer(t);
    if (t.slot < 0 || static_cast<size_t>(t.slot) >= legs_.size())
      return "stale-timer: hunt no-answer timer for leg " + std::to_string(t.slot) + ", which does not exist";
    const Leg& l = legs_[t.slot];
    if (l.gen != t.gen) return {};  // stale: a no-op, as it should be
    if (l.state == LegState::free || l.call == kNone || !calls_[l.call].live)
      return "stale-timer: hunt no-answer timer fires for " + e_.describe_leg(t.slot) + ", whose call has ended";
    *call = l.call;
    return {};
  }
  const char* timer_name(uint8_t) const override { return "hunt no-answer"; }
  // SPEC SC-2: a caller waiting in a hunt group's queue is `queued`.
  void describe_state(PartyId p, std::vector<std::string>* states) const override {
    for (int32_t l : party_legs(p))
      if (calls_[legs_[l].call].a_leg == l && queues_->queued(legs_[l].call)) {
        states->push_back("queued");
        return;
      }
  }

  std::vector<HuntGroup> hunt_groups_;
  std::unique_ptr<HuntQueues> queues_;

 private:
  struct HuntCall {
    int32_t group = kNone;    // the group hunting for it now
    int32_t pos = -1;         // the member tried last for this call (linear/circular cursor)
    int32_t first = -1;       // the member tried first (circular: once round)
    uint16_t tries = 0;       // members tried for this call in this group
    uint8_t overflows = 0;    // overflow hops so far (bounds chains of groups overflowing)
  };
  HuntCall& hc(int32_t c) { return calls_table_.at(c, calls_[c].gen); }
  SlotTable<HuntCall> calls_table_;
  std::vector<int32_t> hunt_of_pilot_;  // per device: its hunt group index, or kNone
  // A device's place in a group, with its busy seconds there: what a member's change touches, in
  // one cache line per group. Entry p is device p's newest membership (group kNone: it belongs to
  // none); the older ones follow devices_.size() onwards, linked through `next`.
  struct Membership {
    int32_t group = kNone, index = 0, next = kNone;
    double busy_total = 0, busy_since = 0;  // busy seconds up to busy_since; busy since then
  };
  std::vector<Membership> memberships_;

 public:
  void build_hunt_groups() {
    hunt_of_pilot_.assign(devices_.size(), kNone);
    struct Joined { PartyId device; int32_t group, index; };
    std::vector<Joined> joined;  // in setup order
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
      g.idle.assign(n);
      g.membership.assign(n, kNone);
      if (g.algorithm == HuntGroup::longest_idle) g.longest.assign(n);
      int32_t gi = static_cast<int32_t>(hunt_groups_.size());
      hunt_of_pilot_[p] = gi;
      for (size_t i = 0; i < n; ++i) {
        PartyId m = g.members[i];
        joined.push_back(Joined{m, gi, static_cast<int32_t>(i)});
        watch_device(m);  // its lines changing makes it busy or idle for the group
      }
      hunt_groups_.push_back(std::move(g));
    }
    // A device's memberships newest first (the order its freed member reaches the groups' queues).
    memberships_.assign(devices_.size(), Membership{});
    std::vector<int32_t> last(devices_.size(), kNone);
    for (auto j = joined.rbegin(); j != joined.rend(); ++j) {
      int32_t at = j->device;
      if (memberships_[at].group != kNone) {
        at = static_cast<int32_t>(memberships_.size());
        memberships_.push_back(Membership{});
        memberships_[last[j->device]].next = at;
      }
      memberships_[at].group = j->group;
      memberships_[at].index = j->index;
      last[j->device] = at;
      hunt_groups_[j->group].membership[j->index] = at;
    }
    // Everyone starts idle (since time 0), in member order for longest-idle ties.
    for (HuntGroup& g : hunt_groups_)
      for (size_t i = 0; i < g.members.size(); ++i)
        if (member_idle(g.members[i])) {
          g.idle.set(i, true);
          if (g.algorithm == HuntGroup::longest_idle) g.longest.push(static_cast<int32_t>(i), 0);
        }
  }

  bool member_idle(PartyId p) const {
    const Device& d = devices_[p];
    if (d.kind == PartyKind::voicemail) return true;  // takes any number of calls
    if (d.kind == PartyKind::hunt) return false;     // groups are not members of groups (documented)
    if (d.active != kNone || !d.alerting.empty()) return false;
    for (int32_t l : d.line_leg)
      if (l != kNone) return false;
    return true;
  }

  void hunt_member_changed(PartyId p) {
    if (memberships_[p].group == kNone) return;
    bool idle = member_idle(p);
    for (int32_t m = p; m != kNone; m = memberships_[m].next)
      set_member_idle(hunt_groups_[memberships_[m].group], memberships_[m], idle);
    if (idle)
      for (int32_t m = p; m != kNone; m = memberships_[m].next) queues_->member_free(memberships_[m].group);
  }

  void set_member_idle(HuntGroup& g, Membership& ms, bool idle) {
    const int i = ms.index;
    if (!g.idle.set(static_cast<size_t>(i), idle)) return;
    if (idle) {
      ms.busy_total += now() - ms.busy_since;
      if (g.algorithm == HuntGroup::longest_idle) g.longest.push(i, now());
    } else {
      ms.busy_since = now();
      if (g.algorithm == HuntGroup::longest_idle) g.longest.remove(i);
    }
  }
  void set_member_idle(HuntGroup& g, int i, bool idle) { set_member_idle(g, memberships_[g.membership[i]], idle); }

  double member_busy_seconds(int group, int i) const {
    const HuntGroup& g = hunt_groups_[group];
    const Membership& ms = memberships_[g.membership[i]];
    return ms.busy_total + (g.idle.idle(static_cast<size_t>(i)) ? 0 : now() - ms.busy_since);
  }

  // ---------------------------------------------------------------- hunting

  void hunt(int32_t a_leg, PartyId pilot) {
    int32_t c = legs_[a_leg].call;
    HuntCall& call = hc(c);
    call.group = hunt_of_pilot_[pilot];
    call.pos = -1;
    call.first = -1;
    call.tries = 0;
    ++hunt_groups_[call.group].calls;
    hunt_next(a_leg);
  }

  int hunt_pick(HuntGroup& g, const HuntCall& call) {
    const int n = static_cast<int>(g.members.size());
    for (;;) {
      int i = -1;
      switch (g.algorithm) {
        case HuntGroup::linear:  // first free from the top, then onwards past the members tried
          i = next_idle(g, call.pos + 1, n);
          break;
        case HuntGroup::circular: {  // next free after the one chosen last; once round at most
          if (call.first < 0) {
            int s = (g.last + 1) % n;
            i = next_idle(g, s, n);
            if (i < 0) i = next_idle(g, 0, s);
          } else {
            int s = call.pos + 1 == n ? 0 : call.pos + 1, f = call.first;
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
          i = g.longest.empty() ? -1 : g.longest.front();
          break;
        case HuntGroup::ring_all:
          break;
      }
      if (i < 0) return -1;
      if (member_idle(g.members[i])) return i;
      set_member_idle(g, i, false);  // a change no hook reported: correct it and look on
    }
  }

  void hunt_next(int32_t a_leg) {
    int32_t c = legs_[a_leg].call;
    HuntCall* call = &hc(c);
    HuntGroup& g = hunt_groups_[call->group];
    RingInfo info;  // the prime line, no reason: an ordinary ringing at the member's desk phone
    if (g.algorithm == HuntGroup::ring_all) {
      if (call->tries > 0) return hunt_exhausted(a_leg);  // one round: nobody answered
      call->tries = 1;
      bool any = false;
      // Every idle member rings (ring-all's cost is the idle members', by design); ringing makes
      // a member busy, so each is found from the one after the last.
      const int n = static_cast<int>(g.members.size());
      for (int i = g.idle.next(0, n); i >= 0; i = g.idle.next(i + 1, n)) {
        PartyId m = g.members[i];
        if (!member_idle(m)) {
          set_member_idle(g, i, false);
          continue;
        }
        emit(g.pilot, c, Ev::hunt, tracing() ? "member=" + party_name(m) : std::string());
        if (ring(a_leg, m, info) != kNone) any = true;
        if (legs_[a_leg].state != LegState::ringback) return;  // a voice mail member answered
      }
      if (!any) return hunt_exhausted(a_leg);
      if (g.no_answer > 0) schedule(g.no_answer, 1, a_leg, legs_[a_leg].gen);
      return;
    }
    while (call->tries < g.members.size()) {
      int i = hunt_pick(g, *call);
      if (i < 0) break;
      ++call->tries;
      call->pos = i;
      if (call->first < 0) call->first = i;
      g.last = i;
      PartyId m = g.members[i];
      emit(g.pilot, c, Ev::hunt, tracing() ? "member=" + party_name(m) : std::string());
      int32_t b = ring(a_leg, m, info);
      call = &hc(c);  // (ring() hunts no other call, but the table is the box's to grow)
      if (b == kNone) continue;  // an outside member and the trunk is full
      if (g.no_answer > 0 && legs_[a_leg].state == LegState::ringback)
        schedule(g.no_answer, static_cast<uint8_t>(call->tries), a_leg, legs_[a_leg].gen);
      return;
    }
    hunt_exhausted(a_leg);
  }

  void hunt_no_answer(const Timer& t) {
    int32_t a_leg = t.slot;
    Leg& leg = legs_[a_leg];
    if (leg.gen != t.gen || leg.state != LegState::ringback) return;
    int32_t c = leg.call;
    if (hc(c).group == kNone || static_cast<uint8_t>(hc(c).tries) != t.what) return;
    if (queues_->has_queue(hc(c).group)) {  // never offered again to this member; next or queue head
      int32_t out = queues_->no_answer(a_leg, hc(c).group);
      if (out != kNone) hunt_exhausted(out);
      return;
    }
    stop_ringing_all(c, kNone, "no-answer");  // the member(s) stop ringing; the caller waits on
    hunt_next(a_leg);
  }

  void hunt_exhausted(int32_t a_leg) {
    int32_t c = legs_[a_leg].call;
    if (queues_->take(a_leg, hc(c).group)) return;  // waits in the group's queue (TQ-1)
    HuntGroup& g = hunt_groups_[hc(c).group];
    if (g.overflow == kNone || hc(c).overflows >= kMaxOverflows) {
      ++g.blocked;
      tone(a_leg, Ev::busy);  // blocked, cleared (HG-2)
      return;
    }
    ++g.overflowed;
    ++hc(c).overflows;
    emit(g.pilot, c, Ev::overflow, tracing() ? "to=" + party_name(g.overflow) : std::string());
    if (!g.announcement.empty() && !queues_->announced(c)) emit(legs_[a_leg].party, c, Ev::prompt, tracing() ? g.announcement : std::string());
    PartyId to = g.overflow;
    if (devices_[to].kind == PartyKind::hunt) return hunt(a_leg, to);
    // Overflow is not a hunt to a member (HG-1 exempts members only): the destination's own
    // forwarding applies, but the call rings its prime desk phone only (DE-2).
    e_.deliver(a_leg, to, 0, /*prime_only=*/true);
  }

};

// Hunt groups track which members are idle; a stale bit hunts wrongly.
bool HuntGroups::check_device(PartyId p, std::string* why) const {
  const std::string& n = number(p);
  bool idle = member_idle(p);
  for (int32_t m = memberships_[p].group == kNone ? kNone : p; m != kNone; m = memberships_[m].next) {
    const HuntGroup& g = hunt_groups_[memberships_[m].group];
    int i = memberships_[m].index;
    bool bit = g.idle.idle(static_cast<size_t>(i));
    if (bit != idle) {
      *why = std::string("hunt-idle: hunt group ") + number(g.pilot) + " counts member " + n + (bit ? " idle" : " busy") +
             " but it is " + (idle ? "idle" : "busy");
      return false;
    }
    // O(1): the queue's size against the bitset's count, and this member's place in the queue.
    if (g.algorithm == HuntGroup::longest_idle &&
        (g.longest.size() != g.idle.count() || g.longest.contains(i) != bit)) {
      *why = "hunt-idle: hunt group " + number(g.pilot) + " has " + std::to_string(g.longest.size()) +
             " members in its longest-idle queue but " + std::to_string(g.idle.count()) + " idle";
      return false;
    }
  }
  return true;
}

std::unique_ptr<Box> make_hunt_groups(Engine& e, uint8_t index, const char* name) {
  return std::make_unique<HuntGroups>(e, index, name);
}

namespace {
const HuntGroups* find(const Engine& e) { return dynamic_cast<const HuntGroups*>(e.box("hunt-groups")); }
}  // namespace

const std::vector<HuntGroup>& hunt_groups(const Engine& e) {
  static const std::vector<HuntGroup> none;
  const HuntGroups* h = find(e);
  return h ? h->hunt_groups_ : none;
}

double member_busy_seconds(const Engine& e, int group, int member) {
  return find(e)->member_busy_seconds(group, member);
}

const HuntQueues* hunt_queues(const Engine& e) {
  const HuntGroups* h = find(e);
  return h ? h->queues_.get() : nullptr;
}

HuntGroup* hunt_group_for_test(Engine& e, size_t group) {
  auto* h = const_cast<HuntGroups*>(find(e));
  return h && group < h->hunt_groups_.size() ? &h->hunt_groups_[group] : nullptr;
}

}  // namespace telsim
