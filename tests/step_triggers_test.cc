// Event-relative steps (models/step_triggers.cc, SPEC SC-3): the first event at or after the
// bound, each used once, and the message when none comes.
#include "models/step_triggers.h"

#include <gtest/gtest.h>

namespace telsim {
namespace {

Scenario two_triggers() {
  Scenario s;
  s.file = "x.csv";
  Step a;
  a.party = "2001";
  a.action_name = "answer";
  a.trigger = StepTrigger{"2001", Ev::ringing, 2};
  a.line = 5;
  Step b = a;
  b.trigger->delay = 0;
  b.line = 6;
  s.steps = {a, b};
  return s;
}

TEST(StepTriggersTest, FirstEventAtOrAfterTheBoundEachUsedOnce) {
  Scenario s = two_triggers();
  std::vector<TraceEvent> trace = {{1, 1, "2001", Ev::ringing, ""}, {4, 1, "2002", Ev::ringing, ""}};
  StepTriggers t(s, trace);
  t.wait_for(0, 2);  // the ringing at 1 is before the bound
  t.look(2);
  EXPECT_FALSE(t.resolved());
  trace.push_back({5, 2, "2001", Ev::ringing, ""});
  trace.push_back({6, 3, "2001", Ev::ringing, ""});
  t.look(5);
  ASSERT_TRUE(t.resolved());
  EXPECT_EQ(t.take(), 7);
  t.wait_for(1, 7);  // the ringing at 6 is before the second step's bound
  t.look(7);
  EXPECT_FALSE(t.resolved());
  EXPECT_EQ(t.never_came_text("x.csv"),
            "x.csv:6: step 2001 answer waits for ringing at 2001, which never came at or after 7 s (the step did not run)");
}

TEST(StepTriggersTest, AnEventAtTheBoundCounts) {
  Scenario s = two_triggers();
  std::vector<TraceEvent> trace = {{3, 1, "2001", Ev::ringing, ""}, {3, 1, "2001", Ev::ringing, ""}};
  StepTriggers t(s, trace);
  t.wait_for(0, 3);
  t.look(3);
  ASSERT_TRUE(t.resolved());
  EXPECT_EQ(t.take(), 5);
  t.wait_for(1, 3);
  t.look(3);
  ASSERT_TRUE(t.resolved());  // the second ringing at 3: not used yet
  EXPECT_EQ(t.take(), 3);
}

}  // namespace
}  // namespace telsim
