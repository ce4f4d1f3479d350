// Call forward decisions (CF-1..CF-12), Multi-line Hunting and voice calls, driven by hand.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class ForwardTest : public EngineTest {
 protected:
  // The Perception 4000's switches (SPEC 4).
  void perception() {
    profile.switches["forward-max-hops"] = "2";
    profile.switches["forward-intercom"] = "no";
  }
  int count(const std::string& line) const {
    auto l = lines();
    return static_cast<int>(std::count(l.begin(), l.end(), line));
  }
  double time_of(const std::string& line) const {
    for (const auto& e : sink.events) {
      std::string s = e.party + " " + std::string(ev_name(e.event));
      if (!e.detail.empty()) s += " " + e.detail;
      if (s == line) return e.time;
    }
    return -1;
  }
};

TEST_F(ForwardTest, ForwardAllGoesAtOnceWithoutRinging) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();
  act(0, "2001", Action::forward, "all 2003");
  EXPECT_TRUE(has("2001 confirmation"));
  act(1, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2001 forwarded to=2003 hop=1 type=all"));
  EXPECT_FALSE(has("2001 ringing from=2002"));
  EXPECT_TRUE(has("2003 ringing from=2002 forwarded=1"));
  EXPECT_EQ(count("2002 ringback"), 1);
  act(2, "2003", Action::offhook);
  EXPECT_TRUE(has("2002 connected to=2003"));
}

TEST_F(ForwardTest, ForwardBusyOnlyWhenTheStationIsBusy) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("2004", PartyKind::station);
  start();
  act(0, "2001", Action::forward, "busy 2003");
  act(1, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2002"));
  EXPECT_FALSE(has("2003 ringing from=2002 forwarded=1"));
  engine->run_until(100);
  EXPECT_FALSE(find("2001", Ev::forwarded));  // busy forward never acts on no answer
  act(100, "2001", Action::offhook);
  act(101, "2004", Action::call, "2001");
  EXPECT_TRUE(has("2001 forwarded to=2003 hop=1 type=busy"));
  EXPECT_TRUE(has("2003 ringing from=2004 forwarded=1"));
  EXPECT_FALSE(has("2004 busy"));
}

TEST_F(ForwardTest, ForwardNoAnswerRingsForTheSiteTimerThenForwards) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  site.timers["no-answer"] = 7;
  profile.timers["no-answer"] = 20;  // the site's timer wins over the profile's
  start();
  act(0, "2001", Action::forward, "no-answer 2003");
  act(1, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2002"));
  engine->run_until(7.9);
  EXPECT_FALSE(find("2001", Ev::forwarded));
  engine->run_until(8);
  EXPECT_TRUE(has("2001 forwarded to=2003 hop=1 type=no-answer"));
  EXPECT_TRUE(has("2001 stop-ringing"));
  EXPECT_TRUE(has("2003 ringing from=2002 forwarded=1"));
  EXPECT_EQ(time_of("2003 ringing from=2002 forwarded=1"), 8);
  EXPECT_EQ(count("2002 ringback"), 1);  // the caller's ringback goes on
  EXPECT_TRUE(engine->device(*engine->party_id("2001")).alerting.empty());
}

TEST_F(ForwardTest, NoAnswerTimerUsesTheProfileDefaultWithoutASiteTimer) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  profile.timers["no-answer"] = 20;
  start();
  act(0, "2001", Action::forward, "no-answer 2003");
  act(0, "2002", Action::call, "2001");
  engine->run_until(19.5);
  EXPECT_FALSE(find("2001", Ev::forwarded));
  engine->run_until(20);
  EXPECT_EQ(find("2001", Ev::forwarded)->time, 20);
}

