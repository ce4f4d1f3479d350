// The timer heap of drawn durations (models/event_queue.h): a 4-ary min-heap. With thousands of
// talk timers pending (a large hunt group, a big site) a pop walks half the levels of a binary
// heap, and its children sit side by side in memory: fewer levels, fewer cache misses. The order
// is the caller's total order (time, then insertion), so which timer comes first never depends on
// the heap's shape: runs stay deterministic and give the same results as with any other heap.
#pragma once
#include <cstddef>
#include <utility>
#include <vector>

namespace telsim {

template <class T, class Before>  // Before(a, b): a comes out first
class QuadHeap {
 public:
  explicit QuadHeap(Before before = Before{}) : before_(before) {}
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const T& top() const { return items_.front(); }
  void push(const T& t) {
    size_t i = items_.size();
    items_.push_back(t);
    while (i > 0) {  // sift up
      size_t parent = (i - 1) / 4;
      if (!before_(t, items_[parent])) break;
      items_[i] = items_[parent];
      i = parent;
    }
    items_[i] = t;
  }
  void pop() {
    T last = items_.back();
    items_.pop_back();
    if (items_.empty()) return;
    sift_down(last);
  }
  // pop() then push(t) in one sift from the root (the heap must not be empty): what a stream that
  // has just been served does (its next arrival goes back in), half the work of the two.
  void replace_top(T t) { sift_down(t); }

 private:
  void sift_down(const T& last) {
    const size_t n = items_.size();
    size_t i = 0;
    for (;;) {  // sift `last` down from the root
      size_t first = 4 * i + 1;
      if (first >= n) break;
      size_t best = first, end = first + 4 < n ? first + 4 : n;
      for (size_t c = first + 1; c < end; ++c)
        if (before_(items_[c], items_[best])) best = c;
      if (!before_(items_[best], last)) break;
      items_[i] = items_[best];
      i = best;
    }
    items_[i] = last;
  }

  std::vector<T> items_;
  Before before_;  // may refer to the caller's data (the event queue's ties look up a pool)
};

}  // namespace telsim
