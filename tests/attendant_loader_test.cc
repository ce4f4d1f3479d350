// The attendant party kind and the conference/attendant switches and timer (SPEC 6): what loads
// and what is bad input (FILE:LINE and the reason).
#include <gtest/gtest.h>

#include <string>

#include "sim/file_source.h"
#include "sim/scenario_loader.h"
#include "tests/loader_fixture.h"

namespace telsim {
namespace {

class AttendantLoader : public LoaderTest {};

const char* kHeader = "at,party,action,argument\n";

TEST_F(AttendantLoader, LoadsAConsoleWithAStationsOptions) {
  Scenario s = load(std::string(kHeader) + ",1000,attendant,model=8660 answer=auto:2\n,2001,station,\n" +
                    ",site,switch,unknown-to-attendant=yes\n,site,switch,conference-max=8\n" +
                    ",site,timer,attendant-recall=12\n0,2001,call,0\n");
  ASSERT_EQ(s.site.parties.size(), 2u);
  EXPECT_EQ(s.site.parties[0].kind, PartyKind::attendant);
  EXPECT_EQ(s.site.parties[0].model, "8660");
  EXPECT_EQ(s.site.parties[0].answer.mode, AnswerPolicy::automatic);
  EXPECT_EQ(s.site.switches.at("unknown-to-attendant"), "yes");
  EXPECT_EQ(s.site.switches.at("conference-max"), "8");
  EXPECT_EQ(s.site.timers.at("attendant-recall"), 12);
}

TEST_F(AttendantLoader, ConsoleOptionsOfDeeAndMlhAreBadInput) {
  for (const char* opt : {"mobile=5551", "home=5551", "voicemail=7000", "associated=2001", "mlh=yes",
                          "permissions=multi-user-aware"}) {
    expect_error(std::string(kHeader) + ",5551,mobile,\n,7000,voicemail,\n,2001,station,\n,1000,attendant," + opt +
                     "\n0,2001,call,1000\n",
                 5, "for attendant");
  }
}

TEST_F(AttendantLoader, UnknownConsoleOptionAndBadValue) {
  expect_error(std::string(kHeader) + ",1000,attendant,colour=red\n0,1000,offhook,\n", 2, "unknown option 'colour='");
  expect_error(std::string(kHeader) + ",1000,attendant,answer=sometimes\n0,1000,offhook,\n", 2, "answer=");
}

TEST_F(AttendantLoader, BadSwitchValues) {
  expect_error(std::string(kHeader) + ",site,switch,conference-max=many\n,2001,station,\n0,2001,offhook,\n", 2,
               "conference-max needs a whole number");
  expect_error(std::string(kHeader) + ",site,switch,conference-max=-1\n,2001,station,\n0,2001,offhook,\n", 2,
               "conference-max needs a whole number");
  expect_error(std::string(kHeader) + ",site,switch,unknown-to-attendant=maybe\n,2001,station,\n0,2001,offhook,\n",
               2, "unknown-to-attendant is yes or no");
}

TEST_F(AttendantLoader, BadAttendantRecallTimer) {
  expect_error(std::string(kHeader) + ",site,timer,attendant-recall=-5\n,2001,station,\n0,2001,offhook,\n", 2,
               "attendant-recall");
  expect_error(std::string(kHeader) + ",site,timer,attendant-recall=soon\n,2001,station,\n0,2001,offhook,\n", 2,
               "attendant-recall");
}

TEST_F(AttendantLoader, AConsoleIsNoHuntMemberButMayTakeOverflow) {
  expect_error(std::string(kHeader) + ",1000,attendant,\n,2001,station,\n,5000,hunt,members=2001 1000\n" +
                   "0,2001,offhook,\n",
               4, "members=1000 is an attendant, not a station");
  Scenario s = load(std::string(kHeader) + ",1000,attendant,\n,2001,station,\n,5000,hunt,members=2001 overflow=1000\n" +
                    "0,2001,offhook,\n");
  EXPECT_EQ(s.site.parties[2].overflow, "1000");
}

TEST_F(AttendantLoader, AConsoleIsNoOnesMobile) {
  expect_error(std::string(kHeader) + ",1000,attendant,\n,2001,station,mobile=1000\n0,2001,offhook,\n", 3,
               "mobile=1000 is an attendant");
}

}  // namespace
}  // namespace telsim
