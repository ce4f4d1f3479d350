// telsim: the command line (SPEC 3). Our options are parsed with Boost.Program_options before
// SimGrid ever sees an argument, so `--help` and `--version` are ours.
#include <boost/program_options.hpp>

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <map>
#include <set>
#include <cmath>
#include <chrono>
#include <filesystem>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "reports/cdr.h"
#include "reports/diagram.h"
#include "reports/html.h"
#include "reports/junit.h"
#include "reports/trace_csv.h"
#include "sim/checks.h"
#include "sim/did_you_mean.h"
#include "sim/file_source.h"
#include "sim/numbers.h"
#include "sim/platform.h"
#include "sim/scenario_loader.h"
#include "sim/scenario_run.h"
#include "sim/traffic.h"
#include "tools/explore.h"
#include "tools/merge.h"
#include "tools/replications.h"
#include "tools/size.h"
#include "tools/traffic_table.h"
#include "tools/suite.h"
#include "tools/tags.h"
#include "tools/terminal.h"

namespace po = boost::program_options;
using namespace telsim;

namespace {

constexpr const char* kUsage =
    "usage: telsim COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run PATH...      run scenario files and directories, check their expectations\n"
    "  trace FILE       print a scenario's trace as CSV\n"
    "  explore SITE.csv  random scenarios against a site, looking for broken invariants\n"
    "  diagram FILE -o OUT.svg|OUT.png|OUT.dot|OUT.mmd\n"
    "                   draw a scenario's run as a call-flow ladder diagram\n"
    "  traffic SITE.csv --offer NUMBER=BHCA --calls N --talk SECONDS --seed S [--csv]\n"
    "                   Poisson calls from outside against a site; prints traffic KPIs\n"
    "  size SITE.csv --offer NUMBER=BHCA --target blocking=P --vary GROUP|trunk --calls N --talk S\n"
    "                   the smallest group or trunk meeting a target, by simulation, beside the formula\n"
    "  merge FILE...    combine the --csv shares of `traffic --shard K/N` into the unsharded result\n"
    "\n"
    "`telsim COMMAND --help` describes each command; `telsim --version` prints the version.\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The usage of the command being parsed: a usage error shows this command's, not the list of all.
std::string command_usage;

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& visible,
                        const po::options_description& hidden, const po::positional_options_description& pos) {
  std::ostringstream usage;
  usage << visible;
  command_usage = usage.str();
  po::options_description all;
  all.add(visible).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> names;
    for (const auto& o : visible.options()) names.push_back("--" + o->long_name());
    throw UsageError(e.what() + did_you_mean(e.get_option_name(), names));
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return vm;
}

std::string fixed(double v, int decimals) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(decimals) << v;
  return s.str();
}

// ---------------------------------------------------------------------------------------------
// Numeric options: read as text and checked here, with the ranges telsim accepts (sim/numbers.h).
// Boost's own conversion takes `-5` for an unsigned number (2^64 - 5) and `nan` or `1e308` for
// seconds.

uint64_t count_option(const po::variables_map& vm, const std::string& command, const std::string& name,
                      uint64_t min, uint64_t max) {
  const std::string text = vm[name].as<std::string>();
  uint64_t v = 0;
  if (parse_count(text, &v, min, max) != NumberProblem::none)
    throw UsageError(command + ": --" + name + " must be a whole number " + range_text(static_cast<double>(min),
                     static_cast<double>(max)) + ", got '" + text.substr(0, 40) + "'");
  return v;
}

constexpr const char* kChecksHelp =
    "invariant checks: cheap (default: what each event touched, the whole state at intervals and at the end), "
    "full (the whole state after every event) or off";

// --checks full|cheap|off: sets the process-wide level (sim/checks.h) before any run or fork.
void apply_checks(const po::variables_map& vm, const std::string& command) {
  if (!vm.count("checks")) return;
  const std::string text = vm["checks"].as<std::string>();
  auto level = parse_checks(text);
  if (!level) throw UsageError(command + ": --checks must be full, cheap or off, got '" + text.substr(0, 40) + "'");
  checks_level() = *level;
}

double seconds_option(const po::variables_map& vm, const std::string& command, const std::string& name, double min,
                      double max) {
  const std::string text = vm[name].as<std::string>();
  double v = 0;
  if (parse_seconds(text, &v, max) != NumberProblem::none || v < min)
    throw UsageError(command + ": --" + name + " must be seconds " + (min > 0 ? "above 0 up to " + fixed(max, 0) : range_text(min, max)) +
                     " (a decimal like 12.5), got '" + text.substr(0, 40) + "'");
  if (min > 0 && !(v > 0))
    throw UsageError(command + ": --" + name + " must be above 0, got '" + text.substr(0, 40) + "'");
  return v;
}

// "K/N" with 1 <= K <= N <= 10^6.
std::pair<size_t, size_t> parse_shard(const std::string& text) {
  auto slash = text.find('/');
  uint64_t k = 0, n = 0;
  if (slash == std::string::npos || parse_count(text.substr(0, slash), &k, 1, 1000000) != NumberProblem::none ||
      parse_count(text.substr(slash + 1), &n, 1, 1000000) != NumberProblem::none || k > n)
    throw UsageError("run: --shard wants K/N with 1 <= K <= N <= 1000000, got '" + text.substr(0, 40) + "'");
  return {k, n};
}

constexpr uint64_t kMaxJobs = 256;
constexpr uint64_t kMaxReplications = 100000;  // runs of one study (each its own seed)
constexpr double kMaxWallSeconds = 604800;  // a week of wall time per scenario or run

// ---------------------------------------------------------------------------------------------
// Where scenarios may read from, and where telsim may write

// --root DIR (default: the current directory) and the bundled profiles.
LoadOptions load_options(const po::variables_map& vm, const std::string& command) {
  LoadOptions o;
  o.profile_dir = default_profile_dir();
  std::string root = vm.count("root") ? vm["root"].as<std::string>() : ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec))
    throw UsageError(command + ": --root " + root + " is not a directory");
  o.roots = {root};
  return o;
}

const char* kRootHelp =
    "include and profile rows may only name files below DIR (default: the current directory) or the "
    "bundled profiles";

struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A directory telsim will write into: created when missing, refused when it is a file or cannot
// be written.
void check_output_dir(const std::string& option, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw OutputError(option + " " + dir + ": is a file, not a directory");
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) throw OutputError(option + " " + dir + ": cannot create the directory" +
                                                      (ec ? " (" + ec.message() + ")" : ""));
  if (::access(dir.c_str(), W_OK | X_OK) != 0) throw OutputError(option + " " + dir + ": the directory cannot be written");
}

