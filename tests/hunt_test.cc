// Hunt groups (HG-1..HG-3) and the engine side of traffic, driven by hand: no SimGrid.
#include "models/features/hunt_groups.h"
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class HuntTest : public EngineTest {
 protected:
  void group(const std::string& pilot, std::vector<std::string> members, const std::string& algorithm,
             double no_answer = 0, const std::string& overflow = "") {
    PartyDef& d = add(pilot, PartyKind::hunt);
    d.members = std::move(members);
    d.algorithm = algorithm;
    d.hunt_no_answer = no_answer;
    d.overflow = overflow;
  }
  int count(const std::string& line) const {
    auto l = lines();
    return static_cast<int>(std::count(l.begin(), l.end(), line));
  }
};

TEST_F(HuntTest, CircularWithNoAnswerGoesRoundOnceThenBusy) {
  group("300", {"2001", "2002", "2003"}, "circular", 5);
  for (auto n : {"2001", "2002", "2003", "2009"}) add(n, PartyKind::station);
  start();
  act(0, "2009", Action::call, "300");
  engine->run_until(100);
  EXPECT_EQ(count("300 hunt member=2001"), 1);
  EXPECT_EQ(count("300 hunt member=2002"), 1);
  EXPECT_EQ(count("300 hunt member=2003"), 1);
  EXPECT_TRUE(has("2009 busy"));
  EXPECT_EQ(find("2009", Ev::busy)->time, 15);
}

// Once round means once round even when a member is busy: after 2001 and 2003 decline, the call
// is busy; 2001 never rings a second time.
TEST_F(HuntTest, CircularOnceRoundWithABusyMemberNeverRingsTheFirstAgain) {
  group("300", {"2001", "2002", "2003"}, "circular", 5);
  for (auto n : {"2001", "2002", "2003", "2008", "2009"}) add(n, PartyKind::station);
  start();
  act(0, "2002", Action::call, "2008");  // 2002 busy throughout
  act(1, "2009", Action::call, "300");
  engine->run_until(100);
  EXPECT_EQ(count("300 hunt member=2001"), 1);
  EXPECT_EQ(count("300 hunt member=2002"), 0);
  EXPECT_EQ(count("300 hunt member=2003"), 1);
  EXPECT_EQ(count("2001 ringing from=2009"), 1);
  ASSERT_TRUE(find("2009", Ev::busy));
  EXPECT_EQ(find("2009", Ev::busy)->time, 11);
}

// An overflow destination is called as a number: its own forwarding applies (HG-1 exempts
// members only), where a member's does not.
TEST_F(HuntTest, OverflowFollowsTheDestinationsForwardingButMembersDoNot) {
  group("300", {"2001"}, "linear", 0, "2100");
  for (auto n : {"2001", "2100", "2105", "2106", "2009", "2008"}) add(n, PartyKind::station);
  start();
  act(0, "2001", Action::forward, "all 2106");
  act(0, "2100", Action::forward, "all 2105");
  act(1, "2009", Action::call, "300");
  EXPECT_TRUE(has("2001 ringing from=2009"));  // the member's forward all does not apply
  EXPECT_FALSE(has("2106 ringing from=2009"));
  act(2, "2009", Action::onhook);
  act(3, "2001", Action::call, "2009");        // the only member busy: overflow
  act(4, "2008", Action::call, "300");
  EXPECT_TRUE(has("300 overflow to=2100"));
  EXPECT_TRUE(has("2100 forwarded to=2105 hop=1 type=all"));
  EXPECT_TRUE(has("2105 ringing from=2008 forwarded=1"));
}

TEST_F(HuntTest, CircularStartsAfterTheMemberChosenLastEvenWhenItSkipped) {
  group("300", {"2001", "2002", "2003"}, "circular", 5);
  for (auto n : {"2001", "2002", "2003", "2008", "2009"}) add(n, PartyKind::station);
  start();
  act(0, "2009", Action::call, "300");  // 2001 rings, skipped at 5 for 2002
  act(7, "2002", Action::offhook);      // 2002 answers
  act(10, "2008", Action::call, "300");
  auto l = lines();
  EXPECT_EQ(l.back(), "2008 ringback");
  EXPECT_TRUE(has("2003 ringing from=2008"));
}

TEST_F(HuntTest, LongestIdleSendsASkippedMemberToTheBack) {
  group("300", {"2001", "2002"}, "longest-idle", 4);
  for (auto n : {"2001", "2002", "2009"}) add(n, PartyKind::station);
  start();
  act(0, "2009", Action::call, "300");  // 2001 (tie, member order), skipped at 4 for 2002
  act(6, "2002", Action::offhook);
  act(8, "2009", Action::onhook);       // 2002 idle since 8, 2001 since 4
  act(10, "2009", Action::call, "300");
  EXPECT_EQ(count("300 hunt member=2001"), 2);
  EXPECT_EQ(lines()[lines().size() - 3], "300 hunt member=2001");
}

TEST_F(HuntTest, AMemberBusyOnAnotherCallIsSkippedUntilItHangsUp) {
  group("300", {"2001", "2002"}, "linear");
  for (auto n : {"2001", "2002", "2008", "2009", "2010"}) add(n, PartyKind::station);
  start();
  act(0, "2001", Action::call, "2008");  // 2001 is off hook, then in a call
  act(1, "2009", Action::call, "300");
  EXPECT_TRUE(has("2002 ringing from=2009"));
  act(2, "2009", Action::onhook);
  act(3, "2001", Action::onhook);
  act(4, "2010", Action::call, "300");
  EXPECT_TRUE(has("2001 ringing from=2010"));
}

