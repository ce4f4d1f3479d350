// Dynamic Extension Express and the Handoff state machine (DE-1..DE-8), driven by hand: which
// calls ring the associated destinations, and push / accept / cancel / time-out / abandon / pull
// with what they leave behind (calls, trunk channels, pending handoffs).
#include "models/features/handoff.h"
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class HandoffTest : public EngineTest {
 protected:
  // 2001 main (desk), 2101 5610, 2201 UC softphone, 2301 second desk, mobile 5551001,
  // home 5552001, voice mail 7000; 2002 a colleague, 5550100 a customer.
  void SetUp() override {
    profile.switches["dynamic-extension-express"] = "yes";
    profile.codes["handoff"] = "388";
    PartyDef& main = add("2001", PartyKind::station);
    main.model = "8560";
    main.mobile = "5551001";
    main.home = "5552001";
    main.voicemail = "7000";
    main.associated = {"2101", "2201", "2301"};
    add("2101", PartyKind::station).model = "5610";
    add("2201", PartyKind::station).model = "uc-softphone";
    add("2301", PartyKind::station).model = "8660";
    add("2002", PartyKind::station);
    add("5551001", PartyKind::mobile);
    add("5552001", PartyKind::external);
    add("5550100", PartyKind::external);
    add("7000", PartyKind::voicemail);
  }
  PartyId id(const std::string& n) const { return *engine->party_id(n); }
  int count(const std::string& line) const {
    auto l = lines();
    return static_cast<int>(std::count(l.begin(), l.end(), line));
  }
  // The customer calls the main extension and the desk answers; then the desk pushes.
  void talk_at_desk_then_push(double t = 10) {
    act(0, "5550100", Action::call, "2001");
    act(1, "2001", Action::offhook);
    act(t, "2001", Action::press, "special");
    act(t, "2001", Action::dial, "388");
  }
  bool pending() const { return handoff_pending(*engine, *engine->party_id("2001")); }
};

TEST(DeeApplies, OnlyOrdinaryCallsFollowDynamicExtensionExpress) {
  EXPECT_TRUE(dee_applies(CallType::ordinary));
  for (CallType t : {CallType::hunt, CallType::overflow, CallType::recall_transfer, CallType::recall_hold,
                     CallType::recall_conference, CallType::recall_attendant, CallType::handoff})
    EXPECT_FALSE(dee_applies(t)) << static_cast<int>(t);
}

TEST_F(HandoffTest, RingSetOfAnOrdinaryCallIsEveryDestinationDeskFirst) {
  start();
  std::vector<PartyId> want = {id("2001"), id("2101"), id("2201"), id("2301"),
                               id("5551001"), id("5552001"), id("7000")};
  EXPECT_EQ(ring_set(*engine, id("2001"), CallType::ordinary), want);
}

TEST_F(HandoffTest, HuntOverflowAndRecallCallsRingOnlyThePrimeDeskPhone) {  // DE-2
  start();
  for (CallType t : {CallType::hunt, CallType::overflow, CallType::recall_transfer, CallType::recall_hold,
                     CallType::recall_conference, CallType::recall_attendant})
    EXPECT_EQ(ring_set(*engine, id("2001"), t), std::vector<PartyId>{id("2001")}) << static_cast<int>(t);
}