TEST_F(ForwardTest, AnsweredOrAbandonedCallIsNotForwardedLater) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();
  act(0, "2001", Action::forward, "no-answer 2003");
  act(0, "2002", Action::call, "2001");
  act(5, "2001", Action::offhook);
  engine->run_until(100);
  EXPECT_FALSE(find("2001", Ev::forwarded));
  act(100, "2001", Action::onhook);
  act(101, "2002", Action::call, "2001");
  act(105, "2002", Action::onhook);  // gives up: the stale timer must do nothing
  engine->run_until(200);
  EXPECT_FALSE(find("2001", Ev::forwarded));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(ForwardTest, BusyNoAnswerForwardsAtOnceWhenBusyAndAfterTheTimerWhenNot) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("2004", PartyKind::station);
  start();
  act(0, "2001", Action::forward, "busy-no-answer 2003");
  act(0, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2002"));
  engine->run_until(15);
  EXPECT_TRUE(has("2001 forwarded to=2003 hop=1 type=busy-no-answer"));
  act(20, "2003", Action::offhook);
  act(21, "2001", Action::offhook);  // 2001 goes off hook (dial tone): busy
  act(22, "2004", Action::call, "2001");
  EXPECT_EQ(count("2001 forwarded to=2003 hop=1 type=busy-no-answer"), 2);
  // 2003 is talking to 2002 and forwards nothing: the caller hears busy.
  EXPECT_TRUE(has("2004 busy"));
}

TEST_F(ForwardTest, NewRegistrationReplacesTheOldAndOffCancels) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("2004", PartyKind::station);
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "2001", Action::forward, "all 2004");
  act(2, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2004 ringing from=2002 forwarded=1"));
  EXPECT_FALSE(find("2003", Ev::ringing));
  act(3, "2002", Action::onhook);
  act(4, "2001", Action::forward, "busy 2003");  // replaces forward all: now 2001 rings
  act(5, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2002"));
  act(6, "2002", Action::onhook);
  act(7, "2001", Action::forward, "off");
  act(8, "2001", Action::offhook);
  act(9, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2002 busy"));
  EXPECT_EQ(count("2001 confirmation"), 4);
}

TEST_F(ForwardTest, RefusedRegistrationKeepsTheOldOne) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "2001", Action::forward, "all 9999");  // nobody has this number
  act(2, "2001", Action::forward, "all 2001");  // itself
  EXPECT_EQ(count("2001 reorder"), 2);
  act(3, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2003 ringing from=2002 forwarded=1"));
}

TEST_F(ForwardTest, CallRingingWhenForwardIsRegisteredStaysAndDefersTheForward) {
  add("2001", PartyKind::station).lines = {"2001", "2011"};
  site.parties.back().mlh = true;
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("2004", PartyKind::station);
  add("2005", PartyKind::station);
  start();
  act(0, "2002", Action::call, "2001");
  act(1, "2001", Action::forward, "all 2003");
  engine->run_until(100);
  EXPECT_FALSE(find("2001", Ev::forwarded));
  // A second call while the first still rings is not forwarded either (note 4): it hunts.
  act(2, "2004", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2004 line=2011"));
  act(3, "2004", Action::onhook);
  EXPECT_FALSE(find("2001", Ev::forwarded));
  // Once the first call is disconnected, forward all is in effect.
  act(4, "2002", Action::onhook);
  act(5, "2005", Action::call, "2001");
  EXPECT_TRUE(has("2001 forwarded to=2003 hop=1 type=all"));
}

TEST_F(ForwardTest, ReRegisteringWhileACallRingsCancelsItsPendingNoAnswerForward) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();
  act(0, "2001", Action::forward, "no-answer 2003");
  act(0, "2002", Action::call, "2001");
  act(5, "2001", Action::forward, "no-answer 2003");
  engine->run_until(60);
  EXPECT_FALSE(find("2001", Ev::forwarded));
}

TEST_F(ForwardTest, IntercomCallsFollowTheProfileSwitch) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("5550100", PartyKind::external);
  perception();
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2002"));
  EXPECT_FALSE(find("2001", Ev::forwarded));
  act(2, "5550100", Action::call, "2001");  // an outside call is forwarded
  EXPECT_TRUE(has("2003 ringing from=5550100 forwarded=1"));
}

