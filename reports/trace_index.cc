#include "reports/trace_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace telsim {

Ms to_ms(double seconds) { return std::llround(seconds * 1000.0); }

namespace {
// Disjoint-set find with path halving; parent[x] == x marks a root.
uint32_t find_root(std::vector<uint32_t>& parent, uint32_t x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}
}  // namespace

uint64_t TraceIndex::key(Group g, uint32_t party, Ev ev) const {
  switch (g) {
    case party_event: return uint64_t{party} * static_cast<uint64_t>(Ev::count_) + static_cast<uint64_t>(ev);
    case event_only: return static_cast<uint64_t>(ev);
    default: return party;
  }
}

TraceIndex::TraceIndex(const std::vector<TraceEvent>& trace) {
  const size_t n = trace.size();
  ms_.resize(n);
  taken_.assign(n, 0);
  for (size_t i = 0; i < n; ++i) ms_[i] = to_ms(trace[i].time);
  // Traces come in time order (SPEC 2); sort only when one does not.
  std::vector<uint32_t> by_time(n);
  std::iota(by_time.begin(), by_time.end(), 0u);
  if (!std::is_sorted(ms_.begin(), ms_.end()))
    std::stable_sort(by_time.begin(), by_time.end(), [&](uint32_t a, uint32_t b) { return ms_[a] < ms_[b]; });
  std::vector<uint32_t> party(n);
  for (size_t i = 0; i < n; ++i)
    party[i] = party_ids_.emplace(trace[i].party, static_cast<uint32_t>(party_ids_.size())).first->second;
  for (int gi = 0; gi < kGroups; ++gi) {
    Group g = static_cast<Group>(gi);
    std::vector<uint32_t> list_of(n);
    std::vector<uint32_t>& offsets = offsets_[g];
    for (size_t i = 0; i < n; ++i) {
      auto [it, fresh] = key_ids_[g].emplace(key(g, party[i], trace[i].event), static_cast<uint32_t>(key_ids_[g].size()));
      if (fresh) offsets.push_back(0);
      list_of[i] = it->second;
      ++offsets[it->second];
    }
    // Counts to begins (CSR), then fill each list in time order.
    uint32_t sum = 0;
    for (uint32_t& o : offsets) sum += std::exchange(o, sum);
    offsets.push_back(sum);
    std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
    order_[g].resize(n);
    pos_[g].resize(n);
    for (uint32_t e : by_time) {
      uint32_t j = fill[list_of[e]]++;
      order_[g][j] = e;
      pos_[g][e] = j;
    }
    next_[g].resize(n + 1);
    std::iota(next_[g].begin(), next_[g].end(), 0u);
    prev_[g].resize(n + 1);
    std::iota(prev_[g].begin(), prev_[g].end(), 0u);
  }
}

TraceIndex::List TraceIndex::list(Group g, uint64_t k) const {
  auto it = key_ids_[g].find(k);
  if (it == key_ids_[g].end()) return List{g, 0, 0};
  return List{g, offsets_[g][it->second], offsets_[g][it->second + 1]};
}

TraceIndex::List TraceIndex::of(std::string_view party, Ev ev) const {
  auto it = party_ids_.find(party);
  if (it == party_ids_.end()) return List{party_event, 0, 0};
  return list(party_event, key(party_event, it->second, ev));
}

TraceIndex::List TraceIndex::of(Ev ev) const { return list(event_only, key(event_only, 0, ev)); }

TraceIndex::List TraceIndex::of(std::string_view party) const {
  auto it = party_ids_.find(party);
  if (it == party_ids_.end()) return List{party_only, 0, 0};
  return list(party_only, key(party_only, it->second, Ev::offhook));
}

void TraceIndex::take(size_t e) {
  if (taken_[e]) return;
  taken_[e] = 1;
  for (int g = 0; g < kGroups; ++g) {
    uint32_t j = pos_[g][e];
    next_[g][j] = j + 1;
    prev_[g][j + 1] = j;
  }
}

uint32_t TraceIndex::lower_bound(const List& l, Ms t) const {
  const auto& order = order_[l.group];
  auto it = std::partition_point(order.begin() + l.begin, order.begin() + l.end,
                                 [&](uint32_t e) { return ms_[e] < t; });
  return static_cast<uint32_t>(it - order.begin());
}

uint32_t TraceIndex::upper_bound(const List& l, Ms t) const {
  const auto& order = order_[l.group];
  auto it = std::partition_point(order.begin() + l.begin, order.begin() + l.end,
                                 [&](uint32_t e) { return ms_[e] <= t; });
  return static_cast<uint32_t>(it - order.begin());
}

uint32_t TraceIndex::next(const List& l, uint32_t j, bool free_only) const {
  if (!free_only || j >= l.end) return j;
  return find_root(next_[l.group], j);  // may run into the next list: then it is past l.end
}

int64_t TraceIndex::prev(const List& l, int64_t j, bool free_only) const {
  if (!free_only || j < static_cast<int64_t>(l.begin)) return j;
  return static_cast<int64_t>(find_root(prev_[l.group], static_cast<uint32_t>(j + 1))) - 1;
}

size_t TraceIndex::nearest(const List& l, Ms lo, Ms hi, bool free_only) const {
  const auto& order = order_[l.group];
  uint32_t j = lower_bound(l, lo);
  uint32_t a = next(l, j, free_only);  // the first (free) event at or after lo
  if (a < l.end && ms_[order[a]] <= hi) return order[a];
  int64_t b = prev(l, static_cast<int64_t>(j) - 1, free_only);  // the last (free) one before lo
  if (b >= static_cast<int64_t>(l.begin)) {
    // Of the events at that millisecond, the first in trace order.
    uint32_t c = next(l, lower_bound(l, ms_[order[b]]), free_only);
    b = c;
  }
  bool after = a < l.end, before = b >= static_cast<int64_t>(l.begin);
  if (!after && !before) return kNone;
  if (!after) return order[b];
  if (!before) return order[a];
  Ms d_after = ms_[order[a]] - hi, d_before = lo - ms_[order[b]];
  return d_before <= d_after ? order[b] : order[a];
}

}  // namespace telsim
