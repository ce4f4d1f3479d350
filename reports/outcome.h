// What running one scenario produced: its verdict, the reasons, and its trace. Runs happen in child
// processes (one simulation per process), so an outcome crosses a pipe: `serialize`/`deserialize`.
#pragma once
#include <string>
#include <vector>

#include "models/trace_event.h"

namespace telsim {

struct Expectation;
struct ExpectationResult;

// One failed `expect` / `expect-not` row, with what the diagrams and reports need to mark the spot.
struct FailedExpectation {
  std::string file;         // the scenario file, as given
  int line = 0;             // its line in the file
  bool negate = false;      // an expect-not row
  std::string text;         // the row as written: "2001 expect ringing from=5550100"
  std::string expected;     // "2001 ringing from=5550100" (what was wanted, or unwanted for expect-not)
  std::string window;       // "at 5", "at 12..15", "at any time"
  double from = 0, to = 0;  // the window in seconds (+-infinity when open)
  std::string message;      // the matcher's "FILE:LINE: expected ..., got ..."
  bool has_nearest = false; // whether `nearest` holds an event
  TraceEvent nearest;       // expect: the nearest actual event; expect-not: the event that broke it
};

// The failure data of a failed ExpectationResult of scenario file `file`.
FailedExpectation failed_expectation(const std::string& file, const ExpectationResult& r);

struct ScenarioOutcome {
  std::string path;
  std::string title;
  std::vector<std::string> rules;
  std::vector<std::string> tags;
  bool passed = false;
  double seconds = 0;                  // wall time of the run
  double virtual_end = 0;              // virtual time when the run ended
  std::vector<std::string> failures;   // failed expectations, golden differences, run failures
  std::vector<FailedExpectation> failed_expectations;  // the failed expectations again, structured
  std::vector<double> step_times;      // when the scenario's steps acted: diagrams tell timers apart
  std::string trace_csv;               // the actual trace (SPEC 2 CSV)
  std::vector<std::string> warnings;   // what the run noticed but does not fail for (contests, FI-2)
};

std::string serialize(const ScenarioOutcome& o);
bool deserialize(const std::string& text, ScenarioOutcome* o);

}  // namespace telsim
