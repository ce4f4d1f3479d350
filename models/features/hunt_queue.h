// Hunt group queues (SPEC TQ-1): the waiting places of a hunt group, owned by the hunt-groups box
// (models/features/hunt_groups.cc), which hands a call here when it finds no member free, when a
// member goes free and when a member does not answer. Kept apart from the box so that the queue's
// rules (first-come order, positions, max-wait, the members a call is never offered again) are in
// one file, and the box's idle tracking in another.
//
// The queue's timers go through the hunt box (its owner index) with a negative slot, which tells
// them from the box's own no-answer timers (slot = the caller's leg, never negative).
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "models/box.h"
#include "models/engine.h"

namespace telsim {

struct HuntGroup;

class HuntQueues {
 public:
  // `groups` is the box's table of groups (one queue per group, sized from the site's rows);
  // `owner` the hunt box's index, for its timers.
  HuntQueues(Engine& e, std::vector<HuntGroup>& groups, uint8_t owner);

  bool has_queue(int32_t group) const { return queues_[group].places != 0; }
  // The box found no free member for the call (or none answered): true when the call now waits
  // (or was put back at the head); false when the queue is full, the call's max-wait is over, or
  // the group has no queue: then the box overflows or gives busy (HG-2).
  bool take(int32_t a_leg, int32_t group);
  // Whether the call waits in a queue now (SPEC SC-2 `queued`).
  bool queued(int32_t call) const;
  // Whether the caller already heard the group's announcement (no second one at overflow).
  bool announced(int32_t call) const;
  // A member of `group` went idle: its queue's head is served once the event is over.
  void member_free(int32_t group);
  // The members ringing for the call did not answer in the no-answer time (the box's timer, or one
  // of the queue's own): they are never offered this call again; the call rings the next free
  // member or goes back to the head of the queue. Returns a leg for the box to overflow or give
  // busy (max-wait already over), else kNone.
  int32_t no_answer(int32_t a_leg, int32_t group);
  // One of the queue's timers (slot < 0). Returns a leg the box should overflow or give busy.
  int32_t timer(const Timer& t);
  // A watched caller's leg ends (it hung up while waiting): out of the queue, `dequeued abandoned`.
  void leg_ending(int32_t leg);
  std::string check_timer(const Timer& t) const;
  // Invariant: every queued entry's call is live and waiting (ringback, nothing ringing).
  bool check(std::string* why) const;

  // Traffic figures per group.
  struct Counts { uint64_t queued = 0, served = 0, abandoned = 0, max_wait = 0, full = 0; size_t longest = 0; };
  const Counts& counts(int32_t group) const { return queues_[group].counts; }
  size_t waiting(int32_t group) const { return queues_[group].live; }

  static constexpr uint8_t kServe = 0, kMaxWait = 1, kNoAnswer = 2;  // timer `what`s

 private:
  struct Entry { int32_t call; uint32_t call_gen, ticket; };
  struct Queue {
    long places = 0;      // 0: none, -1: unlimited
    double max_wait = 0;  // 0: waits until served or the caller hangs up
    std::deque<Entry> entries;  // first come first; entries whose ticket no longer matches are gone
    size_t live = 0;
    bool serve_due = false;
    Counts counts;
  };
  struct Waiter {
    int32_t group = kNone;
    uint32_t ticket = 0;     // nonzero while in the queue
    bool announced = false;  // heard the announcement (once, on entering first)
    bool gone = false;       // the queue gave it up (max-wait, every member refused): it overflows
    bool queued_once = false;
    double deadline = 0;     // max-wait: when the call stops waiting (from its first queueing)
    uint8_t ring = 0;        // the queue's own no-answer timer in force
    std::vector<PartyId> refused;  // members that did not answer this call
  };
  Waiter* find(int32_t call);
  const Waiter* find(int32_t call) const;
  Waiter& at(int32_t call);
  bool take_at(int32_t a_leg, int32_t group, bool at_head);
  void enqueue(int32_t a_leg, int32_t group, bool at_head);
  void dequeue(int32_t call, Waiter& w, const char* reason);
  void serve(int32_t group);
  // A free member of the group that has not refused the call, by the group's algorithm; -1 none.
  int pick(const HuntGroup& g, const Waiter& w) const;
  bool member_idle(PartyId p) const;
  bool offer_to(int32_t a_leg, int32_t group, Waiter& w);  // rings a pick; false when none could ring
  void schedule(double after, uint8_t what, int32_t slot, uint32_t gen) {
    e_.schedule(after, TimerKind::box, slot, gen, owner_, what);
  }
  static int32_t encode(int32_t slot) { return -2 - slot; }

  Engine& e_;
  std::vector<HuntGroup>& groups_;
  uint8_t owner_;
  std::vector<Queue> queues_;
  SlotTable<Waiter> waiters_;
  uint32_t next_ticket_ = 1;
};

}  // namespace telsim
