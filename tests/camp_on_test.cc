// Camp-on (CO-1..CO-3), driven by hand: camping by key and by code, the queue, the camped caller
// leaving, the camp-on timer, refusals, and a forward registered while a call is camped.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class CampOnTest : public EngineTest {
 protected:
  // 2001 talks to 2002; 2003 and 2004 find it busy.
  void busy_station() {
    add("2001", PartyKind::station);
    add("2002", PartyKind::station);
    add("2003", PartyKind::station);
    add("2004", PartyKind::station);
    add("2005", PartyKind::station);
    start();
    act(0, "2002", Action::call, "2001");
    act(1, "2001", Action::offhook);
  }
};

TEST_F(CampOnTest, CampingGivesCampOnRingbackAndTheWaitingToneOnce) {
  busy_station();
  act(5, "2003", Action::call, "2001");
  ASSERT_TRUE(has("2003 busy"));
  act(6, "2003", Action::press, "camp-on");
  EXPECT_TRUE(has("2003 camp-on to=2001"));
  EXPECT_TRUE(has("2003 ringback"));
  EXPECT_TRUE(has("2001 call-waiting from=2003"));
  EXPECT_EQ(engine->check_state(), "");
}

TEST_F(CampOnTest, TheCodeCampsOnOnlyWhereTheProfileHasOne) {
  profile.codes["camp-on"] = "*6";
  busy_station();
  act(5, "2003", Action::call, "2001");
  act(6, "2003", Action::dial, "*");
  EXPECT_FALSE(find("2003", Ev::camp_on));
  act(6.5, "2003", Action::dial, "6");
  EXPECT_TRUE(has("2003 camp-on to=2001"));
}

TEST_F(CampOnTest, WrongDigitsWhileBusyDoNothing) {
  profile.codes["camp-on"] = "6";
  busy_station();
  act(5, "2003", Action::call, "2001");
  act(6, "2003", Action::dial, "7");
  EXPECT_FALSE(find("2003", Ev::camp_on));
  act(7, "2003", Action::dial, "6");
  EXPECT_TRUE(has("2003 camp-on to=2001"));
}

TEST_F(CampOnTest, TheCampedCallRingsWhenTheStationGoesFreeInOrder) {
  busy_station();
  act(5, "2004", Action::call, "2001");
  act(5, "2004", Action::press, "camp-on");
  act(6, "2003", Action::call, "2001");
  act(6, "2003", Action::press, "camp-on");
  act(10, "2001", Action::onhook);
  engine->run_until(10);  // the camped call rings at this instant, once the hang-up is complete
  EXPECT_TRUE(has("2001 ringing from=2004 reason=camp-on"));
  EXPECT_FALSE(has("2001 ringing from=2003 reason=camp-on"));
  act(11, "2001", Action::offhook);
  EXPECT_TRUE(has("2004 connected to=2001"));
  act(12, "2001", Action::onhook);
  engine->run_until(12);
  EXPECT_TRUE(has("2001 ringing from=2003 reason=camp-on"));
  EXPECT_EQ(engine->check_state(), "");
}

TEST_F(CampOnTest, ACampedCallerWhoHangsUpLeavesTheQueue) {
  busy_station();
  act(5, "2003", Action::call, "2001");
  act(5, "2003", Action::press, "camp-on");
  act(7, "2003", Action::onhook);
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  EXPECT_FALSE(has("2001 ringing from=2003 reason=camp-on"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(CampOnTest, TheCampOnTimerGivesBusyAgain) {
  site.timers["camp-on"] = 10;
  busy_station();
  act(5, "2003", Action::call, "2001");
  act(5, "2003", Action::press, "camp-on");
  engine->run_until(14.9);
  size_t busies = 0;
  for (const auto& e : sink.events) busies += e.party == "2003" && e.event == Ev::busy;
  EXPECT_EQ(busies, 1u);
  engine->run_until(15.1);
  busies = 0;
  for (const auto& e : sink.events) busies += e.party == "2003" && e.event == Ev::busy;
  EXPECT_EQ(busies, 2u);
  act(20, "2001", Action::onhook);
  engine->run_until(20);
  EXPECT_FALSE(has("2001 ringing from=2003 reason=camp-on"));
}

TEST_F(CampOnTest, RefusedWithoutAStationsBusyTone) {
  add("5550100", PartyKind::external);
  PartyDef& pilot = add("3000", PartyKind::hunt);
  pilot.members = {"2001"};
  busy_station();
  act(5, "2003", Action::call, "3000");
  ASSERT_TRUE(has("2003 busy"));
  act(6, "2003", Action::press, "camp-on");
  EXPECT_TRUE(has("2003 reorder"));
  EXPECT_FALSE(find("2003", Ev::camp_on));
  // In a call: nothing but the reorder event, and the call goes on.
  act(7, "2002", Action::press, "camp-on");
  EXPECT_TRUE(has("2002 reorder"));
  EXPECT_FALSE(find("2002", Ev::released));
}

TEST_F(CampOnTest, ForwardRegisteredWhileCampedWaitsForTheCampedCall) {
  busy_station();
  act(5, "2003", Action::call, "2001");
  act(5, "2003", Action::press, "camp-on");
  act(6, "2001", Action::forward, "all 2005");
  act(10, "2001", Action::onhook);
  engine->run_until(10);
  EXPECT_TRUE(has("2001 ringing from=2003 reason=camp-on"));
  EXPECT_FALSE(find("2001", Ev::forwarded));
  act(11, "2001", Action::offhook);
  act(12, "2001", Action::onhook);
  act(13, "2004", Action::call, "2001");
  EXPECT_TRUE(has("2001 forwarded to=2005 hop=1 type=all"));
}

}  // namespace
}  // namespace telsim
