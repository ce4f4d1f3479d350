// Ring back when free (RBWF, SPEC 7), driven by hand: the request by code and by key, the ring when
// the station goes free, answering it, a caller busy then, a station busy again, refusals, one
// request per caller, the timers, and the property ring-back against a forward (FI-1, FI-2).
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class RingBackTest : public EngineTest {
 protected:
  // 2001 talks to 2002; 2003 and 2004 find 2001 busy.
  void busy_station() {
    profile.codes["ring-back"] = "5";
    profile.switches["ring-back-before-forward"] = "yes";
    add("2001", PartyKind::station);
    add("2002", PartyKind::station);
    add("2003", PartyKind::station);
    add("2004", PartyKind::station);
    add("5550100", PartyKind::external);
    start();
    act(0, "2002", Action::call, "2001");
    act(1, "2001", Action::offhook);
  }
  void ask(double t, const std::string& who) {
    act(t, who, Action::call, "2001");
    act(t, who, Action::dial, "5");
  }
};

TEST_F(RingBackTest, TheCodeOnBusyRegistersARequest) {
  busy_station();
  ask(5, "2003");
  EXPECT_TRUE(has("2003 ring-back to=2001"));
  EXPECT_TRUE(has("2003 confirmation"));
  EXPECT_EQ(engine->check_state(), "");
}

TEST_F(RingBackTest, TheKeyRegistersARequestToo) {
  busy_station();
  act(5, "2003", Action::call, "2001");
  act(5, "2003", Action::press, "ring-back");
  EXPECT_TRUE(has("2003 ring-back to=2001"));
}

