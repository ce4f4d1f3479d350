// What a party is doing, read from the engine (models/party_state.cc, SPEC SC-2), and the
// readings of expect-state rows during a hand-driven run (models/state_watch.cc).
#include "models/party_state.h"

#include "models/state_watch.h"
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

std::string state_of(const Engine& e, const std::string& who) {
  return states_text(describe_state(e, *e.party_id(who)));
}

class PartyStateTest : public EngineTest {
 protected:
  void SetUp() override {
    add("2001", PartyKind::station);
    add("2002", PartyKind::station);
    add("5550100", PartyKind::external);
  }
  std::string state(const std::string& who) { return state_of(*engine, who); }
};

TEST_F(PartyStateTest, ACallFromDialToneToHold) {
  start();
  EXPECT_EQ(state("2001"), "idle");
  act(0, "2002", Action::offhook);
  EXPECT_EQ(state("2002"), "dialtone");
  act(1, "2002", Action::dial, "2001");
  EXPECT_EQ(state("2002"), "ringback");
  EXPECT_EQ(state("2001"), "ringing");
  act(2, "2001", Action::offhook);
  EXPECT_EQ(state("2001"), "talking to=2002");
  EXPECT_EQ(state("2002"), "talking to=2001");
  act(3, "2001", Action::hold);
  EXPECT_EQ(state("2001"), "holding");
  EXPECT_EQ(state("2002"), "held by=2001");
  act(4, "5550100", Action::call, "2001");  // one line, held: busy tone for the caller
  EXPECT_EQ(state("5550100"), "tone");
}

TEST_F(PartyStateTest, StateHoldsAcceptsAnyValueWhenNoneIsGiven) {
  EXPECT_TRUE(state_holds({"talking", ""}, {"holding", "talking to=2002"}));
  EXPECT_TRUE(state_holds({"talking", "2002"}, {"holding", "talking to=2002"}));
  EXPECT_FALSE(state_holds({"talking", "2003"}, {"talking to=2002"}));
  EXPECT_FALSE(state_holds({"held", ""}, {"holding"}));
  EXPECT_TRUE(state_holds({"conference", "3"}, {"conference size=3"}));
}

TEST_F(PartyStateTest, AWatchReadsAtInstantsAndThroughoutWindows) {
  Scenario s;
  Expectation talking;
  talking.kind = Expectation::Kind::state;
  talking.party = "2001";
  talking.state = {"talking", "2002"};
  talking.from = 2;
  talking.to = 10;  // broken at 6, when 2002 hangs up
  Expectation idle = talking;
  idle.party = "*";
  idle.state = {"idle", ""};
  idle.from = idle.to = 7;
  s.expectations = {talking, idle};
  start();
  StateWatch w(s, *engine);
  auto step = [&](double t, const std::string& who, Action a, const std::string& arg = "") {
    w.before(t);
    act(t, who, a, arg);
    w.touched(t);
  };
  step(0, "2002", Action::call, "2001");
  step(2, "2001", Action::offhook);
  step(6, "2002", Action::onhook);
  step(7, "2001", Action::onhook);
  w.finish(20);
  ASSERT_EQ(w.verdicts().size(), 2u);
  EXPECT_TRUE(w.verdicts()[0].checked);
  EXPECT_FALSE(w.verdicts()[0].passed);
  EXPECT_EQ(w.verdicts()[0].at, 6);
  EXPECT_EQ(w.verdicts()[0].actual, "idle");
  EXPECT_TRUE(w.verdicts()[1].checked);
  EXPECT_TRUE(w.verdicts()[1].passed) << w.verdicts()[1].party << " " << w.verdicts()[1].actual;
}


// The boxes' own states (Box::describe_state): a camped caller, a queued caller, conference members.
class BoxStateTest : public EngineTest {
 protected:
  std::string state(const std::string& who) { return state_of(*engine, who); }
  // Stations 2001..2003; 2002 calls 2001, which answers at 1.
  void talking_2002_2001() {
    for (auto n : {"2001", "2002", "2003"}) add(n, PartyKind::station);
    start();
    act(0, "2002", Action::call, "2001");
    act(1, "2001", Action::offhook);
  }
};

TEST_F(BoxStateTest, ACallerCampedOnABusyStationIsCampedUntilItRings) {
  talking_2002_2001();
  act(2, "2003", Action::call, "2001");
  EXPECT_EQ(state("2003"), "tone");  // busy: not camped yet
  act(3, "2003", Action::press, "camp-on");
  EXPECT_EQ(state("2003"), "ringback, camped");
  EXPECT_EQ(state("2001"), "talking to=2002");  // the station camped on is not camped
  act(4, "2002", Action::onhook);
  act(5, "2001", Action::onhook);  // free: the camped call rings it
  EXPECT_EQ(state("2003"), "ringback");
  EXPECT_EQ(state("2001"), "ringing");
}

TEST_F(BoxStateTest, ACallerWaitingInAHuntQueueIsQueuedUntilAMemberRings) {
  PartyDef& g = add("300", PartyKind::hunt);
  g.members = {"2001"};
  g.queue = -1;
  add("2001", PartyKind::station);
  add("2008", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  act(0, "2008", Action::call, "2001");
  act(1, "2001", Action::offhook);
  act(2, "5550100", Action::call, "300");
  EXPECT_EQ(state("5550100"), "ringback, queued");
  EXPECT_EQ(state("2008"), "talking to=2001");
  act(3, "2001", Action::onhook);  // the member goes free: the head of the queue rings it
  engine->run_until(3);           // once the hang-up is over
  EXPECT_EQ(state("5550100"), "ringback");
  EXPECT_EQ(state("2001"), "ringing");
}

TEST_F(BoxStateTest, ConferenceMembersAreInAConferenceOfItsSizeNotTalkingToOne) {
  talking_2002_2001();
  act(2, "2001", Action::press, "transfer");
  act(3, "2001", Action::dial, "2003");
  act(4, "2003", Action::offhook);
  EXPECT_EQ(state("2001"), "holding, talking to=2003");
  act(5, "2001", Action::press, "conference");
  for (auto n : {"2001", "2002", "2003"}) EXPECT_EQ(state(n), "conference size=3") << n;
  act(6, "2003", Action::onhook);  // two left: a plain call again
  EXPECT_EQ(state("2001"), "talking to=2002");
  EXPECT_EQ(state("2003"), "idle");
}

}  // namespace
}  // namespace telsim
