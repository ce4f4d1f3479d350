// Terminating call screening (TCS, SPEC 7): direct calls, forwarded calls and pickups.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class ScreenInTest : public EngineTest {
 protected:
  void three() {
    add("2001", PartyKind::station).screen_in = {"2002"};
    add("2002", PartyKind::station);
    add("2003", PartyKind::station);
  }
};

TEST_F(ScreenInTest, ScreenedCallerGetsReorderAndTheStationNeverRings) {
  three();
  start();
  act(0, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2002 reorder reason=screened"));
  EXPECT_EQ(find("2001", Ev::ringing), nullptr);
  act(1, "2003", Action::call, "2001");  // anyone else rings
  EXPECT_TRUE(has("2001 ringing from=2003"));
}

TEST_F(ScreenInTest, ForwardedScreenedCallerRefusedWithTheResolution) {
  three();
  profile.switches["screen-every-path"] = "yes";
  start();
  act(0, "2003", Action::forward, "all 2001");
  act(1, "2002", Action::call, "2003");
  EXPECT_TRUE(has("2002 reorder reason=screened"));
  EXPECT_EQ(find("2001", Ev::ringing), nullptr);
}

TEST_F(ScreenInTest, ForwardedScreenedCallerRingsWithoutItAndThePropertyBreaks) {
  three();
  start();  // screen-every-path not set
  act(0, "2003", Action::forward, "all 2001");
  act(1, "2002", Action::call, "2003");
  EXPECT_TRUE(has("2001 ringing from=2002 forwarded=1"));
  EXPECT_EQ(engine->failure().rfind("property screened-in broken", 0), 0u) << engine->failure();
  EXPECT_NE(engine->failure().find("features TCS x CF"), std::string::npos) << engine->failure();
}

TEST_F(ScreenInTest, PickupOfTheScreenedCallersCallRefused) {
  three();
  profile.codes["pickup"] = "*8";
  profile.switches["screen-every-path"] = "yes";
  start();
  act(0, "2002", Action::call, "2003");
  act(1, "2001", Action::dial, "*82003");
  EXPECT_TRUE(has("2001 reorder reason=screened"));
  EXPECT_EQ(find("2001", Ev::pickup), nullptr);
  EXPECT_NE(find("2003", Ev::ringing), nullptr);
  EXPECT_EQ(engine->failure(), "");
}

}  // namespace
}  // namespace telsim
