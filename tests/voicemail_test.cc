// Voice mail boxes with message waiting (VM, SPEC 7), driven by hand: a message left through a
// forward and through DEE, the 5 s threshold, the last station of a chain, listening clears the
// count, what leaves no message, a screened caller, and the property voicemail (FI-1, FI-2).
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class VoicemailTest : public EngineTest {
 protected:
  // 2001 and 2002 have mailboxes on 7000; 2003 calls.
  void mailboxes(bool resolved = true) {
    if (resolved) {
      profile.switches["voicemail-last-diverter"] = "yes";
      profile.switches["voicemail-screens-in"] = "yes";
      profile.switches["dynamic-extension-express"] = "yes";
    } else {
      profile.switches["resolutions"] = "none";
      profile.switches["dynamic-extension-express"] = "yes";
    }
    add("2001", PartyKind::station).voicemail = "7000";
    add("2002", PartyKind::station).voicemail = "7000";
    add("2003", PartyKind::station);
    add("2004", PartyKind::station).screen_in = {"2003"};
    site.parties.back().voicemail = "7000";
    add("7000", PartyKind::voicemail);
    add("7001", PartyKind::voicemail);
    start();
  }
  int count_of(const std::string& line) const {
    int n = 0;
    for (const auto& l : lines()) n += l == line;
    return n;
  }
};

