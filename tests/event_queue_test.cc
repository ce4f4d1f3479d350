// The switch's timer queue gives timers back in (time, order set) order, whether they went to a
// lane of their fixed duration or to the heap of drawn ones, with a clock that moves as they fire.
#include "models/event_queue.h"

#include <gtest/gtest.h>

#include <functional>
#include <queue>
#include <random>
#include <tuple>

namespace telsim {
namespace {

using Ref = std::tuple<double, int32_t>;  // (time, the slot: set in order, so the order they were set)

TEST(EventQueue, LanesAndHeapPopInOrderAgainstAReferenceQueue) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> what(0, 9), duration(0, 19), drawn(0, 40);
  EventQueue q;
  std::priority_queue<Ref, std::vector<Ref>, std::greater<Ref>> reference;
  double now = 0;
  int32_t next = 0;
  for (int step = 0; step < 50000; ++step) {
    int w = what(rng);
    if (reference.empty() || w < 3) {  // a fixed duration: 20 of them, more than there are lanes
      double after = duration(rng) * 0.5;
      q.push_after(now, after, TimerKind::auto_answer, next, 0);
      reference.push({now + after, next++});
    } else if (w < 5) {  // a drawn duration: the heap (few values: ties on time with the lanes)
      double at = now + drawn(rng) * 0.5;
      q.push(at, TimerKind::talk_end, next, 0, 0, 0, next % 7);  // near: a hint the timer carries
      reference.push({at, next++});
    } else {
      ASSERT_DOUBLE_EQ(q.next_time(), std::get<0>(reference.top())) << "step " << step;
      const Timer seen = q.peek();  // what the engine fetches ahead: exactly what pops next
      Timer t = q.pop();
      ASSERT_EQ(seen.slot, t.slot) << "step " << step;
      ASSERT_EQ(seen.seq, t.seq);
      ASSERT_EQ(t.near, t.kind == TimerKind::talk_end ? t.slot % 7 : -1);
      ASSERT_EQ(t.slot, std::get<1>(reference.top())) << "step " << step;
      ASSERT_EQ(t.at, std::get<0>(reference.top()));
      now = t.at;  // the clock never goes back: what lanes rely on
      reference.pop();
    }
    ASSERT_EQ(q.size(), reference.size());
  }
  while (!reference.empty()) {
    ASSERT_EQ(q.pop().slot, std::get<1>(reference.top()));
    reference.pop();
  }
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.next_time(), std::numeric_limits<double>::infinity());
}

TEST(EventQueue, ALaterLaneTimerDoesNotOvertakeAnEarlierHeapOne) {
  EventQueue q;
  q.push(5, TimerKind::talk_end, 1, 0);                    // heap, at 5
  q.push_after(0, 7, TimerKind::auto_answer, 2, 0);        // lane of 7 s, at 7
  q.push_after(0, 2, TimerKind::auto_answer, 3, 0);        // lane of 2 s, at 2: first now
  EXPECT_EQ(q.next_time(), 2);
  EXPECT_EQ(q.pop().slot, 3);
  q.push_after(2, 7, TimerKind::auto_answer, 4, 0);        // behind slot 2 in its lane, at 9
  q.push(7, TimerKind::talk_end, 5, 0);                    // at 7, set after slot 2: after it
  EXPECT_EQ(q.pop().slot, 1);
  EXPECT_EQ(q.pop().slot, 2);
  EXPECT_EQ(q.pop().slot, 5);
  EXPECT_EQ(q.pop().slot, 4);
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace telsim