TEST_F(RingBackTest, TheCallerRingsWhenTheStationGoesFreeAndAnsweringCallsIt) {
  busy_station();
  ask(5, "2003");
  act(6, "2003", Action::onhook);
  EXPECT_FALSE(has("2003 ringing from=2001 reason=ring-back"));
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  EXPECT_TRUE(has("2003 ringing from=2001 reason=ring-back"));
  act(12, "2003", Action::offhook);
  EXPECT_TRUE(has("2001 ringing from=2003 reason=ring-back"));
  EXPECT_TRUE(has("2003 ringback"));
  act(13, "2001", Action::offhook);
  EXPECT_TRUE(has("2003 connected to=2001"));
  EXPECT_EQ(engine->failure(), "");
  act(20, "2003", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
  EXPECT_EQ(engine->check_state(), "");
}

TEST_F(RingBackTest, ACallerBusyWhenTheStationFreesIsRungOnceItIsFree) {
  busy_station();
  ask(5, "2003");
  act(6, "2003", Action::onhook);
  act(7, "2003", Action::call, "2004");
  act(8, "2004", Action::offhook);
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  EXPECT_FALSE(has("2003 ringing from=2001 reason=ring-back"));
  act(15, "2003", Action::onhook);
  engine->run_until(15);
  EXPECT_TRUE(has("2003 ringing from=2001 reason=ring-back"));
}

TEST_F(RingBackTest, AStationBusyAgainStopsTheRingAndTheRequestWaits) {
  busy_station();
  ask(5, "2003");
  act(6, "2003", Action::onhook);
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  ASSERT_TRUE(has("2003 ringing from=2001 reason=ring-back"));
  act(11, "2001", Action::call, "2004");  // busy again before the caller answers
  engine->run_until(11);
  EXPECT_TRUE(has("2003 stop-ringing"));
  EXPECT_EQ(engine->failure(), "");
  act(14, "2001", Action::onhook);
  engine->run_until(14);
  size_t rings = 0;
  for (const auto& l : lines()) rings += l == "2003 ringing from=2001 reason=ring-back";
  EXPECT_EQ(rings, 2u);
}

TEST_F(RingBackTest, RequestsAreServedInOrderOneAtATime) {
  busy_station();
  ask(5, "2003");
  act(5, "2003", Action::onhook);
  ask(6, "2004");
  act(6, "2004", Action::onhook);
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  EXPECT_TRUE(has("2003 ringing from=2001 reason=ring-back"));
  EXPECT_FALSE(has("2004 ringing from=2001 reason=ring-back"));
}

TEST_F(RingBackTest, ANewRequestReplacesTheCallersOld) {
  busy_station();
  act(1, "2004", Action::call, "2003");
  act(2, "2003", Action::offhook);  // 2003 and 2004 talk; 2002 asks for both in turn
  act(3, "2002", Action::onhook);
  act(4, "2001", Action::call, "2003");
  act(4, "2001", Action::dial, "5");
  EXPECT_TRUE(has("2001 ring-back to=2003"));
  act(5, "2001", Action::onhook);
  act(6, "2001", Action::call, "2004");
  act(6, "2001", Action::dial, "5");
  EXPECT_TRUE(has("2001 ring-back to=2004"));
  act(7, "2001", Action::onhook);
  act(8, "2003", Action::onhook);
  engine->run_until(8);
  EXPECT_TRUE(has("2001 ringing from=2004 reason=ring-back"));
  EXPECT_FALSE(has("2001 ringing from=2003 reason=ring-back"));
}

TEST_F(RingBackTest, UnansweredTheRingBackStopsAndTheRequestIsOver) {
  busy_station();
  ask(5, "2003");
  act(6, "2003", Action::onhook);
  act(10, "2001", Action::onhook);
  engine->run_until(26);  // timer.no-answer (15 s) after it began to ring
  EXPECT_TRUE(has("2003 stop-ringing"));
  EXPECT_EQ(engine->live_calls(), 0u);
  EXPECT_EQ(engine->check_state(), "");
}

TEST_F(RingBackTest, ARequestExpiresAfterTheRingBackTimer) {
  site.timers["ring-back"] = 20;
  busy_station();
  ask(5, "2003");
  act(6, "2003", Action::onhook);
  act(30, "2001", Action::onhook);
  engine->run_until(30);
  EXPECT_FALSE(has("2003 ringing from=2001 reason=ring-back"));
}

TEST_F(RingBackTest, NoStationsBusyToneGivesReorder) {
  busy_station();
  act(5, "2003", Action::call, "2099");  // no such number: reorder, not busy
  act(6, "2003", Action::press, "ring-back");
  EXPECT_FALSE(find("2003", Ev::ring_back));
}

TEST_F(RingBackTest, AnOutsideCallerIsRefused) {
  busy_station();
  act(5, "5550100", Action::call, "2001");
  ASSERT_TRUE(has("5550100 busy"));
  act(6, "5550100", Action::press, "ring-back");
  EXPECT_FALSE(find("5550100", Ev::ring_back));
  EXPECT_TRUE(has("5550100 reorder"));
}

TEST_F(RingBackTest, WithTheSwitchTheStationRingsNotItsForward) {
  busy_station();
  ask(5, "2003");
  act(6, "2003", Action::onhook);
  act(7, "2001", Action::forward, "all 2004");
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  act(11, "2003", Action::offhook);
  EXPECT_TRUE(has("2001 ringing from=2003 reason=ring-back"));
  EXPECT_FALSE(find("2004", Ev::ringing));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(RingBackTest, WithoutResolutionsTheForwardTakesItAndThePropertyBreaks) {
  site.switches["resolutions"] = "none";
  busy_station();
  ask(5, "2003");
  act(6, "2003", Action::onhook);
  act(7, "2001", Action::forward, "all 2004");
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  act(11, "2003", Action::offhook);
  act(12, "2004", Action::offhook);
  EXPECT_NE(engine->failure().find("property ring-back broken"), std::string::npos) << engine->failure();
  EXPECT_NE(engine->failure().find("features RBWF x CF"), std::string::npos) << engine->failure();
  ASSERT_FALSE(engine->contests().empty());
  EXPECT_EQ(engine->contests().front().first, "forward");
  EXPECT_EQ(engine->contests().front().second, "ring-back");
}

}  // namespace
}  // namespace telsim