// A file telsim will write: not a directory, in a folder that exists and can be written, and
// none of the files a run reads (`keep`: the scenarios and their golden traces).
void check_output_file(const std::string& option, const std::string& path, const std::set<std::string>& keep = {}) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw OutputError(option + " " + path + ": is a directory, not a file");
  fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) parent = ".";
  if (!fs::is_directory(parent, ec)) throw OutputError(option + " " + path + ": its folder " + parent.string() + " does not exist");
  bool exists = fs::exists(path, ec);
  if (exists ? ::access(path.c_str(), W_OK) != 0 : ::access(parent.c_str(), W_OK | X_OK) != 0)
    throw OutputError(option + " " + path + ": cannot be written");
  if (exists) {
    std::string canonical = fs::weakly_canonical(path, ec).string();
    if (keep.count(canonical)) throw OutputError(option + " " + path + ": would write over a scenario or a golden trace");
  }
}

std::string canonical(const std::string& path) {
  std::error_code ec;
  return std::filesystem::weakly_canonical(path, ec).string();
}

// ---------------------------------------------------------------------------------------------
// run

struct Entry {
  std::string path;
  int scenario = -1;                // index into the loaded scenarios, or -1: bad input
  std::vector<std::string> errors;  // when bad
};

size_t to_run_count(const std::vector<Entry>& selected) {
  return static_cast<size_t>(std::count_if(selected.begin(), selected.end(), [](const Entry& e) { return e.scenario >= 0; }));
}

