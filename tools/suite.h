// `telsim run`: find scenario files, run each in its own process (SimGrid keeps one clock per
// process), check expectations and golden traces, and collect outcomes in a stable order. Every
// file the run writes (golden traces with --bless, --trace-dir traces) is written by this process,
// whole or not at all, and a write that fails is an error the caller reports.
#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "reports/outcome.h"
#include "sim/file_source.h"
#include "sim/scenario.h"

namespace telsim {

struct SuiteOptions {
  int jobs = 1;
  bool bless = false;
  std::string trace_dir;
  double timeout = 600;  // wall seconds one scenario may take before it is failed
};

// Scenario files named by the paths: files as given, directories walked for `*.csv` that are
// runnable scenarios (golden `*.trace.csv` and setup-only site files are skipped). Sorted, unique.
// Problems go to `problems` as "PATH:LINE: message": a path that does not exist, a file found in a
// directory that is a symlink to somewhere outside it.
std::vector<std::string> collect_scenarios(const std::vector<std::string>& paths, const FileSource& files,
                                           std::vector<std::pair<std::string, std::string>>* problems);

// NAME.trace.csv beside NAME.csv.
std::string golden_path(const std::string& scenario);

// Where an output for the scenario goes under `dir`, keeping its folders (so a/b_c.csv and
// a_b/c.csv never meet): DIR/a/b_c<ext>. A leading / becomes _root_/, a .. becomes _parent_.
std::string output_path(const std::string& dir, const std::string& scenario, const std::string& ext);

// Runs one loaded scenario in this process: the simulation, expectations, golden trace (unless
// `blessing`: then the golden trace is about to be rewritten from this run).
ScenarioOutcome evaluate(const Scenario& s, const SuiteOptions& options, bool blessing);

// The outcome of a file that is bad input: every error, nothing run.
ScenarioOutcome bad_input_outcome(const std::string& path, const std::vector<std::string>& errors);

// Writes `text` to `path` whole (a temporary file renamed over it) or not at all; false and
// `why` when it cannot. A path that exists and is no regular file (/dev/stdout) is written in place.
bool write_whole_file(const std::string& path, const std::string& text, std::string* why);
// The same for what `write` puts on the stream, which reaches the file as it is written (a report
// need not be held whole first). An exception from `write` removes the temporary file and passes on.
bool write_whole_file(const std::string& path, const std::function<void(std::ostream&)>& write, std::string* why);

// Runs the scenarios in child processes, `options.jobs` at once; `report` sees each outcome in the
// input order as soon as it and all before it are done. `blessing[i]`: scenario i's golden trace
// is rewritten (by the caller) from its run.
std::vector<ScenarioOutcome> run_suite(const std::vector<Scenario>& scenarios, const std::vector<bool>& blessing,
                                       const SuiteOptions& options,
                                       const std::function<void(const ScenarioOutcome&)>& report);

}  // namespace telsim
