#include "tools/suite.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "reports/matcher.h"
#include "reports/trace_csv.h"
#include "sim/scenario_loader.h"
#include "sim/scenario_run.h"
#include "tools/child_pool.h"

namespace fs = std::filesystem;

namespace telsim {

namespace {
bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string golden_path(const std::string& scenario) {
  return scenario.substr(0, scenario.size() - 4) + ".trace.csv";
}

std::string trace_file_name(std::string path) {
  while (path.rfind("../", 0) == 0) path = path.substr(3);
  while (!path.empty() && path[0] == '/') path = path.substr(1);
  if (path.rfind("./", 0) == 0) path = path.substr(2);
  std::replace(path.begin(), path.end(), '/', '_');
  return path.substr(0, path.size() - 4) + ".trace.csv";
}
}  // namespace

std::vector<std::string> collect_scenarios(const std::vector<std::string>& paths, const FileSource& files) {
  std::set<std::string> found;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        std::string f = it->path().string();
        if (!it->is_regular_file(ec) || !ends_with(f, ".csv") || ends_with(f, ".trace.csv")) continue;
        if (is_runnable_scenario(f, files)) found.insert(f);
      }
    } else if (fs::exists(p, ec)) {
      found.insert(p);
    } else {
      throw InputError(p, 0, "no such file or directory");
    }
  }
  return {found.begin(), found.end()};
}

ScenarioOutcome evaluate(const Scenario& s, const SuiteOptions& options, bool bless_creates) {
  auto start = std::chrono::steady_clock::now();
  ScenarioOutcome o;
  o.path = s.file;
  o.title = s.title;
  o.rules = s.rules;
  o.tags = s.tags;
  for (const Step& step : s.steps) o.step_times.push_back(step.at);
  RunResult run = run_scenario(s);
  o.virtual_end = run.end_time;
  o.trace_csv = trace_csv(run.trace);
  if (!run.failure.empty()) o.failures.push_back(s.file + ": run failed: " + run.failure);
  for (const std::string& c : run.contests) o.warnings.push_back(s.file + ": contest " + c);
  MatchReport match = match_expectations(s, run.trace);
  for (const ExpectationResult& r : match.results) {
    if (r.passed) continue;
    o.failures.push_back(r.message);
    o.failed_expectations.push_back(failed_expectation(s.file, r));
  }

  std::string golden = golden_path(s.file);
  DiskFiles disk;
  auto golden_text = disk.read(golden);
  if (options.bless && (golden_text || bless_creates)) {
    std::ofstream(golden, std::ios::binary) << o.trace_csv;
  } else if (golden_text) {
    if (auto diff = golden_difference(*golden_text, o.trace_csv, golden)) o.failures.push_back(*diff);
  }
  if (!options.trace_dir.empty()) {
    std::error_code ec;
    fs::create_directories(options.trace_dir, ec);
    std::ofstream((fs::path(options.trace_dir) / trace_file_name(s.file)).string(), std::ios::binary)
        << o.trace_csv;
  }
  o.passed = o.failures.empty();
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return o;
}

namespace {
ScenarioOutcome broken(const Scenario& s, const std::string& why, double seconds) {
  ScenarioOutcome o;
  o.path = s.file;
  o.title = s.title;
  o.rules = s.rules;
  o.tags = s.tags;
  o.seconds = seconds;
  o.failures.push_back(s.file + ": run failed: " + why);
  return o;
}

std::string why_broken(const ChildResult& r, double timeout) {
  if (r.timed_out) return "did not finish within " + std::to_string(static_cast<int>(timeout)) + " s of wall time";
  if (r.signal) return "crashed with signal " + std::to_string(r.signal);
  if (r.exit_status) return "exited with status " + std::to_string(r.exit_status);
  return "its result could not be read";
}
}  // namespace

std::vector<ScenarioOutcome> run_suite(const std::vector<Scenario>& scenarios,
                                       const std::vector<bool>& named_explicitly,
                                       const SuiteOptions& options,
                                       const std::function<void(const ScenarioOutcome&)>& report) {
  std::vector<ScenarioOutcome> outcomes(scenarios.size());
  std::vector<bool> done(scenarios.size(), false);
  size_t next_to_report = 0;
  run_in_children(
      scenarios.size(), options.jobs, options.timeout,
      [&](size_t i) { return serialize(evaluate(scenarios[i], options, named_explicitly[i])); },
      [&](ChildResult&& r) {
        ScenarioOutcome o;
        if (r.ok && deserialize(r.output, &o))
          outcomes[r.index] = std::move(o);
        else
          outcomes[r.index] = broken(scenarios[r.index], why_broken(r, options.timeout), r.seconds);
        done[r.index] = true;
        while (next_to_report < scenarios.size() && done[next_to_report]) report(outcomes[next_to_report++]);
      });
  return outcomes;
}

}  // namespace telsim
