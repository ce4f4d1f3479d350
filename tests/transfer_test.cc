// Transfer, hold, recall and pickup (TR-*, PU-*, HR-*), driven by hand with a fake clock.
// Every test that ends its calls checks that no call is left hanging (live_calls() back to 0).
#include <iostream>
#include <random>

#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class TransferTest : public EngineTest {
 protected:
  void voipnow() {
    profile.name = "voipnow";
    profile.codes = {{"blind-transfer", "#1"}, {"attended-transfer", "*2"}};
    profile.switches = {{"transfer-needs-multi-user-aware", "yes"}, {"transfer-number-end", "match"}};
  }
  void telecube() {
    profile.name = "telecube";
    profile.codes = {{"attended-transfer", "*"}, {"back-to-caller", "**"}, {"blind-transfer", "##"},
                     {"pickup", "*8"}};
    profile.texts = {{"transfer-prompt", "Transfer połączenia"}};
    profile.switches = {{"transfer-number-end", "timeout"}};
  }
  // 5550100 calls 2001, 2001 answers: the call every transfer starts from.
  void talking(double at = 0) {
    act(at, "5550100", Action::call, "2001");
    act(at + 1, "2001", Action::offhook);
  }
  // 5550100 talks to 2001 (one line), which holds it at 3; 2002 is free. `consult`: the switch.
  void one_line_holding(const char* consult) {
    profile.switches = {{"one-line-consultation", consult}};
    for (auto n : {"2001", "2002"}) add(n, PartyKind::station);
    add("5550100", PartyKind::external);
    start();
    talking();
    act(3, "2001", Action::hold);
  }
  size_t count(const std::string& line) const {
    auto l = lines();
    return static_cast<size_t>(std::count(l.begin(), l.end(), line));
  }
  // The call id of the first matching event.
  uint32_t call_of(const std::string& party, Ev ev) const {
    const TraceEvent* e = find(party, ev);
    return e ? e->call : 0;
  }
};

// ---------------------------------------------------------------- digit collection

TEST_F(TransferTest, InCallDigitsThatStartNoCodeAreOnlyDigits) {
  voipnow();
  add("2001", PartyKind::station).multi_user_aware = true;
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "123");
  engine->run_until(100);
  EXPECT_TRUE(has("2001 digits digits=123"));
  EXPECT_FALSE(has("5550100 hold by=2001"));
  EXPECT_FALSE(has("2001 reorder"));
  EXPECT_TRUE(has("5550100 connected to=2001"));
  act(101, "2001", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, CodeSplitOverSeveralDialRowsStillMatches) {
  voipnow();
  add("2001", PartyKind::station).multi_user_aware = true;
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "#");
  EXPECT_FALSE(has("5550100 hold by=2001"));  // `#` alone could start #1: no action yet
  act(4, "2001", Action::dial, "1");
  EXPECT_TRUE(has("5550100 hold by=2001"));
  act(5, "2001", Action::dial, "20");
  EXPECT_FALSE(has("2002 ringing from=5550100"));  // 20 is not a number yet
  act(6, "2001", Action::dial, "02");
  EXPECT_TRUE(has("2001 transfer kind=blind to=2002"));
  EXPECT_TRUE(has("2002 ringing from=5550100"));
  EXPECT_EQ(find("2002", Ev::ringing)->time, 6);
}

TEST_F(TransferTest, DigitsBeforeACodeDoNotHideIt) {
  voipnow();
  add("2001", PartyKind::station).multi_user_aware = true;
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "5#12002");  // 5 starts nothing; #1 after it is the code
  EXPECT_TRUE(has("2001 transfer kind=blind to=2002"));
}

TEST_F(TransferTest, CodeThatAnotherExtendsWaitsForTheDigitTimer) {
  telecube();
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "#");
  engine->run_until(5.999);
  EXPECT_FALSE(has("5550100 hold by=2001"));
  engine->run_until(6.001);  // the digit timer (3 s) ran out on `#`: not a code, just digits
  EXPECT_FALSE(has("5550100 hold by=2001"));
  act(10, "2001", Action::dial, "#");
  act(11, "2001", Action::dial, "#");  // ## within the timer: blind transfer starts
  EXPECT_TRUE(has("5550100 hold by=2001"));
  EXPECT_TRUE(has("2001 prompt Transfer połączenia"));
}

