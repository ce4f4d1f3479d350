// The conference box (CN-1..CN-3, DE-2), driven by hand with a fake clock: forming, leaving,
// adding up to conference-max, holding and the conference recall; every test checks the engine
// stayed healthy (its invariants, conferences included, ran after every event).
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class ConferenceTest : public EngineTest {
 protected:
  void SetUp() override {
    for (const char* n : {"2001", "2002", "2003", "2004", "2005"}) add(n, PartyKind::station);
  }
  // 2002 calls 2001; 2001 consults 2003 (press transfer) and joins the three at `at + 5`.
  void three(double at = 0) {
    act(at, "2002", Action::call, "2001");
    act(at + 1, "2001", Action::offhook);
    act(at + 2, "2001", Action::press, "transfer");
    act(at + 3, "2001", Action::dial, "2003");
    act(at + 4, "2003", Action::offhook);
    act(at + 5, "2001", Action::press, "conference");
  }
  void add_member(double at, const char* who) {
    act(at, "2001", Action::press, "transfer");
    act(at + 1, "2001", Action::dial, who);
    act(at + 2, who, Action::offhook);
    act(at + 3, "2001", Action::press, "conference");
  }
  size_t count(const std::string& line) const {
    auto l = lines();
    return static_cast<size_t>(std::count(l.begin(), l.end(), line));
  }
  void healthy() { EXPECT_EQ(engine->failure(), ""); }
};

TEST_F(ConferenceTest, PressConferenceJoinsTheThreeInTheHeldCall) {
  start();
  three();
  healthy();
  for (const char* n : {"2001", "2002", "2003"}) EXPECT_TRUE(has(std::string(n) + " conference size=3")) << n;
  const TraceEvent* first = find("2002", Ev::ringback);
  const TraceEvent* conf = find("2003", Ev::conference);
  ASSERT_TRUE(first && conf);
  EXPECT_EQ(conf->call, first->call);  // the held party's call keeps its id
  EXPECT_EQ(engine->live_calls(), 1u);  // the consultation call ended
}

TEST_F(ConferenceTest, BeforeTheConsultedPartyAnswersReorderAndNothingChanges) {
  start();
  act(0, "2002", Action::call, "2001");
  act(1, "2001", Action::offhook);
  act(2, "2001", Action::press, "transfer");
  act(3, "2001", Action::dial, "2003");
  act(4, "2001", Action::press, "conference");
  healthy();
  EXPECT_TRUE(has("2001 reorder"));
  EXPECT_FALSE(has("2002 conference size=3"));
  EXPECT_EQ(engine->device(*engine->party_id("2003")).alerting.size(), 1u);  // still rings
}

TEST_F(ConferenceTest, PressConferenceInAPlainCallIsReorder) {
  start();
  act(0, "2002", Action::call, "2001");
  act(1, "2001", Action::offhook);
  act(2, "2001", Action::press, "conference");
  healthy();
  EXPECT_TRUE(has("2001 reorder"));
  EXPECT_FALSE(has("2001 conference size=3"));
}

