// The switch's own timers: (time, insertion order) ordered, so equal times run first-in first-out
// and every run is deterministic. Timers of a fixed duration go to FIFO lanes (models/timer_lanes.h),
// drawn durations to a heap. Entries are small plain structs; a timer whose owner has moved on
// is not removed but recognised as stale when it fires (generation numbers), which keeps both
// scheduling and cancelling O(log n) / O(1).
#pragma once
#include <cstdint>
#include <limits>
#include <queue>
#include <vector>

#include "models/timer_heap.h"
#include "models/timer_lanes.h"

namespace telsim {

// The core's own timers; every feature timer is `box`: the core hands it back to the box that set
// it (`owner`), which alone knows what its `what` means.
enum class TimerKind : uint8_t {
  deferred_input,  // a person's action reaching the switch after the access delay
  auto_answer,     // a device that answers by itself after ringing for a while
  digit_timeout,   // the inter-digit timer of the dial plan
  talk_end,        // traffic: a caller hangs up after the talk time (`what`: why)
  box,             // a feature box's timer
};

struct Timer {
  double at;
  uint64_t seq;
  TimerKind kind;
  uint8_t owner;  // box: the index of the box that set it
  uint8_t what;   // the owner's own kind of timer
  int32_t slot;   // what the timer belongs to (a leg, a device, a pending input)
  uint32_t gen;   // the owner's generation when scheduled
};

class EventQueue {
 public:
  // A timer of a drawn duration (a traffic caller's talk time): the heap.
  void push(double at, TimerKind kind, int32_t slot, uint32_t gen, uint8_t owner = 0, uint8_t what = 0) {
    heap_.push(Timer{at, seq_++, kind, owner, what, slot, gen});
    ++size_;
    stale_ = true;
  }
  // A timer `after` seconds from `now`: the lane of that duration (models/timer_lanes.h), O(1);
  // the heap only when there are more distinct durations than lanes.
  void push_after(double now, double after, TimerKind kind, int32_t slot, uint32_t gen, uint8_t owner = 0,
                  uint8_t what = 0) {
    int lane = lanes_.lane(after);
    if (lane < 0) return push(now + after, kind, slot, gen, owner, what);
    lanes_.push(lane, Timer{now + after, seq_++, kind, owner, what, slot, gen});
    ++size_;
    stale_ = true;
  }
  bool empty() const { return size_ == 0; }
  double next_time() const {
    int s = earliest();
    return s == kEmpty ? std::numeric_limits<double>::infinity() : s == kHeap ? heap_.top().at
                                                                              : lanes_.ring(s).front().at;
  }
  Timer pop() {
    int s = earliest();
    Timer t;
    if (s == kHeap) {
      t = heap_.top();
      heap_.pop();
    } else {
      t = lanes_.ring(s).pop();
    }
    --size_;
    stale_ = true;
    return t;
  }
  size_t size() const { return size_; }

 private:
  static constexpr int kHeap = -1, kEmpty = -2;
  static bool before(const Timer& a, const Timer& b) { return a.at != b.at ? a.at < b.at : a.seq < b.seq; }
  // Where the next timer is (by time, then the order timers were set): the heap, a lane, or none.
  int earliest() const {
    if (!stale_) return earliest_;
    const Timer* best = heap_.empty() ? nullptr : &heap_.top();
    int where = best ? kHeap : kEmpty;
    for (size_t i = 0; i < lanes_.lanes(); ++i) {
      const Ring<Timer>& r = lanes_.ring(i);
      if (!r.empty() && (!best || before(r.front(), *best))) {
        best = &r.front();
        where = static_cast<int>(i);
      }
    }
    earliest_ = where;
    stale_ = false;
    return where;
  }
  struct Before {
    bool operator()(const Timer& a, const Timer& b) const { return before(a, b); }
  };
  QuadHeap<Timer, Before> heap_;  // models/timer_heap.h
  TimerLanes<Timer> lanes_;
  uint64_t seq_ = 0;
  size_t size_ = 0;
  mutable int earliest_ = kEmpty;
  mutable bool stale_ = false;
};

}  // namespace telsim
