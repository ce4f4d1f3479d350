// Checks a run's trace against a scenario's `expect` and `expect-not` rows (SPEC 1, "Expectation
// rows") and words each failure as FILE:LINE: expected ..., got <nearest actual event>.
#pragma once
#include <optional>
#include <string>
#include <vector>

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

// Whether an event's detail satisfies an expectation's DETAIL: display and prompt compare the
// whole text (surrounding blanks ignored); other events need every given word among theirs.
// An empty `wanted` matches any detail.
bool detail_matches(Ev ev, const std::string& wanted, const std::string& actual);

}  // namespace telsim
