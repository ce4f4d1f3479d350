// What the scenario loader accepts and refuses for call waiting and camp-on: the station option
// call-waiting=, the keys flash and camp-on, the events call-waiting and camp-on, the camp-on timer
// and the call-waiting-before-forward switch.
#include <gtest/gtest.h>

#include <string>

#include "sim/file_source.h"
#include "sim/scenario_loader.h"
#include "tests/loader_fixture.h"

namespace telsim {
namespace {

const std::string kHead = "at,party,action,argument\n";

class CallWaitingLoader : public LoaderTest {};

TEST_F(CallWaitingLoader, LoadsTheNewWords) {
  Scenario s = load(kHead + ",site,timer,camp-on=20\n,site,switch,call-waiting-before-forward=no\n" +
                    ",2001,station,call-waiting=yes\n,2002,station,call-waiting=no\n" +
                    "1,2001,press,flash\n2,2002,press,camp-on\n,2001,expect,call-waiting from=2002\n" +
                    ",2002,expect,camp-on to=2001\n,2001,expect,ringing reason=camp-on\n");
  ASSERT_EQ(s.site.parties.size(), 2u);
  EXPECT_TRUE(s.site.parties[0].call_waiting);
  EXPECT_FALSE(s.site.parties[1].call_waiting);
  EXPECT_EQ(s.site.timers.at("camp-on"), 20);
  EXPECT_EQ(s.site.switches.at("call-waiting-before-forward"), "no");
}

TEST_F(CallWaitingLoader, RefusesBadValues) {
  expect_error(kHead + ",2001,station,call-waiting=maybe\n", 2, "bad value 'maybe' for call-waiting=");
  expect_error(kHead + ",2001,station,call-waiting=\n", 2, "call-waiting");
  expect_error(kHead + ",2001,station,callwaiting=yes\n", 2, "call-waiting)");
  expect_error(kHead + ",2001,station,\n1,2001,press,flsh\n", 3, "unknown key 'flsh'");
  expect_error(kHead + ",2001,station,\n1,2001,press,campon\n", 3, "unknown key 'campon'");
  expect_error(kHead + ",site,switch,call-waiting-before-forward=maybe\n", 2,
               "switch call-waiting-before-forward is yes or no");
  expect_error(kHead + ",site,timer,camp-on=-1\n", 2, "camp-on");
  expect_error(kHead + ",2001,station,\n,2001,expect,camp-on from=2002\n", 3, "from");
  expect_error(kHead + ",2001,station,\n,2001,expect,call-waitng from=2002\n", 3, "unknown event 'call-waitng'");
}

}  // namespace
}  // namespace telsim
