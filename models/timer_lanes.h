// Timer lanes: most of the switch's timers have a fixed duration (a station's auto-answer time, the
// caller's patience, a hunt group's no-answer time, the digit timer, a tone's immediate hang-up).
// Timers of one duration set at a clock that never goes back expire in the order they were set, so
// each duration gets a lane, a first-in first-out ring: O(1) to set and to take, no heap. Only
// timers of drawn durations (a traffic caller's talk time) need the heap (models/event_queue.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace telsim {

// A FIFO ring of T that grows by doubling and never shrinks: memory stays at the peak number of
// timers pending in the lane, however many pass through it.
template <class T>
class Ring {
 public:
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  const T& front() const { return items_[head_]; }
  void push(const T& t) {
    if (size_ == items_.size()) grow();
    items_[(head_ + size_) & (items_.size() - 1)] = t;
    ++size_;
  }
  T pop() {
    T t = items_[head_];
    head_ = (head_ + 1) & (items_.size() - 1);
    --size_;
    return t;
  }

 private:
  void grow() {
    std::vector<T> bigger(items_.empty() ? 16 : 2 * items_.size());
    for (size_t i = 0; i < size_; ++i) bigger[i] = items_[(head_ + i) & (items_.size() - 1)];
    items_.swap(bigger);
    head_ = 0;
  }
  std::vector<T> items_;  // a power of two in size
  size_t head_ = 0, size_ = 0;
};

// Lanes by duration. A duration not seen before opens a lane while there are fewer than kMaxLanes;
// past that, lane() answers -1 and the caller uses its heap.
template <class T>
class TimerLanes {
 public:
  static constexpr size_t kMaxLanes = 16;
  int lane(double duration) {
    for (size_t i = 0; i < durations_.size(); ++i)
      if (durations_[i] == duration) return static_cast<int>(i);
    if (durations_.size() >= kMaxLanes) return -1;
    durations_.push_back(duration);
    rings_.emplace_back();
    return static_cast<int>(durations_.size() - 1);
  }
  size_t lanes() const { return rings_.size(); }
  Ring<T>& ring(size_t i) { return rings_[i]; }
  const Ring<T>& ring(size_t i) const { return rings_[i]; }

 private:
  std::vector<double> durations_;
  std::vector<Ring<T>> rings_;
};

}  // namespace telsim