int cmd_run(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  po::options_description opts("telsim run PATH... [options]\n\nRuns scenario files and every runnable *.csv below directories.\nOptions");
  opts.add_options()
      ("help,h", "describe this command")
      ("jobs,j", po::value<std::string>()->default_value("1"), "scenarios run at once, each in its own process (1 to 256)")
      ("filter", po::value<std::string>(), "run only scenarios whose path or title contains TEXT")
      ("tag", po::value<std::vector<std::string>>(), "run only scenarios with this word in '# tags:' or this rule id in '# rule:' (repeatable)")
      ("quiet,q", "print only the failures and the summary")
      ("trace-dir", po::value<std::string>(), "write each scenario's actual trace to DIR/PATH.trace.csv (PATH: its folders kept)")
      ("cdr", po::value<std::string>(), "write each scenario's call records to DIR/PATH.cdr.csv (PATH: its folders kept)")
      ("bless", "rewrite golden NAME.trace.csv files from the actual runs (and create them for files named explicitly)")
      ("timeout", po::value<std::string>()->default_value("600"), "wall seconds one scenario may take before it fails (0 to 604800)")
      ("shard", po::value<std::string>(), "K/N: run only the K-th (1..N) of N deterministic slices of the sorted scenarios")
      ("junit", po::value<std::string>(), "write a JUnit XML report to FILE")
      ("html", po::value<std::string>(), "write a self-contained HTML report (diagrams inline) to FILE")
      ("diagram-dir", po::value<std::string>(), "write a call-flow diagram (SVG) per scenario to DIR/PATH.svg")
      ("diagram-mermaid", "with --diagram-dir: also a Mermaid diagram (.mmd) beside each SVG")
      ("diagram-failed-only", "with --diagram-dir and --html: diagrams for failed scenarios only")
      ("root", po::value<std::string>(), kRootHelp)
      ("checks", po::value<std::string>(), kChecksHelp);
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>(), "");
  po::positional_options_description pos;
  pos.add("path", -1);
  auto vm = parse(args, opts, hidden, pos);
  if (vm.count("help")) {
    std::cout << opts << "\nOne line per scenario (PASS/FAIL, title, time); a file that is bad input is not run, and each\n"
                         "of its errors goes to stderr as FILE:LINE: message. The last line is 'N passed, N failed'.\n"
                         "Exit status: 0 all passed, 1 a scenario failed, 2 bad input (the good files still run), usage,\n"
                         "an output that could not be written, or no scenario selected.\n";
    return 0;
  }
  if (!vm.count("path")) throw UsageError("run: name at least one scenario file or directory");
  apply_checks(vm, "run");
  SuiteOptions options;
  options.jobs = static_cast<int>(count_option(vm, "run", "jobs", 1, kMaxJobs));
  options.bless = vm.count("bless") > 0;
  options.timeout = seconds_option(vm, "run", "timeout", 0, kMaxWallSeconds);
  std::pair<size_t, size_t> shard{1, 1};
  if (vm.count("shard")) shard = parse_shard(vm["shard"].as<std::string>());
  LoadOptions load = load_options(vm, "run");
  std::string filter = vm.count("filter") ? vm["filter"].as<std::string>() : "";
  if (vm.count("trace-dir")) {
    options.trace_dir = vm["trace-dir"].as<std::string>();
    check_output_dir("--trace-dir", options.trace_dir);
  }
  std::string diagram_dir = vm.count("diagram-dir") ? vm["diagram-dir"].as<std::string>() : "";
  if (!diagram_dir.empty()) check_output_dir("--diagram-dir", diagram_dir);
  std::string cdr_dir = vm.count("cdr") ? vm["cdr"].as<std::string>() : "";
  if (!cdr_dir.empty()) check_output_dir("--cdr", cdr_dir);
  for (const char* o : {"junit", "html"})
    if (vm.count(o)) check_output_file(std::string("--") + o, vm[o].as<std::string>());
  if (vm.count("junit") && vm.count("html") && canonical(vm["junit"].as<std::string>()) == canonical(vm["html"].as<std::string>()))
    throw OutputError("--junit and --html name the same file " + vm["html"].as<std::string>() + ": one would be lost");
  std::vector<std::string> tags = vm.count("tag") ? vm["tag"].as<std::vector<std::string>>() : std::vector<std::string>();
  TerminalStyle style;
  style.colour = colour_wanted(isatty(1), std::getenv("NO_COLOR"));
  style.quiet = vm.count("quiet") > 0;
  const auto started = std::chrono::steady_clock::now();
  const std::time_t started_at = std::time(nullptr);

  // Every file: loaded, or bad input with all its errors. Bad files do not stop the good ones.
  DiskFiles disk;
  auto paths = vm["path"].as<std::vector<std::string>>();
  std::vector<std::pair<std::string, std::string>> problems;
  std::vector<std::string> files = collect_scenarios(paths, disk, &problems);
  std::vector<Scenario> scenarios;
  std::vector<Entry> selected;
  auto wanted = [&](const std::string& path, const std::string* title) {
    return filter.empty() || path.find(filter) != std::string::npos ||
           (title && title->find(filter) != std::string::npos);
  };
  for (const auto& [path, message] : problems)
    if (wanted(path, nullptr)) selected.push_back(Entry{path, -1, {message}});
  for (const std::string& f : files) {
    try {
      Scenario s = load_scenario(f, disk, load);
      if (!wanted(f, &s.title) || !tag_selected(tags, s.tags, s.rules)) continue;
      selected.push_back(Entry{f, static_cast<int>(scenarios.size()), {}});
      scenarios.push_back(std::move(s));
    } catch (const InputError& e) {
      if (wanted(f, nullptr) && tags.empty()) selected.push_back(Entry{f, -1, e.all});
    }
  }
  std::sort(selected.begin(), selected.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  if (selected.empty()) {
    std::cerr << "telsim: run: no scenario selected" << (filter.empty() ? "" : " (--filter '" + filter + "' matches none)")
              << ": nothing was checked\n";
    std::cout << "0 passed, 0 failed\n";
    return 2;
  }
  const size_t total = selected.size();
  if (shard.second > 1) {
    std::vector<Entry> mine;
    for (size_t i = 0; i < selected.size(); ++i)
      if (i % shard.second == shard.first - 1) mine.push_back(std::move(selected[i]));
    selected = std::move(mine);
    if (selected.empty()) {
      std::cout << "0 passed, 0 failed (shard " << shard.first << "/" << shard.second << " of " << total
                << " scenarios is empty)\n";
      return 0;
    }
  }

  // What the run must never write over, and where each output goes (checked before anything runs).
  std::set<std::string> keep;
  for (const Entry& e : selected) {
    keep.insert(canonical(e.path));
    keep.insert(canonical(golden_path(e.path)));
  }
  for (const char* o : {"junit", "html"})
    if (vm.count(o)) check_output_file(std::string("--") + o, vm[o].as<std::string>(), keep);
  std::map<std::string, std::string> trace_out, diagram_out, cdr_out;
  auto plan = [&](const std::string& option, const std::string& dir, const std::string& ext,
                  std::map<std::string, std::string>& out) {
    std::map<std::string, std::string> by_target;
    for (const Entry& e : selected) {
      if (e.scenario < 0) continue;
      std::string target = output_path(dir, e.path, ext);
      std::string c = canonical(target);
      if (by_target.count(c))
        throw OutputError(option + ": " + e.path + " and " + by_target[c] + " would both be written to " + target);
      by_target[c] = e.path;
      std::error_code ec;
      bool golden_there = ext == ".trace.csv" && (keep.count(c) ||
                          (fs::exists(target, ec) && fs::exists(target.substr(0, target.size() - 10) + ".csv", ec)));
      if (golden_there)
        throw OutputError(option + " " + dir + ": would write over the golden trace " + target +
                          " (telsim run --bless rewrites golden traces)");
      out[e.path] = target;
    }
  };
  if (!options.trace_dir.empty()) plan("--trace-dir", options.trace_dir, ".trace.csv", trace_out);
  if (!diagram_dir.empty()) plan("--diagram-dir", diagram_dir, ".svg", diagram_out);
  if (!cdr_dir.empty()) plan("--cdr", cdr_dir, ".cdr.csv", cdr_out);

  int passed = 0, failed = 0, bad = 0;
  bool write_error = false;
  auto cannot_write = [&](const std::string& what, const std::string& path, const std::string& why) {
    std::cerr << "telsim: cannot write " << what << " " << path << ": it " << why << "\n";
    write_error = true;
  };
  std::vector<ScenarioOutcome> outcomes;
  for (const Entry& e : selected) {
    if (e.scenario >= 0) continue;
    ++bad;
    for (const std::string& line : e.errors) std::cerr << line << "\n";
    outcomes.push_back(bad_input_outcome(e.path, e.errors));
  }
  std::cerr.flush();
  if (to_run_count(selected) == 0 && !vm.count("junit") && !vm.count("html")) return 2;  // the errors say it all
  std::vector<Scenario> to_run;
  std::vector<bool> blessing;
  for (const Entry& e : selected) {
    if (e.scenario < 0) continue;
    std::error_code ec;
    bool named = std::find(paths.begin(), paths.end(), e.path) != paths.end();
    blessing.push_back(options.bless && (named || fs::exists(golden_path(e.path), ec)));
    to_run.push_back(std::move(scenarios[static_cast<size_t>(e.scenario)]));
  }
  std::map<std::string, const Scenario*> by_path;
  for (const Scenario& s : to_run) by_path[s.file] = &s;
  size_t index = 0;
  std::vector<ScenarioOutcome> ran = run_suite(to_run, blessing, options, [&](const ScenarioOutcome& o) {
    const bool blessed = blessing[index++];
    if (o.error_kind == "bad-input") ++bad;
    else (o.passed ? passed : failed)++;
    std::cout << outcome_lines(o, style);
    std::cout.flush();
    std::string why;
    bool has_trace = o.error_kind != "crash" && o.error_kind != "timeout" && o.error_kind != "bad-input";
    if (blessed && has_trace && !write_whole_file(golden_path(o.path), o.trace_csv, &why))
      cannot_write("the golden trace", golden_path(o.path), why);
    auto t = trace_out.find(o.path);
    if (t != trace_out.end() && has_trace) {
      std::error_code ec;
      fs::create_directories(fs::path(t->second).parent_path(), ec);
      if (!write_whole_file(t->second, o.trace_csv, &why)) cannot_write("the trace", t->second, why);
    }
    auto c = cdr_out.find(o.path);
    if (c != cdr_out.end() && has_trace) {
      // The records come from the trace (reports/cdr.h), read back from the scenario's process.
      std::error_code ec;
      fs::create_directories(fs::path(c->second).parent_path(), ec);
      if (!write_whole_file(c->second, cdr_csv(call_records(parse_trace_csv(o.trace_csv))), &why))
        cannot_write("the call records", c->second, why);
    }
  });
  std::string summary = summary_line(static_cast<size_t>(passed), static_cast<size_t>(failed), style);
  if (bad) summary.insert(summary.size() - 1, ", " + std::to_string(bad) + " bad input (not run)");
  std::cout << failure_recap(ran, style) << summary;
  outcomes.insert(outcomes.end(), ran.begin(), ran.end());
  std::sort(outcomes.begin(), outcomes.end(), [](const ScenarioOutcome& a, const ScenarioOutcome& b) { return a.path < b.path; });

  bool failed_only = vm.count("diagram-failed-only") > 0;
  JunitOptions junit;
  for (const ScenarioOutcome& o : outcomes) {
    auto d = diagram_out.find(o.path);
    if (d == diagram_out.end() || (o.passed && failed_only) || o.error_kind == "bad-input") continue;
    try {
      std::error_code ec;
      fs::create_directories(fs::path(d->second).parent_path(), ec);
      auto s = by_path.find(o.path);
      DiagramInput in = diagram_input(o, s == by_path.end() ? nullptr : s->second);
      write_diagram(in, d->second);
      if (vm.count("diagram-mermaid")) write_diagram(in, d->second.substr(0, d->second.size() - 4) + ".mmd");
      junit.diagrams[o.path] = d->second;
    } catch (const std::exception& e) {
      std::cerr << "telsim: cannot write the diagram " << d->second << ": " << e.what() << "\n";
      write_error = true;
    }
  }
  std::string why;
  if (vm.count("junit") && !write_whole_file(vm["junit"].as<std::string>(), junit_xml(outcomes, junit), &why))
    cannot_write("the JUnit report", vm["junit"].as<std::string>(), why);
  if (vm.count("html")) {
    HtmlOptions html;
    html.diagrams_for_passed = !failed_only;
    html.version = TELSIM_VERSION;
    char date[64];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S %Z", std::localtime(&started_at));
    html.date = date;
    html.command_line = "telsim run";
    for (const std::string& a : args) html.command_line += " " + a;
    html.duration = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    html.scenarios = by_path;
    auto page = [&](std::ostream& out) { write_html_report(out, outcomes, html); };
    if (!write_whole_file(vm["html"].as<std::string>(), page, &why))
      cannot_write("the HTML report", vm["html"].as<std::string>(), why);
  }
  if (write_error || bad) return 2;
  return failed > 0 ? 1 : 0;
}

