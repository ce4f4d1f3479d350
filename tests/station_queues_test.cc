// Station queues keep each station's callers first come first served, exist only while somebody
// waits at the station, and are walked in station order.
#include "models/station_queues.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace telsim {
namespace {

TEST(StationQueues, FirstComeFirstServedPerStationAndGoneOnceEmpty) {
  StationQueues<int> q;
  EXPECT_TRUE(q.empty(7));
  EXPECT_TRUE(q.of(7).empty());
  q.push_back(7, 1);
  q.push_back(3, 2);
  q.push_back(7, 3);
  EXPECT_FALSE(q.empty(7));
  EXPECT_EQ(q.stations(), 2u);
  EXPECT_EQ(q.pop_front(7), 1);
  EXPECT_EQ(q.pop_front(7), 3);
  EXPECT_TRUE(q.empty(7));  // the last one out takes the queue with it
  EXPECT_EQ(q.stations(), 1u);
  EXPECT_EQ(q.of(3).front(), 2);
}

TEST(StationQueues, RemovingKeepsTheOrderAndDropsEmptyQueues) {
  StationQueues<int> q;
  for (int caller : {10, 11, 12}) q.push_back(5, caller);
  q.push_back(2, 11);
  q.push_back(9, 13);
  q.remove_if(5, [](int c) { return c == 11; });
  EXPECT_EQ(std::vector<int>(q.of(5).begin(), q.of(5).end()), (std::vector<int>{10, 12}));
  q.remove_if_anywhere([](int c) { return c == 11 || c == 13; });  // station 2's and 9's only caller
  EXPECT_TRUE(q.empty(2));
  EXPECT_TRUE(q.empty(9));
  std::vector<std::pair<int, size_t>> seen;
  for (const auto& [station, queue] : q) seen.emplace_back(station, queue.size());
  EXPECT_EQ(seen, (std::vector<std::pair<int, size_t>>{{5, 2}}));
  q.remove_if(4, [](int) { return true; });  // a station nobody waits at: nothing happens
  EXPECT_EQ(q.stations(), 1u);
}

TEST(StationQueues, WalksMeetStationsInNumberOrder) {
  StationQueues<int> q;
  for (int station : {40, 3, 17, 3}) q.push_back(station, station * 10);
  std::vector<int> order;
  for (const auto& [station, queue] : q) order.push_back(station);
  EXPECT_EQ(order, (std::vector<int>{3, 17, 40}));
}

}  // namespace
}  // namespace telsim
