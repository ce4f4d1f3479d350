// The matcher's part of SPEC 9: expect-count (SC-1), the verdicts of expect-state rows (SC-2),
// patterns (SC-4) and `cdr` rows (SC-5), with the wording of each failure.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "reports/matcher.h"

namespace telsim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TraceEvent event(double time, std::string party, Ev ev, std::string detail = "", uint32_t call = 1) {
  return TraceEvent{time, call, std::move(party), ev, std::move(detail)};
}

Expectation count(int line, std::string party, Ev ev, Expectation::CountOp op, long n, std::string detail = "",
                  double from = -kInf, double to = kInf) {
  Expectation x;
  x.kind = Expectation::Kind::count;
  x.count_op = op;
  x.count = n;
  x.party = std::move(party);
  x.event = ev;
  x.detail = std::move(detail);
  x.from = from;
  x.to = to;
  x.line = line;
  return x;
}

std::string failure(const Scenario& s, const std::vector<TraceEvent>& trace, const std::vector<StateVerdict>& v = {}) {
  MatchReport r = match_expectations(s, trace, v);
  std::vector<std::string> f = r.failures();
  EXPECT_EQ(r.passed, f.empty());
  return f.empty() ? "" : f.front();
}

Scenario scenario(std::vector<Expectation> xs) {
  Scenario s;
  s.file = "scenarios/language/t.csv";
  s.expectations = std::move(xs);
  return s;
}

const std::vector<TraceEvent> kRings = {
    event(1, "2001", Ev::ringing, "from=2002"), event(5, "2001", Ev::ringing, "from=2003"),
    event(9, "2001", Ev::ringing, "from=2002"), event(9, "2002", Ev::ringing, "from=2001")};

TEST(CountTest, ExactlyAtLeastAtMost) {
  using Op = Expectation::CountOp;
  EXPECT_EQ(failure(scenario({count(3, "2001", Ev::ringing, Op::exactly, 3)}), kRings), "");
  EXPECT_EQ(failure(scenario({count(3, "2001", Ev::ringing, Op::exactly, 2, "from=2002")}), kRings), "");
  EXPECT_EQ(failure(scenario({count(3, "2001", Ev::ringing, Op::at_least, 3)}), kRings), "");
  EXPECT_EQ(failure(scenario({count(3, "2001", Ev::ringing, Op::at_most, 2, "", 2, 9)}), kRings), "");
  EXPECT_EQ(failure(scenario({count(3, "2001", Ev::music_on_hold, Op::exactly, 0)}), kRings), "");
  EXPECT_EQ(failure(scenario({count(3, "2001", Ev::ringing, Op::exactly, 2)}), kRings),
            "t.csv:3: expected exactly 2 2001 ringing at any time, got 3 (the first: 2001 ringing from=2002 at 1)");
  EXPECT_EQ(failure(scenario({count(4, "2001", Ev::ringing, Op::at_least, 2, "", 2, 8)}), kRings),
            "t.csv:4: expected at least 2 2001 ringing at 2..8, got 1 (the first: 2001 ringing from=2003 at 5)");
  EXPECT_EQ(failure(scenario({count(5, "2002", Ev::ringing, Op::at_most, 0)}), kRings),
            "t.csv:5: expected at most 0 2002 ringing at any time, got 1 (the first: 2002 ringing from=2001 at 9)");
}

TEST(CountTest, CountsTakenEventsAndLeavesTheOrderAlone) {
  Expectation first;
  first.party = "2001";
  first.event = Ev::ringing;
  first.from = first.to = 9;
  first.line = 2;
  Expectation earlier;  // an `expect` after the count, before the first match: the count did not move the order
  earlier.party = "2001";
  earlier.event = Ev::ringing;
  earlier.detail = "from=2002";
  earlier.line = 4;
  Scenario s = scenario({first, count(3, "2001", Ev::ringing, Expectation::CountOp::exactly, 3), earlier});
  EXPECT_EQ(failure(s, kRings), "t.csv:4: expected 2001 ringing from=2002 at any time, got 2001 ringing from=2002 at 1 "
                                "(before the previous expectation's match at 9)");
}