int cmd_trace(const std::vector<std::string>& args) {
  po::options_description opts("telsim trace FILE\n\nPrints the scenario's actual trace as CSV (time,call,party,event,detail).\nOptions");
  opts.add_options()("help,h", "describe this command")("root", po::value<std::string>(), kRootHelp)
      ("checks", po::value<std::string>(), kChecksHelp)
      ("cdr", po::value<std::string>(), "also write the call records (CSV) to FILE");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>(), "");
  po::positional_options_description pos;
  pos.add("file", 1);
  auto vm = parse(args, opts, hidden, pos);
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (!vm.count("file")) throw UsageError("trace: name a scenario file");
  apply_checks(vm, "trace");
  if (vm.count("cdr")) check_output_file("--cdr", vm["cdr"].as<std::string>());
  DiskFiles disk;
  Scenario s = load_scenario(vm["file"].as<std::string>(), disk, load_options(vm, "trace"));
  RunResult r = run_scenario(s);
  write_trace_csv(std::cout, r.trace);
  if (vm.count("cdr")) {
    std::string why;
    if (!write_whole_file(vm["cdr"].as<std::string>(), cdr_csv(call_records(r.trace)), &why))
      throw OutputError("--cdr " + vm["cdr"].as<std::string>() + ": it " + why);
  }
  if (!r.failure.empty()) {
    std::cerr << s.file << ":1: run failed: " << r.failure << "\n";
    return 1;
  }
  return 0;
}

int cmd_diagram(const std::vector<std::string>& args) {
  po::options_description opts(
      "telsim diagram FILE -o OUT.svg|OUT.png|OUT.dot\n\n"
      "Runs the scenario and draws its call flow as a ladder: one lifeline per party (in order of first\n"
      "appearance) with the switch (PBX) in the middle, virtual time flowing down, one arrow per trace event\n"
      "(coloured by call), tones, displays and prompts as notes, and every failed expectation as a red row\n"
      "with the expected and the nearest actual event. .dot writes the placed DOT text (`neato -n`).\nOptions");
  opts.add_options()("help,h", "describe this command")("output,o", po::value<std::string>(), "OUT.svg, OUT.png or OUT.dot")
      ("root", po::value<std::string>(), kRootHelp)("checks", po::value<std::string>(), kChecksHelp);
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>(), "");
  po::positional_options_description pos;
  pos.add("file", 1);
  auto vm = parse(args, opts, hidden, pos);
  if (vm.count("help")) {
    std::cout << opts << "\nExit status: 0 the diagram was written (whatever the verdict), 2 bad input or usage.\n";
    return 0;
  }
  if (!vm.count("file")) throw UsageError("diagram: name a scenario file");
  apply_checks(vm, "diagram");
  if (!vm.count("output")) throw UsageError("diagram: give -o OUT.svg, OUT.png or OUT.dot");
  std::string out = vm["output"].as<std::string>();
  std::string ext = std::filesystem::path(out).extension().string();
  if (ext != ".svg" && ext != ".png" && ext != ".dot" && ext != ".mmd")
    throw UsageError("diagram: the output must end in .svg, .png, .dot or .mmd, got '" + out + "'");
  const std::string file = vm["file"].as<std::string>();
  check_output_file("-o", out, {canonical(file), canonical(golden_path(file))});
  DiskFiles disk;
  Scenario s = load_scenario(file, disk, load_options(vm, "diagram"));
  SuiteOptions options;
  ScenarioOutcome o = evaluate(s, options, false);
  write_diagram(diagram_input(o, &s), out);
  std::cout << (o.passed ? "PASS " : "FAIL ") << o.path << "  " << o.title << " -> " << out << "\n";
  return 0;
}

// --patience-dist, --retry, --retry-after, --service-level (TQ-2, TQ-3): shared by traffic and size.
void traffic_caller_options(const po::variables_map& vm, const std::string& command, TrafficOptions& opt) {
  const std::string dist = vm["patience-dist"].as<std::string>();
  if (dist != "fixed" && dist != "exp")
    throw UsageError(command + ": --patience-dist is fixed or exp, got '" + dist.substr(0, 40) + "'");
  opt.patience_exp = dist == "exp";
  const std::string retry = vm["retry"].as<std::string>();
  double p = 0;
  if (parse_seconds(retry, &p, 1) != NumberProblem::none || !(p < 1))
    throw UsageError(command + ": --retry is a probability from 0 to below 1 (a decimal like 0.3), got '" +
                     retry.substr(0, 40) + "'");
  opt.retry = p;
  opt.retry_after = seconds_option(vm, command, "retry-after", 1e-9, 1e6);
  opt.service_level = seconds_option(vm, command, "service-level", 0, 1e6);
  if (opt.retry > 0 && opt.sources > 0)
    throw UsageError(command + ": --retry with --sources: a finite source's retry is its next call; give one of them");
}

// --interval rows: the figures of each interval alone (differences of the cumulative marks).
void print_intervals(const TrafficResult& r, std::ostream& out) {
  out << "interval_end,number,offered,retries,answered,blocked,abandoned,blocking,p_wait,wait_mean,service_level\n";
  std::vector<TrafficStats> before(r.numbers.size());
  for (const TrafficResult::IntervalMark& m : r.intervals) {
    for (size_t i = 0; i < r.numbers.size() && i < m.stats.size(); ++i) {
      const TrafficStats& now = m.stats[i];
      const TrafficStats& was = before[i];
      uint64_t attempts = now.offered + now.retries - was.offered - was.retries;
      uint64_t blocked = now.blocked - was.blocked;
      uint64_t served = now.answered + now.abandoned - was.answered - was.abandoned;
      auto share = [](double a, double b) { return b > 0 ? a / b : 0.0; };
      out << fixed(m.end, 3) << "," << r.numbers[i] << "," << now.offered - was.offered << ","
          << now.retries - was.retries << "," << now.answered - was.answered << "," << blocked << ","
          << now.abandoned - was.abandoned << "," << fixed(share(static_cast<double>(blocked), static_cast<double>(attempts)), 6)
          << "," << fixed(share(static_cast<double>(now.waited - was.waited), static_cast<double>(served)), 6) << ","
          << fixed(share(now.wait_seconds - was.wait_seconds, static_cast<double>(served)), 3) << ","
          << fixed(share(static_cast<double>(now.in_service_level - was.in_service_level), static_cast<double>(served)), 6)
          << "\n";
    }
    before = m.stats;
  }
}

