// The trace index behind the expectation checks: lists by party x event, event and party in
// (time, trace order), windows by binary search, taken events skipped both ways, nearest events.
#include "reports/trace_index.h"

#include <gtest/gtest.h>

namespace telsim {
namespace {

TraceEvent event(double time, std::string party, Ev ev, std::string detail = "") {
  return TraceEvent{time, 1, std::move(party), ev, std::move(detail)};
}
auto any = [](size_t) { return true; };

TEST(TraceIndex, ListsHoldTheirEventsInTimeThenTraceOrder) {
  // Out of time order on purpose: the index orders what the trace did not.
  std::vector<TraceEvent> trace = {event(5, "2001", Ev::ringing), event(1, "2002", Ev::ringing),
                                   event(1, "2001", Ev::ringing), event(1, "2001", Ev::offhook),
                                   event(5, "2001", Ev::ringing)};
  TraceIndex ix(trace);
  auto l = ix.of("2001", Ev::ringing);
  EXPECT_EQ(l.end - l.begin, 3u);
  EXPECT_EQ(ix.first(l, kMsMin, kMsMax, false, any), 2u);
  EXPECT_EQ(ix.last(l, kMsMin, kMsMax, false, any), 4u);
  EXPECT_EQ(ix.first(ix.of(Ev::ringing), kMsMin, kMsMax, false, any), 1u);
  EXPECT_EQ(ix.first(ix.of("2001"), kMsMin, kMsMax, false, any), 2u);
  EXPECT_EQ(ix.last(ix.of("2001"), kMsMin, kMsMax, false, any), 4u);
  EXPECT_TRUE(ix.of("2003", Ev::ringing).empty());
  EXPECT_TRUE(ix.of("2002", Ev::offhook).empty());
  EXPECT_TRUE(ix.of("2003").empty());
  EXPECT_TRUE(ix.of(Ev::busy).empty());
}

TEST(TraceIndex, WindowsAreClosedToTheMillisecond) {
  std::vector<TraceEvent> trace = {event(1.9994, "2001", Ev::ringing), event(3, "2001", Ev::ringing),
                                   event(4.0004, "2001", Ev::ringing)};
  TraceIndex ix(trace);
  auto l = ix.of("2001", Ev::ringing);
  EXPECT_EQ(ix.ms(0), 1999);  // rounded to the millisecond
  EXPECT_EQ(ix.ms(2), 4000);
  EXPECT_EQ(ix.first(l, 2000, 4000, false, any), 1u);
  EXPECT_EQ(ix.last(l, 2000, 4000, false, any), 2u);
  EXPECT_EQ(ix.first(l, 3001, 3999, false, any), TraceIndex::kNone);
  EXPECT_EQ(ix.first(l, 4001, kMsMax, false, any), TraceIndex::kNone);
  EXPECT_EQ(ix.last(l, kMsMin, 1998, false, any), TraceIndex::kNone);
}

TEST(TraceIndex, TakenEventsAreSkippedBothWaysAndOnlyInTheirOwnLists) {
  std::vector<TraceEvent> trace;
  for (int i = 0; i < 6; ++i) trace.push_back(event(i, "2001", Ev::ringing));
  trace.push_back(event(2, "2002", Ev::ringing));
  TraceIndex ix(trace);
  auto l = ix.of("2001", Ev::ringing);
  for (size_t e : {0u, 1u, 2u, 4u}) ix.take(e);
  EXPECT_TRUE(ix.taken(1));
  EXPECT_FALSE(ix.taken(3));
  EXPECT_EQ(ix.first(l, kMsMin, kMsMax, true, any), 3u);
  EXPECT_EQ(ix.first(l, 4000, kMsMax, true, any), 5u);
  EXPECT_EQ(ix.last(l, kMsMin, 4000, true, any), 3u);
  EXPECT_EQ(ix.last(l, kMsMin, 2000, true, any), TraceIndex::kNone);  // 0..2 taken: nothing before
  ix.take(3);
  ix.take(5);
  EXPECT_EQ(ix.first(l, kMsMin, kMsMax, true, any), TraceIndex::kNone);  // not the next list's event
  EXPECT_EQ(ix.last(l, kMsMin, kMsMax, true, any), TraceIndex::kNone);
  EXPECT_EQ(ix.first(l, kMsMin, kMsMax, false, any), 0u);  // taken events are still there
  // The event lists skip them too; 2002's event is left.
  EXPECT_EQ(ix.first(ix.of(Ev::ringing), kMsMin, kMsMax, true, any), 6u);
  EXPECT_EQ(ix.first(ix.of("2002"), kMsMin, kMsMax, true, any), 6u);
  ix.take(3);  // taking twice changes nothing
  EXPECT_EQ(ix.last(ix.of(Ev::ringing), kMsMin, kMsMax, true, any), 6u);
}

TEST(TraceIndex, FirstAndLastAskTheFilterInOrder) {
  std::vector<TraceEvent> trace = {event(1, "2001", Ev::ringing, "from=2002"),
                                   event(2, "2001", Ev::ringing, "from=2003"),
                                   event(3, "2001", Ev::ringing, "from=2002"),
                                   event(4, "2001", Ev::ringing, "from=2003")};
  TraceIndex ix(trace);
  auto l = ix.of("2001", Ev::ringing);
  auto from3 = [&](size_t e) { return trace[e].detail == "from=2003"; };
  EXPECT_EQ(ix.first(l, kMsMin, kMsMax, false, from3), 1u);
  EXPECT_EQ(ix.last(l, kMsMin, kMsMax, false, from3), 3u);
  EXPECT_EQ(ix.last(l, kMsMin, 3000, false, from3), 1u);
  ix.take(1);
  EXPECT_EQ(ix.first(l, kMsMin, kMsMax, true, from3), 3u);
  EXPECT_EQ(ix.last(l, kMsMin, 3000, true, from3), TraceIndex::kNone);
}

TEST(TraceIndex, NearestInsideTheWindowIsTheEarliest) {
  std::vector<TraceEvent> trace = {event(1, "2001", Ev::ringing), event(5, "2001", Ev::ringing),
                                   event(6, "2001", Ev::ringing), event(9, "2001", Ev::ringing)};
  TraceIndex ix(trace);
  auto l = ix.of("2001", Ev::ringing);
  EXPECT_EQ(ix.nearest(l, 4000, 7000, true), 1u);
  ix.take(1);
  EXPECT_EQ(ix.nearest(l, 4000, 7000, true), 2u);
  EXPECT_EQ(ix.nearest(l, 4000, 7000, false), 1u);
  EXPECT_EQ(ix.nearest(l, kMsMin, kMsMax, true), 0u);
}

TEST(TraceIndex, NearestOutsideTheWindowByDistanceTiesToTheEarlier) {
  std::vector<TraceEvent> trace = {event(1, "2001", Ev::ringing), event(1, "2001", Ev::ringing),
                                   event(9, "2001", Ev::ringing)};
  TraceIndex ix(trace);
  auto l = ix.of("2001", Ev::ringing);
  EXPECT_EQ(ix.nearest(l, 3000, 4000, true), 0u);  // 2 s before against 5 s after
  EXPECT_EQ(ix.nearest(l, 6000, 7000, true), 2u);  // 5 s before against 2 s after
  EXPECT_EQ(ix.nearest(l, 4000, 6000, true), 0u);  // 3 s either way: the earlier time
  ix.take(0);
  EXPECT_EQ(ix.nearest(l, 3000, 4000, true), 1u);  // the other event of that millisecond
  EXPECT_EQ(ix.nearest(l, 3000, 4000, false), 0u);  // among all, the first in trace order
  ix.take(1);
  EXPECT_EQ(ix.nearest(l, 3000, 4000, true), 2u);  // only 9 s is free
  ix.take(2);
  EXPECT_EQ(ix.nearest(l, 3000, 4000, true), TraceIndex::kNone);
  EXPECT_EQ(ix.nearest(l, 10000, kMsMax, false), 2u);  // unbounded above, all before it
  EXPECT_EQ(ix.nearest(l, kMsMin, 0, false), 0u);       // unbounded below, all after it
}

TEST(TraceIndex, EmptyTrace) {
  std::vector<TraceEvent> trace;
  TraceIndex ix(trace);
  auto l = ix.of("2001", Ev::ringing);
  EXPECT_TRUE(l.empty());
  EXPECT_EQ(ix.first(l, kMsMin, kMsMax, true, any), TraceIndex::kNone);
  EXPECT_EQ(ix.last(l, kMsMin, kMsMax, true, any), TraceIndex::kNone);
  EXPECT_EQ(ix.nearest(l, kMsMin, kMsMax, true), TraceIndex::kNone);
}

}  // namespace
}  // namespace telsim