TEST(PatternTest, DetailValuesAndTexts) {
  EXPECT_TRUE(detail_matches(Ev::ringing, "from=~20\\d\\d", "from=2002 line=1"));
  EXPECT_FALSE(detail_matches(Ev::ringing, "from=~20\\d", "from=2002"));  // the whole value
  EXPECT_FALSE(detail_matches(Ev::ringing, "line=~\\d", "from=2002"));    // no such key
  EXPECT_TRUE(detail_matches(Ev::released, "reason=~busy|hangup", "reason=hangup"));
  EXPECT_TRUE(detail_matches(Ev::display, "~HANDOFF.*", "HANDOFF IN PROGRESS"));
  EXPECT_FALSE(detail_matches(Ev::display, "~PROGRESS", "HANDOFF IN PROGRESS"));
  EXPECT_TRUE(detail_matches(Ev::prompt, "~Press # .*", "Press # to accept the call"));
  EXPECT_FALSE(detail_matches(Ev::display, "~.*", std::string(1025, 'x')));  // over 1 KiB: never
}

TEST(PatternTest, ACatastrophicPatternFailsWithAReason) {
  Expectation x;
  x.party = "2001";
  x.event = Ev::display;
  x.detail = "~(a|aa)*(a|aa)*(a|aa)*(a|aa)*(a|aa)*(a|aa)*(a|aa)*(a|aa)*b";
  x.line = 7;
  std::vector<TraceEvent> trace = {event(1, "2001", Ev::display, std::string(200, 'a'))};
  std::string f = failure(scenario({x}), trace);
  EXPECT_NE(f.find("t.csv:7: pattern"), std::string::npos) << f;
  EXPECT_NE(f.find("too costly"), std::string::npos) << f;
}

TEST(StateVerdictTest, MessagesShowTheActualState) {
  Expectation x;
  x.kind = Expectation::Kind::state;
  x.party = "2001";
  x.state = {"talking", "2002"};
  x.from = 5;
  x.to = 9;
  x.line = 6;
  StateVerdict bad{true, false, 7, "2001", "held by=2002"};
  EXPECT_EQ(failure(scenario({x}), {}, {bad}),
            "t.csv:6: expected 2001 talking to=2002 at 5..9, got 2001 held by=2002 at 7");
  StateVerdict good{true, true, 0, "", ""};
  EXPECT_EQ(failure(scenario({x}), {}, {good}), "");
  EXPECT_EQ(failure(scenario({x}), {}, {}), "t.csv:6: expected 2001 talking to=2002 at 5..9, got no reading: the run ended before it");
}

// A call from 2001 to 2002 answered at 3 and ended at 33; then one to a busy 2003.
const std::vector<TraceEvent> kCalls = {
    event(0, "2001", Ev::digits, "digits=2002"),          event(0, "2002", Ev::ringing, "from=2001"),
    event(3, "2002", Ev::connected, "to=2001"),           event(3, "2001", Ev::connected, "to=2002"),
    event(33, "2001", Ev::released, "reason=hangup"),     event(33, "2002", Ev::released, "reason=hangup"),
    event(40, "2001", Ev::digits, "digits=2003", 2),      event(40, "2001", Ev::busy, "", 2),
    event(42, "2001", Ev::onhook, "", 2)};

Expectation cdr(int line, std::string detail, bool negate = false) {
  Expectation x;
  x.cdr = true;
  x.party = "cdr";
  x.detail = std::move(detail);
  x.negate = negate;
  x.line = line;
  return x;
}

TEST(CallRecordMatchTest, ExpectNotAndCount) {
  EXPECT_EQ(failure(scenario({cdr(2, "src=2001 dst=2002 disposition=answered billsec=30 payer=2001")}), kCalls), "");
  EXPECT_EQ(failure(scenario({cdr(2, "dst=2003 disposition=busy duration=2")}), kCalls), "");
  EXPECT_EQ(failure(scenario({cdr(2, "disposition=~no-answer|failed", true)}), kCalls), "");
  Expectation n = cdr(3, "src=2001");
  n.kind = Expectation::Kind::count;
  n.count = 2;
  EXPECT_EQ(failure(scenario({n}), kCalls), "");
  EXPECT_EQ(failure(scenario({cdr(4, "dst=2002 billsec=31")}), kCalls),
            "t.csv:4: expected call record dst=2002 billsec=31 at any time, got call=c1 src=2001 dst=2002 start=0 "
            "answer=3 end=33 duration=33 billsec=30 disposition=answered payer=2001");
  // One record per `expect`: the second alike row finds none left.
  EXPECT_NE(failure(scenario({cdr(5, "dst=2002"), cdr(6, "dst=2002")}), kCalls).find("t.csv:6:"), std::string::npos);
}

}  // namespace
}  // namespace telsim