int cmd_traffic(const std::vector<std::string>& args) {
  po::options_description opts(
      "telsim traffic SITE.csv --offer NUMBER=BHCA [--offer ...] --calls N --talk SECONDS --seed S [--csv]\n\n"
      "Offers Poisson calls from outside (BHCA: busy-hour call attempts) to numbers of a site (a CSV of\n"
      "setup rows, or a scenario whose steps are ignored), through the same feature engine as `telsim run`:\n"
      "the trunk, hunt groups, overflow, the stations' own answer behaviour and forwarding. A caller talks\n"
      "an exponential time of mean --talk after answer, hangs up at once on busy or blocked tone, and\n"
      "abandons after --patience seconds without answer.\nOptions");
  opts.add_options()
      ("help,h", "describe this command")
      ("offer", po::value<std::vector<std::string>>(),
       "NUMBER=BHCA: offered calls per hour to NUMBER (repeatable); NUMBER=BHCA,BHCA,...: a sweep point per value")
      ("calls", po::value<std::string>(), "total calls to offer (over all numbers), 1 to 1000000000")
      ("talk", po::value<std::string>(), "mean talk time after answer, seconds (above 0, up to 1000000)")
      ("seed", po::value<std::string>()->default_value("1"), "random seed (same seed, same result), 0 to 2^64-1")
      ("patience", po::value<std::string>()->default_value("60"),
       "seconds a caller waits for an answer before hanging up (abandoned), up to 1000000; 0: waits for ever")
      ("root", po::value<std::string>(), kRootHelp)
      ("patience-dist", po::value<std::string>()->default_value("fixed"),
       "fixed: every caller waits --patience seconds; exp: an exponential patience of mean --patience (Erlang A)")
      ("retry", po::value<std::string>()->default_value("0"),
       "P: a blocked or abandoned caller tries again with probability P (0 to below 1)")
      ("retry-after", po::value<std::string>()->default_value("60"),
       "mean seconds (exponential) before a retry")
      ("service-level", po::value<std::string>()->default_value("20"),
       "seconds: service_level is the share of calls answered after waiting at most this long")
      ("interval", po::value<std::string>()->default_value("0"),
       "S: also print the figures of every S seconds of virtual time (a row per interval and number)")
      ("csv", "print one header line and one row per offered number instead of the report")
      ("sources", po::value<uint32_t>()->default_value(0),
       "N finite callers per offered number (Engset); BHCA is then one idle caller's calls per hour; 0: Poisson")
      ("replications", po::value<std::string>()->default_value("1"),
       "independent runs (seeds derived from --seed); figures are means with Student's t intervals over them")
      ("jobs,j", po::value<std::string>()->default_value("1"), "runs at once, each in its own process")
      ("shard", po::value<std::string>(),
       "K/N: only the K-th of N shares of the runs (points x replications); prints share rows for `telsim merge`")
      ("trace", po::value<std::string>(), "write the per-call trace CSV to FILE (memory grows with --calls)")
      ("no-progress", "no progress bar on stderr (drawn when stderr is a terminal and the run takes over a second)")
      ("checks", po::value<std::string>(), kChecksHelp);
  po::options_description hidden;
  hidden.add_options()("site", po::value<std::string>(), "");
  po::positional_options_description pos;
  pos.add("site", 1);
  auto vm = parse(args, opts, hidden, pos);
  if (vm.count("help")) {
    std::cout << opts
              << "\nKPIs per offered number: offered, answered, blocked (busy or blocked tone), abandoned,\n"
                 "forwarded, overflowed, blocking ratio with its 95% confidence interval (batch means over\n"
                 "20 batches of consecutive calls), carried erlangs (answered talk time over the period to the\n"
                 "last arrival); per hunt group and member: occupancy over that period.\n"
                 "Waiting (hunt groups with queue=): p_wait, wait_mean, service_level (answered within\n"
                 "--service-level s of waiting) and the abandoned share, each with its interval; Erlang C or A\n"
                 "beside them where the site fits the model.\n"
                 "--csv columns: number,offered,answered,blocked,abandoned,forwarded,overflowed,blocking,\n"
                 "blocking_ci95,carried_erlangs first, then offered_erlangs,p_wait,wait_mean,service_level and\n"
                 "the rest by name (docs/traffic.md lists them)\n";
    return 0;
  }
  if (!vm.count("site")) throw UsageError("traffic: name a site file");
  apply_checks(vm, "traffic");
  if (!vm.count("offer")) throw UsageError("traffic: give at least one --offer NUMBER=BHCA");
  if (!vm.count("calls")) throw UsageError("traffic: give --calls N");
  if (!vm.count("talk")) throw UsageError("traffic: give --talk SECONDS");
  TrafficOptions opt;
  constexpr double kMaxBhca = 1e7;
  double total_bhca = 0;  // at the lightest sweep point: what bounds the virtual time
  std::vector<double> point_bhca;
  for (const std::string& o : vm["offer"].as<std::vector<std::string>>()) {
    auto eq = o.find('=');
    bool good = eq != std::string::npos && eq != 0 && o.find_first_not_of("0123456789") >= eq;
    size_t at = eq + 1, k = 0;
    while (good) {
      size_t comma = o.find(',', at);
      std::string_view v = std::string_view(o).substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      double bhca = 0;
      good = parse_seconds(v, &bhca, kMaxBhca) == NumberProblem::none && bhca > 0;
      if (point_bhca.size() <= k) point_bhca.push_back(0);
      point_bhca[k++] += bhca;
      if (comma == std::string::npos) break;
      at = comma + 1;
    }
    if (!good)
      throw UsageError("traffic: --offer wants NUMBER=BHCA[,BHCA...] with BHCA above 0 up to 10000000 (a decimal), got '" +
                       o.substr(0, 40) + "'");
  }
  OfferSweep sweep;
  try {
    sweep = parse_offer_sweep(vm["offer"].as<std::vector<std::string>>());
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("traffic: ") + e.what());
  }
  total_bhca = *std::min_element(point_bhca.begin(), point_bhca.end());
  for (size_t n = 0; n < sweep.numbers.size(); ++n) opt.offers.emplace_back(sweep.numbers[n], sweep.bhca[0][n]);
  StudyOptions study;
  study.replications = static_cast<int>(count_option(vm, "traffic", "replications", 1, kMaxReplications));
  study.jobs = static_cast<int>(count_option(vm, "traffic", "jobs", 1, kMaxJobs));
  if (vm.count("shard")) std::tie(study.shard, study.shards) = parse_shard(vm["shard"].as<std::string>());
  opt.calls = count_option(vm, "traffic", "calls", 1, kMaxTrafficCalls);
  opt.talk = seconds_option(vm, "traffic", "talk", 1e-9, 1e6);
  opt.patience = seconds_option(vm, "traffic", "patience", 0, 1e6);
  opt.seed = count_option(vm, "traffic", "seed", 0, UINT64_MAX);
  opt.sources = vm["sources"].as<uint32_t>();
  traffic_caller_options(vm, "traffic", opt);
  opt.interval = seconds_option(vm, "traffic", "interval", 0, kMaxSeconds);
  // The offered calls must fit the clock's range (sim/numbers.h): about calls / rate seconds.
  if (opt.sources == 0 && static_cast<double>(opt.calls) * 3600.0 / total_bhca > kMaxSeconds / 10)
    throw UsageError("traffic: " + std::to_string(opt.calls) + " calls at " + fixed(total_bhca, 3) +
                     " BHCA would take more than 10^8 s of virtual time: offer more BHCA or fewer --calls");
  opt.progress = !vm.count("no-progress") && isatty(2);
  opt.trace = vm.count("trace") > 0;
  if (opt.trace) check_output_file("--trace", vm["trace"].as<std::string>(),
                                   {canonical(vm["site"].as<std::string>())});
  DiskFiles disk;
  Scenario site = load_scenario(vm["site"].as<std::string>(), disk, load_options(vm, "traffic"));
  if (!site.steps.empty() || !site.expectations.empty())
    std::cerr << site.file << ":" << (site.steps.empty() ? site.expectations.front().line : site.steps.front().line)
              << ": note: traffic uses the site only; the file's " << site.steps.size() << " steps and "
              << site.expectations.size() << " expectations are ignored\n";
  if (is_study(sweep, study)) {
    if (opt.trace) throw UsageError("traffic: --trace keeps one run's trace: not with a sweep, --replications, --jobs or --shard");
    study.progress = opt.progress;
    return print_traffic_study(site, opt, sweep, study, vm.count("csv") > 0);
  }
  // Ctrl-C (or a kill) ends the offering: the KPIs of the calls offered so far are printed and
  // the exit status says it was interrupted.
  opt.stop_on_signal = true;
  TrafficResult r = run_traffic(site, opt);
  if (opt.trace) {
    std::string why;
    if (!write_whole_file(vm["trace"].as<std::string>(), trace_csv(r.trace), &why))
      throw OutputError("--trace " + vm["trace"].as<std::string>() + ": it " + why);
  }
  const double period = r.period > 0 ? r.period : 1;
  for (size_t i = 0; i < r.numbers.size(); ++i) {
    std::string warn = few_calls_warning(r.stats[i], r.numbers[i]);
    if (!warn.empty()) std::cerr << "telsim: " << warn << "\n";
  }
  if (vm.count("csv")) {
    std::cout << single_run_csv(site, r, opt, sweep);
  } else {
    std::cout << "site " << site.file << ": " << r.offered << " calls, mean talk " << opt.talk << " s, patience "
              << opt.patience << " s, seed " << opt.seed << "\n";
    std::cout << "measured period " << fixed(r.period, 1) << " s (" << fixed(r.period / 3600, 2)
              << " h) to the last arrival; last call ended at " << fixed(r.end_time, 1) << " s\n\n";
    std::cout << std::left << std::setw(12) << "number" << std::right << std::setw(10) << "offered" << std::setw(10)
              << "answered" << std::setw(10) << "blocked" << std::setw(10) << "abandoned" << std::setw(10)
              << "forwarded" << std::setw(11) << "overflowed" << std::setw(11) << "blocking" << std::setw(12)
              << "95% CI +-" << std::setw(11) << "carried E" << "\n";
    for (size_t i = 0; i < r.numbers.size(); ++i) {
      const TrafficStats& s = r.stats[i];
      auto [p, ci] = blocking_ci95(s);
      std::cout << std::left << std::setw(12) << r.numbers[i] << std::right << std::setw(10) << s.offered
                << std::setw(10) << s.answered << std::setw(10) << s.blocked << std::setw(10) << s.abandoned
                << std::setw(10) << s.forwarded << std::setw(11) << s.overflowed << std::setw(11) << fixed(p, 6)
                << std::setw(12) << (std::isnan(ci) ? std::string("-") : fixed(ci, 6)) << std::setw(11)
                << fixed(s.talk_seconds / period, 3) << "\n";
    }
    uint64_t trunk_blocked = 0, offered = 0;
    for (const TrafficStats& s : r.stats) {
      trunk_blocked += s.trunk_blocked;
      offered += s.offered;
    }
    std::cout << "\ntrunk: " << (r.trunk_channels < 0 ? std::string("unlimited channels") : std::to_string(r.trunk_channels) + " channels")
              << ", " << fixed(r.trunk_busy_seconds / period, 3) << " E in use";
    if (r.trunk_channels > 0) std::cout << " (occupancy " << fixed(r.trunk_busy_seconds / period / r.trunk_channels, 4) << ")";
    std::cout << "; " << trunk_blocked << " of the " << offered << " offered calls blocked at the trunk";
    if (r.trunk_refused > trunk_blocked) std::cout << ", " << (r.trunk_refused - trunk_blocked) << " outgoing seizures refused";
    std::cout << "\n";
    std::cout << "\nwaiting (TQ-3; over the calls answered or abandoned; +- 95% CI by batch means):\n";
    std::cout << std::left << std::setw(12) << "number" << std::right << std::setw(18) << "p_wait" << std::setw(20)
              << "wait_mean s" << std::setw(18) << "service_level" << std::setw(18) << "abandoned" << std::setw(10)
              << "retries" << std::setw(11) << "offered E" << "\n";
    auto pm = [](const Figure& f, int d) { return fixed(f.value, d) + " +-" + (std::isnan(f.ci95) ? std::string("-") : fixed(f.ci95, d)); };
    for (size_t i = 0; i < r.numbers.size(); ++i) {
      const QueueKpis q = queue_kpis(r.stats[i]);
      std::cout << std::left << std::setw(12) << r.numbers[i] << std::right << std::setw(18) << pm(q.p_wait, 4)
                << std::setw(20) << pm(q.wait_mean, 2) << std::setw(18) << pm(q.service_level, 4) << std::setw(18)
                << pm(q.abandoned, 4) << std::setw(10) << r.stats[i].retries << std::setw(11)
                << fixed(r.stats[i].offered_talk_seconds / period, 3) << "\n";
    }
    std::cout << "  (service level: answered after waiting at most " << opt.service_level << " s)\n";
    std::cout << "\nformulas (TQ-4):\n";
    std::vector<FormulaFit> fits = fit_formulas(site, opt, opt.service_level);
    for (size_t i = 0; i < r.numbers.size(); ++i) {
      auto [p, ci] = blocking_ci95(r.stats[i]);
      std::cout << formula_report(r.numbers[i], fits[i], p, ci, interval_dof(1));
      std::cout << queue_formula_report(fits[i], queue_kpis(r.stats[i]), interval_dof(1));
    }
    for (const HuntOccupancy& h : r.hunts) {
      double busy = 0;
      for (double b : h.busy_seconds) busy += b;
      size_t n = h.members.size();
      std::cout << "\nhunt group " << h.pilot << " (" << h.algorithm << ", " << n << " members): " << h.calls
                << " calls reached it, " << h.overflowed << " overflowed, " << h.blocked << " blocked; occupancy "
                << fixed(n ? busy / period / n : 0, 4) << " (" << fixed(busy / period, 3) << " E carried by members)\n";
      if (h.has_queue)
        std::cout << "  queue: " << h.queued << " calls waited (" << h.served << " handed to a member, " << h.queue_abandoned
                  << " hung up waiting, " << h.max_wait << " at max-wait), " << h.queue_full
                  << " found it full; at most " << h.longest_queue << " waiting at once\n";
      std::cout << "  member occupancy:";
      for (size_t i = 0; i < n; ++i) {
        if (i % 6 == 0) std::cout << "\n   ";
        std::cout << " " << std::left << std::setw(8) << h.members[i] << std::right << fixed(h.busy_seconds[i] / period, 4);
      }
      std::cout << "\n";
    }
  }
  if (opt.interval > 0) {
    // After the CSV's rows a blank line and the interval table; in the report, a section.
    if (vm.count("csv")) std::cout << "\n";
    else std::cout << "\nper interval of " << opt.interval << " s:\n";
    print_intervals(r, std::cout);
    if (r.intervals.size() >= kMaxIntervals)
      std::cerr << "telsim: warning: --interval " << opt.interval << " gave more than " << kMaxIntervals
                << " rows: the rest are left out\n";
  }
  if (!r.failure.empty()) {
    std::cerr << site.file << ":1: run failed: " << r.failure << "\n";
    return 1;
  }
  if (r.stopped_by) {
    std::cout.flush();
    std::cerr << "telsim: traffic interrupted after " << r.offered << " of " << opt.calls
              << " calls: the KPIs above are those of the calls offered so far\n";
    return 128 + r.stopped_by;
  }
  return 0;
}