TEST_F(HandoffTest, WithoutTheSwitchOrAssociatesOnlyTheStationRings) {
  add("3001", PartyKind::station).voicemail = "7000";  // voice mail alone is an associated destination (DE-1)
  add("3002", PartyKind::station);
  start();
  EXPECT_EQ(ring_set(*engine, id("3001"), CallType::ordinary), (std::vector<PartyId>{id("3001"), id("7000")}));
  EXPECT_EQ(ring_set(*engine, id("3001"), CallType::hunt), std::vector<PartyId>{id("3001")});  // DE-2
  EXPECT_EQ(ring_set(*engine, id("3002"), CallType::ordinary), std::vector<PartyId>{id("3002")});
  EXPECT_EQ(ring_set(*engine, id("2301"), CallType::ordinary), std::vector<PartyId>{id("2301")});
  EXPECT_EQ(main_of(*engine, id("2301")), id("2001"));
  EXPECT_EQ(main_of(*engine, id("5551001")), id("2001"));
  EXPECT_EQ(main_of(*engine, id("2002")), kNone);
  // The profile switch off: no DEE and 388 is no code (reorder, BC-4).
  profile.switches["dynamic-extension-express"] = "no";
  start();
  EXPECT_EQ(ring_set(*engine, id("2001"), CallType::ordinary), std::vector<PartyId>{id("2001")});
  act(0, "2002", Action::call, "2001");
  EXPECT_FALSE(has("5551001 ringing from=2002"));
  act(1, "2301", Action::call, "388");
  EXPECT_TRUE(has("2301 reorder"));
  EXPECT_FALSE(has("2301 display NO CALL TO HANDOFF"));
}

TEST_F(HandoffTest, ACallRingsAllButVoiceMailAndTheFirstAnswerWins) {  // DE-1
  start();
  act(0, "5550100", Action::call, "2001");
  for (const char* n : {"2001", "2101", "2201", "2301", "5551001", "5552001"})
    EXPECT_TRUE(has(std::string(n) + " ringing from=5550100")) << n;
  EXPECT_FALSE(has("7000 voicemail from=5550100"));
  EXPECT_EQ(engine->trunk_in_use(), 3);  // the caller, the mobile and the home legs
  act(3, "2201", Action::offhook);
  EXPECT_TRUE(has("2201 connected to=5550100"));
  EXPECT_EQ(count("5551001 stop-ringing"), 1);
  EXPECT_EQ(engine->trunk_in_use(), 1);
  engine->run_until(100);
  EXPECT_FALSE(has("7000 voicemail from=5550100"));
}

TEST_F(HandoffTest, VoiceMailTakesTheCallAtTheNoAnswerTime) {  // DE-1
  start();
  act(0, "2002", Action::call, "2001");
  engine->run_until(14.9);
  EXPECT_FALSE(has("7000 voicemail from=2002"));
  engine->run_until(15);
  EXPECT_TRUE(has("7000 voicemail from=2002"));
  EXPECT_TRUE(has("2002 connected to=7000"));
  EXPECT_EQ(count("2001 stop-ringing"), 1);
  EXPECT_EQ(engine->trunk_in_use(), 0);
}

// A station with voice mail and nothing else: the mailbox answers on no answer as for any DEE
// station (DE-1), and an overflow call to it rings its desk phone only, with no mailbox timer (DE-2).
TEST_F(HandoffTest, VoiceMailAloneAnswersOnNoAnswer) {
  add("3001", PartyKind::station).voicemail = "7000";
  start();
  act(0, "2002", Action::call, "3001");
  engine->run_until(14.9);
  EXPECT_FALSE(has("7000 voicemail from=2002"));
  engine->run_until(15);
  EXPECT_TRUE(has("7000 voicemail from=2002"));
  EXPECT_TRUE(has("2002 connected to=7000"));
}

TEST_F(HandoffTest, ANoAnswerForwardRingsTheAssociatesAndReplacesVoiceMail) {
  start();
  act(0, "2001", Action::forward, "no-answer 2002");
  act(1, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("5551001 ringing from=5550100"));
  EXPECT_TRUE(has("2301 ringing from=5550100"));
  engine->run_until(16);
  EXPECT_TRUE(has("2001 forwarded to=2002 hop=1 type=no-answer"));
  EXPECT_EQ(count("5551001 stop-ringing"), 1);
  EXPECT_TRUE(has("2002 ringing from=5550100 forwarded=1"));
  engine->run_until(100);
  EXPECT_FALSE(has("7000 voicemail from=5550100"));
  // Forward all: at once, nothing of the extension rings.
  act(101, "5550100", Action::onhook);
  act(102, "2001", Action::forward, "all 2002");
  act(103, "2201", Action::call, "2001");
  EXPECT_EQ(count("5551001 ringing from=2201"), 0);
  EXPECT_TRUE(has("2002 ringing from=2201 forwarded=1"));
}

