// The 4-ary timer heap gives timers back in the caller's order, whatever the pushes and pops.
#include "models/timer_heap.h"

#include <gtest/gtest.h>

#include <functional>
#include <queue>
#include <random>
#include <utility>

namespace telsim {
namespace {

using Item = std::pair<double, int>;  // (time, insertion order): a total order, like Timer's
struct Before {
  bool operator()(const Item& a, const Item& b) const { return a < b; }
};

TEST(TimerHeap, PopsInOrderAgainstAReferenceHeap) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> coin(0, 2), time(0, 50);  // few times: many ties on time
  QuadHeap<Item, Before> heap;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> reference;
  int seq = 0;
  for (int step = 0; step < 20000; ++step) {
    if (reference.empty() || coin(rng) != 0) {
      Item it{time(rng), seq++};
      heap.push(it);
      reference.push(it);
    } else {
      ASSERT_EQ(heap.top(), reference.top()) << "step " << step;
      heap.pop();
      reference.pop();
    }
    ASSERT_EQ(heap.size(), reference.size());
  }
  while (!reference.empty()) {
    ASSERT_EQ(heap.top(), reference.top());
    heap.pop();
    reference.pop();
  }
  EXPECT_TRUE(heap.empty());
}

// The traffic source's use: the stream served first draws its next arrival, which replaces it
// at the top; the order must be the reference's pop-then-push, ties on time included.
TEST(TimerHeap, ReplaceTopIsPopThenPush) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> gap(0, 6);  // small gaps: many ties on time
  QuadHeap<Item, Before> heap;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> reference;
  for (int s = 0; s < 51; ++s) {  // 51 streams, as the bundled site benchmark offers
    Item first{gap(rng), s};
    heap.push(first);
    reference.push(first);
  }
  for (int step = 0; step < 20000; ++step) {
    ASSERT_EQ(heap.top(), reference.top()) << "step " << step;
    Item next{heap.top().first + gap(rng), heap.top().second};
    heap.replace_top(next);
    reference.pop();
    reference.push(next);
    ASSERT_EQ(heap.size(), reference.size());
  }
}

TEST(TimerHeap, OneItemAndEmptyAgain) {
  QuadHeap<Item, Before> heap;
  heap.push({3, 0});
  EXPECT_EQ(heap.top(), Item(3, 0));
  heap.pop();
  EXPECT_TRUE(heap.empty());
  heap.push({2, 1});
  heap.push({1, 2});
  EXPECT_EQ(heap.top(), Item(1, 2));
}

}  // namespace
}  // namespace telsim
