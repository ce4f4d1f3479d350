// Expectation matching (SPEC 1 "Expectation rows"): windows, ordering, one event per expect,
// expect-not, detail rules, and the wording of failures with the nearest actual event.
#include "reports/matcher.h"

#include <gtest/gtest.h>

#include <limits>

namespace telsim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TraceEvent event(double time, std::string party, Ev ev, std::string detail = "", uint32_t call = 1) {
  return TraceEvent{time, call, std::move(party), ev, std::move(detail)};
}

// An expectation row; from/to default to "any time".
Expectation expect(int line, std::string party, Ev ev, std::string detail = "",
                   double from = -kInf, double to = kInf) {
  Expectation x;
  x.party = std::move(party);
  x.event = ev;
  x.detail = std::move(detail);
  x.from = from;
  x.to = to;
  x.line = line;
  return x;
}
Expectation expect_at(int line, std::string party, Ev ev, std::string detail, double at) {
  return expect(line, std::move(party), ev, std::move(detail), at, at);
}
Expectation expect_not(Expectation x) {
  x.negate = true;
  return x;
}

Scenario scenario(std::vector<Expectation> xs) {
  Scenario s;
  s.file = "scenarios/hunt/hunt_linear.csv";
  s.expectations = std::move(xs);
  return s;
}

// The single failure message of a run, or "" when it passed.
std::string failure(const Scenario& s, const std::vector<TraceEvent>& trace) {
  MatchReport r = match_expectations(s, trace);
  std::vector<std::string> f = r.failures();
  EXPECT_EQ(r.passed, f.empty());
  EXPECT_LE(f.size(), 1u);
  return f.empty() ? "" : f.front();
}

// --- detail_matches ---

TEST(DetailMatches, GivenWordsMustBeAmongTheEventsInAnyOrder) {
  EXPECT_TRUE(detail_matches(Ev::forwarded, "", "to=7000 hop=1 type=no-answer"));
  EXPECT_TRUE(detail_matches(Ev::forwarded, "to=7000", "to=7000 hop=1 type=no-answer"));
  EXPECT_TRUE(detail_matches(Ev::forwarded, "type=no-answer to=7000", "to=7000 hop=1 type=no-answer"));
  EXPECT_FALSE(detail_matches(Ev::forwarded, "hop=2", "to=7000 hop=1 type=no-answer"));
  EXPECT_FALSE(detail_matches(Ev::ringing, "forwarded=1", "from=2002"));
  EXPECT_FALSE(detail_matches(Ev::ringing, "from=200", "from=2002"));  // whole words only
}

TEST(DetailMatches, DisplayAndPromptCompareTheWholeText) {
  EXPECT_TRUE(detail_matches(Ev::display, "HANDOFF IN PROGRESS", "HANDOFF IN PROGRESS"));
  EXPECT_FALSE(detail_matches(Ev::display, "HANDOFF", "HANDOFF IN PROGRESS"));
  EXPECT_FALSE(detail_matches(Ev::display, "PROGRESS IN HANDOFF", "HANDOFF IN PROGRESS"));
  EXPECT_TRUE(detail_matches(Ev::prompt, "Transfer połączenia", "Transfer połączenia"));
  EXPECT_FALSE(detail_matches(Ev::prompt, "Transfer", "Transfer połączenia"));
  EXPECT_TRUE(detail_matches(Ev::display, "", "anything"));  // no text given: any display
}

// --- windows ---

TEST(Matcher, ExactTimeToTheMillisecond) {
  std::vector<TraceEvent> trace = {event(5.0004, "2001", Ev::ringing, "from=2002")};
  EXPECT_EQ(failure(scenario({expect_at(3, "2001", Ev::ringing, "from=2002", 5)}), trace), "");
  EXPECT_NE(failure(scenario({expect_at(3, "2001", Ev::ringing, "from=2002", 5.001)}), trace), "");
}

TEST(Matcher, ClosedRange) {
  std::vector<TraceEvent> trace = {event(13.2, "2001", Ev::ringing)};
  EXPECT_EQ(failure(scenario({expect(3, "2001", Ev::ringing, "", 12, 15)}), trace), "");
  EXPECT_EQ(failure(scenario({expect(3, "2001", Ev::ringing, "", 13.2, 15)}), trace), "");
  EXPECT_EQ(failure(scenario({expect(3, "2001", Ev::ringing, "", 12, 13.2)}), trace), "");
  EXPECT_NE(failure(scenario({expect(3, "2001", Ev::ringing, "", 13.201, 15)}), trace), "");
}