TEST_F(ConferenceTest, TwoLeftAreAPlainCallWithoutSizeTwo) {
  start();
  three();
  act(10, "2002", Action::onhook);
  healthy();
  EXPECT_TRUE(has("2001 connected to=2003"));
  EXPECT_TRUE(has("2003 connected to=2001"));
  EXPECT_FALSE(has("2001 conference size=2"));
  act(20, "2003", Action::onhook);
  healthy();
  EXPECT_TRUE(has("2001 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(ConferenceTest, MembersLeaveOneByOneUntilNoCallIsLeft) {
  profile.switches["conference-max"] = "5";
  start();
  three();
  add_member(10, "2004");
  add_member(20, "2005");
  healthy();
  EXPECT_EQ(count("2002 conference size=5"), 1u);
  act(30, "2001", Action::onhook);  // the controller leaves too
  EXPECT_EQ(count("2002 conference size=4"), 2u);  // once growing, once shrinking
  act(31, "2004", Action::onhook);
  EXPECT_EQ(count("2002 conference size=3"), 2u);
  act(32, "2005", Action::onhook);
  EXPECT_TRUE(has("2002 connected to=2003"));
  act(33, "2003", Action::onhook);
  healthy();
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(ConferenceTest, PastConferenceMaxReorderAndTheAddedPartyIsNotIn) {
  start();  // conference-max 3 by default
  three();
  add_member(10, "2004");
  healthy();
  EXPECT_TRUE(has("2001 reorder"));
  EXPECT_FALSE(has("2004 conference size=4"));
  EXPECT_FALSE(has("2002 conference size=4"));
  act(20, "2001", Action::retrieve);  // back in; the consultation ends
  healthy();
  EXPECT_TRUE(has("2001 retrieved"));
  EXPECT_TRUE(has("2004 released reason=conference"));
}

TEST_F(ConferenceTest, AddingKeepsTheOthersTalkingWithoutHold) {
  profile.switches["conference-max"] = "4";
  start();
  three();
  act(10, "2001", Action::press, "transfer");
  healthy();
  EXPECT_EQ(count("2002 hold by=2001"), 1u);  // only the consultation's hold, before the conference
  EXPECT_EQ(count("2003 hold by=2001"), 0u);
}

TEST_F(ConferenceTest, FailedAddsPutTheControllerBackIn) {
  profile.switches["conference-max"] = "4";
  profile.timers["no-answer"] = 10;
  start();
  act(0, "2004", Action::call, "2005");  // 2004 busy
  act(0.5, "2005", Action::offhook);
  three(1);
  act(10, "2001", Action::press, "transfer");
  act(11, "2001", Action::dial, "2004");  // busy
  EXPECT_EQ(count("2001 retrieved"), 1u);
  act(12, "2001", Action::press, "transfer");
  act(13, "2001", Action::dial, "2999");  // unknown
  EXPECT_EQ(count("2001 retrieved"), 2u);
  act(14, "2004", Action::onhook);
  act(15, "2001", Action::press, "transfer");
  act(16, "2001", Action::dial, "2004");  // rings, nobody answers
  engine->run_until(25);
  EXPECT_EQ(count("2001 retrieved"), 2u);
  engine->run_until(27);
  EXPECT_EQ(count("2001 retrieved"), 3u);
  EXPECT_TRUE(has("2004 stop-ringing"));
  healthy();
  EXPECT_FALSE(has("2002 conference size=4"));
  EXPECT_FALSE(has("2002 conference size=2"));
}

TEST_F(ConferenceTest, HeldConferenceRecallsTheControllerOnly) {
  profile.timers["hold-recall"] = 30;
  start();
  three();
  act(6, "2001", Action::hold);
  engine->run_until(35);
  EXPECT_FALSE(has("2001 recall reason=conference"));
  engine->run_until(36);
  healthy();
  EXPECT_TRUE(has("2001 recall reason=conference"));
  EXPECT_TRUE(has("2001 ringing from=2002 reason=recall"));
  act(40, "2001", Action::offhook);
  healthy();
  EXPECT_EQ(count("2001 conference size=3"), 2u);
  EXPECT_EQ(engine->device(*engine->party_id("2001")).alerting.size(), 0u);
}

TEST_F(ConferenceTest, RetrieveBeforeTheRecallCancelsIt) {
  profile.timers["hold-recall"] = 30;
  start();
  three();
  act(6, "2001", Action::press, "hold");
  act(10, "2001", Action::press, "hold");
  engine->run_until(100);
  healthy();
  EXPECT_TRUE(has("2001 retrieved"));
  EXPECT_FALSE(has("2001 recall reason=conference"));
}

TEST_F(ConferenceTest, MemberHoldKeyDoesNothing) {
  start();
  three();
  act(10, "2003", Action::hold);
  engine->run_until(200);
  healthy();
  EXPECT_FALSE(has("2001 hold by=2003"));
  EXPECT_FALSE(has("2002 hold by=2003"));
  EXPECT_FALSE(has("2003 recall reason=hold"));
}

TEST_F(ConferenceTest, RecallOfAShrunkConferenceRingsAsAHeldCall) {
  profile.timers["hold-recall"] = 30;
  start();
  three();
  act(6, "2001", Action::hold);
  act(10, "2003", Action::onhook);
  healthy();
  EXPECT_TRUE(has("2002 hold by=2001"));
  engine->run_until(36);
  healthy();
  EXPECT_TRUE(has("2001 recall reason=conference"));
  act(40, "2001", Action::offhook);
  healthy();
  EXPECT_TRUE(has("2002 connected to=2001"));
  act(50, "2002", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(ConferenceTest, DeeMainExtensionRecallRingsTheDeskPhoneOnly) {
  profile.switches["dynamic-extension-express"] = "yes";
  profile.timers["hold-recall"] = 30;
  site.parties.clear();
  add("2001", PartyKind::station).mobile = "5551001";
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("5551001", PartyKind::mobile);
  start();
  three();
  act(6, "2001", Action::hold);
  engine->run_until(100);
  healthy();
  EXPECT_TRUE(has("2001 recall reason=conference"));
  // The mobile rang for the first call only (DE-1), never for the recall (DE-2).
  EXPECT_EQ(count("5551001 ringing from=2002"), 1u);
  EXPECT_EQ(count("5551001 ringing from=2002 reason=recall"), 0u);
}

TEST_F(ConferenceTest, ConferenceMaxBelowThreeRefusesEveryConference) {
  profile.switches["conference-max"] = "2";
  start();
  three();
  healthy();
  EXPECT_TRUE(has("2001 reorder"));
  EXPECT_FALSE(has("2002 conference size=3"));
}

}  // namespace
}  // namespace telsim
