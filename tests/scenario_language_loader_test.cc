// The loader's part of SPEC 9 (SC-1..SC-5): expect-count, expect-state, the parties `*` and `cdr`,
// event-relative steps and ~REGEX patterns, what each fills in and each bad input's FILE:LINE.
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario_loader.h"

namespace telsim {
namespace {

const std::string kSite =
    "at,party,action,argument\n"
    ",2001,station,\n"
    ",2002,station,\n";

class LanguageLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override { files.files["profiles/generic.profile"] = "name = generic\n"; }
  Scenario load(const std::string& rows) {
    files.files["s/t.csv"] = kSite + rows;
    return load_scenario("s/t.csv", files, "profiles");
  }
  // `rows` start at line 4 of s/t.csv.
  void expect_error(const std::string& rows, int line, const std::string& what) {
    files.files["s/t.csv"] = kSite + rows;
    try {
      load_scenario("s/t.csv", files, "profiles");
      ADD_FAILURE() << "no error; expected line " << line << ": " << what;
    } catch (const InputError& e) {
      EXPECT_EQ(e.line, line) << e.what();
      EXPECT_NE(e.message.find(what), std::string::npos) << "message: " << e.what();
    }
  }
  MemoryFiles files;
};

TEST_F(LanguageLoaderTest, CountsExactlyAtLeastAtMost) {
  Scenario s = load(",2001,expect-count,2 ringing from=2002\n5..9,2002,expect-count,>=1 busy\n,2001,expect-count,<=0 forwarded\n");
  ASSERT_EQ(s.expectations.size(), 3u);
  EXPECT_EQ(s.expectations[0].kind, Expectation::Kind::count);
  EXPECT_EQ(s.expectations[0].count_op, Expectation::CountOp::exactly);
  EXPECT_EQ(s.expectations[0].count, 2);
  EXPECT_EQ(s.expectations[0].event, Ev::ringing);
  EXPECT_EQ(s.expectations[0].detail, "from=2002");
  EXPECT_EQ(s.expectations[1].count_op, Expectation::CountOp::at_least);
  EXPECT_EQ(s.expectations[1].from, 5);
  EXPECT_EQ(s.expectations[1].to, 9);
  EXPECT_EQ(s.expectations[2].count_op, Expectation::CountOp::at_most);
  EXPECT_EQ(s.expectations[2].count, 0);
}

TEST_F(LanguageLoaderTest, BadCounts) {
  expect_error(",2001,expect-count,two ringing\n", 4, "count 'two' is not a number");
  expect_error(",2001,expect-count,-1 ringing\n", 4, "is not a number");
  expect_error(",2001,expect-count,>=x ringing\n", 4, "is not a number");
  expect_error(",2001,expect-count,1.5 ringing\n", 4, "is not a number");
  expect_error(",2001,expect-count,99999999999 ringing\n", 4, "at most 9 digits");
  expect_error(",2001,expect-count,3\n", 4, "needs an event after the count");
  expect_error(",2001,expect-count,\n", 4, "needs a count");
  expect_error(",2001,expect-count,2 ringin\n", 4, "unknown event 'ringin'");
}

TEST_F(LanguageLoaderTest, States) {
  Scenario s = load("5,2001,expect-state,talking to=2002\n5..9,2002,expect-state,holding\n400,*,expect-state,idle\n"
                    "6,2001,expect-state,held by=2002\n7,2001,expect-state,conference size=3\n");
  ASSERT_EQ(s.expectations.size(), 5u);
  EXPECT_EQ(s.expectations[0].kind, Expectation::Kind::state);
  EXPECT_EQ(s.expectations[0].state.name, "talking");
  EXPECT_EQ(s.expectations[0].state.value, "2002");
  EXPECT_EQ(s.expectations[1].state.name, "holding");
  EXPECT_EQ(s.expectations[2].party, "*");
  EXPECT_EQ(s.expectations[3].state.value, "2002");
  EXPECT_EQ(s.expectations[4].state.value, "3");
}

TEST_F(LanguageLoaderTest, BadStates) {
  expect_error("5,2001,expect-state,sleeping\n", 4, "unknown state 'sleeping'");
  expect_error("5,2001,expect-state,idel\n", 4, "did you mean 'idle'");
  expect_error(",2001,expect-state,idle\n", 4, "needs a time in 'at'");
  expect_error("5,2001,expect-state,\n", 4, "needs a state");
  expect_error("5,2001,expect-state,idle to=2002\n", 4, "takes nothing after it");
  expect_error("5,2001,expect-state,talking with=2002\n", 4, "takes to=VALUE");
  expect_error("5,2001,expect-state,talking to=2009\n", 4, "undefined number 2009");
  expect_error("5,2001,expect-state,conference size=big\n", 4, "not a number of members");
  expect_error("5,2009,expect-state,idle\n", 4, "undefined number 2009");
  expect_error("5,*,expect,ringing\n", 4, "'*' is for expect-state only");
}

TEST_F(LanguageLoaderTest, EventRelativeSteps) {
  Scenario s = load("0,2002,call,2001\n@2001:ringing+2,2001,answer,\n+3,2001,hangup,\n10,2002,hangup,\n");
  ASSERT_EQ(s.steps.size(), 4u);
  ASSERT_TRUE(s.steps[1].trigger.has_value());
  EXPECT_EQ(s.steps[1].trigger->party, "2001");
  EXPECT_EQ(s.steps[1].trigger->event, Ev::ringing);
  EXPECT_EQ(s.steps[1].trigger->delay, 2);
  EXPECT_EQ(s.steps[1].at, 2);  // its earliest: the previous step + N
  EXPECT_TRUE(s.steps[2].relative);
  EXPECT_EQ(s.steps[2].offset, 3);
  EXPECT_FALSE(s.steps[3].relative);
  Scenario zero = load("0,2002,call,2001\n@2001:ringing,2001,answer,\n");
  EXPECT_EQ(zero.steps[1].trigger->delay, 0);
}

TEST_F(LanguageLoaderTest, BadEventRelativeSteps) {
  expect_error("0,2002,call,2001\n@2009:ringing+1,2001,answer,\n", 5, "undefined number 2009");
  expect_error("0,2002,call,2001\n@2001:ringin+1,2001,answer,\n", 5, "unknown event 'ringin'");
  expect_error("0,2002,call,2001\n@2001+1,2001,answer,\n", 5, "must be @PARTY:EVENT+N");
  expect_error("0,2002,call,2001\n@:ringing+1,2001,answer,\n", 5, "needs a party number");
  expect_error("0,2002,call,2001\n@2001:ringing+x,2001,answer,\n", 5, "delay 'x' is not a number");
}

TEST_F(LanguageLoaderTest, Patterns) {
  Scenario s = load(",2001,expect,ringing from=~20\\d\\d\n,2001,expect,display ~HANDOFF.*\n");
  EXPECT_EQ(s.expectations[0].detail, "from=~20\\d\\d");
  EXPECT_EQ(s.expectations[1].detail, "~HANDOFF.*");
  expect_error(",2001,expect,ringing from=~20(\n", 4, "bad regular expression");
  expect_error(",2001,expect-not,display ~[a-\n", 4, "bad regular expression");
  expect_error(",2001,expect,ringing from=~" + std::string(201, 'a') + "\n", 4, "too long");
  expect_error(",2001,expect-count,1 prompt ~\n", 4, "empty pattern");
}

TEST_F(LanguageLoaderTest, CallRecordRows) {
  Scenario s = load(",cdr,expect,src=2001 dst=2002 disposition=answered billsec=30\n,cdr,expect-count,2 src=2001\n"
                    ",cdr,expect-not,disposition=~busy|failed\n");
  ASSERT_EQ(s.expectations.size(), 3u);
  EXPECT_TRUE(s.expectations[0].cdr);
  EXPECT_EQ(s.expectations[0].detail, "src=2001 dst=2002 disposition=answered billsec=30");
  EXPECT_EQ(s.expectations[1].count, 2);
  expect_error(",cdr,expect,caller=2001\n", 4, "no column 'caller'");
  expect_error(",cdr,expect,disposition=answerd\n", 4, "bad value 'answerd' for disposition=");
  expect_error(",cdr,expect,\n", 4, "needs column=value words");
  expect_error(",cdr,expect,src=2001 src=2002\n", 4, "given twice");
  expect_error(",cdr,expect,src\n", 4, "must be column=value");
}

}  // namespace
}  // namespace telsim
