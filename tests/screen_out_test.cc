// Originating call screening (OCS, SPEC 7) and its resolution switch screen-every-path.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class ScreenOutTest : public EngineTest {
 protected:
  void site_with_forward() {
    add("2001", PartyKind::station).screen_out = {"5550100"};
    add("2002", PartyKind::station);
    add("5550100", PartyKind::external);
  }
};

TEST_F(ScreenOutTest, DialledScreenedNumberGetsReorder) {
  add("2001", PartyKind::station).screen_out = {"2002"};
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();
  act(0, "2001", Action::call, "2002");
  EXPECT_TRUE(has("2001 reorder reason=screened"));
  EXPECT_EQ(find("2002", Ev::ringing), nullptr);
  act(1, "2001", Action::onhook);
  act(2, "2001", Action::call, "2003");  // a number it does not screen out rings
  EXPECT_TRUE(has("2003 ringing from=2001"));
}

TEST_F(ScreenOutTest, ForwardToScreenedNumberRefusedWhenEveryPathIsScreened) {
  site_with_forward();
  profile.switches["screen-every-path"] = "yes";
  start();
  act(0, "2002", Action::forward, "all 5550100");
  act(1, "2001", Action::call, "2002");
  EXPECT_TRUE(has("2001 reorder reason=screened"));
  EXPECT_EQ(find("5550100", Ev::ringing), nullptr);
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(ScreenOutTest, WithoutTheResolutionTheForwardConnectsAndThePropertyBreaks) {
  site_with_forward();
  profile.switches["screen-every-path"] = "yes";
  profile.switches["resolutions"] = "none";  // switches nothing on
  start();
  act(0, "2002", Action::forward, "all 5550100");
  act(1, "2001", Action::call, "2002");
  EXPECT_NE(find("5550100", Ev::ringing), nullptr);
  EXPECT_EQ(engine->failure(), "");  // ringing is no connection yet
  act(2, "5550100", Action::offhook);
  EXPECT_EQ(engine->failure().rfind("property screened-out broken at 2.000 s", 0), 0u) << engine->failure();
  EXPECT_NE(engine->failure().find("(features OCS x CF; event: 2001 connected to=5550100)"), std::string::npos)
      << engine->failure();
}

TEST_F(ScreenOutTest, ACallTheScreenedNumberPlacesIsAllowed) {
  add("2001", PartyKind::station).screen_out = {"2002"};
  add("2002", PartyKind::station);
  start();
  act(0, "2002", Action::call, "2001");
  act(1, "2001", Action::offhook);
  EXPECT_TRUE(has("2001 connected to=2002"));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(ScreenOutTest, HuntSkipsTheScreenedMember) {
  add("2001", PartyKind::station).screen_out = {"2003"};
  add("2003", PartyKind::station);
  add("2004", PartyKind::station);
  PartyDef& h = add("6000", PartyKind::hunt);
  h.members = {"2003", "2004"};
  profile.switches["screen-every-path"] = "yes";
  start();
  act(0, "2001", Action::call, "6000");
  EXPECT_EQ(find("2003", Ev::ringing), nullptr);
  EXPECT_TRUE(has("2004 ringing from=2001"));
}

}  // namespace
}  // namespace telsim
