// The basic call state machine (BC-1..BC-5), driven by hand with a fake clock: no SimGrid.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

TEST_F(EngineTest, OffhookGivesDialToneAndACallRingsAndConnects) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  start();
  act(1, "2002", Action::offhook);
  act(2, "2002", Action::dial, "2001");
  EXPECT_TRUE(has("2002 dialtone"));
  EXPECT_TRUE(has("2001 ringing from=2002"));
  EXPECT_TRUE(has("2002 ringback"));
  EXPECT_EQ(find("2001", Ev::ringing)->time, 2);
  act(5, "2001", Action::offhook);
  EXPECT_TRUE(has("2001 connected to=2002"));
  EXPECT_TRUE(has("2002 connected to=2001"));
  EXPECT_EQ(engine->live_calls(), 1u);
  act(9, "2001", Action::onhook);
  EXPECT_TRUE(has("2001 released reason=hangup"));
  EXPECT_TRUE(has("2002 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
  // Every event of the call carries the same call id.
  for (const auto& e : sink.events) EXPECT_EQ(e.call, 1u) << ev_name(e.event);
}

TEST_F(EngineTest, CallerHangingUpWhileRingingStopsTheRinging) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  start();
  act(0, "2002", Action::call, "2001");
  act(30, "2002", Action::onhook);
  EXPECT_TRUE(has("2001 stop-ringing"));
  EXPECT_FALSE(has("2001 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(EngineTest, UnansweredCallRingsUntilTheCallerHangsUp) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  start();
  act(0, "2002", Action::call, "2001");
  engine->run_until(10000);
  EXPECT_FALSE(has("2001 stop-ringing"));
  EXPECT_EQ(engine->device(*engine->party_id("2001")).alerting.size(), 1u);
}

TEST_F(EngineTest, BusyStationGivesBusy) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();
  act(0, "2002", Action::call, "2001");
  act(1, "2001", Action::offhook);
  act(2, "2003", Action::call, "2001");
  EXPECT_TRUE(has("2003 busy"));
  EXPECT_FALSE(has("2001 ringing from=2003"));
}

TEST_F(EngineTest, ACallStepInACallKeysTheNumberIntoThatCall) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  act(2, "2001", Action::call, "2003");
  // Traced as digits in the call the party is in, not lost, and no second call starts.
  EXPECT_TRUE(has("2001 digits digits=2003"));
  EXPECT_FALSE(has("2003 ringing from=2001"));
  EXPECT_EQ(engine->live_calls(), 1u);
}

TEST_F(EngineTest, UnknownNumberGivesReorder) {
  add("2001", PartyKind::station);
  start();
  act(0, "2001", Action::call, "9999");
  EXPECT_TRUE(has("2001 reorder"));
}

TEST_F(EngineTest, DigitsActAsSoonAsTheyMatchOneNumber) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  start();
  act(0, "2002", Action::offhook);
  act(1, "2002", Action::dial, "20");
  EXPECT_FALSE(has("2001 ringing from=2002"));
  act(2, "2002", Action::dial, "01");
  EXPECT_TRUE(has("2001 ringing from=2002"));
  EXPECT_EQ(find("2001", Ev::ringing)->time, 2);
}

TEST_F(EngineTest, AnIncompleteNumberGivesReorderAfterTheDigitTimer) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  start();
  act(0, "2002", Action::offhook);
  act(1, "2002", Action::dial, "20");
  engine->run_until(3.5);
  EXPECT_FALSE(has("2002 reorder"));
  engine->run_until(4);
  ASSERT_TRUE(has("2002 reorder"));
  EXPECT_EQ(find("2002", Ev::reorder)->time, 4);
}

TEST_F(EngineTest, ANumberThatIsAPrefixOfAnotherWaitsForTheDigitTimer) {
  add("200", PartyKind::station);
  add("2001", PartyKind::station);
  add("3000", PartyKind::station);
  start();
  act(0, "3000", Action::offhook);
  act(1, "3000", Action::dial, "200");
  EXPECT_FALSE(has("200 ringing from=3000"));
  engine->run_until(4);
  EXPECT_TRUE(has("200 ringing from=3000"));
}

