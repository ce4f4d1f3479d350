// The switch's own timer heap: (time, insertion order) ordered, so equal times run first-in first-out
// and every run is deterministic. Entries are small plain structs; a timer whose owner has moved on
// is not removed but recognised as stale when it fires (generation numbers), which keeps both
// scheduling and cancelling O(log n) / O(1).
#pragma once
#include <cstdint>
#include <limits>
#include <queue>
#include <vector>

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
  void push(double at, TimerKind kind, int32_t slot, uint32_t gen, uint8_t owner = 0, uint8_t what = 0) {
    heap_.push(Timer{at, seq_++, kind, owner, what, slot, gen});
  }
  bool empty() const { return heap_.empty(); }
  double next_time() const {
    return heap_.empty() ? std::numeric_limits<double>::infinity() : heap_.top().at;
  }
  Timer pop() {
    Timer t = heap_.top();
    heap_.pop();
    return t;
  }
  size_t size() const { return heap_.size(); }

 private:
  struct Later {
    bool operator()(const Timer& a, const Timer& b) const {
      return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    }
  };
  std::priority_queue<Timer, std::vector<Timer>, Later> heap_;
  uint64_t seq_ = 0;
};

}  // namespace telsim