int cmd_size(const std::vector<std::string>& args) {
  po::options_description opts(
      "telsim size SITE.csv --offer NUMBER=BHCA --target blocking=P --vary GROUP|trunk --calls N --talk S\n\n"
      "Finds the smallest number of members of hunt group GROUP (or of trunk channels) with which the offered\n"
      "calls meet the target through the site's real features (overflow, no-answer skips, ring time), by\n"
      "simulation: each size is a traffic study of --replications runs (the same seeds at every size),\n"
      "sizes bracketed around the formula's answer and bisected. Prints the sizes tried, the answer, the\n"
      "formula's answer beside it, and what makes them differ. Members added to a group copy its last member.\nOptions");
  opts.add_options()
      ("help,h", "describe this command")
      ("offer", po::value<std::vector<std::string>>(), "NUMBER=BHCA: offered calls per hour (repeatable: the target is the first's)")
      ("target", po::value<std::string>(), "blocking=P: at most P of the calls blocked; service-level=P: at least P answered within --service-level")
      ("vary", po::value<std::string>(), "GROUP (a hunt pilot number) or trunk")
      ("calls", po::value<std::string>(), "calls per run, 1 to 1000000000")
      ("talk", po::value<std::string>(), "mean talk time after answer, seconds")
      ("seed", po::value<std::string>()->default_value("1"), "random seed")
      ("patience", po::value<std::string>()->default_value("60"), "seconds a caller waits for an answer (0: for ever)")
      ("patience-dist", po::value<std::string>()->default_value("fixed"), "fixed or exp (exponential of mean --patience)")
      ("retry", po::value<std::string>()->default_value("0"), "P: a blocked or abandoned caller tries again with probability P")
      ("retry-after", po::value<std::string>()->default_value("60"), "mean seconds before a retry")
      ("service-level", po::value<std::string>()->default_value("20"),
       "seconds: the wait within which an answered call counts for the service level")
      ("replications", po::value<std::string>()->default_value("4"), "runs per size")
      ("jobs,j", po::value<std::string>()->default_value("1"), "runs at once, each in its own process")
      ("max-size", po::value<std::string>()->default_value("5000"), "give up above this size, at most 100000")
      ("no-progress", "no progress bar on stderr");
  po::options_description hidden;
  hidden.add_options()("site", po::value<std::string>(), "");
  po::positional_options_description pos;
  pos.add("site", 1);
  auto vm = parse(args, opts, hidden, pos);
  if (vm.count("help")) {
    std::cout << opts << "\nExit status: 0 a size was found, 1 none up to --max-size or a run failed, 2 bad input or usage.\n";
    return 0;
  }
  for (const char* need : {"site", "offer", "target", "vary", "calls", "talk"})
    if (!vm.count(need)) throw UsageError(std::string("size: give --") + need);
  TrafficOptions opt;
  OfferSweep sweep;
  SizeOptions so;
  try {
    sweep = parse_offer_sweep(vm["offer"].as<std::vector<std::string>>());
    so.target = parse_size_target(vm["target"].as<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("size: ") + e.what());
  }
  if (sweep.points() != 1) throw UsageError("size: one BHCA per --offer (no sweep)");
  for (size_t n = 0; n < sweep.numbers.size(); ++n) opt.offers.emplace_back(sweep.numbers[n], sweep.bhca[0][n]);
  // The same ranges as traffic's (a size study is traffic studies): `-5` calls would wrap to 2^64.
  opt.calls = count_option(vm, "size", "calls", 1, kMaxTrafficCalls);
  opt.talk = seconds_option(vm, "size", "talk", 1e-9, 1e6);
  opt.seed = count_option(vm, "size", "seed", 0, UINT64_MAX);
  opt.patience = seconds_option(vm, "size", "patience", 0, 1e6);
  traffic_caller_options(vm, "size", opt);
  StudyOptions study;
  study.replications = static_cast<int>(count_option(vm, "size", "replications", 1, kMaxReplications));
  study.jobs = static_cast<int>(count_option(vm, "size", "jobs", 1, kMaxJobs));
  so.vary = vm["vary"].as<std::string>();
  so.max_size = static_cast<int>(count_option(vm, "size", "max-size", 1, 100000));
  DiskFiles disk;
  Scenario site = load_scenario(vm["site"].as<std::string>(), disk, default_profile_dir());
  check_offered_numbers(site, sweep.numbers);
  resized_site(site, so.vary, 1);  // a bad --vary is bad input before anything runs
  SizeAnswer a = find_size(site, opt, sweep, study, so);
  std::cout << size_report(a, so);
  for (const std::string& f : a.failures) std::cerr << site.file << ": run failed: " << f << "\n";
  return a.failures.empty() && a.size > 0 ? 0 : 1;
}