TEST_F(VoicemailTest, AForwardedCallerTalkingFiveSecondsLeavesAMessage) {
  mailboxes();
  act(0, "2001", Action::forward, "all 7000");
  act(1, "2003", Action::call, "2001");
  EXPECT_TRUE(has("7000 voicemail from=2003"));
  act(6, "2003", Action::onhook);
  EXPECT_TRUE(has("2001 message-waiting count=1 from=2003"));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(VoicemailTest, LessThanFiveSecondsLeavesNone) {
  mailboxes();
  act(0, "2001", Action::forward, "all 7000");
  act(1, "2003", Action::call, "2001");
  act(5.5, "2003", Action::onhook);
  EXPECT_FALSE(find("2001", Ev::message_waiting));
}

TEST_F(VoicemailTest, DeeVoiceMailAtNoAnswerLeavesAMessage) {
  mailboxes();
  act(1, "2003", Action::call, "2001");
  engine->run_until(16);  // timer.no-answer: DEE sends the call to 2001's voice mail
  ASSERT_TRUE(has("7000 voicemail from=2003"));
  act(25, "2003", Action::onhook);
  EXPECT_TRUE(has("2001 message-waiting count=1 from=2003"));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(VoicemailTest, InAChainTheLastStationsMailboxTakesIt) {
  mailboxes();
  act(0, "2001", Action::forward, "all 2002");
  act(0, "2002", Action::forward, "all 7000");
  act(1, "2003", Action::call, "2001");
  act(10, "2003", Action::onhook);
  EXPECT_TRUE(has("2002 message-waiting count=1 from=2003"));
  EXPECT_FALSE(find("2001", Ev::message_waiting));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(VoicemailTest, WithoutResolutionsTheFirstStationGetsItAndThePropertyBreaks) {
  mailboxes(false);
  act(0, "2001", Action::forward, "all 2002");
  act(0, "2002", Action::forward, "all 7000");
  act(1, "2003", Action::call, "2001");
  act(10, "2003", Action::onhook);
  EXPECT_TRUE(has("2001 message-waiting count=1 from=2003"));
  EXPECT_NE(engine->failure().find("property voicemail broken"), std::string::npos) << engine->failure();
  EXPECT_NE(engine->failure().find("features VM x CF"), std::string::npos) << engine->failure();
}

TEST_F(VoicemailTest, CountsAddUpAndListeningClearsThem) {
  mailboxes();
  act(0, "2001", Action::forward, "all 7000");
  act(1, "2003", Action::call, "2001");
  act(7, "2003", Action::onhook);
  act(8, "2003", Action::call, "2001");
  act(14, "2003", Action::onhook);
  EXPECT_TRUE(has("2001 message-waiting count=2 from=2003"));
  act(20, "2001", Action::call, "7000");
  act(23, "2001", Action::onhook);  // too short to have listened
  EXPECT_EQ(count_of("2001 message-waiting count=0"), 0);
  act(30, "2001", Action::call, "7000");
  act(40, "2001", Action::onhook);
  EXPECT_EQ(count_of("2001 message-waiting count=0"), 1);
  act(41, "2003", Action::call, "2001");
  act(47, "2003", Action::onhook);
  EXPECT_TRUE(has("2001 message-waiting count=1 from=2003"));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(VoicemailTest, APilotDialledOrAnotherPilotTakesNoMessage) {
  mailboxes();
  act(1, "2003", Action::call, "7000");
  act(10, "2003", Action::onhook);
  act(11, "2001", Action::forward, "all 7001");  // 2001's mailbox is on 7000
  act(12, "2003", Action::call, "2001");
  act(20, "2003", Action::onhook);
  EXPECT_FALSE(find("2001", Ev::message_waiting));
  EXPECT_FALSE(find("2003", Ev::message_waiting));
}

TEST_F(VoicemailTest, AScreenedCallerReachesNoMailbox) {
  mailboxes();
  act(0, "2001", Action::forward, "all 2004");  // 2004 screens in 2003, forwards to its voice mail
  act(0, "2004", Action::forward, "all 7000");
  act(1, "2003", Action::call, "2001");
  EXPECT_TRUE(has("2003 reorder reason=screened"));
  EXPECT_FALSE(find("7000", Ev::voicemail));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(VoicemailTest, WithoutTheScreensInSwitchAScreenedCallersMessageBreaksTheProperty) {
  profile.switches["voicemail-screens-in"] = "no";
  mailboxes();
  engine.reset();
  profile.switches["voicemail-screens-in"] = "no";
  start();
  act(0, "2001", Action::forward, "all 2004");
  act(0, "2004", Action::forward, "all 7000");
  act(1, "2003", Action::call, "2001");
  ASSERT_TRUE(has("7000 voicemail from=2003"));
  act(10, "2003", Action::onhook);
  EXPECT_NE(engine->failure().find("property voicemail broken"), std::string::npos) << engine->failure();
  EXPECT_NE(engine->failure().find("screens in 2003"), std::string::npos) << engine->failure();
  EXPECT_NE(engine->failure().find("features VM x TCS"), std::string::npos) << engine->failure();
}

}  // namespace
}  // namespace telsim

namespace telsim {
namespace {

// VM x CT: 2003's consultation reaches 2001's mailbox through 2001's forward; hanging up completes
// the transfer, which moves the pilot's leg into 2003's call with 2002.
class VoicemailTransferTest : public VoicemailTest {
 protected:
  void transfer_into_mailbox() {
    act(0, "2001", Action::forward, "all 7000");
    act(1, "2003", Action::call, "2002");
    act(2, "2002", Action::offhook);
    act(3, "2003", Action::press, "transfer");
    act(4, "2003", Action::dial, "2001");
    ASSERT_TRUE(has("7000 voicemail from=2003"));
    act(5, "2003", Action::onhook);
    act(20, "2002", Action::onhook);
  }
};

TEST_F(VoicemailTransferTest, AMovedPilotLegKeepsTheMailboxChosenWhenThePilotAnswered) {
  profile.switches["voicemail-transfer-keeps-mailbox"] = "yes";
  mailboxes();
  transfer_into_mailbox();
  EXPECT_TRUE(has("2001 message-waiting count=1 from=2003"));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(VoicemailTransferTest, WithTheSwitchOffAMovedPilotLegLeavesNoMessage) {
  profile.switches["voicemail-transfer-keeps-mailbox"] = "no";
  mailboxes();
  transfer_into_mailbox();
  EXPECT_FALSE(find("2001", Ev::message_waiting));
  EXPECT_EQ(engine->failure(), "");
}

}  // namespace
}  // namespace telsim