TEST_F(TransferTest, TelecubeTargetNumberEndsAtTheDigitTimerOrHash) {
  telecube();
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "##2002");
  engine->run_until(5.999);
  EXPECT_FALSE(has("2002 ringing from=5550100"));  // complete number, but TeleCube waits
  engine->run_until(6);
  EXPECT_TRUE(has("2001 released reason=transfer"));
  EXPECT_EQ(find("2002", Ev::ringing)->time, 6);
  EXPECT_EQ(count("5550100 ringback"), 1u);  // only its own call's: music until the target answers
  act(8, "2002", Action::offhook);
  EXPECT_TRUE(has("5550100 connected to=2002"));
  act(9, "5550100", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, WithoutPermissionCodesGiveReorderAndTheCallStaysUp) {
  voipnow();
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "#12002");
  EXPECT_TRUE(has("2001 reorder reason=permission"));
  EXPECT_FALSE(has("5550100 hold by=2001"));
  EXPECT_FALSE(has("2002 ringing from=5550100"));
  EXPECT_EQ(engine->live_calls(), 1u);
  act(4, "5550100", Action::onhook);
  EXPECT_TRUE(has("2001 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

// ---------------------------------------------------------------- the transfer state machine

TEST_F(TransferTest, AttendedTransferJoinsTargetIntoTheCallersCall) {
  voipnow();
  add("2001", PartyKind::station).multi_user_aware = true;
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "*22002");
  EXPECT_EQ(engine->live_calls(), 2u);  // the consultation is a call of its own
  uint32_t original = call_of("5550100", Ev::offhook);
  uint32_t consult = call_of("2002", Ev::ringing);
  EXPECT_NE(original, consult);
  act(4, "2002", Action::offhook);
  EXPECT_TRUE(has("2001 connected to=2002"));
  act(6, "2001", Action::onhook);
  EXPECT_TRUE(has("2001 transfer-complete to=2002"));
  EXPECT_TRUE(has("2002 connected to=5550100"));
  EXPECT_TRUE(has("5550100 connected to=2002"));
  EXPECT_EQ(engine->live_calls(), 1u);
  // The caller keeps its call id; so does the target's conversation with the caller.
  for (const auto& e : sink.events) {
    if (e.event == Ev::connected && (e.detail == "to=5550100" || e.party == "5550100")) {
      EXPECT_EQ(e.call, original);
    }
  }
  act(20, "2002", Action::onhook);
  EXPECT_TRUE(has("5550100 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
  EXPECT_EQ(engine->count(Ev::recall), 0u);
}

TEST_F(TransferTest, TransferorHangingUpWhileTargetRingsMakesItBlindThenRecalls) {
  voipnow();
  site.timers["transfer-recall"] = 20;
  add("2001", PartyKind::station).multi_user_aware = true;
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "*22002");
  act(5, "2001", Action::onhook);
  EXPECT_TRUE(has("2001 transfer-complete to=2002"));
  EXPECT_FALSE(has("2002 stop-ringing"));
  EXPECT_EQ(engine->live_calls(), 1u);  // the consultation call ended; the caller's rings on
  engine->run_until(24.999);
  EXPECT_FALSE(has("2001 recall reason=transfer"));
  engine->run_until(25);
  EXPECT_TRUE(has("2002 stop-ringing"));
  EXPECT_TRUE(has("2001 recall reason=transfer"));
  EXPECT_TRUE(has("2001 ringing from=5550100 reason=recall"));
  act(26, "2001", Action::offhook);
  EXPECT_TRUE(has("5550100 connected to=2001"));
  act(30, "2001", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, BlindTransferAnsweredInTimeDoesNotRecall) {
  voipnow();
  site.timers["transfer-recall"] = 20;
  add("2001", PartyKind::station).multi_user_aware = true;
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "#12002");
  act(22, "2002", Action::offhook);  // one second before the recall would come
  engine->run_until(200);
  EXPECT_EQ(engine->count(Ev::recall), 0u);
  act(201, "2002", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, AttendedTargetBusyReturnsToHeldParty) {
  voipnow();
  add("2001", PartyKind::station).multi_user_aware = true;
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  act(0, "2003", Action::call, "2002");
  act(0, "2002", Action::offhook);
  talking(1);
  act(3, "2001", Action::dial, "*22002");
  EXPECT_TRUE(has("2001 transfer-return reason=busy"));
  EXPECT_TRUE(has("2001 retrieved"));
  EXPECT_EQ(engine->live_calls(), 2u);  // 2003-2002 and 5550100-2001; the consultation is gone
  // Back in the call: a new transfer works.
  act(4, "2001", Action::dial, "#12003");
  EXPECT_TRUE(has("2001 transfer-return reason=busy") && has("2001 recall reason=transfer"));
  act(5, "2001", Action::offhook);
  EXPECT_EQ(count("5550100 connected to=2001"), 2u);
  act(6, "5550100", Action::onhook);
  act(6, "2003", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, UnknownTargetAndSelfReturnWithoutLeavingTheCall) {
  telecube();
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "*999#");
  EXPECT_TRUE(has("2001 transfer-return reason=unknown"));
  act(4, "2001", Action::dial, "##2001#");
  EXPECT_TRUE(has("2001 transfer-return reason=self"));
  EXPECT_FALSE(has("2001 released reason=transfer"));
  EXPECT_EQ(engine->live_calls(), 1u);
  act(5, "2001", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, TargetHangingUpReturnsTransferorToHeldParty) {
  telecube();
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "*2002#");
  act(4, "2002", Action::offhook);
  act(6, "2002", Action::onhook);
  EXPECT_TRUE(has("2001 transfer-return reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 1u);
  act(7, "2001", Action::onhook);
  EXPECT_TRUE(has("5550100 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, BackToCallerWhileTargetRingsStopsTheRinging) {
  telecube();
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "*2002#");
  act(5, "2001", Action::dial, "**");
  EXPECT_TRUE(has("2002 stop-ringing"));
  EXPECT_TRUE(has("2001 retrieved"));
  EXPECT_EQ(engine->live_calls(), 1u);
  act(6, "5550100", Action::onhook);
  EXPECT_TRUE(has("2001 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, HeldPartyHangingUpLeavesConsultationAsAPlainCall) {
  telecube();
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "*2002#");
  act(4, "2002", Action::offhook);
  act(5, "5550100", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 1u);
  act(6, "2001", Action::dial, "5");  // only digits: the consultation is a plain call now
  EXPECT_TRUE(has("2002 connected to=2001"));
  EXPECT_FALSE(has("2002 released reason=transfer"));
  act(7, "2001", Action::onhook);
  EXPECT_FALSE(has("2001 transfer-complete to=2002"));
  EXPECT_TRUE(has("2002 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, HeldPartyHangingUpWhileTransferorKeysNumber) {
  voipnow();
  add("2001", PartyKind::station).multi_user_aware = true;
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "*2");
  act(4, "5550100", Action::onhook);
  EXPECT_TRUE(has("2001 released reason=hangup"));
  EXPECT_EQ(engine->live_calls(), 0u);
  act(5, "2001", Action::dial, "2002");  // a fresh call from dial tone, no stale transfer
  EXPECT_TRUE(has("2002 ringing from=2001"));
  EXPECT_FALSE(has("2001 transfer kind=attended to=2002"));
  act(6, "2001", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, TransferRecallToABusyTransferorGivesTheCallerBusy) {
  voipnow();
  site.timers["transfer-recall"] = 10;
  add("2001", PartyKind::station).multi_user_aware = true;
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(3, "2001", Action::dial, "#12002");
  act(4, "2003", Action::call, "2001");  // the transferor takes another call
  act(5, "2001", Action::offhook);
  engine->run_until(13);
  EXPECT_TRUE(has("2001 recall reason=transfer"));
  EXPECT_TRUE(has("5550100 busy"));
  act(14, "5550100", Action::onhook);
  act(15, "2001", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, OutsideTargetIsBilledToTheTransferor) {
  voipnow();
  add("2001", PartyKind::station).multi_user_aware = true;
  add("2002", PartyKind::station);
  add("5550199", PartyKind::external);
  start();
  act(0, "2002", Action::call, "2001");
  act(1, "2001", Action::offhook);
  act(2, "2001", Action::dial, "#15550199");
  EXPECT_EQ(engine->trunk_in_use(), 1);
  act(3, "5550199", Action::offhook);
  act(13, "2002", Action::onhook);
  EXPECT_TRUE(has("2001 billed to=5550199 seconds=10"));
  EXPECT_EQ(find("2002", Ev::billed), nullptr);
  EXPECT_EQ(engine->trunk_in_use(), 0);
  EXPECT_EQ(engine->live_calls(), 0u);
}

// ---------------------------------------------------------------- hold and recall

TEST_F(TransferTest, HoldRecallRingsTheHolderAtTheTimer) {
  site.timers["hold-recall"] = 30;
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(2, "2001", Action::hold);
  EXPECT_TRUE(has("5550100 hold by=2001"));
  EXPECT_TRUE(has("5550100 music-on-hold"));
  act(3, "2001", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 1u);  // hanging up does not drop a held call
  engine->run_until(31.999);
  EXPECT_FALSE(has("2001 recall reason=hold"));
  engine->run_until(32);
  EXPECT_TRUE(has("2001 recall reason=hold"));
  EXPECT_TRUE(has("2001 ringing from=5550100 reason=recall"));
  act(33, "2001", Action::offhook);
  EXPECT_TRUE(has("5550100 connected to=2001"));
  act(34, "5550100", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, RetrieveBeforeTheTimerCancelsTheRecall) {
  site.timers["hold-recall"] = 30;
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(2, "2001", Action::hold);
  act(10, "2001", Action::retrieve);
  EXPECT_TRUE(has("2001 retrieved"));
  act(20, "2001", Action::hold);  // a new hold starts a new timer
  engine->run_until(49.9);
  EXPECT_EQ(engine->count(Ev::recall), 0u);
  engine->run_until(50);
  EXPECT_EQ(engine->count(Ev::recall), 1u);
  act(60, "5550100", Action::onhook);
  EXPECT_TRUE(has("2001 stop-ringing"));
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, HeldPartyHangingUpEndsTheCallWithoutRecall) {
  site.timers["hold-recall"] = 30;
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(2, "2001", Action::hold);
  act(5, "5550100", Action::onhook);
  EXPECT_TRUE(has("2001 released reason=hangup"));
  engine->run_until(100);
  EXPECT_EQ(engine->count(Ev::recall), 0u);
  EXPECT_EQ(engine->live_calls(), 0u);
  act(101, "2001", Action::retrieve);  // nothing held: nothing happens
  EXPECT_EQ(engine->count(Ev::retrieved), 0u);
}

TEST_F(TransferTest, HoldWithoutMusicWhenTheProfileHasNone) {
  profile.switches["music-on-hold"] = "no";
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  talking();
  act(2, "2001", Action::press, "hold");
  EXPECT_TRUE(has("5550100 hold by=2001"));
  EXPECT_FALSE(has("5550100 music-on-hold"));
  act(3, "2001", Action::press, "hold");
  EXPECT_TRUE(has("2001 retrieved"));
}

// ---------------------------------------------------------------- pickup

TEST_F(TransferTest, PickupAnswersTheRingingCallAndKeepsItsId) {
  telecube();
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  act(0, "5550100", Action::call, "2001");
  act(2, "2002", Action::offhook);
  act(3, "2002", Action::dial, "*8");
  EXPECT_FALSE(has("2002 reorder"));
  act(4, "2002", Action::dial, "2001");
  EXPECT_TRUE(has("2002 pickup from=2001"));
  EXPECT_TRUE(has("2001 stop-ringing"));
  EXPECT_TRUE(has("5550100 connected to=2002"));
  EXPECT_EQ(call_of("2002", Ev::connected), call_of("5550100", Ev::offhook));
  EXPECT_EQ(engine->live_calls(), 1u);
  act(5, "2002", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

TEST_F(TransferTest, PickupOfAnIdlePhoneGivesReorder) {
  telecube();
  add("2001", PartyKind::station);
  add("2002", PartyKind::station);
  start();
  act(0, "2002", Action::offhook);
  act(1, "2002", Action::dial, "*82001");
  EXPECT_TRUE(has("2002 reorder"));
  EXPECT_FALSE(has("2002 pickup from=2001"));
  act(2, "2002", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

// ---------------------------------------------------------------- every state has a way out

// Random people pressing random transfer, hold and pickup buttons: the engine must never fail,
// and once everybody hangs up (a few rounds: recalls ring back) no call may be left.
TEST_F(TransferTest, RandomActionsAlwaysEndWithNoCallLeft) {
  uint64_t transfers = 0, completes = 0, returns = 0, recalls = 0, pickups = 0, holds = 0;
  // Variants: TeleCube, VoipNow, and TeleCube with LAN/trunk/mobile signalling delays.
  for (int variant = 0; variant < 3; ++variant) {
    for (unsigned seed = 1; seed <= 150; ++seed) {
      site = Site{};
      profile = Profile{};
      sink.events.clear();
      if (variant == 1) voipnow(); else telecube();
      site.timers["hold-recall"] = 40;
      site.timers["transfer-recall"] = 15;
      const std::vector<std::string> people = {"2001", "2002", "2003", "5550100", "5550101"};
      add("2001", PartyKind::station).multi_user_aware = true;
      add("2002", PartyKind::station).multi_user_aware = true;
      add("2003", PartyKind::station);
      add("5550100", PartyKind::external);
      add("5550101", PartyKind::external);
      site.trunk_channels = 2;
      start(variant == 2 ? AccessDelays{0.004, 0.022, 0.1} : AccessDelays{});
      std::mt19937 rng(seed);
      const std::vector<std::string> dials = {"*", "**", "##", "#1", "*2", "2001", "2002", "2003",
                                              "5550100", "#", "*8", "*82001", "*82002", "9",
                                              "*2002#", "##2003#", "#12002", "*22003", "*5550101#",
                                              "#15550100", "*22001", "##2001"};
      double t = 0;
      auto idle = [&](const std::string& q) {
        const Device& d = engine->device(*engine->party_id(q));
        return d.active == kNone && d.alerting.empty() &&
               std::all_of(d.line_leg.begin(), d.line_leg.end(), [](int32_t l) { return l == kNone; });
      };
      for (int step = 0; step < 80; ++step) {
        t += std::uniform_int_distribution<int>(0, 3)(rng);
        if (step % 5 == 0) {  // now and then two idle parties start talking: transfers need a call
          const std::string& s = people[rng() % 3];
          const std::string& c = people[rng() % people.size()];
          if (s != c && idle(s) && idle(c)) {
            act(t, c, Action::call, s);
            act(t, s, Action::offhook);
            act(t + 1, s, Action::dial, dials[rng() % dials.size()]);
            continue;
          }
        }
        if (step % 5 == 2) {  // now and then an idle station picks up one that rings
          const std::string& s = people[rng() % 3];
          for (const auto& r : people)
            if (r != s && r[0] == '2' && idle(s) && !engine->device(*engine->party_id(r)).alerting.empty()) {
              act(t, s, Action::dial, "*8" + r);
              break;
            }
        }
        // Stations act more than outside parties: they are the ones with feature buttons.
        const std::string& who = people[rng() % 4 == 0 ? 3 + rng() % 2 : rng() % 3];
        switch (rng() % 9) {
          case 0: act(t, who, Action::call, people[rng() % people.size()]); break;
          case 7:
          case 8:
          case 1: {  // answering: mostly a phone that rings
            std::vector<std::string> ringing;
            for (const auto& q : people)
              if (!engine->device(*engine->party_id(q)).alerting.empty()) ringing.push_back(q);
            act(t, ringing.empty() || rng() % 4 == 0 ? who : ringing[rng() % ringing.size()], Action::offhook);
            break;
          }
          case 2: act(t, who, Action::onhook); break;
          case 3: act(t, who, Action::dial, dials[rng() % dials.size()]); break;
          case 4: act(t, who, Action::hold); break;
          case 5: act(t, who, Action::retrieve); break;
          case 6: act(t, who, Action::press, rng() % 2 ? "hold" : "transfer"); break;
        }
        ASSERT_EQ(engine->failure(), "") << "seed " << seed;
      }
      // Everybody hangs up; recalls may ring them back, so answer and hang up again.
      for (int round = 0; round < 6 && engine->live_calls() > 0; ++round) {
        t += 100;
        for (const auto& who : people) act(t, who, Action::onhook);
        t += 100;
        engine->run_until(t);
        for (const auto& who : people)
          if (!engine->device(*engine->party_id(who)).alerting.empty()) act(t, who, Action::offhook);
      }
      EXPECT_EQ(engine->live_calls(), 0u) << "variant " << variant << " seed " << seed;
      EXPECT_EQ(engine->trunk_in_use(), 0) << "variant " << variant << " seed " << seed;
      EXPECT_EQ(engine->failure(), "");
      transfers += engine->count(Ev::transfer);
      completes += engine->count(Ev::transfer_complete);
      returns += engine->count(Ev::transfer_return);
      recalls += engine->count(Ev::recall);
      pickups += engine->count(Ev::pickup);
      holds += engine->count(Ev::hold);
    }
  }
  // The walk must actually reach the states it claims to cover.
  std::cout << "transfers " << transfers << " complete " << completes << " returns " << returns
            << " recalls " << recalls << " pickups " << pickups << " holds " << holds << "\n";
  EXPECT_GT(transfers, 20u);
  EXPECT_GT(completes, 10u);
  EXPECT_GT(returns, 10u);
  EXPECT_GT(recalls, 10u);
  EXPECT_GT(pickups, 0u);
  EXPECT_GT(holds, 50u);
}

// ---------------------------------------------------------------- a held call on the only line

// switch.one-line-consultation = no: every key gives reorder (no-line), the keys traced.
TEST_F(TransferTest, OneLineHeldCallWithoutConsultationGivesReorderAndTracesTheKeys) {
  one_line_holding("no");
  act(5, "2001", Action::dial, "2002");
  EXPECT_TRUE(has("2001 reorder reason=no-line"));
  EXPECT_TRUE(has("2001 digits digits=2002"));
  EXPECT_FALSE(has("2002 ringing from=2001"));
  act(6, "2001", Action::press, "transfer");
  EXPECT_EQ(count("2001 reorder reason=no-line"), 2u);
}

// yes: dial tone on a consultation that borrows the line; press transfer joins the two.
TEST_F(TransferTest, OneLineConsultationFromHoldCompletesWithTheTransferKey) {
  one_line_holding("yes");
  act(5, "2001", Action::dial, "2002");
  EXPECT_FALSE(has("2001 reorder reason=no-line"));
  EXPECT_TRUE(has("2002 ringing from=2001"));
  EXPECT_NE(call_of("2002", Ev::ringing), call_of("5550100", Ev::connected));  // a call of its own
  act(6, "2002", Action::offhook);
  act(7, "2001", Action::press, "transfer");
  EXPECT_TRUE(has("2001 transfer-complete to=2002"));
  EXPECT_TRUE(has("5550100 connected to=2002"));
  act(9, "2002", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

// yes: hanging up the consultation ends it and recalls the held call at once (HR-1).
TEST_F(TransferTest, OneLineConsultationFromHoldHungUpRecallsTheHeldCall) {
  one_line_holding("yes");
  act(5, "2001", Action::call, "2002");
  act(6, "2002", Action::offhook);
  act(8, "2001", Action::onhook);
  EXPECT_TRUE(has("2002 released reason=hangup"));
  EXPECT_EQ(count("2001 recall reason=hold"), 1u);
  EXPECT_TRUE(has("2001 ringing from=5550100 reason=recall"));
  EXPECT_FALSE(has("2001 transfer-complete to=2002"));
  act(9, "2001", Action::offhook);
  EXPECT_EQ(find("5550100", Ev::connected) != nullptr, true);
  act(12, "5550100", Action::onhook);
  EXPECT_EQ(engine->live_calls(), 0u);
}

// A station with two lines, both holding calls, has no consultation either: reorder.
TEST_F(TransferTest, AllLinesHeldOnATwoLineSetStillGiveReorder) {
  profile.switches = {{"one-line-consultation", "yes"}};
  add("2001", PartyKind::station).lines = {"2001", "2011"};
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  add("5550101", PartyKind::external);
  start();
  talking();
  act(2, "2001", Action::hold);
  act(3, "5550101", Action::call, "2011");
  act(4, "2001", Action::offhook);
  act(5, "2001", Action::hold);
  act(6, "2001", Action::offhook);
  EXPECT_TRUE(has("2001 reorder reason=no-line"));
}

}  // namespace
}  // namespace telsim