int cmd_merge(const std::vector<std::string>& args) {
  po::options_description opts(
      "telsim merge FILE...\n\n"
      "Combines the shares that `telsim traffic --shard K/N --csv` printed on N machines into the CSV one\n"
      "unsharded run of the same study prints (counts summed, figures averaged over replications with\n"
      "Student's t intervals). Every share of the study must be given, each once, in any order.\nOptions");
  opts.add_options()("help,h", "describe this command");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::vector<std::string>>(), "");
  po::positional_options_description pos;
  pos.add("file", -1);
  auto vm = parse(args, opts, hidden, pos);
  if (vm.count("help")) {
    std::cout << opts << "\nExit status: 0 merged, 2 bad input (FILE:LINE: message) or usage.\n";
    return 0;
  }
  if (!vm.count("file")) throw UsageError("merge: name the share files");
  std::vector<CsvText> shares;
  for (const std::string& f : vm["file"].as<std::vector<std::string>>()) {
    std::ifstream in(f, std::ios::binary);
    if (!in) throw InputError(f, 0, "cannot read the file");
    std::stringstream text;
    text << in.rdbuf();
    shares.push_back(CsvText{f, text.str()});
  }
  std::cout << merge_traffic_shares(shares);
  return 0;
}

int cmd_explore(const std::vector<std::string>& args) {
  po::options_description opts(
      "telsim explore SITE.csv [options]\n\n"
      "Runs random scenarios (calls, answers, hang-ups, holds, transfers, forwards, pickups, handoffs,\n"
      "feature codes, at random times, sensible or not) against a site file of setup rows, each in its\n"
      "own process, with every engine invariant checked after every event. A broken invariant, crash\n"
      "or hang is shrunk to the fewest steps that still show it and written out as a scenario file.\n"
      "Deterministic by seed.\nOptions");
  opts.add_options()
      ("help,h", "describe this command")
      ("seed", po::value<std::string>()->default_value("1"), "random seed: the same seed gives the same runs")
      ("runs", po::value<std::string>()->default_value("100"), "random scenarios to run (0 to 1000000)")
      ("steps", po::value<std::string>()->default_value("20"), "random steps per scenario, 0 to 10000 (tear-down steps come after)")
      ("out,o", po::value<std::string>()->default_value("explore-out"), "directory for the shrunk scenarios")
      ("jobs,j", po::value<std::string>()->default_value("1"), "runs at once, each in its own process (1 to 256)")
      ("timeout", po::value<std::string>()->default_value("20"), "wall seconds one run may take before it is a hang")
      ("shrink-budget", po::value<std::string>()->default_value("400"), "runs the shrinker may spend on one finding (0 to 1000000)")
      ("root", po::value<std::string>(), kRootHelp)
      ("network", po::value<std::string>(), "ideal|lan|wan: override the site's network")
      ("keep-all", "also write every generated scenario to --out (run_N.csv), failing or not")
      ("checks", po::value<std::string>(), "invariant checks of each run: full (default here: explore hunts broken states), cheap or off");
  po::options_description hidden;
  hidden.add_options()("site", po::value<std::string>(), "");
  po::positional_options_description pos;
  pos.add("site", 1);
  auto vm = parse(args, opts, hidden, pos);
  if (vm.count("help")) {
    std::cout << opts << "\nExit status: 0 nothing found, 1 findings (written to --out), 2 bad input or usage.\n";
    return 0;
  }
  if (!vm.count("site")) throw UsageError("explore: name a site file");
  checks_level() = Engine::Checks::full;  // every invariant after every event, unless --checks says less
  apply_checks(vm, "explore");
  ExploreOptions o;
  o.site = vm["site"].as<std::string>();
  o.seed = count_option(vm, "explore", "seed", 0, UINT64_MAX);
  o.runs = static_cast<int>(count_option(vm, "explore", "runs", 0, 1000000));
  o.steps = static_cast<int>(count_option(vm, "explore", "steps", 0, 10000));
  o.out_dir = vm["out"].as<std::string>();
  o.jobs = static_cast<int>(count_option(vm, "explore", "jobs", 1, kMaxJobs));
  o.timeout = seconds_option(vm, "explore", "timeout", 1e-9, kMaxWallSeconds);
  o.shrink_budget = static_cast<int>(count_option(vm, "explore", "shrink-budget", 0, 1000000));
  o.load = load_options(vm, "explore");
  check_output_dir("--out", o.out_dir);
  o.keep_all = vm.count("keep-all") > 0;
  if (vm.count("network")) {
    o.network = vm["network"].as<std::string>();
    if (o.network != "ideal" && o.network != "lan" && o.network != "wan")
      throw UsageError("explore: --network must be ideal, lan or wan");
  }
  auto start = std::chrono::steady_clock::now();
  ExploreSummary s = explore(o, [](const std::string& line) { std::cerr << line << "\n"; });
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "explored " << o.site << " seed " << o.seed << ": " << s.runs << " runs, " << s.steps_run
            << " steps, " << s.failed_runs << " failed runs, " << s.findings.size() << " findings, "
            << s.shrink_runs << " shrink runs, " << fixed(secs, 1) << " s\n";
  for (const ExploreFinding& f : s.findings)  // SPEC FI-3: one line per interaction found
    if (f.signature.rfind("interaction ", 0) == 0) std::cout << f.message << " (x" << f.count << ")\n";
  for (const ExploreFinding& f : s.findings)
    std::cout << "  " << f.signature << " x" << f.count << ": " << f.file << " (" << f.steps.size() << " of "
              << f.original_steps << " steps)\n    " << f.message << "\n";
  return s.findings.empty() ? 0 : 1;
}