TEST_F(ForwardTest, IntercomCallsAreForwardedWhereTheProfileSaysSo) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  profile.switches["forward-intercom"] = "yes";
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2003 ringing from=2002 forwarded=1"));
}

TEST_F(ForwardTest, VoiceCallIsAnnouncedAndNeverForwarded) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();  // generic: intercom calls are forwarded, voice calls still are not
  act(0, "2001", Action::forward, "busy-no-answer 2003");
  act(1, "2002", Action::voice_call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2002 reason=voice"));
  EXPECT_FALSE(has("2002 ringback"));
  engine->run_until(200);
  EXPECT_FALSE(find("2001", Ev::forwarded));
  act(200, "2001", Action::offhook);
  EXPECT_TRUE(has("2001 connected to=2002"));
  EXPECT_TRUE(has("2002 connected to=2001"));
  // A voice call to a busy station is busy, not forwarded.
  act(201, "2003", Action::voice_call, "2001");
  EXPECT_TRUE(has("2003 busy"));
  EXPECT_FALSE(find("2001", Ev::forwarded));
}

TEST_F(ForwardTest, HopLimitEndsAChainAtTheStationReached) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("2004", PartyKind::station);
  add("5550100", PartyKind::external);
  perception();
  start();
  act(0, "2001", Action::forward, "all 2002");
  act(0, "2002", Action::forward, "all 2003");
  act(0, "2003", Action::forward, "all 2004");
  act(1, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("2001 forwarded to=2002 hop=1 type=all"));
  EXPECT_TRUE(has("2002 forwarded to=2003 hop=2 type=all"));
  EXPECT_TRUE(has("2003 ringing from=5550100 forwarded=2"));
  EXPECT_FALSE(find("2003", Ev::forwarded));
  EXPECT_FALSE(find("2004", Ev::ringing));
}

TEST_F(ForwardTest, ForwardLoopEndsByTheHopLimitInEveryProfile) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  profile.switches["forward-max-hops"] = "100000";  // absurd, still ends
  start();
  act(0, "2001", Action::forward, "all 2002");
  act(0, "2002", Action::forward, "all 2001");
  act(1, "5550100", Action::call, "2001");
  EXPECT_EQ(engine->count(Ev::forwarded), 255u);
  EXPECT_EQ(engine->count(Ev::ringing), 1u);
  EXPECT_TRUE(engine->failure().empty());
}

TEST_F(ForwardTest, NoAnswerChainStopsForwardingAfterTheLimit) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("5550100", PartyKind::external);
  perception();
  start();
  act(0, "2001", Action::forward, "no-answer 2002");
  act(0, "2002", Action::forward, "no-answer 2003");
  act(0, "2003", Action::forward, "no-answer 2001");
  act(1, "5550100", Action::call, "2001");
  engine->run_until(1000);
  EXPECT_EQ(engine->count(Ev::forwarded), 2u);
  EXPECT_TRUE(has("2003 ringing from=5550100 forwarded=2"));
  EXPECT_EQ(engine->device(*engine->party_id("2003")).alerting.size(), 1u);
}

TEST_F(ForwardTest, ForwardToTheCallerRingsTheStationInstead) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  start();
  act(0, "2001", Action::forward, "all 2002");
  act(1, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2002"));
  EXPECT_FALSE(find("2001", Ev::forwarded));
}

TEST_F(ForwardTest, OnlyPrimeLineCallsAreForwardedWithoutMultiLineHunting) {
  add("2001", PartyKind::station).lines = {"2001", "2011"};
  add("2003", PartyKind::station);
  add("5550100", PartyKind::external);
  add("5550101", PartyKind::external);
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "5550100", Action::call, "2011");
  EXPECT_TRUE(has("2001 ringing from=5550100 line=2011"));
  act(2, "5550101", Action::call, "2001");
  EXPECT_TRUE(has("2003 ringing from=5550101 forwarded=1"));
  EXPECT_EQ(engine->count(Ev::forwarded), 1u);
}

