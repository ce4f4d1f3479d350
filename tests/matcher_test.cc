// Expectation matching (SPEC 1 "Expectation rows"): windows, ordering, one event per expect,
// expect-not, detail rules, and the wording of failures with the nearest actual event.
#include "reports/matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <tuple>

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

// --- the trace index's edge cases, through the matcher ---

TEST(MatcherIndex, ManyExpectsOfOneInstantTakeTheEventsInTurn) {
  std::vector<TraceEvent> trace;
  for (int i = 0; i < 50; ++i) trace.push_back(event(3, "2001", Ev::ringing, "from=" + std::to_string(2100 + i % 5)));
  std::vector<Expectation> xs;
  for (int i = 0; i < 50; ++i) xs.push_back(expect_at(10 + i, "2001", Ev::ringing, "from=" + std::to_string(2104 - i % 5), 3));
  Scenario s = scenario(xs);
  MatchReport r = match_expectations(s, trace);
  EXPECT_TRUE(r.passed);
  xs.push_back(expect_at(60, "2001", Ev::ringing, "from=2100", 3));
  EXPECT_EQ(failure(scenario(xs), trace),
            "hunt_linear.csv:60: expected 2001 ringing from=2100 at 3, "
            "got 2001 ringing from=2100 at 3 (already matched by line 14)");
}

TEST(MatcherIndex, TheOrderingPointIsInclusiveAndWindowsStillBind) {
  std::vector<TraceEvent> trace = {event(5, "2001", Ev::connected), event(5, "2002", Ev::connected),
                                   event(8, "2002", Ev::onhook)};
  // The second expect may take an event of the same millisecond as the first's match.
  EXPECT_EQ(failure(scenario({expect(10, "2002", Ev::connected), expect(11, "2001", Ev::connected)}), trace), "");
  // A window that ends before the previous match finds nothing, and says why.
  EXPECT_EQ(failure(scenario({expect(10, "2002", Ev::onhook), expect(11, "2001", Ev::connected, "", 4, 6)}), trace),
            "hunt_linear.csv:11: expected 2001 connected at 4..6, got 2001 connected at 5 "
            "(before the previous expectation's match at 8)");
}

TEST(MatcherIndex, ReportsTheLatestFittingEventBeforeThePreviousMatch) {
  std::vector<TraceEvent> trace = {event(1, "2001", Ev::ringing, "from=2002"), event(2, "2001", Ev::ringing, "from=2003"),
                                   event(3, "2001", Ev::ringing, "from=2002"), event(9, "2002", Ev::onhook)};
  Scenario s = scenario({expect(10, "2002", Ev::onhook), expect(11, "2001", Ev::ringing, "from=2002")});
  EXPECT_EQ(failure(s, trace),
            "hunt_linear.csv:11: expected 2001 ringing from=2002 at any time, got 2001 ringing from=2002 at 3 "
            "(before the previous expectation's match at 9)");
  // Taken events are not offered as that excuse.
  Scenario s2 = scenario({expect(9, "2001", Ev::ringing, "from=2002", 3, 3), expect(10, "2002", Ev::onhook),
                          expect(11, "2001", Ev::ringing, "from=2002")});
  EXPECT_EQ(failure(s2, trace),
            "hunt_linear.csv:11: expected 2001 ringing from=2002 at any time, got 2001 ringing from=2002 at 1 "
            "(before the previous expectation's match at 9)");
}

TEST(MatcherIndex, NearestPrefersTheFreeEventOfTheSameMillisecond) {
  std::vector<TraceEvent> trace = {event(3, "2001", Ev::ringing, "from=2002"), event(3, "2001", Ev::ringing, "from=2004")};
  Scenario s = scenario({expect_at(5, "2001", Ev::ringing, "from=2002", 3), expect_at(6, "2001", Ev::ringing, "from=2003", 7)});
  EXPECT_EQ(failure(s, trace),
            "hunt_linear.csv:6: expected 2001 ringing from=2003 at 7, got 2001 ringing from=2004 at 3");
}

