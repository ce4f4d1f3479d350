// Which members of a hunt group are idle, kept up to date as members change (O(1) per change) so
// that no choice of a member scans the group:
//  - IdleMembers: a bitset over member positions with a summary word per 64 words and a count, so
//    the next idle member at or after a position (linear, circular, ring-all) is found in
//    O(M / 4096) word operations (two words for 5,000 members) and the number of idle members is
//    known at once (the hunt-idle check);
//  - IdleQueue: the idle members in the order they became idle (longest-idle). The clock never
//    goes back, so a member becoming idle is the newest: it joins at the back (after the members
//    that became idle at the same instant with a lower position, for member-order ties), leaves
//    from anywhere in O(1), and the front is the longest idle.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace telsim {

class IdleMembers {
 public:
  void assign(size_t n) {
    n_ = n;
    words_.assign((n + 63) / 64, 0);
    summary_.assign((words_.size() + 63) / 64, 0);
    count_ = 0;
  }
  size_t size() const { return n_; }
  size_t count() const { return count_; }
  bool idle(size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  // Sets member i idle or busy; false when it already was.
  bool set(size_t i, bool idle) {
    uint64_t bit = uint64_t{1} << (i & 63);
    uint64_t& word = words_[i >> 6];
    if (((word & bit) != 0) == idle) return false;
    size_t w = i >> 6;
    uint64_t sbit = uint64_t{1} << (w & 63);
    if (idle) {
      word |= bit;
      summary_[w >> 6] |= sbit;
      ++count_;
    } else {
      word &= ~bit;
      if (!word) summary_[w >> 6] &= ~sbit;
      --count_;
    }
    return true;
  }
  // The first idle member in [from, to), or -1.
  int next(int from, int to) const {
    if (from < 0) from = 0;
    if (from >= to) return -1;
    size_t w = static_cast<size_t>(from) >> 6;
    uint64_t bits = words_[w] & (~uint64_t{0} << (from & 63));
    if (!bits) {
      w = next_word(w + 1);
      if (w == kNoWord) return -1;
      bits = words_[w];
    }
    int i = static_cast<int>((w << 6) + static_cast<size_t>(__builtin_ctzll(bits)));
    return i < to ? i : -1;
  }
  // The raw words, for a test that breaks them on purpose (the check must notice).
  std::vector<uint64_t>& words_for_test() { return words_; }

 private:
  static constexpr size_t kNoWord = static_cast<size_t>(-1);
  // The first non-empty word at or after w, or kNoWord.
  size_t next_word(size_t w) const {
    if (w >= words_.size()) return kNoWord;
    size_t s = w >> 6;
    uint64_t bits = summary_[s] & (~uint64_t{0} << (w & 63));
    while (!bits) {
      if (++s >= summary_.size()) return kNoWord;
      bits = summary_[s];
    }
    return (s << 6) + static_cast<size_t>(__builtin_ctzll(bits));
  }
  size_t n_ = 0, count_ = 0;
  std::vector<uint64_t> words_;    // bit i: member i is idle
  std::vector<uint64_t> summary_;  // bit w: word w has an idle member
};

class IdleQueue {
 public:
  static constexpr int32_t kNone = -1;
  void assign(size_t n) {
    prev_.assign(n, kNone);
    next_.assign(n, kNone);
    since_.assign(n, 0);
    in_.assign(n, 0);
    head_ = tail_ = kNone;
    size_ = 0;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool contains(int32_t i) const { return in_[i] != 0; }
  int32_t front() const { return head_; }
  // Member i became idle at `now` (never earlier than any member already in the queue).
  void push(int32_t i, double now) {
    if (in_[i]) return;
    in_[i] = 1;
    since_[i] = now;
    ++size_;
    // Ties at one instant go in member order: step back over later positions idle since now.
    int32_t after = tail_;
    while (after != kNone && since_[after] == now && after > i) after = prev_[after];
    prev_[i] = after;
    next_[i] = after == kNone ? head_ : next_[after];
    if (next_[i] != kNone) prev_[next_[i]] = i;
    else tail_ = i;
    if (after != kNone) next_[after] = i;
    else head_ = i;
  }
  void remove(int32_t i) {
    if (!in_[i]) return;
    in_[i] = 0;
    --size_;
    if (prev_[i] != kNone) next_[prev_[i]] = next_[i];
    else head_ = next_[i];
    if (next_[i] != kNone) prev_[next_[i]] = prev_[i];
    else tail_ = prev_[i];
    prev_[i] = next_[i] = kNone;
  }

 private:
  std::vector<int32_t> prev_, next_;
  std::vector<double> since_;
  std::vector<char> in_;
  int32_t head_ = kNone, tail_ = kNone;
  size_t size_ = 0;
};

}  // namespace telsim