TEST_F(HandoffTest, ABusyDeskGivesBusyAndABusyMobileIsSkipped) {
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "5550100", Action::call, "2001");
  EXPECT_TRUE(has("5550100 busy"));
  EXPECT_FALSE(has("5551001 ringing from=5550100"));
  act(2, "2001", Action::onhook);
  act(2, "5550100", Action::onhook);
  act(3, "5551001", Action::call, "2002");  // the mobile's own call
  act(4, "2301", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2301"));
  EXPECT_FALSE(has("5551001 ringing from=2301"));
}

TEST_F(HandoffTest, PushRingsTheOthersKeepsTheAudioAndAnInternalAnswerMovesTheCall) {  // DE-3
  start();
  talk_at_desk_then_push();
  EXPECT_TRUE(pending());
  EXPECT_TRUE(has("2001 display HANDOFF IN PROGRESS"));
  EXPECT_TRUE(has("2001 handoff kind=push"));
  for (const char* n : {"2101", "2201", "2301", "5551001", "5552001"})
    EXPECT_TRUE(has(std::string(n) + " ringing from=5550100 reason=handoff")) << n;
  EXPECT_EQ(count("7000 voicemail from=5550100"), 0);
  EXPECT_EQ(engine->device(id("2001")).active != kNone, true);  // still talking
  EXPECT_EQ(engine->live_calls(), 2u);  // the call and the handoff leg's own call
  EXPECT_EQ(engine->trunk_in_use(), 3);
  act(12, "2301", Action::offhook);
  EXPECT_FALSE(pending());
  EXPECT_TRUE(has("2301 connected to=5550100"));
  EXPECT_TRUE(has("2001 released reason=handoff"));
  EXPECT_EQ(engine->trunk_in_use(), 1);
  EXPECT_EQ(engine->device(id("2001")).active, kNone);
  // The handoff leg has its own call id; the customer keeps the first one.
  EXPECT_EQ(find("2301", Ev::connected)->call, 2u);
  EXPECT_EQ(find("2001", Ev::released)->call, 1u);
  act(20, "5550100", Action::onhook);
  EXPECT_TRUE(has("2301 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
  EXPECT_EQ(engine->trunk_in_use(), 0);
}

TEST_F(HandoffTest, AMobileMustDialHashAndIsBilledToTheMainExtension) {  // DE-3
  start();
  talk_at_desk_then_push();
  act(12, "5551001", Action::offhook);
  EXPECT_TRUE(pending());
  EXPECT_TRUE(has("5551001 prompt Press # to accept the call"));
  EXPECT_EQ(count("2301 stop-ringing"), 1);  // only the first call's ringing
  act(13, "5551001", Action::offhook);  // lifting again changes nothing
  act(14, "5551001", Action::dial, "1");  // not #: nothing
  EXPECT_TRUE(pending());
  act(15, "5551001", Action::dial, "#");
  EXPECT_FALSE(pending());
  EXPECT_TRUE(has("5551001 connected to=5550100"));
  EXPECT_TRUE(has("2001 released reason=handoff"));
  EXPECT_EQ(count("2301 stop-ringing"), 2);
  act(45, "5551001", Action::onhook);
  EXPECT_TRUE(has("2001 billed to=5551001 seconds=30"));
  EXPECT_TRUE(has("5550100 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
  EXPECT_EQ(engine->trunk_in_use(), 0);
}

TEST_F(HandoffTest, ALiftedMobileThatHangsUpLeavesTheOthersRinging) {
  start();
  talk_at_desk_then_push();
  act(12, "5551001", Action::offhook);
  act(13, "5551001", Action::onhook);
  EXPECT_TRUE(pending());
  EXPECT_EQ(count("2301 stop-ringing"), 1);  // only the first call's ringing
  act(14, "2101", Action::offhook);
  EXPECT_TRUE(has("2101 connected to=5550100"));
}

TEST_F(HandoffTest, SpecialThenTheCodeAgainCancels) {  // DE-6
  start();
  talk_at_desk_then_push();
  act(12, "5551001", Action::offhook);
  act(14, "2001", Action::press, "special");
  act(14, "2001", Action::dial, "38");
  EXPECT_TRUE(pending());
  act(14.5, "2001", Action::dial, "8");
  EXPECT_FALSE(pending());
  EXPECT_TRUE(has("2001 handoff kind=cancel"));
  EXPECT_TRUE(has("2001 display HANDOFF CANCELLED"));
  for (const char* n : {"2101", "2201", "2301", "5551001", "5552001"})
    EXPECT_EQ(count(std::string(n) + " stop-ringing"), 2) << n;  // after the first call's ringing too
  EXPECT_EQ(engine->live_calls(), 1u);
  EXPECT_EQ(engine->trunk_in_use(), 1);
  act(20, "2001", Action::onhook);
  EXPECT_TRUE(has("5550100 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(HandoffTest, TheHandoffTimerCancels) {  // DE-8
  start();
  talk_at_desk_then_push(10);
  engine->run_until(39.9);
  EXPECT_TRUE(pending());
  engine->run_until(40);
  EXPECT_FALSE(pending());
  EXPECT_TRUE(has("2001 display HANDOFF CANCELLED"));
  EXPECT_EQ(find("2001", Ev::display)->time, 10);  // the first display was the push
  EXPECT_EQ(engine->live_calls(), 1u);
  // A stale timer of that handoff does not cancel the next one.
  act(41, "2001", Action::press, "special");
  act(41, "2001", Action::dial, "388");
  EXPECT_TRUE(pending());
  engine->run_until(70.9);
  EXPECT_TRUE(pending());
  engine->run_until(71);
  EXPECT_FALSE(pending());
}

TEST_F(HandoffTest, AnAcceptedHandoffIsNotCancelledByItsTimer) {
  start();
  talk_at_desk_then_push(10);
  act(11, "2301", Action::offhook);
  engine->run_until(100);
  EXPECT_FALSE(has("2001 display HANDOFF CANCELLED"));
  EXPECT_FALSE(has("2301 released reason=hangup"));
}

TEST_F(HandoffTest, EitherTalkingPartyHangingUpAbandonsTheHandoff) {
  for (const char* who : {"5550100", "2001"}) {
    sink.events.clear();
    start();
    talk_at_desk_then_push();
    act(12, "5551001", Action::offhook);
    act(13, who, Action::onhook);
    EXPECT_FALSE(pending()) << who;
    EXPECT_EQ(count("5551001 stop-ringing"), 2) << who;
    EXPECT_FALSE(has("2001 display HANDOFF CANCELLED")) << who;
    EXPECT_EQ(engine->live_calls(), 0u) << who;
    EXPECT_EQ(engine->trunk_in_use(), 0) << who;
    act(14, "5551001", Action::dial, "#");
    EXPECT_FALSE(has("5551001 connected to=5550100")) << who;
  }
}

TEST_F(HandoffTest, CordlessAndSoftphoneCannotPushOrBePulledTo) {  // DE-4
  start();
  act(0, "5550100", Action::call, "2001");
  act(1, "2101", Action::offhook);
  act(2, "2101", Action::press, "special");
  act(2, "2101", Action::dial, "388");
  EXPECT_TRUE(has("2101 display NO CALL TO HANDOFF"));
  EXPECT_FALSE(pending());
  act(3, "2101", Action::onhook);
  act(4, "5550100", Action::call, "2001");
  act(5, "5551001", Action::offhook);
  for (const char* n : {"2101", "2201"}) {
    act(6, n, Action::offhook);
    act(6, n, Action::dial, "388");
    EXPECT_TRUE(has(std::string(n) + " reorder")) << n;
    act(7, n, Action::onhook);
  }
  EXPECT_FALSE(has("5551001 released reason=handoff"));
}

TEST_F(HandoffTest, ACallOnHoldIsNoCallToHandoff) {
  start();
  // Held by the far party: nothing to hand off until it comes back.
  act(0, "2002", Action::call, "2001");
  act(1, "2001", Action::offhook);
  act(2, "2002", Action::hold);
  act(3, "2001", Action::press, "special");
  act(3, "2001", Action::dial, "388");
  EXPECT_TRUE(has("2001 display NO CALL TO HANDOFF"));
  EXPECT_FALSE(pending());
  act(4, "2002", Action::retrieve);
  act(5, "2001", Action::press, "special");
  act(5, "2001", Action::dial, "388");
  EXPECT_TRUE(pending());
  act(6, "2001", Action::onhook);
  // Held here: the handset is free (the line holds the call), so the code reaches nothing.
  act(10, "5550100", Action::call, "2001");
  act(11, "2001", Action::offhook);
  act(12, "2001", Action::hold);
  act(13, "2001", Action::press, "special");
  act(13, "2001", Action::dial, "388");
  EXPECT_FALSE(pending());
  EXPECT_FALSE(has("5551001 ringing from=5550100 reason=handoff"));
}

TEST_F(HandoffTest, PullMovesTheCallFromTheMobileToTheDesk) {  // DE-5
  start();
  act(0, "5550100", Action::call, "2001");
  act(2, "5551001", Action::offhook);
  act(10, "2001", Action::offhook);
  act(10, "2001", Action::dial, "388");
  EXPECT_TRUE(has("2001 confirmation"));
  EXPECT_TRUE(has("2001 handoff kind=pull"));
  EXPECT_TRUE(has("2001 connected to=5550100"));
  EXPECT_TRUE(has("5551001 released reason=handoff"));
  EXPECT_TRUE(has("2001 billed to=5551001 seconds=8"));
  EXPECT_EQ(engine->trunk_in_use(), 1);
  // The pulled call can be pushed again from the desk.
  act(12, "2001", Action::press, "special");
  act(12, "2001", Action::dial, "388");
  EXPECT_TRUE(pending());
  act(13, "5551001", Action::offhook);
  act(13, "5551001", Action::dial, "#");
  EXPECT_TRUE(has("5551001 connected to=5550100"));
  act(20, "5550100", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
  EXPECT_EQ(engine->trunk_in_use(), 0);
}

TEST_F(HandoffTest, NoCallToHandoff) {  // DE-7
  start();
  act(0, "2301", Action::offhook);
  act(0, "2301", Action::dial, "388");
  EXPECT_TRUE(has("2301 display NO CALL TO HANDOFF"));
  EXPECT_TRUE(has("2301 reorder"));
  act(1, "2301", Action::onhook);
  // A plain station has no associated destinations.
  act(2, "2002", Action::call, "5550100");
  act(3, "5550100", Action::offhook);
  act(4, "2002", Action::press, "special");
  act(4, "2002", Action::dial, "388");
  EXPECT_TRUE(has("2002 display NO CALL TO HANDOFF"));
  // Special, then digits that are no code: only digits, and the mode ends.
  act(5, "2001", Action::call, "2301");
  act(6, "2301", Action::offhook);
  act(7, "2001", Action::press, "special");
  act(7, "2001", Action::dial, "5");
  act(8, "2001", Action::dial, "388");
  EXPECT_FALSE(pending());
  EXPECT_FALSE(has("2001 display HANDOFF IN PROGRESS"));
  // Special pressed in an earlier call does not carry over to the next.
  act(9, "2001", Action::press, "special");
  act(9, "2001", Action::onhook);
  act(10, "2001", Action::call, "2301");
  act(11, "2301", Action::offhook);
  act(12, "2001", Action::dial, "388");
  EXPECT_FALSE(pending());
}

TEST_F(HandoffTest, WithNoTrunkChannelTheOutsideDestinationsAreSkipped) {
  site.trunk_channels = 1;
  start();
  talk_at_desk_then_push();
  EXPECT_TRUE(pending());
  EXPECT_FALSE(has("5551001 ringing from=5550100 reason=handoff"));
  EXPECT_TRUE(has("2301 ringing from=5550100 reason=handoff"));
  EXPECT_EQ(engine->trunk_in_use(), 1);
}

TEST_F(HandoffTest, NothingThatCanRingRefusesThePushWithoutUsingACallId) {
  site.trunk_channels = 1;
  add("3001", PartyKind::station).mobile = "5553001";
  add("5553001", PartyKind::mobile);
  start();
  act(0, "5550100", Action::call, "3001");
  act(1, "3001", Action::offhook);
  act(2, "3001", Action::press, "special");
  act(2, "3001", Action::dial, "388");
  EXPECT_TRUE(has("3001 display NO CALL TO HANDOFF"));
  EXPECT_FALSE(handoff_pending(*engine, id("3001")));
  act(3, "2002", Action::call, "2301");
  EXPECT_EQ(find("2301", Ev::ringing)->call, 2u);
}

TEST_F(HandoffTest, MobileLegsRingAfterTheMobileNetworkDelay) {
  AccessDelays delays;
  delays.station = 0.002;
  delays.external = 0.02;
  delays.mobile = 0.12;
  start(delays);
  act(0, "2002", Action::call, "2001");
  engine->run_until(1);
  EXPECT_NEAR(find("2001", Ev::ringing)->time, 0.004, 1e-9);
  EXPECT_NEAR(find("5552001", Ev::ringing)->time, 0.022, 1e-9);
  EXPECT_NEAR(find("5551001", Ev::ringing)->time, 0.122, 1e-9);
}

}  // namespace
}  // namespace telsim

namespace telsim {
namespace {

// Random episodes at the handoff site: a call reaches the main extension, then people push, answer,
// accept, cancel, pull, wait and hang up in random order. Whatever they do, once everyone hangs up
// and the timers have run, no call, leg, trunk channel or handoff is left behind.
TEST_F(HandoffTest, RandomEpisodesLeaveNothingBehind) {
  const std::vector<std::string> internal = {"2001", "2101", "2201", "2301"};
  const std::vector<std::string> outside = {"5551001", "5552001"};
  const std::vector<std::string> everyone = {"2001", "2101", "2201", "2301", "2002", "5551001", "5552001", "5550100"};
  uint32_t x = 2654435761u;
  auto next = [&](uint32_t n) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x % n;
  };
  auto pick = [&](const std::vector<std::string>& v) { return v[next(static_cast<uint32_t>(v.size()))]; };
  site.trunk_channels = 2;  // sometimes too few for the mobile and home legs
  start();
  double t = 0;
  uint64_t accepted = 0;
  for (int episode = 0; episode < 300; ++episode) {
    act(t, next(2) ? "5550100" : "2002", Action::call, "2001");
    for (int op = 0; op < 12; ++op) {
      t += 0.5 * next(3);
      switch (next(7)) {
        case 0: {
          std::string p = pick(internal);
          act(t, p, Action::press, "special");
          act(t, p, Action::dial, "388");
          break;
        }
        case 1: act(t, pick(everyone), Action::offhook); break;
        case 2: act(t, pick(outside), Action::dial, "#"); break;
        case 3: {
          std::string p = pick(internal);
          act(t, p, Action::offhook);
          act(t, p, Action::dial, "388");
          break;
        }
        case 4: t += next(40); engine->run_until(t); break;
        case 5: act(t, pick(everyone), Action::onhook); break;
        default: act(t, pick(internal), Action::offhook); break;
      }
      ASSERT_TRUE(engine->failure().empty()) << engine->failure();
    }
    accepted += static_cast<uint64_t>(count("2001 released reason=handoff") + count("2301 released reason=handoff"));
    t += 1;
    for (const std::string& p : everyone) act(t, p, Action::onhook);
    t += 100;
    engine->run_until(t);
    ASSERT_EQ(engine->live_calls(), 0u) << "episode " << episode;
    ASSERT_EQ(engine->trunk_in_use(), 0) << "episode " << episode;
    ASSERT_FALSE(pending()) << "episode " << episode;
    sink.events.clear();
  }
  // The episodes did exercise the features.
  EXPECT_GT(engine->count(Ev::handoff), 50u);
  EXPECT_GT(accepted, 10u);
  EXPECT_GT(engine->count(Ev::confirmation), 5u);
}

}  // namespace
}  // namespace telsim