// The matcher's rules written the slow obvious way (every expectation scans the whole trace), to
// compare against on random traces: same passes, same matched events, same messages.
std::vector<std::string> slow_match(const Scenario& s, const std::vector<TraceEvent>& trace) {
  auto ms = [](double t) { return std::llround(t * 1000.0); };
  auto lo = [&](const Expectation& x) { return std::isfinite(x.from) ? ms(x.from) : LLONG_MIN; };
  auto hi = [&](const Expectation& x) { return std::isfinite(x.to) ? ms(x.to) : LLONG_MAX; };
  auto dist = [&](const Expectation& x, size_t i) {
    long long t = ms(trace[i].time);
    return t < lo(x) ? lo(x) - t : t > hi(x) ? t - hi(x) : 0;
  };
  auto fits = [&](const Expectation& x, size_t i) {
    return trace[i].party == x.party && trace[i].event == x.event && dist(x, i) == 0 &&
           detail_matches(x.event, x.detail, trace[i].detail);
  };
  std::vector<int> taken(trace.size(), 0);
  std::optional<long long> prev;
  std::vector<std::string> out;
  for (const Expectation& x : s.expectations) {
    size_t best = SIZE_MAX;
    auto earlier = [&](size_t i) { return best == SIZE_MAX || ms(trace[i].time) < ms(trace[best].time); };
    for (size_t i = 0; i < trace.size(); ++i)
      if ((x.negate || (!taken[i] && (!prev || ms(trace[i].time) >= *prev))) && fits(x, i) && earlier(i)) best = i;
    if (x.negate) {
      out.push_back(best == SIZE_MAX ? "pass" : "event " + std::to_string(best));
      continue;
    }
    if (best != SIZE_MAX) {
      taken[best] = x.line;
      prev = ms(trace[best].time);
      out.push_back("match " + std::to_string(best));
      continue;
    }
    // The latest in time (then in trace order): the trace's order when it is in time order.
    size_t early = SIZE_MAX;
    for (size_t i = 0; i < trace.size(); ++i)
      if (!taken[i] && prev && ms(trace[i].time) < *prev && fits(x, i) &&
          (early == SIZE_MAX || ms(trace[i].time) >= ms(trace[early].time)))
        early = i;
    if (early != SIZE_MAX) {
      out.push_back("early " + std::to_string(early));
      continue;
    }
    size_t near = SIZE_MAX;
    for (int tier = 0; tier < 3 && near == SIZE_MAX; ++tier)
      for (size_t i = 0; i < trace.size(); ++i) {
        bool in = tier == 0 ? trace[i].party == x.party && trace[i].event == x.event
                  : tier == 1 ? trace[i].event == x.event
                              : trace[i].party == x.party;
        auto rank = [&](size_t k) { return std::make_tuple(taken[k] != 0, dist(x, k), ms(trace[k].time), k); };
        if (in && (near == SIZE_MAX || rank(i) < rank(near))) near = i;
      }
    out.push_back(near == SIZE_MAX ? "nothing" : "near " + std::to_string(near));
  }
  return out;
}

// The same verdicts read off the real matcher's results.
std::vector<std::string> fast_match(const Scenario& s, const std::vector<TraceEvent>& trace) {
  MatchReport r = match_expectations(s, trace);
  auto index_of = [&](const TraceEvent& e) {
    for (size_t i = 0; i < trace.size(); ++i)
      if (trace[i].time == e.time && trace[i].party == e.party && trace[i].event == e.event &&
          trace[i].detail == e.detail && trace[i].call == e.call)
        return std::to_string(i);
    return std::string("?");
  };
  std::vector<std::string> out;
  for (const ExpectationResult& x : r.results) {
    if (x.expectation->negate) out.push_back(x.passed ? "pass" : "event " + index_of(*x.matched));
    else if (x.passed) out.push_back("match " + index_of(*x.matched));
    else if (!x.nearest) out.push_back("nothing");
    else if (x.message.find("(before the previous") != std::string::npos) out.push_back("early " + index_of(*x.nearest));
    else out.push_back("near " + index_of(*x.nearest));
  }
  return out;
}

TEST(MatcherIndex, AgreesWithTheSlowObviousMatcherOnRandomTraces) {
  std::mt19937 rng(11);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const Ev evs[] = {Ev::ringing, Ev::connected, Ev::onhook, Ev::display};
  for (int round = 0; round < 300; ++round) {
    std::vector<TraceEvent> trace;
    int n = pick(40);
    double t = 0;
    for (int i = 0; i < n; ++i) {
      if (pick(3) == 0) t += pick(4) * 0.5;  // instants with several events
      // call ids tell events apart for fast_match's lookup
      trace.push_back(TraceEvent{t, static_cast<uint32_t>(i + 1), std::to_string(2001 + pick(3)), evs[pick(4)],
                                 pick(2) ? "from=2002" : "from=2003"});
    }
    if (pick(4) == 0) std::shuffle(trace.begin(), trace.end(), rng);  // the index sorts what is not
    std::vector<Expectation> xs;
    int m = pick(12);
    for (int k = 0; k < m; ++k) {
      Expectation x = expect(10 + k, std::to_string(2001 + pick(4)), evs[pick(4)], pick(3) ? "" : "from=2002");
      int w = pick(3);
      if (w == 1) x.from = x.to = pick(12) * 0.5;
      if (w == 2) {
        x.from = pick(10) * 0.5;
        x.to = x.from + pick(6) * 0.5;
      }
      x.negate = pick(5) == 0;
      xs.push_back(x);
    }
    Scenario s = scenario(xs);
    ASSERT_EQ(fast_match(s, trace), slow_match(s, trace)) << "round " << round;
  }
}

}  // namespace
}  // namespace telsim
