// Call records derived from traces (reports/cdr.cc, SPEC SC-5): one row per attempt and leg,
// dispositions, whole seconds, and the payer agreeing with `billed`.
#include "reports/cdr.h"

#include <gtest/gtest.h>

namespace telsim {
namespace {

TraceEvent ev(double t, uint32_t call, std::string party, Ev e, std::string detail = "") {
  return TraceEvent{t, call, std::move(party), e, std::move(detail)};
}

TEST(CallRecordsTest, AnsweredCallRoundsUpToWholeSeconds) {
  std::vector<TraceEvent> t = {ev(0, 1, "2002", Ev::digits, "digits=2001"), ev(0, 1, "2001", Ev::ringing, "from=2002"),
                               ev(2.5, 1, "2001", Ev::connected, "to=2002"), ev(10.2, 1, "2001", Ev::released)};
  auto rows = call_records(t);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(record_detail(rows[0]),
            "call=c1 src=2002 dst=2001 start=0 answer=2.5 end=10.2 duration=11 billsec=8 disposition=answered payer=2002");
}

TEST(CallRecordsTest, AttemptsThatRangNobody) {
  std::vector<TraceEvent> t = {ev(0, 1, "2002", Ev::digits, "digits=2001"), ev(0, 1, "2002", Ev::busy),
                               ev(3, 1, "2002", Ev::onhook),                 ev(5, 2, "2002", Ev::digits, "digits=4999"),
                               ev(5, 2, "2002", Ev::reorder),                ev(6, 3, "2002", Ev::digits, "digits=5550100"),
                               ev(6, 3, "2002", Ev::blocked, "reason=trunk")};
  auto rows = call_records(t);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].disposition, "busy");
  EXPECT_EQ(rows[0].dst, "2001");
  EXPECT_EQ(rows[0].duration, 3);
  EXPECT_EQ(rows[1].disposition, "failed");
  EXPECT_EQ(rows[2].disposition, "blocked");
}

TEST(CallRecordsTest, ForwardedLegsShareTheCallAndTheBilledPartyPays) {
  std::vector<TraceEvent> t = {ev(0, 1, "5550100", Ev::digits, "digits=2001"), ev(0, 1, "2001", Ev::ringing, "from=5550100"),
                               ev(10, 1, "2001", Ev::stop_ringing),           ev(10, 1, "5550199", Ev::ringing, "from=5550100"),
                               ev(12, 1, "5550199", Ev::connected, "to=5550100"), ev(42, 1, "5550199", Ev::released),
                               ev(42, 1, "2001", Ev::billed, "to=5550199 seconds=30")};
  auto rows = call_records(t);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].disposition, "no-answer");
  EXPECT_EQ(rows[0].payer, "5550100");
  EXPECT_EQ(rows[1].payer, "2001");
  EXPECT_EQ(rows[1].billsec, 30);
  EXPECT_EQ(cdr_csv(rows), "call,src,dst,start,answer,end,duration,billsec,disposition,payer\n"
                           "c1,5550100,2001,0,,10,10,0,no-answer,5550100\n"
                           "c1,5550100,5550199,10,12,42,32,30,answered,2001\n");
}

TEST(CallRecordsTest, PickupNamesTheCallerNotTheRingingPhone) {
  std::vector<TraceEvent> t = {ev(0, 1, "221", Ev::digits, "digits=2001"), ev(0, 1, "2001", Ev::ringing, "from=221"),
                               ev(5, 1, "2002", Ev::pickup, "from=2001"),  ev(5, 1, "2001", Ev::stop_ringing),
                               ev(5, 1, "2002", Ev::connected, "to=221"),  ev(9, 1, "2002", Ev::released)};
  auto rows = call_records(t);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].src, "221");
  EXPECT_EQ(rows[1].dst, "2002");
  EXPECT_EQ(rows[1].billsec, 4);
}

// A forward-all hop never rings: it still has its row (the leg the call reached), no time spent,
// `no-answer`; a forward on busy's row is `busy`; a forward no answer's hop is the ringing row.
TEST(CallRecordsTest, ForwardHopsThatNeverRangHaveRowsOfTheirOwn) {
  std::vector<TraceEvent> t = {ev(0, 1, "2003", Ev::digits, "digits=2001"),
                               ev(0, 1, "2001", Ev::forwarded, "to=2002 hop=1 type=all"),
                               ev(0, 1, "2002", Ev::forwarded, "to=2004 hop=2 type=busy"),
                               ev(0, 1, "2004", Ev::ringing, "from=2003 forwarded=2"),
                               ev(10, 1, "2004", Ev::forwarded, "to=7000 hop=3 type=no-answer"),
                               ev(10, 1, "2004", Ev::stop_ringing),
                               ev(10, 1, "7000", Ev::voicemail, "from=2003"),
                               ev(10, 1, "7000", Ev::connected, "to=2003"),
                               ev(25, 1, "7000", Ev::released)};
  auto rows = call_records(t);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(record_detail(rows[0]),
            "call=c1 src=2003 dst=2001 start=0 end=0 duration=0 billsec=0 disposition=no-answer payer=2003");
  EXPECT_EQ(record_detail(rows[1]),
            "call=c1 src=2003 dst=2002 start=0 end=0 duration=0 billsec=0 disposition=busy payer=2003");
  EXPECT_EQ(record_detail(rows[2]),
            "call=c1 src=2003 dst=2004 start=0 end=10 duration=10 billsec=0 disposition=no-answer payer=2003");
  EXPECT_EQ(rows[3].dst, "7000");
  EXPECT_EQ(rows[3].disposition, "answered");
  EXPECT_EQ(rows[3].billsec, 15);
}

// A party brought into a conference from its consultation call: the consultation's row ends at
// the join, and a row of the conference's call (answered then) runs until it leaves.
TEST(CallRecordsTest, AConferenceMemberMovesFromItsConsultationToTheConferenceCall) {
  std::vector<TraceEvent> t = {ev(0, 1, "2002", Ev::digits, "digits=2001"), ev(0, 1, "2001", Ev::ringing, "from=2002"),
                               ev(1, 1, "2001", Ev::connected, "to=2002"),  ev(3, 2, "2001", Ev::digits, "digits=2003"),
                               ev(3, 2, "2003", Ev::ringing, "from=2001"),  ev(4, 2, "2003", Ev::connected, "to=2001"),
                               ev(5, 1, "2001", Ev::conference, "size=3"),  ev(5, 1, "2002", Ev::conference, "size=3"),
                               ev(5, 1, "2003", Ev::conference, "size=3"),  ev(10, 1, "2003", Ev::onhook),
                               ev(12, 1, "2002", Ev::onhook),               ev(12, 1, "2001", Ev::released)};
  auto rows = call_records(t);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(record_detail(rows[0]),
            "call=c1 src=2002 dst=2001 start=0 answer=1 end=12 duration=12 billsec=11 disposition=answered payer=2002");
  EXPECT_EQ(record_detail(rows[1]),
            "call=c2 src=2001 dst=2003 start=3 answer=4 end=5 duration=2 billsec=1 disposition=answered payer=2001");
  EXPECT_EQ(record_detail(rows[2]),
            "call=c1 src=2002 dst=2003 start=5 answer=5 end=10 duration=5 billsec=5 disposition=answered payer=2002");
}

}  // namespace
}  // namespace telsim
