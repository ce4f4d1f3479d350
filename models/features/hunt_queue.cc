// Hunt group queues (SPEC TQ-1). A caller who finds no member free waits in first-come order
// (`queued position=N` at the pilot), hears the group's announcement once and then music; a member
// going free takes the head at once (after the event that freed it, so the core is never re-entered
// in the middle of releasing a leg); a member that does not answer within the no-answer time is
// never offered that call again, and the call rings the next free member or goes back to the head.
//
// Decisions where the rule leaves room (docs/format.md, the profiles):
//  - max-wait counts from the call's first entry into this group's queue; a call put back at the
//    head keeps that deadline, and one whose deadline passed while a member rang leaves at once;
//  - a call put back at the head is never refused for a full queue (the place was its own);
//  - a call every member has refused leaves as if nobody answered (HG-2: overflow, else busy);
//  - music-on-hold is heard on every entry, the announcement only on the first.
#include "models/features/hunt_queue.h"

#include <algorithm>

#include "models/features/hunt_groups.h"

namespace telsim {

HuntQueues::HuntQueues(Engine& e, std::vector<HuntGroup>& groups, uint8_t owner)
    : e_(e), groups_(groups), owner_(owner), queues_(groups.size()) {
  for (size_t g = 0; g < groups.size(); ++g) {
    const PartyDef& def = *e.device(groups[g].pilot).def;
    queues_[g].places = def.queue;
    queues_[g].max_wait = def.max_wait;
  }
}

HuntQueues::Waiter* HuntQueues::find(int32_t call) { return waiters_.find(call, e_.calls_[call].gen); }
const HuntQueues::Waiter* HuntQueues::find(int32_t call) const {
  return waiters_.find(call, e_.calls_[call].gen);
}
HuntQueues::Waiter& HuntQueues::at(int32_t call) { return waiters_.at(call, e_.calls_[call].gen); }

bool HuntQueues::queued(int32_t call) const {
  const Waiter* w = find(call);
  return w && w->ticket != 0;
}

bool HuntQueues::announced(int32_t call) const {
  const Waiter* w = find(call);
  return w && w->announced;
}

bool HuntQueues::member_idle(PartyId p) const {
  const Device& d = e_.devices_[p];
  if (d.kind == PartyKind::voicemail) return true;
  if (d.kind == PartyKind::hunt) return false;
  if (d.active != kNone || !d.alerting.empty()) return false;
  for (int32_t l : d.line_leg)
    if (l != kNone) return false;
  return true;
}

int HuntQueues::pick(const HuntGroup& g, const Waiter& w) const {
  const int n = static_cast<int>(g.members.size());
  auto usable = [&](int i) {
    return member_idle(g.members[i]) &&
           std::find(w.refused.begin(), w.refused.end(), g.members[i]) == w.refused.end();
  };
  // Walks the idle members only (models/idle_members.h): busy members cost nothing.
  auto first_usable = [&](int from, int to) {
    for (int i = g.idle.next(from, to); i >= 0; i = g.idle.next(i + 1, to))
      if (usable(i)) return i;
    return -1;
  };
  switch (g.algorithm) {
    case HuntGroup::linear:
    case HuntGroup::ring_all:
      return first_usable(0, n);
    case HuntGroup::circular: {
      int s = (g.last + 1) % n;
      int i = first_usable(s, n);
      return i >= 0 ? i : first_usable(0, s);
    }
    case HuntGroup::longest_idle:
      // In idle order, longest first: the first that has not refused the call.
      for (int32_t i = g.longest.front(); i != IdleQueue::kNone; i = g.longest.after(i))
        if (usable(i)) return i;
      return -1;
  }
  return -1;
}

bool HuntQueues::offer_to(int32_t a_leg, int32_t group, Waiter& w) {
  HuntGroup& g = groups_[group];
  const int32_t c = e_.legs_[a_leg].call;
  const uint32_t gen = e_.legs_[a_leg].gen;
  bool rang = false;
  for (;;) {
    int i = pick(g, w);
    if (i < 0) break;
    PartyId m = g.members[i];
    g.last = i;
    e_.emit(g.pilot, c, Ev::hunt, e_.tracing() ? "member=" + e_.party_name(m) : std::string());
    int32_t b = e_.ring(a_leg, m, RingInfo{});
    if (!e_.leg_alive(a_leg, gen) || e_.legs_[a_leg].state != LegState::ringback) return true;  // answered at once
    if (b == kNone) {  // an outside member and the trunk is full: it cannot take this call
      w.refused.push_back(m);
      continue;
    }
    if (!rang && !e_.calls_[c].quiet) e_.emit(e_.legs_[a_leg].party, c, Ev::ringback);  // the music stops
    rang = true;
    if (g.algorithm != HuntGroup::ring_all) break;
  }
  if (!rang) return false;
  if (g.no_answer > 0) {
    w.ring = static_cast<uint8_t>((w.ring + 1) % 254);
    schedule(g.no_answer, static_cast<uint8_t>(kNoAnswer + w.ring), encode(a_leg), gen);
  }
  return true;
}

void HuntQueues::enqueue(int32_t a_leg, int32_t group, bool at_head) {
  Queue& q = queues_[group];
  HuntGroup& g = groups_[group];
  const int32_t c = e_.legs_[a_leg].call;
  Waiter& w = at(c);
  w.group = group;
  w.ticket = next_ticket_++;
  if (next_ticket_ == 0) next_ticket_ = 1;
  Entry entry{c, e_.calls_[c].gen, w.ticket};
  if (at_head) q.entries.push_front(entry);
  else q.entries.push_back(entry);
  ++q.live;
  q.counts.longest = std::max(q.counts.longest, q.live);
  if (!w.queued_once) {
    w.queued_once = true;
    ++q.counts.queued;
    if (q.max_wait > 0) {
      w.deadline = e_.now() + q.max_wait;
      schedule(q.max_wait, kMaxWait, encode(a_leg), e_.legs_[a_leg].gen);
    }
  }
  e_.legs_[a_leg].state = LegState::ringback;  // the caller waits for an answer (hearing music)
  e_.watch_leg(a_leg, owner_);                 // a hang-up while waiting leaves the queue
  e_.emit(g.pilot, c, Ev::queued,
          e_.tracing() ? "position=" + std::to_string(at_head ? 1 : q.live) : std::string());
  PartyId caller = e_.legs_[a_leg].party;
  if (!w.announced) {
    w.announced = true;
    if (!g.announcement.empty()) e_.emit(caller, c, Ev::prompt, e_.tracing() ? g.announcement : std::string());
  }
  e_.emit(caller, c, Ev::music_on_hold);
  e_.traffic_queue(c, true);
}

void HuntQueues::dequeue(int32_t call, Waiter& w, const char* reason) {
  Queue& q = queues_[w.group];
  w.ticket = 0;
  --q.live;
  while (!q.entries.empty()) {  // drop what is gone from the head
    const Entry& h = q.entries.front();
    const Waiter* hw = waiters_.find(h.call, h.call_gen);
    if (hw && hw->ticket == h.ticket) break;
    q.entries.pop_front();
  }
  if (q.live == 0) q.entries.clear();
  int32_t a = e_.calls_[call].a_leg;
  if (a != kNone) e_.unwatch_leg(a, owner_);
  e_.emit(groups_[w.group].pilot, call, Ev::dequeued,
          e_.tracing() ? std::string("reason=") + reason : std::string());
  e_.traffic_queue(call, false);
}

bool HuntQueues::take(int32_t a_leg, int32_t group) { return take_at(a_leg, group, false); }

// A call that rang members in vain goes in at the head: it came before anyone waiting.
bool HuntQueues::take_at(int32_t a_leg, int32_t group, bool at_head) {
  Queue& q = queues_[group];
  if (q.places == 0) return false;
  const int32_t c = e_.legs_[a_leg].call;
  Waiter& w = at(c);
  if (w.group != group) {  // first time in this group (perhaps overflowed from another's queue)
    w = Waiter{};  // a new group plays its own announcement
    w.group = group;
  }
  if (w.gone) return false;
  if (w.queued_once) {
    if (q.max_wait > 0 && e_.now() >= w.deadline) {
      w.gone = true;
      ++q.counts.max_wait;
      return false;
    }
    enqueue(a_leg, group, true);
    return true;
  }
  if (q.places > 0 && q.live >= static_cast<size_t>(q.places)) {
    ++q.counts.full;
    return false;  // a full queue is as every member busy (HG-2)
  }
  enqueue(a_leg, group, at_head);
  return true;
}

void HuntQueues::member_free(int32_t group) {
  Queue& q = queues_[group];
  if (q.live == 0 || q.serve_due) return;
  q.serve_due = true;
  schedule(0, kServe, encode(group), 0);
}

void HuntQueues::serve(int32_t group) {
  Queue& q = queues_[group];
  q.serve_due = false;
  HuntGroup& g = groups_[group];
  for (size_t k = 0; k < q.entries.size() && q.live > 0;) {
    Entry entry = q.entries[k];
    Waiter* w = waiters_.find(entry.call, entry.call_gen);
    if (!w || w->ticket != entry.ticket) {
      q.entries.erase(q.entries.begin() + static_cast<long>(k));
      continue;
    }
    if (g.idle.count() == 0) break;  // nobody free: nobody in line can be served
    if (pick(g, *w) < 0) {  // every free member refused this call: the next in line may take one
      ++k;
      continue;
    }
    q.entries.erase(q.entries.begin() + static_cast<long>(k));
    int32_t a = e_.calls_[entry.call].a_leg;
    dequeue(entry.call, *w, "member");
    ++q.counts.served;
    offer_to(a, group, *w);
  }
}

int32_t HuntQueues::no_answer(int32_t a_leg, int32_t group) {
  const int32_t c = e_.legs_[a_leg].call;
  Waiter& w = at(c);
  if (w.group != group) {
    w = Waiter{};
    w.group = group;
  }
  for (int32_t l : e_.calls_[c].ringing) w.refused.push_back(e_.legs_[l].party);
  e_.stop_ringing_all(c, kNone, "no-answer");
  const HuntGroup& g = groups_[group];
  size_t refused = 0;
  for (PartyId m : g.members) refused += std::find(w.refused.begin(), w.refused.end(), m) != w.refused.end();
  if (refused >= g.members.size()) {  // nobody is left to offer it to (HG-2: overflow, else busy)
    w.gone = true;
    return a_leg;
  }
  if (offer_to(a_leg, group, w)) return kNone;
  return take_at(a_leg, group, true) ? kNone : a_leg;
}

int32_t HuntQueues::timer(const Timer& t) {
  if (t.what == kServe) {
    serve(-2 - t.slot);
    return kNone;
  }
  int32_t leg = -2 - t.slot;
  if (!e_.leg_alive(leg, t.gen)) return kNone;
  int32_t c = e_.legs_[leg].call;
  Waiter* w = find(c);
  if (!w) return kNone;
  if (t.what == kMaxWait) {
    if (w->ticket == 0 || e_.now() < w->deadline) return kNone;  // ringing a member now, or another group's
    Queue& q = queues_[w->group];
    // out of the entries: the entry goes stale
    dequeue(c, *w, "max-wait");
    ++q.counts.max_wait;
    w->gone = true;
    return leg;
  }
  if (e_.legs_[leg].state != LegState::ringback || w->ticket != 0 || t.what != kNoAnswer + w->ring) return kNone;
  return no_answer(leg, w->group);
}

void HuntQueues::leg_ending(int32_t leg) {
  int32_t c = e_.legs_[leg].call;
  if (c == kNone || e_.calls_[c].a_leg != leg) return;
  Waiter* w = find(c);
  if (!w || w->ticket == 0) return;
  ++queues_[w->group].counts.abandoned;
  dequeue(c, *w, "abandoned");
}

std::string HuntQueues::check_timer(const Timer& t) const {
  if (t.what == kServe) {
    int32_t g = -2 - t.slot;
    if (g < 0 || static_cast<size_t>(g) >= queues_.size())
      return "stale-timer: hunt queue timer for group " + std::to_string(g) + ", which does not exist";
    return {};
  }
  int32_t leg = -2 - t.slot;
  if (leg < 0 || static_cast<size_t>(leg) >= e_.legs_.size())
    return "stale-timer: hunt queue timer for leg " + std::to_string(leg) + ", which does not exist";
  return {};
}

bool HuntQueues::check(std::string* why) const {
  for (size_t g = 0; g < queues_.size(); ++g) {
    size_t live = 0;
    for (const Entry& entry : queues_[g].entries) {
      const Waiter* w = waiters_.find(entry.call, entry.call_gen);
      if (!w || w->ticket != entry.ticket) continue;
      ++live;
      const Call& call = e_.calls_[entry.call];
      if (!call.live || call.a_leg == kNone || e_.legs_[call.a_leg].state != LegState::ringback || !call.ringing.empty()) {
        *why = "hunt-queue: hunt group " + e_.number(groups_[g].pilot) + " holds a call that is not waiting";
        return false;
      }
    }
    if (live != queues_[g].live) {
      *why = "hunt-queue: hunt group " + e_.number(groups_[g].pilot) + " counts " + std::to_string(queues_[g].live) +
             " waiting but holds " + std::to_string(live);
      return false;
    }
  }
  return true;
}

}  // namespace telsim
