// An index of a run's trace for the expectation checks: the events of each party x event, of each
// event and of each party, every list sorted by (time in ms, trace order), so a time window is a
// binary search and its events a contiguous run. Events can be taken (an `expect` row matched
// them); taken events are skipped in near-constant time in both directions, so a scenario's
// checks cost O((expectations + trace) log trace), never expectations x trace.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/trace_event.h"

namespace telsim {

using Ms = long long;
// SPEC 1 compares times to the millisecond.
Ms to_ms(double seconds);
constexpr Ms kMsMin = std::numeric_limits<Ms>::min();
constexpr Ms kMsMax = std::numeric_limits<Ms>::max();

class TraceIndex {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  explicit TraceIndex(const std::vector<TraceEvent>& trace);

  // Which grouping a lookup uses.
  enum Group : uint8_t { party_event, event_only, party_only, kGroups };
  // One list: positions [begin, end) of a grouping's order.
  struct List {
    Group group = party_event;
    uint32_t begin = 0, end = 0;
    bool empty() const { return begin == end; }
  };
  List of(std::string_view party, Ev ev) const;
  List of(Ev ev) const;
  List of(std::string_view party) const;

  Ms ms(size_t event) const { return ms_[event]; }
  bool taken(size_t event) const { return taken_[event] != 0; }
  void take(size_t event);

  // The first event of the list (by time, then trace order) with time in [lo, hi] that `keep`
  // accepts, or kNone; `free_only` skips taken events. `keep` sees trace indices.
  template <class Keep>
  size_t first(const List& l, Ms lo, Ms hi, bool free_only, Keep keep) const {
    for (uint32_t j = lower_bound(l, lo); (j = next(l, j, free_only)) < l.end; ++j) {
      size_t e = order_[l.group][j];
      if (ms_[e] > hi) return kNone;
      if (keep(e)) return e;
    }
    return kNone;
  }
  // The last event of the list (by time, then trace order) with time in [lo, hi] that `keep`
  // accepts, or kNone.
  template <class Keep>
  size_t last(const List& l, Ms lo, Ms hi, bool free_only, Keep keep) const {
    for (int64_t j = static_cast<int64_t>(upper_bound(l, hi)) - 1; (j = prev(l, j, free_only)) >= static_cast<int64_t>(l.begin); --j) {
      size_t e = order_[l.group][j];
      if (ms_[e] < lo) return kNone;
      if (keep(e)) return e;
    }
    return kNone;
  }
  // How many events of the list with time in [lo, hi] `keep` accepts, taken or not; counting
  // stops past `enough` (a count above it decides nothing more).
  template <class Keep>
  size_t count(const List& l, Ms lo, Ms hi, size_t enough, Keep keep) const {
    size_t n = 0;
    for (uint32_t j = lower_bound(l, lo); j < l.end && n <= enough; ++j) {
      size_t e = order_[l.group][j];
      if (ms_[e] > hi) break;
      if (keep(e)) ++n;
    }
    return n;
  }
  // The event of the list nearest the window [lo, hi]: inside it the earliest; else the smaller
  // distance to it, ties to the earlier time, then trace order. kNone when the list (its free
  // events, with `free_only`) is empty.
  size_t nearest(const List& l, Ms lo, Ms hi, bool free_only) const;

 private:
  uint32_t lower_bound(const List& l, Ms t) const;  // first position with ms >= t
  uint32_t upper_bound(const List& l, Ms t) const;  // first position with ms > t
  // The first position >= j (the last <= j) of a free event with free_only, else j itself;
  // past the list's end (before its begin) when there is none.
  uint32_t next(const List& l, uint32_t j, bool free_only) const;
  int64_t prev(const List& l, int64_t j, bool free_only) const;

  std::vector<Ms> ms_;
  std::vector<char> taken_;
  std::unordered_map<std::string_view, uint32_t> party_ids_;
  std::unordered_map<uint64_t, uint32_t> key_ids_[kGroups];  // grouping key -> list number
  std::vector<uint32_t> offsets_[kGroups];  // list number -> begin (CSR), one more at the end
  std::vector<uint32_t> order_[kGroups];    // trace indices, list by list, each sorted
  std::vector<uint32_t> pos_[kGroups];      // trace index -> its position in order_
  // Taken events are skipped through two disjoint-set forests per grouping: next_[j] leads to
  // the first free position >= j, prev_[j + 1] to the last free position <= j (0: none).
  mutable std::vector<uint32_t> next_[kGroups], prev_[kGroups];
  uint64_t key(Group g, uint32_t party, Ev ev) const;
  List list(Group g, uint64_t key) const;
};

}  // namespace telsim
