// What an event touched (calls or parties), for the cheap invariant checks (models/invariants.cc):
// a fixed array, no allocation and no capacity checks on the path every event takes, each entry
// once (a call or party touched again is already there: checking it twice finds nothing new).
#pragma once
#include <cstddef>
#include <cstdint>

namespace telsim {

class TouchedList {
 public:
  static constexpr size_t kMax = 64;  // a long instant (a feature loop) stops adding: the full walk covers all
  void clear() { n_ = 0; }
  bool empty() const { return n_ == 0; }
  size_t size() const { return n_; }
  void add(int32_t x) {
    for (size_t i = n_; i-- > 0;)  // newest first: an event touches the same few again and again
      if (v_[i] == x) return;
    if (n_ < kMax) v_[n_++] = x;
  }
  const int32_t* begin() const { return v_; }
  const int32_t* end() const { return v_ + n_; }

 private:
  int32_t v_[kMax];
  size_t n_ = 0;
};

}  // namespace telsim
