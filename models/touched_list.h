// What an event touched (calls or parties), for the cheap invariant checks (models/invariants.cc):
// a fixed array, no allocation and no capacity checks on the path every event takes, and no
// entry repeated back to back (checking the same call twice finds nothing new).
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
  // An event touches the same one or two again and again (a caller and its callee in turn): the
  // last two entries are compared, which keeps this a few instructions on every emit().
  void add(int32_t x) {
    if (n_ > 0 && v_[n_ - 1] == x) return;
    if (n_ > 1 && v_[n_ - 2] == x) return;
    if (n_ < kMax) v_[n_++] = x;
  }
  const int32_t* begin() const { return v_; }
  const int32_t* end() const { return v_ + n_; }

 private:
  int32_t v_[kMax];
  size_t n_ = 0;
};

}  // namespace telsim
