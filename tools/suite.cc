#include "tools/suite.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "reports/matcher.h"
#include "reports/text_diff.h"
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
}  // namespace

std::string golden_path(const std::string& scenario) {
  return (ends_with(scenario, ".csv") ? scenario.substr(0, scenario.size() - 4) : scenario) + ".trace.csv";
}

std::string output_path(const std::string& dir, const std::string& scenario, const std::string& ext) {
  fs::path p = fs::path(scenario).lexically_normal();
  fs::path rel = p.has_root_directory() ? fs::path("_root_") : fs::path();
  for (const auto& part : p.relative_path()) {
    if (part == "..") rel /= "_parent_";
    else if (part != "." && !part.empty()) rel /= part;
  }
  std::string name = rel.string();
  if (ends_with(name, ".csv")) name.resize(name.size() - 4);
  return (fs::path(dir) / (name + ext)).string();
}

std::vector<std::string> collect_scenarios(const std::vector<std::string>& paths, const FileSource& files,
                                           std::vector<std::pair<std::string, std::string>>* problems) {
  std::set<std::string> found;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        std::string f = it->path().string();
        if (!ends_with(f, ".csv") || ends_with(f, ".trace.csv")) continue;
        // A name is printed in every line about its file: control characters would be obeyed.
        if (std::any_of(f.begin(), f.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
          std::string shown;
          for (char c : f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
            shown += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? std::string(buf) : std::string(1, c);
          }
          problems->emplace_back(shown, shown + ":1: the file name has control characters: not run");
          continue;
        }
        // A link in a scenario folder may not lead out of it: what it names is no scenario of
        // this folder, and reading it could show someone else's file.
        if (it->is_symlink(ec) && !path_inside(f, p)) {
          problems->emplace_back(f, f + ":1: is a link to a file outside " + p + ": not run");
          continue;
        }
        if (!it->is_regular_file(ec)) continue;
        if (is_runnable_scenario(f, files)) found.insert(f);
      }
    } else if (fs::exists(fs::symlink_status(p, ec)) || fs::exists(p, ec)) {
      found.insert(p);
    } else {
      problems->emplace_back(p, p + ":1: no such file or directory");
    }
  }
  return {found.begin(), found.end()};
}

ScenarioOutcome evaluate(const Scenario& s, const SuiteOptions&, bool blessing) {
  auto start = std::chrono::steady_clock::now();
  ScenarioOutcome o;
  o.path = s.file;
  o.title = s.title;
  o.rules = s.rules;
  o.tags = s.tags;
  RunResult run = run_scenario(s);
  // Steps at the times they came (an event-relative step's is known only now, SPEC SC-3); one
  // the run never reached is drawn at its earliest.
  for (size_t i = 0; i < s.steps.size(); ++i)
    o.step_times.push_back(i < run.step_times.size() && !std::isnan(run.step_times[i]) ? run.step_times[i] : s.steps[i].at);
  o.virtual_end = run.end_time;
  o.trace_csv = trace_csv(run.trace);
  if (!s.expect_broken.empty()) {  // SPEC 7: the run must stop on this property, and only on it
    if (run.failure.rfind("property " + s.expect_broken + " broken", 0) == 0)
      run.failure.clear();
    else
      o.failures.push_back(s.file + ":" + std::to_string(s.expect_broken_line) + ": expected property " +
                           s.expect_broken + " to break, " +
                           (run.failure.empty() ? std::string("but every property held") : "but the run failed: " + run.failure));
  }
  if (!run.failure.empty()) {
    // A failure that names its own row (a step whose event never came) keeps its line.
    bool located = run.failure.rfind(s.file + ":", 0) == 0;
    o.failures.push_back(located ? run.failure : s.file + ":1: run failed: " + run.failure);
    o.error_kind = "run";
  }
  for (const std::string& c : run.contests) o.warnings.push_back(s.file + ":1: warning: contest " + c);
  MatchReport match = match_expectations(s, run.trace, run.states);
  // The matcher names the file by its base name; failure lines name it by the path given, so two
  // same.csv in two folders are told apart (SPEC 3).
  const std::string base = fs::path(s.file).filename().string() + ":";
  for (ExpectationResult& r : match.results) {
    if (r.passed) continue;
    if (r.message.rfind(base, 0) == 0 && base != s.file + ":") r.message = s.file + ":" + r.message.substr(base.size());
    o.failures.push_back(r.message);
    o.failed_expectations.push_back(failed_expectation(s.file, r));
  }

  const std::string golden = golden_path(s.file);
  DiskFiles disk;
  std::string why;
  std::error_code ec;
  bool golden_exists = fs::exists(fs::symlink_status(golden, ec));
  std::optional<std::string> golden_text = golden_exists ? disk.read(golden, &why) : std::nullopt;
  if (golden_exists && !golden_text) {
    // A golden trace that cannot be read must not pass as "no golden trace".
    o.failures.push_back(golden + ":1: cannot read the golden trace: it " + why);
    o.error_kind = "bad-input";
  } else if (golden_text && !blessing) {
    // golden_difference already ignores CRLF; a byte order mark is the same kind of noise.
    if (golden_text->rfind("\xEF\xBB\xBF", 0) == 0) golden_text->erase(0, 3);
    if (auto diff = golden_difference(*golden_text, o.trace_csv, golden)) {
      o.failures.push_back(*diff);
      o.golden_diff = unified_diff(text_lines(*golden_text), text_lines(o.trace_csv), golden, "actual trace");
    }
  }
  // `expect-broken` is a check too: the run passes only when that property breaks.
  if (!s.steps.empty() && s.expectations.empty() && s.expect_broken.empty() && !golden_text && !blessing)
    o.warnings.push_back(s.file + ":1: warning: no expect row and no golden trace " + golden +
                         ": this scenario checks only that it runs");
  o.passed = o.failures.empty();
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return o;
}

