// The feature registry and the decision-point machinery (models/features/registry.cc,
// models/engine.cc): which boxes a profile gets and in which order, precedence switches, the
// switches a site row may set, and contests recorded under resolutions=none.
#include "models/features/registry.h"

#include "models/box.h"
#include "sim/file_source.h"
#include "sim/scenario_loader.h"
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

std::vector<std::string> names(const Engine& e) {
  std::vector<std::string> out;
  for (const auto& b : e.boxes()) out.push_back(b->name());
  return out;
}

TEST(Registry, AProfileWithoutAFeatureListGetsEveryBoxInTheDefaultOrder) {
  Profile p;
  EXPECT_EQ(box_order(p, {}), feature_names());
  EXPECT_EQ(feature_names().front(), "screen-out");  // SPEC 7: refusing boxes first
  EXPECT_EQ(feature_names()[3], "hunt-groups");
}

TEST(Registry, TheProfilesListDecidesWhichBoxesAndTheirOrder) {
  Profile p;
  p.features = {"forward", "voice-call"};
  EXPECT_EQ(box_order(p, {}), (std::vector<std::string>{"forward", "voice-call"}));
}

TEST(Registry, APrecedenceSwitchMovesTheWinnerBeforeTheLoser) {
  Profile p;
  p.features = {"hunt-groups", "forward", "voice-call", "hold"};
  std::vector<Precedence> rules = {{"voice-before-forward", "voice-call", "forward"}};
  EXPECT_EQ(box_order(p, rules), p.features);  // switch not set: the list as it is
  p.switches["voice-before-forward"] = "yes";
  EXPECT_EQ(box_order(p, rules), (std::vector<std::string>{"hunt-groups", "voice-call", "forward", "hold"}));
  p.switches["voice-before-forward"] = "no";
  EXPECT_EQ(box_order(p, rules), p.features);  // forward already first
  p.switches["voice-before-forward"] = "yes";
  p.switches["resolutions"] = "none";  // decides nothing: the list alone
  EXPECT_EQ(box_order(p, rules), p.features);
}

TEST(Registry, SwitchesAreCheckedByNameAndValue) {
  EXPECT_EQ(check_switch("resolutions", "none"), "");
  EXPECT_EQ(check_switch("forward-intercom", "no"), "");
  EXPECT_EQ(check_switch("forward-max-hops", "2"), "");
  EXPECT_EQ(check_switch("transfer-number-end", "timeout"), "");
  EXPECT_NE(check_switch("forward-max-hops", "-1"), "");
  EXPECT_NE(check_switch("forward-intercom", "maybe"), "");
  EXPECT_NE(check_switch("transfer-number-end", "match timeout"), "");
  EXPECT_NE(check_switch("resolutions", "some"), "");
  EXPECT_NE(check_switch("no-such-switch", "yes").find("unknown switch 'no-such-switch'"), std::string::npos);
}

TEST(Registry, AProfileNamingAnUnknownFeatureIsAnError) {
  EXPECT_THROW(parse_profile("features = forward call-wating\n"), ProfileError);
  EXPECT_THROW(parse_profile("features = forward forward\n"), ProfileError);
  EXPECT_EQ(parse_profile("features = pickup forward\n").features, (std::vector<std::string>{"pickup", "forward"}));
}

class BoxesTest : public EngineTest {
 protected:
  void SetUp() override {
    add("2001", PartyKind::station);
    add("2002", PartyKind::station);
    add("2003", PartyKind::station);
  }
};

TEST_F(BoxesTest, TheEngineBuildsTheProfilesBoxesInItsOrder) {
  profile.features = {"transfer", "forward"};
  start();
  EXPECT_EQ(names(*engine), (std::vector<std::string>{"transfer", "forward"}));
  EXPECT_NE(engine->box("forward"), nullptr);
  EXPECT_EQ(engine->box("hold"), nullptr);
}

