// Calling number delivery blocking (CNDB, SPEC 7) and its withheld property.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class CallerIdTest : public EngineTest {
 protected:
  void site() {
    add("2001", PartyKind::station).caller_id_withheld = true;
    add("2002", PartyKind::station);
    add("2003", PartyKind::station);
  }
};

TEST_F(CallerIdTest, WithheldAtTheCalledPartyShownToItself) {
  site();
  start();
  act(0, "2001", Action::call, "2002");
  EXPECT_TRUE(has("2002 ringing from=withheld"));
  act(1, "2002", Action::offhook);
  EXPECT_TRUE(has("2002 connected to=withheld"));
  EXPECT_TRUE(has("2001 connected to=2002"));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(CallerIdTest, ForwardedCallStaysWithheldWithTheResolution) {
  site();
  profile.switches["withheld-every-path"] = "yes";
  start();
  act(0, "2002", Action::forward, "all 2003");
  act(1, "2001", Action::call, "2002");
  EXPECT_TRUE(has("2003 ringing from=withheld forwarded=1"));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(CallerIdTest, ForwardedCallShowsTheNumberWithoutItAndThePropertyBreaks) {
  site();
  start();
  act(0, "2002", Action::forward, "all 2003");
  act(1, "2001", Action::call, "2002");
  EXPECT_TRUE(has("2003 ringing from=2001 forwarded=1"));
  EXPECT_EQ(engine->failure().rfind("property withheld broken", 0), 0u) << engine->failure();
  EXPECT_NE(engine->failure().find("features CNDB x CF"), std::string::npos);
}

TEST_F(CallerIdTest, NoBlockingWithoutTheBoxInTheProfile) {
  site();
  profile.features = {"forward"};  // a PBX without caller-id blocking
  start();
  act(0, "2001", Action::call, "2002");
  EXPECT_TRUE(has("2002 ringing from=2001"));
}

}  // namespace
}  // namespace telsim