TEST_F(HuntTest, CallerHangingUpFreesTheRingingMember) {
  group("300", {"2001"}, "linear");
  for (auto n : {"2001", "2008", "2009"}) add(n, PartyKind::station);
  start();
  act(0, "2009", Action::call, "300");
  act(1, "2008", Action::call, "300");
  EXPECT_TRUE(has("2008 busy"));
  act(2, "2009", Action::onhook);
  act(2, "2008", Action::onhook);
  act(3, "2008", Action::call, "300");
  EXPECT_TRUE(has("2001 ringing from=2008"));
  EXPECT_EQ(engine->live_calls(), 1u);
}

TEST_F(HuntTest, GroupsOverflowingIntoEachOtherEndInBusy) {
  group("300", {"2001"}, "linear", 0, "301");
  group("301", {"2002"}, "linear", 0, "300");
  for (auto n : {"2001", "2002", "2008", "2009"}) add(n, PartyKind::station);
  start();
  act(0, "2001", Action::offhook);
  act(0, "2002", Action::offhook);
  act(1, "2009", Action::call, "300");
  EXPECT_TRUE(has("2009 busy"));
  EXPECT_EQ(count("300 overflow to=301"), 4);
  EXPECT_TRUE(engine->failure().empty());
}

TEST_F(HuntTest, AMemberOfTwoGroupsIsBusyInBoth) {
  group("300", {"2001"}, "linear");
  group("301", {"2001", "2002"}, "linear");
  for (auto n : {"2001", "2002", "2008", "2009"}) add(n, PartyKind::station);
  start();
  act(0, "2008", Action::call, "300");
  act(1, "2009", Action::call, "301");
  EXPECT_TRUE(has("301 hunt member=2002"));
  EXPECT_FALSE(has("2001 ringing from=2009"));
}

TEST_F(HuntTest, RingAllSkipsBusyMembersAndBusyWhenNoneIsFree) {
  group("300", {"2001", "2002"}, "ring-all");
  for (auto n : {"2001", "2002", "2008", "2009"}) add(n, PartyKind::station);
  start();
  act(0, "2001", Action::offhook);
  act(1, "2009", Action::call, "300");
  EXPECT_TRUE(has("2002 ringing from=2009"));
  EXPECT_FALSE(has("300 hunt member=2001"));
  act(2, "2008", Action::call, "300");
  EXPECT_TRUE(has("2008 busy"));
}

TEST_F(HuntTest, OccupancyCountsRingingAndTalking) {
  group("300", {"2001"}, "linear");
  for (auto n : {"2001", "2009"}) add(n, PartyKind::station);
  start();
  act(10, "2009", Action::call, "300");
  act(14, "2001", Action::offhook);
  act(30, "2009", Action::onhook);
  engine->run_until(50);
  EXPECT_DOUBLE_EQ(member_busy_seconds(*engine, 0, 0), 20);
}

// A station in three groups keeps one record per group (the newest first, the older ones linked
// behind it): its busy time counts in each, and it is free in each again when its call ends.
TEST_F(HuntTest, AMemberOfThreeGroupsCountsItsBusyTimeInEach) {
  group("300", {"2001"}, "linear");
  group("301", {"2002", "2001"}, "linear");
  group("302", {"2001"}, "linear");
  for (auto n : {"2001", "2002", "2008", "2009"}) add(n, PartyKind::station);
  start();
  act(10, "2009", Action::call, "302");
  act(14, "2001", Action::offhook);
  act(20, "2008", Action::call, "300");
  EXPECT_TRUE(has("2008 busy"));
  act(30, "2009", Action::onhook);
  act(31, "2008", Action::onhook);
  engine->run_until(50);
  EXPECT_DOUBLE_EQ(member_busy_seconds(*engine, 0, 0), 20);
  EXPECT_DOUBLE_EQ(member_busy_seconds(*engine, 1, 1), 20);
  EXPECT_DOUBLE_EQ(member_busy_seconds(*engine, 2, 0), 20);
  EXPECT_DOUBLE_EQ(member_busy_seconds(*engine, 1, 0), 0);
  act(60, "2008", Action::call, "300");
  EXPECT_TRUE(has("2001 ringing from=2008"));
  EXPECT_TRUE(engine->failure().empty()) << engine->failure();
}

// The engine side of traffic: anonymous callers from the trunk, no SimGrid. Per-call state is
// freed when calls end, and the outcome counts add up.
TEST_F(HuntTest, TrafficCallsEndAndCount) {
  group("300", {"2001", "2002"}, "linear");
  for (auto n : {"2001", "2002"}) add(n, PartyKind::station).answer = AnswerPolicy{AnswerPolicy::automatic, 1};
  start();
  engine->add_traffic_streams(1);
  PartyId pilot = *engine->party_id("300");
  for (int i = 0; i < 3000; ++i) engine->offer_outside_call(i * 2.0, 0, pilot, 0, 3.0 + (i % 3), 30, i % 20);
  engine->run_until(1e6);
  const TrafficStats& s = engine->traffic()[0];
  EXPECT_EQ(s.offered, 3000u);
  EXPECT_EQ(s.answered + s.blocked + s.abandoned, 3000u);
  EXPECT_GT(s.blocked, 0u);  // calls 2 s apart holding 5 to 6 s: a third caller finds both busy
  EXPECT_EQ(engine->live_calls(), 0u);
  EXPECT_EQ(engine->trunk_in_use(), 0);
  EXPECT_TRUE(engine->failure().empty());
}

}  // namespace
}  // namespace telsim