TEST_F(BoxesTest, WithoutABoxItsStepDoesNothing) {
  profile.features = {"hold"};  // no forward box
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "2002", Action::call, "2001");
  EXPECT_TRUE(has("2001 ringing from=2002"));
  EXPECT_FALSE(has("2001 confirmation"));
}

TEST_F(BoxesTest, WithoutResolutionsTwoClaimsAreAContestAndTheFirstBoxActs) {
  site.switches["resolutions"] = "none";
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "2002", Action::voice_call, "2001");
  ASSERT_EQ(engine->contests().size(), 1u);
  const Contest& c = engine->contests()[0];
  EXPECT_EQ(c.first, "voice-call");
  EXPECT_EQ(c.second, "forward");
  EXPECT_EQ(c.point, Point::arrive);
  EXPECT_EQ(contest_text(c), "at 1.000 s, c1: voice-call over forward at arrive");
  EXPECT_TRUE(has("2001 ringing from=2002 reason=voice"));
}

TEST_F(BoxesTest, WithTheProfilesResolutionsNoContestIsRecorded) {
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "2002", Action::voice_call, "2001");
  EXPECT_TRUE(engine->contests().empty());
  EXPECT_TRUE(has("2001 ringing from=2002 reason=voice"));
}

TEST_F(BoxesTest, ASiteSwitchRowOverridesTheProfile) {
  profile.switches["forward-intercom"] = "yes";
  site.switches["forward-intercom"] = "no";
  start();
  act(0, "2001", Action::forward, "all 2003");
  act(1, "2002", Action::call, "2001");  // intercom: not forwarded now
  EXPECT_TRUE(has("2001 ringing from=2002"));
  EXPECT_EQ(engine->profile().switches.at("forward-intercom"), "no");
}

// The setup row `,site,switch,NAME=VALUE` (SPEC 1): known switches with a value they take, in the
// site; anything else is bad input at its line.
TEST(SiteSwitchRow, SetsTheSwitchOrIsBadInput) {
  MemoryFiles files;
  files.files["profiles/generic.profile"] = "name = generic\n";
  const std::string head = "at,party,action,argument\n";
  files.files["s/ok.csv"] = head + ",site,switch,resolutions=none forward-max-hops=3\n";
  Scenario s = load_scenario("s/ok.csv", files, "profiles");
  EXPECT_EQ(s.site.switches.at("resolutions"), "none");
  EXPECT_EQ(s.site.switches.at("forward-max-hops"), "3");
  for (const auto& [row, what] : std::vector<std::pair<std::string, std::string>>{
           {",site,switch,call-waiting-befor-forward=yes", "unknown switch 'call-waiting-befor-forward'"},
           {",site,switch,resolutions=some", "switch resolutions is one of: switches none"},
           {",site,switch,forward-intercom=perhaps", "switch forward-intercom is yes or no"},
           {",site,switch,", "switch needs NAME=VALUE"}}) {
    files.files["s/bad.csv"] = head + row + "\n";
    try {
      load_scenario("s/bad.csv", files, "profiles");
      ADD_FAILURE() << "no error for " << row;
    } catch (const InputError& e) {
      EXPECT_EQ(e.line, 2) << e.what();
      EXPECT_NE(e.message.find(what), std::string::npos) << e.what();
    }
  }
}

TEST(SlotTable, AnEntryCountsOnlyForTheGenerationItWasWrittenFor) {
  SlotTable<int> t;
  EXPECT_EQ(t.find(3, 0), nullptr);
  t.at(3, 7) = 42;
  ASSERT_NE(t.find(3, 7), nullptr);
  EXPECT_EQ(*t.find(3, 7), 42);
  EXPECT_EQ(t.find(3, 8), nullptr);  // the slot was reused: the old entry is gone
  EXPECT_EQ(t.at(3, 8), 0);          // and a fresh one starts empty
  t.erase(3);
  EXPECT_EQ(t.find(3, 8), nullptr);
}

}  // namespace
}  // namespace telsim