ScenarioOutcome bad_input_outcome(const std::string& path, const std::vector<std::string>& errors) {
  ScenarioOutcome o;
  o.path = path;
  o.title = "bad input: " + fs::path(path).filename().string();
  o.passed = false;
  o.error_kind = "bad-input";
  o.failures = errors;
  return o;
}

bool write_whole_file(const std::string& path, const std::string& text, std::string* why) {
  return write_whole_file(path, [&](std::ostream& out) { out << text; }, why);
}

bool write_whole_file(const std::string& path, const std::function<void(std::ostream&)>& write, std::string* why) {
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (fs::is_directory(st)) {
    *why = "is a directory";
    return false;
  }
  bool in_place = fs::exists(st) && !fs::is_regular_file(st);
  std::string target = in_place ? path : path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out) {
      *why = "cannot be created (does its folder exist, may it be written?)";
      return false;
    }
    try {
      write(out);
    } catch (...) {
      out.close();
      if (!in_place) fs::remove(target, ec);
      throw;
    }
    out.close();
    if (!out) {
      *why = "could not be written whole (is the disk full?)";
      if (!in_place) fs::remove(target, ec);
      return false;
    }
  }
  if (!in_place) {
    fs::rename(target, path, ec);
    if (ec) {
      *why = "cannot be replaced: " + ec.message();
      fs::remove(target, ec);
      return false;
    }
  }
  return true;
}

namespace {
ScenarioOutcome broken(const Scenario& s, const ChildResult& r, double timeout) {
  ScenarioOutcome o;
  o.path = s.file;
  o.title = s.title;
  o.rules = s.rules;
  o.tags = s.tags;
  o.seconds = r.seconds;
  std::string why;
  if (r.timed_out) {
    why = "did not finish within " + std::to_string(static_cast<long long>(timeout)) + " s of wall time";
    o.error_kind = "timeout";
  } else {
    o.error_kind = "crash";
    if (r.signal) why = "crashed with signal " + std::to_string(r.signal);
    else if (r.exit_status) why = "exited with status " + std::to_string(r.exit_status);
    else why = "its result could not be read";
  }
  o.failures.push_back(s.file + ":1: run failed: " + why);
  return o;
}
}  // namespace

std::vector<ScenarioOutcome> run_suite(const std::vector<Scenario>& scenarios, const std::vector<bool>& blessing,
                                       const SuiteOptions& options,
                                       const std::function<void(const ScenarioOutcome&)>& report) {
  std::vector<ScenarioOutcome> outcomes(scenarios.size());
  std::vector<bool> done(scenarios.size(), false);
  size_t next_to_report = 0;
  run_in_children(
      scenarios.size(), options.jobs, options.timeout,
      [&](size_t i) { return serialize(evaluate(scenarios[i], options, blessing[i])); },
      [&](ChildResult&& r) {
        ScenarioOutcome o;
        if (r.ok && deserialize(r.output, &o))
          outcomes[r.index] = std::move(o);
        else
          outcomes[r.index] = broken(scenarios[r.index], r, options.timeout);
        done[r.index] = true;
        while (next_to_report < scenarios.size() && done[next_to_report]) report(outcomes[next_to_report++]);
      });
  return outcomes;
}

}  // namespace telsim
