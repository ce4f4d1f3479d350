// ScenarioOutcome crosses a pipe from the child that ran it: serialize/deserialize keep every
// field, the structured failed expectations included.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "reports/matcher.h"
#include "reports/outcome.h"

using namespace telsim;

TEST(Outcome, RoundTripKeepsEveryField) {
  ScenarioOutcome o;
  o.path = "scenarios/x/a b.csv";
  o.title = "title with 12:34: colons\nand a newline";
  o.rules = {"BC-1", "TR-2"};
  o.tags = {"transfer"};
  o.passed = false;
  o.seconds = 0.123456789;
  o.virtual_end = 30.5;
  o.failures = {"a.csv:9: expected 2002 connected to=2009 at 3, got 2002 connected to=2001 at 2", "golden"};
  o.trace_csv = "time,call,party,event,detail\n0.000,c1,2001,offhook,\n";
  o.step_times = {0, 2.5, 0.1 + 0.2, 3600};
  o.error_kind = "run";
  o.warnings = {"scenarios/x/a b.csv:1: warning: no expectation"};
  o.golden_diff = "--- g\n+++ actual\n@@ -1,1 +1,1 @@\n-a\n+b\n";
  FailedExpectation f;
  f.file = "scenarios/x/a b.csv";
  f.line = 9;
  f.negate = false;
  f.text = "2002 expect connected to=2009";
  f.expected = "2002 connected to=2009";
  f.window = "at 3";
  f.from = 3;
  f.to = 3;
  f.message = o.failures[0];
  f.has_nearest = true;
  f.nearest = TraceEvent{2.0, 1, "2002", Ev::connected, "to=2001"};
  o.failed_expectations.push_back(f);
  FailedExpectation g;
  g.line = 10;
  g.negate = true;
  g.from = -std::numeric_limits<double>::infinity();
  g.to = std::numeric_limits<double>::infinity();
  g.expected = "2002 display 'a:b'";
  o.failed_expectations.push_back(g);

  ScenarioOutcome back;
  ASSERT_TRUE(deserialize(serialize(o), &back));
  EXPECT_EQ(back.path, o.path);
  EXPECT_EQ(back.title, o.title);
  EXPECT_EQ(back.rules, o.rules);
  EXPECT_EQ(back.tags, o.tags);
  EXPECT_FALSE(back.passed);
  EXPECT_DOUBLE_EQ(back.seconds, o.seconds);
  EXPECT_DOUBLE_EQ(back.virtual_end, 30.5);
  EXPECT_EQ(back.failures, o.failures);
  EXPECT_EQ(back.trace_csv, o.trace_csv);
  EXPECT_EQ(back.step_times, o.step_times);  // exactly: 17 significant digits
  EXPECT_EQ(back.error_kind, "run");
  EXPECT_EQ(back.warnings, o.warnings);
  EXPECT_EQ(back.golden_diff, o.golden_diff);
  ASSERT_EQ(back.failed_expectations.size(), 2u);
  const FailedExpectation& b = back.failed_expectations[0];
  EXPECT_EQ(b.file, f.file);
  EXPECT_EQ(b.line, 9);
  EXPECT_FALSE(b.negate);
  EXPECT_EQ(b.text, f.text);
  EXPECT_EQ(b.expected, f.expected);
  EXPECT_EQ(b.window, "at 3");
  EXPECT_EQ(b.from, 3);
  EXPECT_EQ(b.to, 3);
  EXPECT_EQ(b.message, f.message);
  EXPECT_TRUE(b.has_nearest);
  EXPECT_EQ(b.nearest.time, 2.0);
  EXPECT_EQ(b.nearest.call, 1u);
  EXPECT_EQ(b.nearest.party, "2002");
  EXPECT_EQ(b.nearest.event, Ev::connected);
  EXPECT_EQ(b.nearest.detail, "to=2001");
  const FailedExpectation& c = back.failed_expectations[1];
  EXPECT_TRUE(c.negate);
  EXPECT_FALSE(c.has_nearest);
  EXPECT_TRUE(std::isinf(c.from) && c.from < 0);
  EXPECT_TRUE(std::isinf(c.to) && c.to > 0);
  EXPECT_EQ(c.expected, g.expected);
}

TEST(Outcome, TruncatedOrGarbledTextIsRejected) {
  ScenarioOutcome o;
  o.path = "p.csv";
  o.failed_expectations.push_back(FailedExpectation{});
  std::string text = serialize(o);
  ScenarioOutcome back;
  for (size_t cut = 0; cut < text.size(); ++cut) EXPECT_FALSE(deserialize(text.substr(0, cut), &back)) << cut;
  EXPECT_FALSE(deserialize("x:" + text, &back));
  EXPECT_TRUE(deserialize(text, &back));
}

TEST(Outcome, FailedExpectationFromMatcherResult) {
  Scenario s;
  s.file = "dir/s.csv";
  Expectation x;
  x.line = 7;
  x.party = "2001";
  x.event = Ev::ringing;
  x.detail = "from=2002";
  x.text = "ringing from=2002";
  x.from = 1;
  x.to = 4;
  s.expectations.push_back(x);
  std::vector<TraceEvent> trace = {{0, 1, "2002", Ev::offhook, ""}, {9, 1, "2001", Ev::ringing, "from=2003"}};
  MatchReport m = match_expectations(s, trace);
  ASSERT_FALSE(m.passed);
  FailedExpectation f = failed_expectation(s.file, m.results[0]);
  EXPECT_EQ(f.line, 7);
  EXPECT_EQ(f.text, "2001 expect ringing from=2002");
  EXPECT_EQ(f.expected, "2001 ringing from=2002");
  EXPECT_EQ(f.window, "at 1..4");
  EXPECT_EQ(f.message, m.results[0].message);
  ASSERT_TRUE(f.has_nearest);
  EXPECT_EQ(f.nearest.detail, "from=2003");
  EXPECT_EQ(f.nearest.time, 9);
}