// Output that never reached stdout (`> /dev/full`, a closed pipe) is lost output: exit 2.
int finish(int status) {
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::cerr << "telsim: cannot write the standard output (disk full or closed?): the results are lost\n";
    return 2;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty()) {
      std::cerr << kUsage;
      return 2;
    }
    const std::string command = args.front();
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "--version") {
      std::cout << "telsim " << TELSIM_VERSION << "\n";
      return finish(0);
    }
    int (*run)(const std::vector<std::string>&) = command == "run"       ? cmd_run
                                                  : command == "trace"   ? cmd_trace
                                                  : command == "explore" ? cmd_explore
                                                  : command == "diagram" ? cmd_diagram
                                                  : command == "traffic" ? cmd_traffic
                                                  : command == "merge"   ? cmd_merge
                                                  : command == "size"    ? cmd_size
                                                                         : nullptr;
    if (!run) throw UsageError("unknown command '" + command + "'");
    bool wants_help = std::find_if(rest.begin(), rest.end(), [](const std::string& a) {
                        return a == "--help" || a == "-h";
                      }) != rest.end();
    if (!wants_help) {
      // SimGrid aborts on a setting it refuses: ask it first, in a child, and refuse here.
      std::string refused = check_simgrid_settings();
      if (!refused.empty()) {
        std::cerr << "telsim: " << refused << "\n";
        return 2;
      }
    }
    return finish(run(rest));
  } catch (const InputError& e) {
    for (const std::string& line : e.all) std::cerr << line << "\n";
    return 2;
  } catch (const OutputError& e) {
    std::cerr << "telsim: " << e.what() << "\n";
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "telsim: " << e.what() << "\n" << (command_usage.empty() ? kUsage : command_usage);
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "telsim: " << e.what() << "\n";
    return 2;
  }
}