TEST_F(ForwardTest, MultiLineHuntingForwardAllForwardsEveryLine) {
  add("2001", PartyKind::station).lines = {"2001", "2011"};
  site.parties.back().mlh = true;
  add("2003", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "5550100", Action::call, "2011");
  EXPECT_TRUE(has("2001 forwarded to=2003 hop=1 type=all"));
  EXPECT_FALSE(find("2001", Ev::ringing));
}

TEST_F(ForwardTest, MultiLineHuntingHuntsABusyLineThenForwardsOnNoAnswer) {
  add("2001", PartyKind::station).lines = {"2001", "2011", "2021"};
  site.parties.back().mlh = true;
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("5550100", PartyKind::external);
  add("5550101", PartyKind::external);
  start();
  // 2001 talks on its prime line.
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  act(2, "2001", Action::forward, "no-answer 2003");
  act(3, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=5550100 line=2011"));
  act(4, "5550101", Action::call, "2011");  // 2011 is now taken: hunts on to 2021
  EXPECT_TRUE(has("2001 ringing from=5550101 line=2021"));
  // Each line rung runs its own no-answer timer.
  engine->run_until(18);
  EXPECT_EQ(time_of("2001 forwarded to=2003 hop=1 type=no-answer"), 18);
  EXPECT_TRUE(has("2003 ringing from=5550100 forwarded=1"));
  act(18.5, "2003", Action::offhook);
  engine->run_until(19);
  EXPECT_EQ(time_of("2003 connected to=5550100"), 18.5);
  // The second call's line rang from 4: forwarded at 19, to 2003 that is now talking: busy.
  EXPECT_EQ(count("2001 forwarded to=2003 hop=1 type=no-answer"), 2);
  EXPECT_TRUE(has("5550101 busy"));
}

TEST_F(ForwardTest, MultiLineHuntingBusyForwardsOnlyWhenEveryLineIsBusy) {
  add("2001", PartyKind::station).lines = {"2001", "2011"};
  site.parties.back().mlh = true;
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("5550100", PartyKind::external);
  add("5550101", PartyKind::external);
  start();
  act(0, "2001", Action::forward, "busy 2003");
  act(1, "2001", Action::call, "2002");  // prime line taken
  act(2, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=5550100 line=2011"));
  EXPECT_FALSE(find("2001", Ev::forwarded));
  act(3, "5550101", Action::call, "2001");  // both lines taken
  EXPECT_TRUE(has("2001 forwarded to=2003 hop=1 type=busy"));
  EXPECT_TRUE(has("2003 ringing from=5550101 forwarded=1"));
}

TEST_F(ForwardTest, MultiLineHuntingWithoutForwardGivesBusyOnlyWhenAllLinesAreBusy) {
  add("2001", PartyKind::station).lines = {"2001", "2011"};
  site.parties.back().mlh = true;
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("2004", PartyKind::station);
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2003", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2003 line=2011"));
  act(2, "2004", Action::call, "2011");
  EXPECT_TRUE(has("2004 busy"));
}

TEST_F(ForwardTest, ForwardToOutsideGoesOverTheTrunkAndIsBilledToTheForwardingStation) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  add("5550199", PartyKind::mobile);
  start();
  act(0, "2001", Action::forward, "all 5550199");
  act(1, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("5550199 ringing from=5550100 forwarded=1"));
  EXPECT_EQ(engine->trunk_in_use(), 2);
  act(2, "5550199", Action::offhook);
  act(12.5, "5550100", Action::onhook);
  EXPECT_TRUE(has("2001 billed to=5550199 seconds=11"));
  EXPECT_EQ(engine->trunk_in_use(), 0);
}

