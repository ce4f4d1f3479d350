// What a party is doing, read from the engine (models/party_state.cc, SPEC SC-2), and the
// readings of expect-state rows during a hand-driven run (models/state_watch.cc).
#include "models/party_state.h"

#include "models/state_watch.h"
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class PartyStateTest : public EngineTest {
 protected:
  void SetUp() override {
    add("2001", PartyKind::station);
    add("2002", PartyKind::station);
    add("5550100", PartyKind::external);
  }
  std::string state(const std::string& who) { return states_text(describe_state(*engine, *engine->party_id(who))); }
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

}  // namespace
}  // namespace telsim
