// Hunt group queues (SPEC TQ-1, models/features/hunt_queue.cc), driven by hand: no SimGrid. Also the
// loader's queue= and max-wait= options, and the waits the traffic KPIs read (TQ-3).
#include "models/features/hunt_queue.h"

#include <gtest/gtest.h>

#include "models/features/hunt_groups.h"
#include "sim/scenario_loader.h"
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class HuntQueueTest : public EngineTest {
 protected:
  PartyDef& group(std::vector<std::string> members, long queue, double max_wait = 0, double no_answer = 0,
                  const std::string& overflow = "", const std::string& announcement = "") {
    PartyDef& d = add("300", PartyKind::hunt);
    d.members = std::move(members);
    d.queue = queue;
    d.max_wait = max_wait;
    d.hunt_no_answer = no_answer;
    d.overflow = overflow;
    d.announcement = announcement;
    return d;
  }
  int count(const std::string& line) const {
    auto l = lines();
    return static_cast<int>(std::count(l.begin(), l.end(), line));
  }
  const HuntQueues& queues() const { return *hunt_queues(*engine); }
  void expect_consistent() const {
    std::string why;
    EXPECT_TRUE(queues().check(&why)) << why;
  }
  // Makes the members busy with calls from 2008, 2009, ... (answered at t=1).
  void busy(const std::vector<std::string>& members) {
    for (size_t i = 0; i < members.size(); ++i) {
      act(0, std::to_string(2008 + i), Action::call, members[i]);
      act(1, members[i], Action::offhook);
    }
  }
};

TEST_F(HuntQueueTest, CallersWaitInArrivalOrderAndAFreedMemberTakesTheHead) {
  group({"2001"}, 3, 0, 0, "", "Please hold");
  for (auto n : {"2001", "2008", "5550100", "5550101", "5550102"})
    add(n, std::string(n).size() == 7 ? PartyKind::external : PartyKind::station);
  start();
  busy({"2001"});
  act(5, "5550100", Action::call, "300");
  act(6, "5550101", Action::call, "300");
  act(7, "5550102", Action::call, "300");
  EXPECT_TRUE(has("300 queued position=1"));
  EXPECT_TRUE(has("300 queued position=2"));
  EXPECT_TRUE(has("300 queued position=3"));
  EXPECT_EQ(count("5550100 prompt Please hold"), 1);
  EXPECT_EQ(queues().waiting(0), 3u);
  expect_consistent();
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  EXPECT_TRUE(has("2001 ringing from=5550100"));  // the head, not a later caller
  EXPECT_FALSE(has("2001 ringing from=5550101"));
  EXPECT_EQ(find("300", Ev::dequeued)->time, 10);
  EXPECT_EQ(find("300", Ev::dequeued)->detail, "reason=member");
  EXPECT_EQ(queues().waiting(0), 2u);
  expect_consistent();
}

TEST_F(HuntQueueTest, AQueuedCallerHangingUpLeavesAndTheNextMovesUp) {
  group({"2001"}, -1);
  for (auto n : {"2001", "2008"}) add(n, PartyKind::station);
  for (auto n : {"5550100", "5550101"}) add(n, PartyKind::external);
  start();
  busy({"2001"});
  act(5, "5550100", Action::call, "300");
  act(6, "5550101", Action::call, "300");
  act(8, "5550100", Action::onhook);
  EXPECT_TRUE(has("300 dequeued reason=abandoned"));
  EXPECT_EQ(queues().waiting(0), 1u);
  EXPECT_EQ(queues().counts(0).abandoned, 1u);
  expect_consistent();
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  EXPECT_TRUE(has("2001 ringing from=5550101"));
  EXPECT_FALSE(has("2001 ringing from=5550100"));
}

TEST_F(HuntQueueTest, MaxWaitOverflowsWithoutASecondAnnouncement) {
  group({"2001"}, 5, 30, 0, "7000", "Please hold");
  for (auto n : {"2001", "2008"}) add(n, PartyKind::station);
  add("7000", PartyKind::voicemail);
  add("5550100", PartyKind::external);
  start();
  busy({"2001"});
  act(5, "5550100", Action::call, "300");
  engine->run_until(100);
  EXPECT_EQ(find("300", Ev::overflow)->time, 35);
  EXPECT_TRUE(has("300 dequeued reason=max-wait"));
  EXPECT_TRUE(has("5550100 connected to=7000"));
  EXPECT_EQ(count("5550100 prompt Please hold"), 1);
  EXPECT_EQ(queues().counts(0).max_wait, 1u);
}

TEST_F(HuntQueueTest, AFullQueueIsAsEveryMemberBusy) {
  group({"2001"}, 1, 0, 0, "7000", "Please hold");
  for (auto n : {"2001", "2008"}) add(n, PartyKind::station);
  add("7000", PartyKind::voicemail);
  for (auto n : {"5550100", "5550101"}) add(n, PartyKind::external);
  start();
  busy({"2001"});
  act(5, "5550100", Action::call, "300");
  act(6, "5550101", Action::call, "300");
  EXPECT_EQ(count("300 queued position=1"), 1);
  EXPECT_FALSE(has("300 queued position=2"));
  EXPECT_TRUE(has("5550101 connected to=7000"));
  EXPECT_EQ(count("5550101 prompt Please hold"), 1);  // HG-2's announcement before the overflow
  EXPECT_EQ(queues().counts(0).full, 1u);
}

