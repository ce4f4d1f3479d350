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
  // Why the scenario could not be judged, when it could not ("" for passes and for ordinary
  // failures: expectations or the golden trace). CI reports show these as errors, not failures:
  //   "bad-input"  the file (or its golden trace) is bad input; `failures` holds every
  //                "FILE:LINE: message" of it, and nothing of it ran (no trace)
  //   "crash"      the run's process died (a signal, an exit status)
  //   "timeout"    the run outlived --timeout
  //   "run"        the run failed inside: a broken invariant, a deadlock, a runaway loop
  std::string error_kind;
  std::vector<std::string> warnings;   // "FILE:LINE: warning: ..." lines: the verdict stands
  std::string golden_diff;             // a failed golden comparison as a unified diff ("" else)
};

std::string serialize(const ScenarioOutcome& o);
bool deserialize(const std::string& text, ScenarioOutcome* o);

}  // namespace telsim
