// The three-way calling box (TWC, SPEC 7), driven by hand with a fake clock: flash holds and gives
// dial tone, flash after the answer bridges three, flash while the second call rings cancels it,
// flash in the three-way call drops the party added last, the hang-up switch, call waiting first,
// and the switch that turns it off. Every test checks the engine stayed healthy.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class ThreeWayCallingTest : public EngineTest {
 protected:
  void SetUp() override {
    for (const char* n : {"2001", "2002", "2003", "2004"}) add(n, PartyKind::station);
  }
  // 2001 calls 2002, who answers and presses flash at `at + 2`.
  void first_flash(double at = 0) {
    act(at, "2001", Action::call, "2002");
    act(at + 1, "2002", Action::offhook);
    act(at + 2, "2002", Action::press, "flash");
  }
  // Then 2002 calls 2003, who answers at `at + 4`.
  void second_call(double at = 0) {
    first_flash(at);
    act(at + 3, "2002", Action::dial, "2003");
    act(at + 4, "2003", Action::offhook);
  }
  // The three-way call made, the controller hangs up under switch.three-way-hangup = `mode`.
  void controller_hangs_up(const char* mode) {
    profile.switches["three-way-hangup"] = mode;
    start();
    second_call();
    act(5, "2002", Action::press, "flash");
    act(10, "2002", Action::onhook);
    healthy();
  }
};

TEST_F(ThreeWayCallingTest, FlashHoldsTheOtherPartyAndGivesDialTone) {
  start();
  first_flash();
  healthy();
  EXPECT_TRUE(has("2001 hold by=2002"));
  EXPECT_EQ(count("2002 dialtone"), 1u);
}

TEST_F(ThreeWayCallingTest, FlashAfterTheAnswerBridgesTheThreeInTheHeldCall) {
  start();
  second_call();
  act(5, "2002", Action::press, "flash");
  healthy();
  for (const char* n : {"2001", "2002", "2003"}) EXPECT_TRUE(has(std::string(n) + " conference size=3")) << n;
  const TraceEvent* first = find("2001", Ev::ringback);
  const TraceEvent* conf = find("2003", Ev::conference);
  ASSERT_TRUE(first && conf);
  EXPECT_EQ(conf->call, first->call);  // the first call keeps its id
  EXPECT_EQ(engine->live_calls(), 1u);
}

TEST_F(ThreeWayCallingTest, FlashWhileTheSecondCallRingsCancelsItAndReturns) {
  start();
  first_flash();
  act(3, "2002", Action::dial, "2003");
  act(4, "2002", Action::press, "flash");
  healthy();
  EXPECT_TRUE(has("2003 stop-ringing"));
  EXPECT_TRUE(has("2002 retrieved"));
  EXPECT_TRUE(engine->device(*engine->party_id("2003")).alerting.empty());
  EXPECT_EQ(engine->live_calls(), 1u);
  act(10, "2002", Action::press, "flash");  // a new first flash: holds 2001 again
  healthy();
  EXPECT_EQ(count("2001 hold by=2002"), 2u);
}

TEST_F(ThreeWayCallingTest, FlashInTheThreeWayCallDropsThePartyAddedLast) {
  start();
  second_call();
  act(5, "2002", Action::press, "flash");
  act(8, "2002", Action::press, "flash");
  healthy();
  EXPECT_TRUE(has("2003 released reason=three-way"));
  EXPECT_TRUE(has("2001 connected to=2002"));
  EXPECT_FALSE(has("2001 released reason=three-way"));
  EXPECT_EQ(engine->live_calls(), 1u);
}

TEST_F(ThreeWayCallingTest, DropAllReleasesEveryoneWhenTheControllerHangsUp) {
  controller_hangs_up("drop-all");
  EXPECT_TRUE(has("2001 released reason=hangup"));
  EXPECT_TRUE(has("2003 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(ThreeWayCallingTest, LeaveConnectedLetsTheTwoOthersTalkOn) {
  controller_hangs_up("leave-connected");
  EXPECT_TRUE(has("2001 connected to=2003"));
  EXPECT_EQ(engine->live_calls(), 1u);
}

TEST_F(ThreeWayCallingTest, CallWaitingTakesFlashWhileACallWaits) {
  site.parties[1].call_waiting = true;  // 2002
  profile.switches["call-waiting-before-three-way-calling"] = "yes";
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  act(3, "2003", Action::call, "2002");
  act(4, "2002", Action::press, "flash");
  healthy();
  EXPECT_TRUE(has("2003 connected to=2002"));
  EXPECT_EQ(count("2002 dialtone"), 0u);
}

TEST_F(ThreeWayCallingTest, SwitchedOffFlashDoesNothing) {
  profile.switches["three-way-calling"] = "no";
  start();
  first_flash();
  healthy();
  EXPECT_FALSE(has("2001 hold by=2002"));
  EXPECT_EQ(count("2002 dialtone"), 0u);
}

}  // namespace
}  // namespace telsim