TEST_F(HuntQueueTest, AMemberThatDidNotAnswerIsNeverOfferedTheCallAgain) {
  group({"2001", "2002"}, -1, 0, 5);
  for (auto n : {"2001", "2002", "2008", "2009"}) add(n, PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  busy({"2001", "2002"});
  act(5, "5550100", Action::call, "300");
  act(10, "2001", Action::onhook);  // 2001 rings for the caller, does not answer by 15
  engine->run_until(16);
  EXPECT_EQ(count("2001 ringing from=5550100"), 1);
  EXPECT_EQ(count("300 queued position=1"), 2);  // back at the head
  expect_consistent();
  engine->run_until(40);  // 2001 is idle all along: it is not offered the call again
  EXPECT_EQ(count("2001 ringing from=5550100"), 1);
  act(41, "2002", Action::onhook);
  engine->run_until(41);
  EXPECT_EQ(count("2002 ringing from=5550100"), 1);
  act(42, "2002", Action::offhook);
  EXPECT_TRUE(has("5550100 connected to=2002"));
}

TEST_F(HuntQueueTest, ACallEveryMemberRefusedLeavesAsIfNobodyAnswered) {
  group({"2001"}, -1, 0, 5);
  for (auto n : {"2001", "2008"}) add(n, PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  busy({"2001"});
  act(5, "5550100", Action::call, "300");
  act(10, "2001", Action::onhook);
  engine->run_until(30);
  EXPECT_EQ(find("5550100", Ev::busy)->time, 15);
  EXPECT_EQ(queues().waiting(0), 0u);
}

TEST_F(HuntQueueTest, TrafficCallsCountTheirWaitsForTheKpis) {
  PartyDef& g = group({"2001"}, -1);
  (void)g;
  add("2001", PartyKind::station).answer = AnswerPolicy{AnswerPolicy::automatic, 0};
  start();
  engine->add_traffic_streams(1);
  engine->set_service_level(5);
  PartyId pilot = *engine->party_id("300");
  engine->offer_outside_call(0, 0, pilot, 0, 10, 0, 0);    // answered at once, talks to 10
  engine->offer_outside_call(0.5, 0, pilot, 0, 10, 0, 1);  // waits 9.5 s
  engine->offer_outside_call(1, 0, pilot, 0, 10, 0, 2);    // waits 19 s
  engine->run_until(100);
  const TrafficStats& s = engine->traffic()[0];
  EXPECT_EQ(s.answered, 3u);
  EXPECT_EQ(s.waited, 2u);
  EXPECT_NEAR(s.wait_seconds, 9.5 + 19, 1e-9);
  EXPECT_EQ(s.in_service_level, 1u);  // only the one answered at once waited at most 5 s
  EXPECT_EQ(s.batch[1].waited, 1u);
  EXPECT_NEAR(s.batch[2].wait_seconds, 19, 1e-9);
}

TEST_F(HuntQueueTest, AnAbandonedCallWaitedUntilItHungUp) {
  group({"2001"}, -1);
  add("2001", PartyKind::station).answer = AnswerPolicy{AnswerPolicy::automatic, 0};
  start();
  engine->add_traffic_streams(1);
  PartyId pilot = *engine->party_id("300");
  engine->offer_outside_call(0, 0, pilot, 0, 100, 0, 0);
  engine->offer_outside_call(1, 0, pilot, 0, 10, 30, 0);  // gives up at 31 while queued
  engine->run_until(200);
  const TrafficStats& s = engine->traffic()[0];
  EXPECT_EQ(s.abandoned, 1u);
  EXPECT_EQ(s.waited, 1u);
  EXPECT_NEAR(s.wait_seconds, 30, 1e-9);
  EXPECT_EQ(queues().counts(0).abandoned, 1u);
  EXPECT_EQ(engine->failure(), "");
}

// ---------------------------------------------------------------- loader

class HuntQueueLoaderTest : public ::testing::Test {
 protected:
  Scenario load(const std::string& hunt) {
    files.files["profiles/generic.profile"] = "name = generic\n";
    files.files["s/q.csv"] = "at,party,action,argument\n,300,hunt,\"" + hunt + "\"\n,2001,station,\n0,2001,offhook,\n";
    return load_scenario("s/q.csv", files, "profiles");
  }
  void expect_error(const std::string& hunt, const std::string& what) {
    try {
      load(hunt);
      ADD_FAILURE() << "no error for " << hunt;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file, "s/q.csv");
      EXPECT_EQ(e.line, 2);
      EXPECT_NE(e.message.find(what), std::string::npos) << e.what();
    }
  }
  MemoryFiles files;
};

TEST_F(HuntQueueLoaderTest, QueueAndMaxWait) {
  EXPECT_EQ(load("members=2001 queue=unlimited").site.parties[0].queue, -1);
  EXPECT_EQ(load("members=2001 queue=12 max-wait=30.5").site.parties[0].queue, 12);
  EXPECT_EQ(load("members=2001 queue=12 max-wait=30.5").site.parties[0].max_wait, 30.5);
  EXPECT_EQ(load("members=2001").site.parties[0].queue, 0);
}

TEST_F(HuntQueueLoaderTest, BadValuesAreBadInputAtTheirRow) {
  expect_error("members=2001 queue=many", "bad value 'many' for queue=");
  expect_error("members=2001 queue=-1", "bad value '-1' for queue=");
  expect_error("members=2001 queue=99999999", "for queue=");
  expect_error("members=2001 queue=3 max-wait=soon", "max-wait 'soon' is not a number of seconds");
  expect_error("members=2001 queue=3 max-wait=-4", "max-wait '-4' is negative");
  expect_error("members=2001 max-wait=30", "max-wait= is the longest wait in a queue");
}

}  // namespace
}  // namespace telsim