TEST(Matcher, AnyTime) {
  std::vector<TraceEvent> trace = {event(1234.5, "2001", Ev::connected, "to=2002")};
  EXPECT_EQ(failure(scenario({expect(3, "2001", Ev::connected, "to=2002")}), trace), "");
}

TEST(Matcher, ReportsTheMatchedEvent) {
  std::vector<TraceEvent> trace = {event(1, "2001", Ev::offhook), event(2, "2001", Ev::dialtone)};
  Scenario s = scenario({expect(3, "2001", Ev::dialtone)});
  MatchReport r = match_expectations(s, trace);
  ASSERT_EQ(r.results.size(), 1u);
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.results[0].expectation, &s.expectations[0]);
  ASSERT_TRUE(r.results[0].matched);
  EXPECT_EQ(r.results[0].matched->time, 2);
  EXPECT_TRUE(r.results[0].message.empty());
}

TEST(Matcher, NoExpectationsPass) {
  MatchReport r = match_expectations(scenario({}), {event(1, "2001", Ev::offhook)});
  EXPECT_TRUE(r.passed);
  EXPECT_TRUE(r.results.empty());
}

// --- ordering and one event per expect ---

TEST(Matcher, AnExpectCannotMatchBeforeThePreviousMatch) {
  std::vector<TraceEvent> trace = {event(3, "2002", Ev::ringback), event(5, "2001", Ev::connected)};
  Scenario s = scenario({expect(10, "2001", Ev::connected), expect(11, "2002", Ev::ringback)});
  EXPECT_EQ(failure(s, trace),
            "hunt_linear.csv:11: expected 2002 ringback at any time, got 2002 ringback at 3 "
            "(before the previous expectation's match at 5)");
}

TEST(Matcher, EventsOfOneInstantMatchInAnyOrder) {
  std::vector<TraceEvent> trace = {event(3, "2001", Ev::ringing, "from=2002"),
                                   event(3, "2002", Ev::ringback),
                                   event(7, "2001", Ev::connected)};
  Scenario s = scenario({expect_at(10, "2002", Ev::ringback, "", 3),
                         expect_at(11, "2001", Ev::ringing, "from=2002", 3),
                         expect(12, "2001", Ev::connected)});
  EXPECT_EQ(failure(s, trace), "");
}

TEST(Matcher, LaterExpectsMayMatchLaterEventsOfTheSameKind) {
  // The first expect takes the earliest ringing; the second must take the next one.
  std::vector<TraceEvent> trace = {event(1, "2001", Ev::ringing, "from=2002"),
                                   event(9, "2001", Ev::ringing, "from=2002")};
  Scenario s = scenario({expect(10, "2001", Ev::ringing), expect(11, "2001", Ev::ringing)});
  MatchReport r = match_expectations(s, trace);
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.results[0].matched->time, 1);
  EXPECT_EQ(r.results[1].matched->time, 9);
}

TEST(Matcher, TheSameEventIsNotMatchedTwice) {
  std::vector<TraceEvent> trace = {event(3, "2001", Ev::ringing, "from=2002")};
  Scenario s = scenario({expect_at(10, "2001", Ev::ringing, "from=2002", 3),
                         expect_at(11, "2001", Ev::ringing, "from=2002", 3)});
  EXPECT_EQ(failure(s, trace),
            "hunt_linear.csv:11: expected 2001 ringing from=2002 at 3, "
            "got 2001 ringing from=2002 at 3 (already matched by line 10)");
  trace.push_back(event(3, "2001", Ev::ringing, "from=2002"));
  EXPECT_EQ(failure(s, trace), "");
}

TEST(Matcher, AFailedExpectDoesNotMoveTheOrderingPoint) {
  std::vector<TraceEvent> trace = {event(2, "2001", Ev::offhook), event(4, "2001", Ev::dialtone)};
  Scenario s = scenario({expect(10, "2001", Ev::busy), expect(11, "2001", Ev::offhook)});
  MatchReport r = match_expectations(s, trace);
  EXPECT_FALSE(r.results[0].passed);
  EXPECT_TRUE(r.results[1].passed);
}

// --- expect-not ---

TEST(Matcher, ExpectNotAtAnyTime) {
  std::vector<TraceEvent> trace = {event(3, "2001", Ev::ringing, "from=2002"),
                                   event(20, "2001", Ev::connected, "to=7000")};
  EXPECT_EQ(failure(scenario({expect_not(expect(9, "2001", Ev::connected, "to=2002"))}), trace), "");
  EXPECT_EQ(failure(scenario({expect_not(expect(9, "2002", Ev::connected))}), trace), "");
  EXPECT_EQ(failure(scenario({expect_not(expect(9, "2001", Ev::connected))}), trace),
            "hunt_linear.csv:9: expected no 2001 connected at any time, "
            "got 2001 connected to=7000 at 20");
}

