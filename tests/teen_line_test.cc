// Teen line (TL, SPEC 7): the PIN before outside calls, and a forward or a transfer that would go
// around it.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class TeenLineTest : public EngineTest {
 protected:
  void site() {
    add("2001", PartyKind::station).teen_pin = "1234";
    add("2002", PartyKind::station);
    add("5550100", PartyKind::external);
    profile.codes["teen-line"] = "*95";
  }
};

TEST_F(TeenLineTest, OutsideCallWithoutPinGetsReorder) {
  site();
  start();
  act(0, "2001", Action::call, "5550100");
  EXPECT_TRUE(has("2001 reorder reason=pin"));
  EXPECT_EQ(find("5550100", Ev::ringing), nullptr);
  act(1, "2001", Action::onhook);
  act(2, "2001", Action::call, "2002");  // inside calls need no PIN
  EXPECT_TRUE(has("2002 ringing from=2001"));
}

TEST_F(TeenLineTest, RightPinLetsTheNextNumberGoOutside) {
  site();
  start();
  act(0, "2001", Action::dial, "*951234#");
  EXPECT_TRUE(has("2001 confirmation"));
  act(1, "2001", Action::call, "5550100");
  EXPECT_TRUE(has("5550100 ringing from=2001"));
  act(2, "5550100", Action::offhook);
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(TeenLineTest, WrongPinGetsReorder) {
  site();
  start();
  act(0, "2001", Action::dial, "*954321#");
  EXPECT_TRUE(has("2001 reorder reason=pin"));
  EXPECT_EQ(find("2001", Ev::confirmation), nullptr);
}

TEST_F(TeenLineTest, PinCountsForOneCallOnly) {
  site();
  start();
  act(0, "2001", Action::dial, "*951234#");
  act(1, "2001", Action::onhook);
  act(2, "2001", Action::call, "5550100");
  EXPECT_TRUE(has("2001 reorder reason=pin"));
}

TEST_F(TeenLineTest, ForwardOutsideRefusedWithTheResolutionBrokenWithout) {
  site();
  profile.switches["teen-line-every-path"] = "yes";
  start();
  act(0, "2002", Action::forward, "all 5550100");
  act(1, "2001", Action::call, "2002");
  EXPECT_TRUE(has("2001 reorder reason=pin"));
  EXPECT_EQ(find("5550100", Ev::ringing), nullptr);
}

TEST_F(TeenLineTest, ForwardOutsideWithoutTheResolutionBreaksTheProperty) {
  site();
  start();
  act(0, "2002", Action::forward, "all 5550100");
  act(1, "2001", Action::call, "2002");
  act(2, "5550100", Action::offhook);
  EXPECT_EQ(engine->failure().rfind("property teen-line-pin broken", 0), 0u) << engine->failure();
  EXPECT_NE(engine->failure().find("features TL x CF"), std::string::npos) << engine->failure();
}

// The colleague holds the teen, calls outside itself and presses transfer: no consultation, no
// `transfer` event, yet the transfer carried the teen's call outside; the finding names CT (found
// by explore on the naive site, seed 1, run 507, printed `TL alone` before).
TEST_F(TeenLineTest, HoldThenCallThenTransferNamesTheTransfer) {
  add("2001", PartyKind::station).teen_pin = "1234";
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  profile.switches["one-line-consultation"] = "yes";  // the held call's line carries the new call
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  act(2, "2002", Action::press, "hold");
  act(3, "2002", Action::call, "5550100");
  act(4, "5550100", Action::offhook);
  EXPECT_EQ(engine->failure(), "");
  act(5, "2002", Action::press, "transfer");
  EXPECT_TRUE(has("2001 connected to=5550100"));
  EXPECT_EQ(engine->failure().rfind("property teen-line-pin broken", 0), 0u) << engine->failure();
  EXPECT_NE(engine->failure().find("features TL x CT"), std::string::npos) << engine->failure();
}

// DEE rings the called station's mobile beside its desk phone: the teen talks outside through DEE,
// and the finding names it (found by explore on the naive site, seed 1, run 3603: `TL alone`).
TEST_F(TeenLineTest, AMobileAnsweringForTheDeskNamesDee) {
  add("2001", PartyKind::station).teen_pin = "1234";
  add("2002", PartyKind::station).mobile = "0611000002";
  add("0611000002", PartyKind::mobile);
  profile.switches["dynamic-extension-express"] = "yes";
  start();
  act(0, "2001", Action::call, "2002");
  EXPECT_TRUE(has("0611000002 ringing from=2001"));
  act(1, "0611000002", Action::offhook);
  EXPECT_TRUE(has("2001 connected to=0611000002"));
  EXPECT_EQ(engine->failure().rfind("property teen-line-pin broken", 0), 0u) << engine->failure();
  EXPECT_NE(engine->failure().find("features TL x DEE"), std::string::npos) << engine->failure();
}

}  // namespace
}  // namespace telsim
