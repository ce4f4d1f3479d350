// Per-station first-come-first-served queues (camp-on's camped callers, ring back when free's
// waiting callers) that exist only for the stations somebody is queued at. A vector of deques,
// one per station, allocated a deque (about 600 bytes) for every station of the site whether
// anybody ever camped there or not, and the walks over every queue (a check, a caller leaving)
// visited every station: on a site of 100,000 stations, per event work grew with the site.
// Stations are kept in number order, so the walks meet the queues in the order they always did.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>

namespace telsim {

template <class T>
class StationQueues {
 public:
  using Queue = std::deque<T>;

  bool empty(int32_t station) const { return queues_.find(station) == queues_.end(); }
  // The station's queue, oldest first (an empty one when nobody waits there).
  const Queue& of(int32_t station) const {
    auto it = queues_.find(station);
    return it == queues_.end() ? none_ : it->second;
  }
  void push_back(int32_t station, const T& t) { queues_[station].push_back(t); }
  // The oldest entry of a station whose queue is not empty; the queue goes once it is empty.
  T pop_front(int32_t station) {
    auto it = queues_.find(station);
    T t = it->second.front();
    it->second.pop_front();
    if (it->second.empty()) queues_.erase(it);
    return t;
  }
  template <class Pred>
  void remove_if(int32_t station, Pred pred) {
    auto it = queues_.find(station);
    if (it != queues_.end()) erase_from(it, pred);
  }
  template <class Pred>
  void remove_if_anywhere(Pred pred) {
    for (auto it = queues_.begin(); it != queues_.end();) it = erase_from(it, pred);
  }
  // The non-empty queues, by station: for (const auto& [station, queue] : queues).
  auto begin() const { return queues_.begin(); }
  auto end() const { return queues_.end(); }
  size_t stations() const { return queues_.size(); }

 private:
  template <class Pred>
  typename std::map<int32_t, Queue>::iterator erase_from(typename std::map<int32_t, Queue>::iterator it, Pred pred) {
    Queue& q = it->second;
    for (auto e = q.begin(); e != q.end();) e = pred(*e) ? q.erase(e) : e + 1;
    return q.empty() ? queues_.erase(it) : std::next(it);
  }

  std::map<int32_t, Queue> queues_;
  Queue none_;
};

}  // namespace telsim
