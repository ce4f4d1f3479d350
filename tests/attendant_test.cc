// The attendant box (AT-1..AT-2, DE-2), driven by hand with a fake clock: reaching a console,
// several consoles, unknown numbers, extending, the attendant recall and the returns of HR-2.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class AttendantTest : public EngineTest {
 protected:
  void SetUp() override {
    profile.codes["attendant"] = "0";
    add("1000", PartyKind::attendant);
    add("1001", PartyKind::attendant);
    for (const char* n : {"2001", "2002", "2003"}) add(n, PartyKind::station);
    add("5550100", PartyKind::external);
  }
  // 5550100 calls console 1000, which answers and starts extending the call to `target`.
  void extend(const char* target) {
    act(0, "5550100", Action::call, "1000");
    act(1, "1000", Action::offhook);
    act(2, "1000", Action::press, "transfer");
    act(3, "1000", Action::dial, target);
  }
  size_t count(const std::string& line) const {
    auto l = lines();
    return static_cast<size_t>(std::count(l.begin(), l.end(), line));
  }
  void healthy() { EXPECT_EQ(engine->failure(), ""); }
};

TEST_F(AttendantTest, CodeRingsTheFirstIdleConsoleInSetupOrder) {
  start();
  act(0, "2001", Action::call, "0");
  EXPECT_TRUE(has("1000 ringing from=2001"));
  act(1, "2002", Action::call, "0");  // 1000 rings: not idle
  EXPECT_TRUE(has("1001 ringing from=2002"));
  act(2, "2003", Action::call, "0");
  EXPECT_TRUE(has("2003 busy"));
  healthy();
}

TEST_F(AttendantTest, NoConsoleMeansNoCode) {
  site.parties.erase(site.parties.begin(), site.parties.begin() + 2);
  start();
  act(0, "2001", Action::call, "0");
  EXPECT_TRUE(has("2001 reorder"));
  healthy();
}

TEST_F(AttendantTest, UnknownNumberGoesToTheAttendantOnlyWithTheSwitch) {
  start();
  act(0, "2001", Action::call, "2999");
  EXPECT_TRUE(has("2001 reorder"));
  act(1, "2001", Action::onhook);
  profile.switches["unknown-to-attendant"] = "yes";
  sink.events.clear();
  start();
  act(0, "2001", Action::call, "2999");
  EXPECT_TRUE(has("1000 ringing from=2001"));
  EXPECT_FALSE(has("2001 reorder"));
  act(1, "1000", Action::call, "2999");  // a console's own wrong number is reorder
  healthy();
}

TEST_F(AttendantTest, ConsoleOwnUnknownNumberIsReorder) {
  profile.switches["unknown-to-attendant"] = "yes";
  start();
  act(0, "1000", Action::call, "2999");
  EXPECT_TRUE(has("1000 reorder"));
  EXPECT_FALSE(has("1001 ringing from=1000"));
  healthy();
}

TEST_F(AttendantTest, ReleaseAfterAnswerJoinsCallerAndTarget) {
  start();
  extend("2001");
  EXPECT_TRUE(has("5550100 hold by=1000"));
  EXPECT_TRUE(has("1000 transfer kind=attended to=2001"));
  act(4, "2001", Action::offhook);
  act(5, "1000", Action::press, "release");
  healthy();
  EXPECT_TRUE(has("1000 transfer-complete to=2001"));
  EXPECT_TRUE(has("5550100 connected to=2001"));
  engine->run_until(200);
  EXPECT_FALSE(has("1000 recall reason=attendant"));
  act(201, "2001", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(AttendantTest, RecallAfterTheTimerCountedFromTheRelease) {
  profile.timers["attendant-recall"] = 20;
  start();
  extend("2001");
  act(10, "1000", Action::onhook);  // releases while 2001 rings
  engine->run_until(29.9);
  EXPECT_FALSE(has("1000 recall reason=attendant"));
  engine->run_until(30);
  healthy();
  EXPECT_TRUE(has("1000 recall reason=attendant"));
  EXPECT_TRUE(has("1000 ringing from=5550100 reason=recall"));
  EXPECT_TRUE(has("2001 stop-ringing"));
  act(31, "1000", Action::offhook);
  EXPECT_TRUE(has("5550100 connected to=1000"));
  act(40, "5550100", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
  healthy();
}

TEST_F(AttendantTest, RecallGoesToAnotherConsoleWhenTheFirstIsBusy) {
  start();
  extend("2001");
  act(4, "1000", Action::press, "release");
  act(5, "2002", Action::call, "1000");
  act(6, "1000", Action::offhook);
  engine->run_until(40);
  healthy();
  EXPECT_TRUE(has("1001 recall reason=attendant"));
  EXPECT_FALSE(has("1000 recall reason=attendant"));
}

TEST_F(AttendantTest, BusyTargetReturnsToTheCaller) {
  start();
  act(0, "2001", Action::call, "2002");
  extend("2001");
  healthy();
  EXPECT_TRUE(has("1000 transfer-return reason=busy"));
  EXPECT_TRUE(has("1000 retrieved"));
  EXPECT_EQ(engine->live_calls(), 2u);
}

TEST_F(AttendantTest, UnknownAndOwnNumberReturnToTheCaller) {
  start();
  extend("2999");
  EXPECT_TRUE(has("1000 transfer-return reason=unknown"));
  act(5, "1000", Action::press, "transfer");
  act(6, "1000", Action::dial, "1000");
  EXPECT_TRUE(has("1000 transfer-return reason=self"));
  healthy();
}

TEST_F(AttendantTest, HangingUpBeforeANumberRecallsAtOnce) {
  start();
  act(0, "5550100", Action::call, "1000");
  act(1, "1000", Action::offhook);
  act(2, "1000", Action::press, "transfer");
  act(3, "1000", Action::onhook);
  healthy();
  EXPECT_TRUE(has("1000 recall reason=attendant"));
  EXPECT_TRUE(has("1000 ringing from=5550100 reason=recall"));
}

TEST_F(AttendantTest, CallerHangingUpEndsTheRecallTimer) {
  start();
  extend("2001");
  act(4, "1000", Action::press, "release");
  act(10, "5550100", Action::onhook);
  engine->run_until(100);
  healthy();
  EXPECT_FALSE(has("1000 recall reason=attendant"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(AttendantTest, ExtendedToDeeMainRingsDestinationsRecallRingsConsoleOnly) {
  profile.switches["dynamic-extension-express"] = "yes";
  profile.timers["attendant-recall"] = 10;
  site.parties[2].mobile = "5551001";  // 2001
  add("5551001", PartyKind::mobile);
  start();
  extend("2001");
  EXPECT_TRUE(has("5551001 ringing from=1000"));
  act(4, "1000", Action::press, "release");
  engine->run_until(100);
  healthy();
  EXPECT_TRUE(has("1000 recall reason=attendant"));
  EXPECT_EQ(count("5551001 ringing from=1000"), 1u);
  EXPECT_EQ(count("5551001 stop-ringing"), 1u);
  EXPECT_FALSE(has("2001 ringing from=5550100 reason=recall"));
}

}  // namespace
}  // namespace telsim