TEST(Matcher, ExpectNotInAWindow) {
  std::vector<TraceEvent> trace = {event(20, "2001", Ev::connected, "to=7000")};
  EXPECT_EQ(failure(scenario({expect_not(expect(9, "2001", Ev::connected, "", 0, 19.999))}), trace), "");
  EXPECT_EQ(failure(scenario({expect_not(expect(9, "2001", Ev::connected, "", 15, 25))}), trace),
            "hunt_linear.csv:9: expected no 2001 connected at 15..25, got 2001 connected to=7000 at 20");
  MatchReport r = match_expectations(
      scenario({expect_not(expect_at(9, "2001", Ev::connected, "to=7000", 20))}), trace);
  EXPECT_FALSE(r.passed);
  ASSERT_TRUE(r.results[0].matched);
  EXPECT_EQ(r.results[0].matched->detail, "to=7000");
}

TEST(Matcher, ExpectNotTakesNoPartInTheOrdering) {
  // The expect-not at 20 neither consumes the event nor moves the ordering point.
  std::vector<TraceEvent> trace = {event(3, "2001", Ev::ringing), event(20, "2001", Ev::onhook)};
  Scenario s = scenario({expect_not(expect(9, "2001", Ev::connected)),
                         expect(10, "2001", Ev::onhook), expect_not(expect(11, "2001", Ev::busy)),
                         expect(12, "2001", Ev::onhook, "", 20, 20)});
  MatchReport r = match_expectations(s, trace);
  EXPECT_TRUE(r.results[0].passed);
  EXPECT_TRUE(r.results[1].passed);
  EXPECT_TRUE(r.results[2].passed);
  EXPECT_FALSE(r.results[3].passed);  // the only onhook was taken by line 10
  Scenario s2 = scenario({expect_not(expect(9, "2001", Ev::busy)), expect(10, "2001", Ev::ringing)});
  EXPECT_TRUE(match_expectations(s2, trace).passed);
}

TEST(Matcher, ExpectNotChecksDetail) {
  std::vector<TraceEvent> trace = {event(3, "2001", Ev::display, "HANDOFF IN PROGRESS")};
  EXPECT_EQ(failure(scenario({expect_not(expect(9, "2001", Ev::display, "HANDOFF CANCELLED"))}), trace), "");
  EXPECT_EQ(failure(scenario({expect_not(expect(9, "2001", Ev::display, "HANDOFF IN PROGRESS"))}), trace),
            "hunt_linear.csv:9: expected no 2001 display HANDOFF IN PROGRESS at any time, "
            "got 2001 display HANDOFF IN PROGRESS at 3");
}

// --- detail through the matcher ---

TEST(Matcher, DetailSubsetAndDisplayText) {
  std::vector<TraceEvent> trace = {event(13, "2001", Ev::forwarded, "to=7000 hop=1 type=no-answer"),
                                   event(14, "2001", Ev::display, "NO CALL TO HANDOFF")};
  EXPECT_EQ(failure(scenario({expect(3, "2001", Ev::forwarded, "type=no-answer hop=1"),
                              expect(4, "2001", Ev::display, "NO CALL TO HANDOFF")}),
                    trace),
            "");
  EXPECT_EQ(failure(scenario({expect(4, "2001", Ev::display, "NO CALL")}), trace),
            "hunt_linear.csv:4: expected 2001 display NO CALL at any time, "
            "got 2001 display NO CALL TO HANDOFF at 14");
}

// --- failure messages and the nearest event ---

TEST(MatcherMessage, SameEventAtAnotherParty) {
  // SPEC 1's own example.
  std::vector<TraceEvent> trace = {event(5, "1103", Ev::ringing, "from=5550100"),
                                   event(5, "1100", Ev::hunt, "member=1103")};
  EXPECT_EQ(failure(scenario({expect_at(14, "1102", Ev::ringing, "from=5550100", 5)}), trace),
            "hunt_linear.csv:14: expected 1102 ringing from=5550100 at 5, "
            "got 1103 ringing from=5550100 at 5");
}

