// Checks a run's trace against a scenario's `expect` and `expect-not` rows (SPEC 1, "Expectation
// rows") and words each failure as FILE:LINE: expected ..., got <nearest actual event>.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "models/party_state.h"
#include "models/trace_event.h"
#include "models/scenario.h"

namespace telsim {

struct ExpectationResult {
  const Expectation* expectation = nullptr;
  bool passed = false;
  std::optional<TraceEvent> matched;  // the event an `expect` matched (or the one that broke an expect-not)
  std::string message;                // for failures: "FILE:LINE: expected ..., got ..."
  std::optional<TraceEvent> nearest;  // for a failed `expect`: the actual event the message names
};

struct MatchReport {
  bool passed = true;
  std::vector<ExpectationResult> results;  // one per expectation, in the scenario's order
  std::vector<std::string> failures() const;  // the failed results' messages, in order
};

// The window as the `at` column wrote it: "at 5", "at 12..15", or "at any time".
std::string window_text(const Expectation& x);

MatchReport match_expectations(const Scenario& s, const std::vector<TraceEvent>& trace);
// With the engine's states sampled during the run (SPEC SC-2): `states[i]` is the verdict on the
// scenario's i-th expectation when it is an expect-state row (sim/scenario_run.cc fills them).
MatchReport match_expectations(const Scenario& s, const std::vector<TraceEvent>& trace,
                               const std::vector<StateVerdict>& states);

// Whether an event's detail satisfies an expectation's DETAIL: display and prompt compare the
// whole text (surrounding blanks ignored); other events need every given word among theirs.
// An empty `wanted` matches any detail. A value (or a display/prompt text) written `~REGEX` matches
// by pattern (SPEC SC-4); throws PatternTooComplex (models/pattern.h) when the match is refused.
bool detail_matches(Ev ev, const std::string& wanted, const std::string& actual);
// Every wanted `key=value` word (a value `~REGEX`: a pattern) among the actual words.
bool words_match(const std::string& wanted, const std::string& actual);

}  // namespace telsim
