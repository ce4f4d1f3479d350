// `telsim run`: find scenario files, run each in its own process (SimGrid keeps one clock per
// process), check expectations and golden traces, and collect outcomes in a stable order.
#pragma once
#include <functional>
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
// A missing path throws InputError.
std::vector<std::string> collect_scenarios(const std::vector<std::string>& paths, const FileSource& files);

// Runs one loaded scenario in this process: the simulation, expectations, golden trace.
ScenarioOutcome evaluate(const Scenario& s, const SuiteOptions& options, bool bless_creates);

// Runs the scenarios in child processes, `options.jobs` at once; `report` sees each outcome in the
// input order as soon as it and all before it are done.
std::vector<ScenarioOutcome> run_suite(const std::vector<Scenario>& scenarios,
                                       const std::vector<bool>& named_explicitly,
                                       const SuiteOptions& options,
                                       const std::function<void(const ScenarioOutcome&)>& report);

}  // namespace telsim