TEST(MatcherMessage, SamePartyAndEventComesFirst) {
  std::vector<TraceEvent> trace = {event(3, "2003", Ev::ringing, "from=2002"),
                                   event(3, "2001", Ev::ringing, "from=2003")};
  EXPECT_EQ(failure(scenario({expect_at(7, "2001", Ev::ringing, "from=2002", 3)}), trace),
            "hunt_linear.csv:7: expected 2001 ringing from=2002 at 3, got 2001 ringing from=2003 at 3");
}

TEST(MatcherMessage, NearestInTimeToTheWindow) {
  std::vector<TraceEvent> trace = {event(1, "2001", Ev::ringing, "from=2004"),
                                   event(11.5, "2001", Ev::ringing, "from=2003"),
                                   event(30, "2001", Ev::ringing, "from=2005")};
  EXPECT_EQ(failure(scenario({expect(7, "2001", Ev::ringing, "from=2002", 12, 15)}), trace),
            "hunt_linear.csv:7: expected 2001 ringing from=2002 at 12..15, "
            "got 2001 ringing from=2003 at 11.5");
  EXPECT_EQ(failure(scenario({expect(7, "2001", Ev::ringing, "from=2002", 20, 25)}), trace),
            "hunt_linear.csv:7: expected 2001 ringing from=2002 at 20..25, "
            "got 2001 ringing from=2005 at 30");
}

TEST(MatcherMessage, PrefersUnmatchedEvents) {
  std::vector<TraceEvent> trace = {event(3, "2001", Ev::ringing, "from=2002"),
                                   event(9, "2001", Ev::ringing, "from=2004")};
  Scenario s = scenario({expect_at(5, "2001", Ev::ringing, "from=2002", 3),
                         expect_at(6, "2001", Ev::ringing, "from=2003", 3)});
  EXPECT_EQ(failure(s, trace),
            "hunt_linear.csv:6: expected 2001 ringing from=2003 at 3, got 2001 ringing from=2004 at 9");
}

TEST(MatcherMessage, ElsePartysNearestEventOfAnyKind) {
  std::vector<TraceEvent> trace = {event(1, "2001", Ev::offhook),
                                   event(1.25, "2001", Ev::dialtone),
                                   event(8, "2001", Ev::onhook)};
  EXPECT_EQ(failure(scenario({expect_at(4, "2001", Ev::busy, "", 2)}), trace),
            "hunt_linear.csv:4: expected 2001 busy at 2, got 2001 dialtone at 1.25");
}

TEST(MatcherMessage, NothingAtTheParty) {
  std::vector<TraceEvent> trace = {event(1, "2002", Ev::offhook)};
  EXPECT_EQ(failure(scenario({expect(4, "2001", Ev::busy)}), trace),
            "hunt_linear.csv:4: expected 2001 busy at any time, got nothing at 2001");
  EXPECT_EQ(failure(scenario({expect(4, "2001", Ev::busy)}), {}),
            "hunt_linear.csv:4: expected 2001 busy at any time, got nothing at 2001");
}

TEST(MatcherMessage, CompactTimes) {
  std::vector<TraceEvent> trace = {event(3.25, "2001", Ev::dialtone), event(0.001, "2002", Ev::busy)};
  EXPECT_EQ(failure(scenario({expect(4, "2001", Ev::busy, "", 12.5, 100)}), trace),
            "hunt_linear.csv:4: expected 2001 busy at 12.5..100, got 2002 busy at 0.001");
}

TEST(MatcherMessage, UsesTheScenarioBaseName) {
  Scenario s = scenario({expect(4, "2001", Ev::busy)});
  s.file = "busy.csv";
  EXPECT_EQ(failure(s, {}), "busy.csv:4: expected 2001 busy at any time, got nothing at 2001");
  s.file = "C:\\suite\\busy.csv";
  EXPECT_EQ(failure(s, {}), "busy.csv:4: expected 2001 busy at any time, got nothing at 2001");
}

TEST(MatcherMessage, FailuresListsEveryFailureInOrder) {
  Scenario s = scenario({expect(4, "2001", Ev::busy), expect(5, "2001", Ev::offhook),
                         expect(6, "2001", Ev::reorder)});
  MatchReport r = match_expectations(s, {event(1, "2001", Ev::offhook)});
  EXPECT_FALSE(r.passed);
  std::vector<std::string> f = r.failures();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rfind("hunt_linear.csv:4:", 0), 0u);
  EXPECT_EQ(f[1].rfind("hunt_linear.csv:6:", 0), 0u);
  ASSERT_TRUE(r.results[0].nearest);
  EXPECT_EQ(r.results[0].nearest->event, Ev::offhook);
}

}  // namespace
}  // namespace telsim
