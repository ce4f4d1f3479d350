// Call waiting (CW-1..CW-3), driven by hand: the waiting tone, flash, ring-back on hang-up, one
// waiting call at a time, and its precedence with busy forward.
#include "models/features/registry.h"
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class CallWaitingTest : public EngineTest {
 protected:
  // 2001 (call waiting) talks to 2002; 2003 is free to call it.
  void talking(bool waits = true) {
    add("2001", PartyKind::station).call_waiting = waits;
    add("2002", PartyKind::station);
    add("2003", PartyKind::station);
    add("2004", PartyKind::station);
    start();
    act(0, "2002", Action::call, "2001");
    act(1, "2001", Action::offhook);
  }
  int count(const std::string& line) const {
    auto l = lines();
    return static_cast<int>(std::count(l.begin(), l.end(), line));
  }
};

TEST_F(CallWaitingTest, BusyStationWithCallWaitingGivesRingbackAndTheWaitingTone) {
  talking();
  act(5, "2003", Action::call, "2001");
  EXPECT_TRUE(has("2001 call-waiting from=2003"));
  EXPECT_TRUE(has("2003 ringback"));
  EXPECT_FALSE(has("2003 busy"));
  EXPECT_FALSE(has("2001 ringing from=2003"));
  EXPECT_EQ(engine->live_calls(), 2u);
  EXPECT_EQ(engine->check_state(), "");
}

TEST_F(CallWaitingTest, WithoutTheOptionTheCallerGetsBusy) {
  talking(false);
  act(5, "2003", Action::call, "2001");
  EXPECT_TRUE(has("2003 busy"));
  EXPECT_FALSE(find("2001", Ev::call_waiting));
}

TEST_F(CallWaitingTest, OneCallWaitsAtATime) {
  talking();
  act(5, "2003", Action::call, "2001");
  act(6, "2004", Action::call, "2001");
  EXPECT_TRUE(has("2004 busy"));
  EXPECT_EQ(count("2001 call-waiting from=2004"), 0);
}

TEST_F(CallWaitingTest, FlashAnswersHoldsAndSwaps) {
  talking();
  act(5, "2003", Action::call, "2001");
  act(6, "2001", Action::press, "flash");
  EXPECT_TRUE(has("2002 hold by=2001"));
  EXPECT_TRUE(has("2003 connected to=2001"));
  EXPECT_TRUE(has("2001 connected to=2003"));
  EXPECT_EQ(engine->check_state(), "");
  act(7, "2001", Action::press, "flash");
  EXPECT_TRUE(has("2003 hold by=2001"));
  EXPECT_TRUE(has("2001 retrieved"));
  EXPECT_EQ(engine->check_state(), "");
  // While it juggles two calls, a third caller gets busy.
  act(8, "2004", Action::call, "2001");
  EXPECT_TRUE(has("2004 busy"));
}

TEST_F(CallWaitingTest, HangingUpWithAHeldCallRingsItBack) {
  talking();
  act(5, "2003", Action::call, "2001");
  act(6, "2001", Action::press, "flash");
  act(9, "2001", Action::onhook);
  EXPECT_TRUE(has("2003 released reason=hangup"));
  EXPECT_TRUE(has("2001 ringing from=2002 reason=recall"));
  act(10, "2001", Action::offhook);
  EXPECT_TRUE(has("2002 connected to=2001"));
  EXPECT_EQ(engine->live_calls(), 1u);
}

TEST_F(CallWaitingTest, HangingUpWithACallWaitingRingsIt) {
  talking();
  act(5, "2003", Action::call, "2001");
  act(8, "2001", Action::onhook);
  EXPECT_TRUE(has("2001 ringing from=2003 reason=recall"));
  EXPECT_EQ(count("2003 ringback"), 1);  // still the same ringback: no second one
}

TEST_F(CallWaitingTest, AWaitingCallerWhoHangsUpIsForgotten) {
  profile.switches["three-way-calling"] = "no";  // else flash with nothing waiting is TWC's
  talking();
  act(5, "2003", Action::call, "2001");
  act(6, "2003", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 1u);
  act(7, "2001", Action::press, "flash");
  EXPECT_FALSE(find("2002", Ev::hold));
  act(8, "2001", Action::onhook);
  EXPECT_FALSE(has("2001 ringing from=2003 reason=recall"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(CallWaitingTest, UnansweredWaitingCallGoesByNoAnswerForwardElseWaits) {
  add("2005", PartyKind::station);
  talking();
  act(2, "2001", Action::forward, "no-answer 2005");
  act(5, "2003", Action::call, "2001");
  engine->run_until(19.9);
  EXPECT_FALSE(find("2001", Ev::forwarded));
  engine->run_until(20.1);
  EXPECT_TRUE(has("2001 forwarded to=2005 hop=1 type=no-answer"));
  EXPECT_TRUE(has("2005 ringing from=2003 forwarded=1"));
}

TEST_F(CallWaitingTest, WithoutForwardTheWaitingCallWaitsOn) {
  talking();
  act(5, "2003", Action::call, "2001");
  engine->run_until(100);
  EXPECT_FALSE(find("2003", Ev::busy));
  act(100, "2001", Action::press, "flash");
  EXPECT_TRUE(has("2003 connected to=2001"));
}

TEST_F(CallWaitingTest, ForwardRegisteredWhileACallWaitsDoesNotMoveIt) {
  add("2005", PartyKind::station);
  talking();
  act(5, "2003", Action::call, "2001");
  act(6, "2001", Action::forward, "no-answer 2005");
  engine->run_until(60);
  EXPECT_FALSE(find("2001", Ev::forwarded));
}

TEST_F(CallWaitingTest, CallWaitingBeforeForwardDecidesBusyForward) {
  profile.switches["call-waiting-before-forward"] = "yes";
  talking();
  act(2, "2001", Action::forward, "busy 2004");
  act(5, "2003", Action::call, "2001");
  EXPECT_TRUE(has("2001 call-waiting from=2003"));
  EXPECT_FALSE(find("2001", Ev::forwarded));
}

TEST_F(CallWaitingTest, ForwardBeforeCallWaitingWhenTheSwitchIsOff) {
  profile.switches["call-waiting-before-forward"] = "no";
  talking();
  act(2, "2001", Action::forward, "busy 2004");
  act(5, "2003", Action::call, "2001");
  EXPECT_TRUE(has("2001 forwarded to=2004 hop=1 type=busy"));
  EXPECT_FALSE(find("2001", Ev::call_waiting));
}

TEST(CallWaitingOrder, TheSwitchMovesTheBoxes) {
  Profile p;
  p.switches["call-waiting-before-forward"] = "no";
  auto order = box_order(p, precedence_switches());
  auto at = [&](const char* n) { return std::find(order.begin(), order.end(), n) - order.begin(); };
  EXPECT_LT(at("forward"), at("call-waiting"));
  p.switches["call-waiting-before-forward"] = "yes";
  order = box_order(p, precedence_switches());
  EXPECT_LT(at("call-waiting"), at("forward"));
}

TEST_F(CallWaitingTest, HuntCallsNeverWait) {
  add("2001", PartyKind::station).call_waiting = true;
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  PartyDef& pilot = add("3000", PartyKind::hunt);
  pilot.members = {"2001"};
  start();
  act(0, "2002", Action::call, "2001");
  act(1, "2001", Action::offhook);
  act(2, "5550100", Action::call, "3000");
  EXPECT_TRUE(has("5550100 busy"));
  EXPECT_FALSE(find("2001", Ev::call_waiting));
}

}  // namespace
}  // namespace telsim