TEST_F(ForwardTest, ForwardToOutsideWithTheTrunkFullIsBlocked) {
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  add("5550199", PartyKind::external);
  site.trunk_channels = 1;
  start();
  act(0, "2001", Action::forward, "all 5550199");
  act(1, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("2001 forwarded to=5550199 hop=1 type=all"));
  EXPECT_TRUE(has("5550100 blocked reason=trunk"));
  EXPECT_FALSE(find("5550199", Ev::ringing));
  act(2, "5550100", Action::onhook);
  EXPECT_EQ(engine->trunk_in_use(), 0);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(ForwardTest, ForwardDoesNotAffectOutgoingCalls) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "2001", Action::call, "2002");
  EXPECT_TRUE(has("2002 ringing from=2001"));
  EXPECT_FALSE(find("2003", Ev::ringing));
}

// Generic's codes: *21 all, *22 busy, *23 no answer, *24 busy/no answer, #21 off.
class ForwardCodeTest : public ForwardTest {
 protected:
  void SetUp() override {
    profile.codes = {{"forward-all", "*21"}, {"forward-busy", "*22"}, {"forward-no-answer", "*23"},
                     {"forward-busy-no-answer", "*24"}, {"forward-off", "#21"}};
    add("2001", PartyKind::station);
    add("2002", PartyKind::station);
    add("2003", PartyKind::station);
    add("20031", PartyKind::station);
    add("5550100", PartyKind::external);
  }
};

TEST_F(ForwardCodeTest, CodeAndWholeNumberRegistersAtOnce) {
  start();
  act(0, "2001", Action::offhook);
  act(1, "2001", Action::dial, "*21");
  act(2, "2001", Action::dial, "2002");
  EXPECT_EQ(time_of("2001 confirmation"), 2);
  act(3, "2001", Action::onhook);
  act(4, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("2002 ringing from=5550100 forwarded=1"));
}

TEST_F(ForwardCodeTest, HashEndsTheNumber) {
  start();
  act(0, "2001", Action::dial, "*242003#");  // 2003 could go on to 20031: # says it is done
  EXPECT_EQ(time_of("2001 confirmation"), 0);
  act(1, "2001", Action::onhook);
  act(2, "5550100", Action::call, "2001");
  engine->run_until(17);
  EXPECT_TRUE(has("2001 forwarded to=2003 hop=1 type=busy-no-answer"));
}

TEST_F(ForwardCodeTest, DigitTimerEndsANumberThatCouldGoOn) {
  start();
  act(0, "2001", Action::dial, "*232003");
  EXPECT_FALSE(has("2001 confirmation"));
  engine->run_until(3);
  EXPECT_EQ(time_of("2001 confirmation"), 3);
}

TEST_F(ForwardCodeTest, OffCodeCancels) {
  start();
  act(0, "2001", Action::call, "*212002");
  act(1, "2001", Action::onhook);
  act(2, "2001", Action::dial, "#21");
  EXPECT_EQ(count("2001 confirmation"), 2);
  act(3, "2001", Action::onhook);
  act(4, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=5550100"));
}

TEST_F(ForwardCodeTest, UnknownDestinationOrMissingNumberGivesReorder) {
  start();
  act(0, "2001", Action::dial, "*21999#");
  EXPECT_TRUE(has("2001 reorder"));
  act(1, "2001", Action::onhook);
  act(2, "2002", Action::dial, "*21");
  engine->run_until(10);
  EXPECT_TRUE(has("2002 reorder"));
  EXPECT_FALSE(has("2002 confirmation"));
  act(10, "2002", Action::onhook);
  act(11, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=5550100"));
}

TEST_F(ForwardCodeTest, OrdinaryNumbersStillDial) {
  start();
  act(0, "2001", Action::dial, "2002");
  EXPECT_TRUE(has("2002 ringing from=2001"));
}

}  // namespace
}  // namespace telsim
