// The switch's own timers: (time, insertion order) ordered, so equal times run first-in first-out
// and every run is deterministic. Timers of a fixed duration go to FIFO lanes (models/timer_lanes.h),
// drawn durations to a heap. Entries are small plain structs; a timer whose owner has moved on
// is not removed but recognised as stale when it fires (generation numbers), which keeps both
// scheduling and cancelling O(log n) / O(1).
#pragma once
#include <array>
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
  int32_t near = -1;  // a device its event will touch, fetched into the cache ahead (a hint: -1, none)
};

class EventQueue {
 public:
  EventQueue() = default;
  EventQueue(const EventQueue&) = delete;  // the heap's order refers to this queue's own pool
  EventQueue& operator=(const EventQueue&) = delete;
  // A timer of a drawn duration (a traffic caller's talk time): the heap.
  void push(double at, TimerKind kind, int32_t slot, uint32_t gen, uint8_t owner = 0, uint8_t what = 0,
            int32_t near = -1) {
    uint32_t item;
    if (drawn_free_.empty()) {
      item = static_cast<uint32_t>(drawn_.size());
      drawn_.push_back(Timer{at, seq_++, kind, owner, what, slot, gen, near});
    } else {
      item = drawn_free_.back();
      drawn_free_.pop_back();
      drawn_[item] = Timer{at, seq_++, kind, owner, what, slot, gen, near};
    }
    heap_.push(Drawn{at, item});
    placed(0, heap_key());
  }
  // A timer `after` seconds from `now`: the lane of that duration (models/timer_lanes.h), O(1);
  // the heap only when there are more distinct durations than lanes.
  void push_after(double now, double after, TimerKind kind, int32_t slot, uint32_t gen, uint8_t owner = 0,
                  uint8_t what = 0) {
    int lane = lanes_.lane(after);
    if (lane < 0) return push(now + after, kind, slot, gen, owner, what);
    Ring<Timer>& r = lanes_.ring(static_cast<size_t>(lane));
    const bool was_empty = r.empty();
    r.push(Timer{now + after, seq_++, kind, owner, what, slot, gen});
    if (static_cast<size_t>(lane) + 2 > sources_) sources_ = static_cast<size_t>(lane) + 2;
    if (was_empty) placed(static_cast<size_t>(lane) + 1, Key{now + after, seq_ - 1});
    else ++size_;  // a lane's front only changes when it was empty
  }
  bool empty() const { return size_ == 0; }
  double next_time() const { return size_ == 0 ? std::numeric_limits<double>::infinity() : front_[earliest()].at; }
  Timer pop() {
    const size_t s = earliest();
    Timer t;
    if (s == 0) {
      const uint32_t item = heap_.top().item;
      t = drawn_[item];
      drawn_free_.push_back(item);
      heap_.pop();
      front_[0] = heap_.empty() ? kNoKey : heap_key();
    } else {
      Ring<Timer>& r = lanes_.ring(s - 1);
      t = r.pop();
      front_[s] = r.empty() ? kNoKey : Key{r.front().at, r.front().seq};
    }
    --size_;
    stale_ = true;
    return t;
  }
  size_t size() const { return size_; }
  // The timer pop() would return next (the queue must not be empty).
  const Timer& peek() const {
    const size_t s = earliest();
    return s == 0 ? drawn_[heap_.top().item] : lanes_.ring(s - 1).front();
  }

 private:
  // Each source (0: the heap, 1 + i: lane i) keeps the key of its first timer in front_, so the
  // next timer is the least of a few keys in one small array: no lane is walked to find it, and
  // a push only compares its key with the current first when its source's front changed.
  struct Key {
    double at;
    uint64_t seq;
  };
  static constexpr Key kNoKey{std::numeric_limits<double>::infinity(), std::numeric_limits<uint64_t>::max()};
  static bool before(const Key& a, const Key& b) { return a.at < b.at || (a.at == b.at && a.seq < b.seq); }
  // A timer was added to source s, whose first key is now `k` (the same as before when the new
  // timer went behind it).
  void placed(size_t s, Key k) {
    front_[s] = k;
    if (size_++ == 0) {
      earliest_ = s;
      stale_ = false;
    } else if (!stale_ && before(k, front_[earliest_])) {
      earliest_ = s;
    }
  }
  size_t earliest() const {
    if (!stale_) return earliest_;
    size_t best = 0;
    for (size_t i = 1; i < sources_; ++i)  // ties on time go to the timer set first (seq)
      if (before(front_[i], front_[best])) best = i;
    earliest_ = best;
    stale_ = false;
    return best;
  }
  // The heap holds 16-byte entries (the time and where the timer waits in drawn_), not the
  // 32-byte timers: with thousands of talk timers pending its sift-down reads one cache line per
  // level instead of two (the heap was a tenth of a large site's cache misses). Equal times, rare
  // with drawn durations, are ordered by the timers' own insertion order, looked up in the pool.
  struct Drawn {
    double at;
    uint32_t item;
  };
  struct Before {
    const std::vector<Timer>* pool;
    bool operator()(const Drawn& a, const Drawn& b) const {
      return a.at != b.at ? a.at < b.at : (*pool)[a.item].seq < (*pool)[b.item].seq;
    }
  };
  Key heap_key() const { return Key{heap_.top().at, drawn_[heap_.top().item].seq}; }
  std::vector<Timer> drawn_;           // the heap's timers, in slots reused last freed first
  std::vector<uint32_t> drawn_free_;   // free slots of drawn_
  QuadHeap<Drawn, Before> heap_{Before{&drawn_}};  // models/timer_heap.h
  TimerLanes<Timer> lanes_;
  std::array<Key, TimerLanes<Timer>::kMaxLanes + 1> front_ = filled();
  static std::array<Key, TimerLanes<Timer>::kMaxLanes + 1> filled() {
    std::array<Key, TimerLanes<Timer>::kMaxLanes + 1> a;
    a.fill(kNoKey);
    return a;
  }
  // The heap and the lanes opened so far: 1 + lanes_.lanes(), kept as a count because every pop
  // reads it (the vector's size is a division on that path: 0.4% of hunt10's instructions).
  size_t sources_ = 1;
  uint64_t seq_ = 0;
  size_t size_ = 0;
  mutable size_t earliest_ = 0;
  mutable bool stale_ = false;
};

}  // namespace telsim
