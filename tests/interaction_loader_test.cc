// The SPEC 7 station options (screen-out, screen-in, caller-id, teen-line, reverse-charge,
// split-billing), the resolution switches and `,site,expect-broken,`: what loads and what is bad input.
#include <gtest/gtest.h>

#include <string>

#include "sim/file_source.h"
#include "sim/scenario_loader.h"

namespace telsim {
namespace {

class InteractionOptions : public ::testing::Test {
 protected:
  void SetUp() override { files.files["profiles/generic.profile"] = "name = generic\n"; }
  Scenario load(const std::string& text) {
    files.files["s/test.csv"] = "at,party,action,argument\n" + text + ",2002,station,\n,5550100,external,\n";
    return load_scenario("s/test.csv", files, "profiles");
  }
  void expect_error(const std::string& text, const std::string& what) {
    try {
      load(text);
      ADD_FAILURE() << "no error; expected: " << what;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file, "s/test.csv") << e.what();
      EXPECT_EQ(e.line, 2) << e.what();
      EXPECT_NE(e.message.find(what), std::string::npos) << "message: " << e.what();
    }
  }
  MemoryFiles files;
};

TEST_F(InteractionOptions, EveryOptionLoads) {
  Scenario s = load(
      ",2001,station,screen-out=2002 5550100 screen-in=2002 caller-id=withheld teen-line=0042 reverse-charge=yes "
      "split-billing=yes\n");
  const PartyDef& d = s.site.parties.front();
  EXPECT_EQ(d.screen_out, (std::vector<std::string>{"2002", "5550100"}));
  EXPECT_EQ(d.screen_in, (std::vector<std::string>{"2002"}));
  EXPECT_TRUE(d.caller_id_withheld);
  EXPECT_EQ(d.teen_pin, "0042");
  EXPECT_TRUE(d.reverse_charge);
  EXPECT_TRUE(d.split_billing);
}

TEST_F(InteractionOptions, BadValues) {
  expect_error(",2001,station,screen-out=\n", "screen-out= needs at least one number");
  expect_error(",2001,station,screen-out=20x2\n", "bad value '20x2' in screen-out=");
  expect_error(",2001,station,screen-in=2001\n", "screen-in= names the station's own number 2001");
  expect_error(",2001,station,screen-in=2002 2002\n", "number 2002 listed twice in screen-in=");
  expect_error(",2001,station,caller-id=hidden\n", "bad value 'hidden' for caller-id= (expected withheld|shown)");
  expect_error(",2001,station,teen-line=12a4\n", "bad value '12a4' for teen-line= (expected a PIN of 1 to 8 digits)");
  expect_error(",2001,station,teen-line=123456789\n", "expected a PIN of 1 to 8 digits");
  expect_error(",2001,station,reverse-charge=maybe\n", "bad value 'maybe' for reverse-charge= (expected yes|no)");
  expect_error(",2001,station,split-billing=1\n", "bad value '1' for split-billing= (expected yes|no)");
  expect_error(",2001,station,screen-oot=2002\n", "screen-out screen-in caller-id teen-line");
}

TEST_F(InteractionOptions, AScreenedNumberMustExist) {
  try {
    load(",2001,station,screen-out=2999\n");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("2999"), std::string::npos) << e.what();
  }
}

TEST_F(InteractionOptions, ResolutionSwitchesAreYesOrNo) {
  Scenario s = load(",site,switch,screen-every-path=yes withheld-every-path=no\n");
  EXPECT_EQ(s.site.switches.at("screen-every-path"), "yes");
  expect_error(",site,switch,teen-line-every-path=sometimes\n", "switch teen-line-every-path is yes or no");
}

TEST_F(InteractionOptions, ExpectBroken) {
  Scenario s = load(",site,expect-broken,withheld\n");
  EXPECT_EQ(s.expect_broken, "withheld");
  EXPECT_EQ(s.expect_broken_line, 2);
  expect_error(",site,expect-broken,screened\n", "bad property 'screened' for expect-broken (expected screened-out|");
}

}  // namespace
}  // namespace telsim