TEST_F(EngineTest, OutsideCallsUseTheTrunkAndAreBlockedPastItsChannels) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  add("5550101", PartyKind::external);
  site.trunk_channels = 1;
  start();
  act(0, "2001", Action::call, "5550100");
  EXPECT_EQ(engine->trunk_in_use(), 1);
  act(1, "2002", Action::call, "5550101");
  EXPECT_TRUE(has("2002 blocked reason=trunk"));
  // An outside caller is blocked too while the channel is taken.
  act(2, "5550101", Action::call, "2002");
  EXPECT_TRUE(has("5550101 blocked reason=trunk"));
  act(3, "2001", Action::onhook);
  EXPECT_EQ(engine->trunk_in_use(), 0);
}

TEST_F(EngineTest, AnsweredOutsideLegIsBilledToTheStationRoundedUp) {
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  act(0, "2001", Action::call, "5550100");
  act(2, "5550100", Action::offhook);
  act(12.2, "5550100", Action::onhook);
  ASSERT_TRUE(has("2001 billed to=5550100 seconds=11"));
}

TEST_F(EngineTest, UnansweredOutsideLegIsNotBilled) {
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  act(0, "2001", Action::call, "5550100");
  act(5, "2001", Action::onhook);
  EXPECT_EQ(find("2001", Ev::billed), nullptr);
  EXPECT_EQ(engine->count(Ev::billed), 0u);
}

TEST_F(EngineTest, IncomingOutsideCallIsNotBilled) {
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  act(0, "5550100", Action::call, "2001");
  act(1, "2001", Action::offhook);
  act(5, "2001", Action::onhook);
  EXPECT_EQ(engine->count(Ev::billed), 0u);
  EXPECT_EQ(engine->trunk_in_use(), 0);
}

TEST_F(EngineTest, AutomaticAnswerAfterItsDelay) {
  add("2001", PartyKind::station).answer = {AnswerPolicy::automatic, 4};
  add("5550100", PartyKind::external);
  start();
  act(0, "5550100", Action::call, "2001");
  engine->run_until(3.9);
  EXPECT_FALSE(has("2001 connected to=5550100"));
  engine->run_until(4);
  EXPECT_TRUE(has("2001 connected to=5550100"));
}

TEST_F(EngineTest, VoiceMailAnswersAtOnce) {
  add("2001", PartyKind::station);
  add("7000", PartyKind::voicemail);
  start();
  act(0, "2001", Action::call, "7000");
  EXPECT_TRUE(has("7000 voicemail from=2001"));
  EXPECT_TRUE(has("2001 connected to=7000"));
}

TEST_F(EngineTest, SignallingDelayReachesTheSwitchAndComesBack) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  start(AccessDelays{0.01, 0.02, 0.1});
  act(0, "2002", Action::call, "2001");
  engine->run_until(1);
  ASSERT_NE(find("2001", Ev::ringing), nullptr);
  EXPECT_DOUBLE_EQ(find("2002", Ev::offhook)->time, 0);
  EXPECT_DOUBLE_EQ(find("2002", Ev::dialtone)->time, 0.02);
  EXPECT_DOUBLE_EQ(find("2001", Ev::ringing)->time, 0.02);
}

TEST_F(EngineTest, CallIdsCountUpAndSlotsAreReused) {
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  start();
  for (int i = 0; i < 5; ++i) {
    act(i * 10, "2002", Action::call, "2001");
    act(i * 10 + 1, "2001", Action::offhook);
    act(i * 10 + 2, "2002", Action::onhook);
  }
  EXPECT_EQ(sink.events.back().call, 5u);
  EXPECT_EQ(engine->live_calls(), 0u);
}

}  // namespace
}  // namespace telsim
