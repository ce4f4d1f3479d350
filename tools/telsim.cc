// telsim: the command line (SPEC 3). Our options are parsed with Boost.Program_options before
// SimGrid ever sees an argument, so `--help` and `--version` are ours.
#include <boost/program_options.hpp>

#include <unistd.h>

#include <algorithm>
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

#include "reports/diagram.h"
#include "reports/html.h"
#include "reports/junit.h"
#include "reports/trace_csv.h"
#include "sim/did_you_mean.h"
#include "sim/file_source.h"
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

// "K/N" with 1 <= K <= N.
std::pair<size_t, size_t> parse_shard(const std::string& text) {
  auto slash = text.find('/');
  auto digits = [](const std::string& s) {
    return !s.empty() && s.size() < 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::string k = slash == std::string::npos ? "" : text.substr(0, slash);
  std::string n = slash == std::string::npos ? "" : text.substr(slash + 1);
  if (!digits(k) || !digits(n) || std::stoul(n) < 1 || std::stoul(k) < 1 || std::stoul(k) > std::stoul(n))
    throw UsageError("--shard wants K/N with 1 <= K <= N, got '" + text + "'");
  return {std::stoul(k), std::stoul(n)};
}

// scenarios/basic/busy.csv -> scenarios_basic_busy.svg
std::string diagram_file_name(std::string path) {
  while (path.rfind("../", 0) == 0) path = path.substr(3);
  while (!path.empty() && path[0] == '/') path = path.substr(1);
  if (path.rfind("./", 0) == 0) path = path.substr(2);
  std::replace(path.begin(), path.end(), '/', '_');
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0) path.resize(path.size() - 4);
  return path + ".svg";
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) std::cerr << "telsim: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

int cmd_run(const std::vector<std::string>& args) {
  po::options_description opts("telsim run PATH... [options]\n\nRuns scenario files and every runnable *.csv below directories.\nOptions");
  opts.add_options()
      ("help,h", "describe this command")
      ("jobs,j", po::value<int>()->default_value(1), "scenarios run at once, each in its own process")
      ("filter", po::value<std::string>(), "run only scenarios whose path or title contains TEXT")
      ("tag", po::value<std::vector<std::string>>(), "run only scenarios with this word in '# tags:' or this rule id in '# rule:' (repeatable)")
      ("quiet,q", "print only the failures and the summary")
      ("trace-dir", po::value<std::string>(), "write each scenario's actual trace to DIR")
      ("bless", "rewrite golden NAME.trace.csv files from the actual runs (and create them for files named explicitly)")
      ("timeout", po::value<double>()->default_value(600), "wall seconds one scenario may take before it fails")
      ("shard", po::value<std::string>(), "K/N: run only the K-th (1..N) of N deterministic slices of the sorted scenarios")
      ("junit", po::value<std::string>(), "write a JUnit XML report to FILE")
      ("html", po::value<std::string>(), "write a self-contained HTML report (diagrams inline) to FILE")
      ("diagram-dir", po::value<std::string>(), "write a call-flow diagram (SVG) per scenario to DIR")
      ("diagram-mermaid", "with --diagram-dir: also a Mermaid diagram (.mmd) beside each SVG")
      ("diagram-failed-only", "with --diagram-dir and --html: diagrams for failed scenarios only");
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>(), "");
  po::positional_options_description pos;
  pos.add("path", -1);
  auto vm = parse(args, opts, hidden, pos);
  if (vm.count("help")) {
    std::cout << opts << "\nOne line per scenario (PASS/FAIL, title, time); the last line is 'N passed, N failed'.\n"
                         "Exit status: 0 all passed, 1 a scenario failed, 2 bad input or usage.\n";
    return 0;
  }
  if (!vm.count("path")) throw UsageError("run: name at least one scenario file or directory");
  SuiteOptions options;
  options.jobs = vm["jobs"].as<int>();
  if (options.jobs < 1) throw UsageError("run: --jobs must be at least 1");
  options.bless = vm.count("bless") > 0;
  options.timeout = vm["timeout"].as<double>();
  if (vm.count("trace-dir")) options.trace_dir = vm["trace-dir"].as<std::string>();
  std::string filter = vm.count("filter") ? vm["filter"].as<std::string>() : "";
  std::vector<std::string> tags = vm.count("tag") ? vm["tag"].as<std::vector<std::string>>() : std::vector<std::string>();
  TerminalStyle style;
  style.colour = colour_wanted(isatty(1), std::getenv("NO_COLOR"));
  style.quiet = vm.count("quiet") > 0;
  const auto started = std::chrono::steady_clock::now();
  const std::time_t started_at = std::time(nullptr);

  DiskFiles disk;
  auto paths = vm["path"].as<std::vector<std::string>>();
  std::vector<std::string> files = collect_scenarios(paths, disk);
  std::vector<Scenario> scenarios;
  std::vector<bool> named;
  std::string profiles = default_profile_dir();
  for (const std::string& f : files) {
    Scenario s = load_scenario(f, disk, profiles);  // bad input stops everything before any run
    if (!filter.empty() && f.find(filter) == std::string::npos && s.title.find(filter) == std::string::npos)
      continue;
    if (!tag_selected(tags, s.tags, s.rules)) continue;
    named.push_back(std::find(paths.begin(), paths.end(), f) != paths.end());
    scenarios.push_back(std::move(s));
  }
  if (vm.count("shard")) {
    auto [k, n] = parse_shard(vm["shard"].as<std::string>());
    std::vector<Scenario> mine;
    std::vector<bool> mine_named;
    for (size_t i = 0; i < scenarios.size(); ++i)
      if (i % n == k - 1) {
        mine.push_back(std::move(scenarios[i]));
        mine_named.push_back(named[i]);
      }
    scenarios = std::move(mine);
    named = std::move(mine_named);
  }
  int passed = 0, failed = 0;
  std::vector<ScenarioOutcome> outcomes = run_suite(scenarios, named, options, [&](const ScenarioOutcome& o) {
    (o.passed ? passed : failed)++;
    std::cout << outcome_lines(o, style);
    std::cout.flush();
  });
  std::cout << failure_recap(outcomes, style) << summary_line(passed, failed, style);
  std::map<std::string, const Scenario*> by_path;
  for (const Scenario& s : scenarios) by_path[s.file] = &s;
  bool failed_only = vm.count("diagram-failed-only") > 0;
  bool write_error = false;
  if (vm.count("diagram-dir")) {
    std::string dir = vm["diagram-dir"].as<std::string>();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (const ScenarioOutcome& o : outcomes) {
      if (o.passed && failed_only) continue;
      std::string out = (std::filesystem::path(dir) / diagram_file_name(o.path)).string();
      try {
        auto s = by_path.find(o.path);
        DiagramInput in = diagram_input(o, s == by_path.end() ? nullptr : s->second);
        write_diagram(in, out);
        if (vm.count("diagram-mermaid")) write_diagram(in, out.substr(0, out.size() - 4) + ".mmd");
      } catch (const std::exception& e) {
        std::cerr << "telsim: " << e.what() << "\n";
        write_error = true;
      }
    }
  }
  if (vm.count("junit")) write_error |= !write_file(vm["junit"].as<std::string>(), junit_xml(outcomes));
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
    write_error |= !write_file(vm["html"].as<std::string>(), html_report(outcomes, html));
  }
  if (write_error) return 2;
  return failed > 0 ? 1 : 0;
}

int cmd_trace(const std::vector<std::string>& args) {
  po::options_description opts("telsim trace FILE\n\nPrints the scenario's actual trace as CSV (time,call,party,event,detail).\nOptions");
  opts.add_options()("help,h", "describe this command");
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
  DiskFiles disk;
  Scenario s = load_scenario(vm["file"].as<std::string>(), disk, default_profile_dir());
  RunResult r = run_scenario(s);
  write_trace_csv(std::cout, r.trace);
  if (!r.failure.empty()) {
    std::cerr << s.file << ": run failed: " << r.failure << "\n";
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
  opts.add_options()("help,h", "describe this command")("output,o", po::value<std::string>(), "OUT.svg, OUT.png or OUT.dot");
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
  if (!vm.count("output")) throw UsageError("diagram: give -o OUT.svg, OUT.png or OUT.dot");
  std::string out = vm["output"].as<std::string>();
  std::string ext = std::filesystem::path(out).extension().string();
  if (ext != ".svg" && ext != ".png" && ext != ".dot" && ext != ".mmd")
    throw UsageError("diagram: the output must end in .svg, .png, .dot or .mmd, got '" + out + "'");
  DiskFiles disk;
  Scenario s = load_scenario(vm["file"].as<std::string>(), disk, default_profile_dir());
  SuiteOptions options;
  ScenarioOutcome o = evaluate(s, options, false);
  write_diagram(diagram_input(o, &s), out);
  std::cout << (o.passed ? "PASS " : "FAIL ") << o.path << "  " << o.title << " -> " << out << "\n";
  return 0;
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
      ("calls", po::value<uint64_t>(), "total calls to offer (over all numbers)")
      ("talk", po::value<double>(), "mean talk time after answer, seconds")
      ("seed", po::value<uint64_t>()->default_value(1), "random seed (same seed, same result)")
      ("patience", po::value<double>()->default_value(60),
       "seconds a caller waits for an answer before hanging up (abandoned); 0: waits for ever")
      ("csv", "print one header line and one row per offered number instead of the report")
      ("sources", po::value<uint32_t>()->default_value(0),
       "N finite callers per offered number (Engset); BHCA is then one idle caller's calls per hour; 0: Poisson")
      ("replications", po::value<int>()->default_value(1),
       "independent runs (seeds derived from --seed); figures are means with Student's t intervals over them")
      ("jobs,j", po::value<int>()->default_value(1), "runs at once, each in its own process")
      ("shard", po::value<std::string>(),
       "K/N: only the K-th of N shares of the runs (points x replications); prints share rows for `telsim merge`")
      ("trace", po::value<std::string>(), "write the per-call trace CSV to FILE (memory grows with --calls)")
      ("no-progress", "no progress bar on stderr (drawn when stderr is a terminal and the run takes over a second)");
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
                 "--csv columns: number,offered,answered,blocked,abandoned,forwarded,overflowed,blocking,\n"
                 "blocking_ci95,carried_erlangs\n";
    return 0;
  }
  if (!vm.count("site")) throw UsageError("traffic: name a site file");
  if (!vm.count("offer")) throw UsageError("traffic: give at least one --offer NUMBER=BHCA");
  if (!vm.count("calls")) throw UsageError("traffic: give --calls N");
  if (!vm.count("talk")) throw UsageError("traffic: give --talk SECONDS");
  TrafficOptions opt;
  OfferSweep sweep;
  try {
    sweep = parse_offer_sweep(vm["offer"].as<std::vector<std::string>>());
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("traffic: ") + e.what());
  }
  for (size_t n = 0; n < sweep.numbers.size(); ++n) opt.offers.emplace_back(sweep.numbers[n], sweep.bhca[0][n]);
  StudyOptions study;
  study.replications = vm["replications"].as<int>();
  study.jobs = vm["jobs"].as<int>();
  if (study.replications < 1 || study.jobs < 1) throw UsageError("traffic: --replications and --jobs must be at least 1");
  if (vm.count("shard")) std::tie(study.shard, study.shards) = parse_shard(vm["shard"].as<std::string>());
  opt.calls = vm["calls"].as<uint64_t>();
  opt.talk = vm["talk"].as<double>();
  opt.seed = vm["seed"].as<uint64_t>();
  opt.patience = vm["patience"].as<double>();
  opt.sources = vm["sources"].as<uint32_t>();
  if (!(opt.talk > 0) || !std::isfinite(opt.talk)) throw UsageError("traffic: --talk must be a positive number of seconds");
  if (!(opt.patience >= 0) || !std::isfinite(opt.patience)) throw UsageError("traffic: --patience must be >= 0");
  opt.progress = !vm.count("no-progress") && isatty(2);
  opt.trace = vm.count("trace") > 0;
  DiskFiles disk;
  Scenario site = load_scenario(vm["site"].as<std::string>(), disk, default_profile_dir());
  if (is_study(sweep, study)) {
    if (opt.trace) throw UsageError("traffic: --trace keeps one run's trace: not with a sweep, --replications, --jobs or --shard");
    study.progress = opt.progress;
    return print_traffic_study(site, opt, sweep, study, vm.count("csv") > 0);
  }
  TrafficResult r = run_traffic(site, opt);
  if (opt.trace) {
    std::ofstream out(vm["trace"].as<std::string>());
    if (!out) throw UsageError("traffic: cannot write " + vm["trace"].as<std::string>());
    write_trace_csv(out, r.trace);
  }
  const double period = r.period > 0 ? r.period : 1;
  if (vm.count("csv")) {
    std::cout << single_run_csv(site, r, opt, sweep);
  } else {
    std::cout << "site " << site.file << ": " << opt.calls << " calls, mean talk " << opt.talk << " s, patience "
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
    std::cout << "\nformulas (TQ-4):\n";
    std::vector<FormulaFit> fits = fit_formulas(site, opt, 20);
    for (size_t i = 0; i < r.numbers.size(); ++i) {
      auto [p, ci] = blocking_ci95(r.stats[i]);
      std::cout << formula_report(r.numbers[i], fits[i], p, ci, interval_dof(1));
    }
    for (const HuntOccupancy& h : r.hunts) {
      double busy = 0;
      for (double b : h.busy_seconds) busy += b;
      size_t n = h.members.size();
      std::cout << "\nhunt group " << h.pilot << " (" << h.algorithm << ", " << n << " members): " << h.calls
                << " calls reached it, " << h.overflowed << " overflowed, " << h.blocked << " blocked; occupancy "
                << fixed(n ? busy / period / n : 0, 4) << " (" << fixed(busy / period, 3) << " E carried by members)\n";
      std::cout << "  member occupancy:";
      for (size_t i = 0; i < n; ++i) {
        if (i % 6 == 0) std::cout << "\n   ";
        std::cout << " " << std::left << std::setw(8) << h.members[i] << std::right << fixed(h.busy_seconds[i] / period, 4);
      }
      std::cout << "\n";
    }
  }
  if (!r.failure.empty()) {
    std::cerr << site.file << ": run failed: " << r.failure << "\n";
    return 1;
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
      ("target", po::value<std::string>(), "blocking=P: at most P of the calls blocked")
      ("vary", po::value<std::string>(), "GROUP (a hunt pilot number) or trunk")
      ("calls", po::value<uint64_t>(), "calls per run")
      ("talk", po::value<double>(), "mean talk time after answer, seconds")
      ("seed", po::value<uint64_t>()->default_value(1), "random seed")
      ("patience", po::value<double>()->default_value(60), "seconds a caller waits for an answer (0: for ever)")
      ("replications", po::value<int>()->default_value(4), "runs per size")
      ("jobs,j", po::value<int>()->default_value(1), "runs at once, each in its own process")
      ("max-size", po::value<int>()->default_value(5000), "give up above this size")
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
  opt.calls = vm["calls"].as<uint64_t>();
  opt.talk = vm["talk"].as<double>();
  opt.seed = vm["seed"].as<uint64_t>();
  opt.patience = vm["patience"].as<double>();
  if (!(opt.talk > 0) || !std::isfinite(opt.talk)) throw UsageError("size: --talk must be a positive number of seconds");
  if (!(opt.patience >= 0) || !std::isfinite(opt.patience)) throw UsageError("size: --patience must be >= 0");
  StudyOptions study;
  study.replications = vm["replications"].as<int>();
  study.jobs = vm["jobs"].as<int>();
  so.vary = vm["vary"].as<std::string>();
  so.max_size = vm["max-size"].as<int>();
  if (study.replications < 1 || study.jobs < 1 || so.max_size < 1)
    throw UsageError("size: --replications, --jobs and --max-size must be at least 1");
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
      ("seed", po::value<uint64_t>()->default_value(1), "random seed: the same seed gives the same runs")
      ("runs", po::value<int>()->default_value(100), "random scenarios to run")
      ("steps", po::value<int>()->default_value(20), "random steps per scenario (tear-down steps come after)")
      ("out,o", po::value<std::string>()->default_value("explore-out"), "directory for the shrunk scenarios")
      ("jobs,j", po::value<int>()->default_value(1), "runs at once, each in its own process")
      ("timeout", po::value<double>()->default_value(20), "wall seconds one run may take before it is a hang")
      ("shrink-budget", po::value<int>()->default_value(400), "runs the shrinker may spend on one finding")
      ("network", po::value<std::string>(), "ideal|lan|wan: override the site's network")
      ("keep-all", "also write every generated scenario to --out (run_N.csv), failing or not");
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
  ExploreOptions o;
  o.site = vm["site"].as<std::string>();
  o.seed = vm["seed"].as<uint64_t>();
  o.runs = vm["runs"].as<int>();
  o.steps = vm["steps"].as<int>();
  o.out_dir = vm["out"].as<std::string>();
  o.jobs = vm["jobs"].as<int>();
  o.timeout = vm["timeout"].as<double>();
  o.shrink_budget = vm["shrink-budget"].as<int>();
  o.keep_all = vm.count("keep-all") > 0;
  if (vm.count("network")) {
    o.network = vm["network"].as<std::string>();
    if (o.network != "ideal" && o.network != "lan" && o.network != "wan")
      throw UsageError("explore: --network must be ideal, lan or wan");
  }
  if (o.runs < 0 || o.steps < 0 || o.jobs < 1) throw UsageError("explore: --runs and --steps must be >= 0, --jobs >= 1");
  auto start = std::chrono::steady_clock::now();
  ExploreSummary s = explore(o, [](const std::string& line) { std::cerr << line << "\n"; });
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "explored " << o.site << " seed " << o.seed << ": " << s.runs << " runs, " << s.steps_run
            << " steps, " << s.failed_runs << " failed runs, " << s.findings.size() << " findings, "
            << s.shrink_runs << " shrink runs, " << fixed(secs, 1) << " s\n";
  for (const ExploreFinding& f : s.findings)
    std::cout << "  " << f.signature << " x" << f.count << ": " << f.file << " (" << f.steps.size() << " of "
              << f.original_steps << " steps)\n    " << f.message << "\n";
  return s.findings.empty() ? 0 : 1;
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
      return 0;
    }
    if (command == "run") return cmd_run(rest);
    if (command == "trace") return cmd_trace(rest);
    if (command == "explore") return cmd_explore(rest);
    if (command == "diagram") return cmd_diagram(rest);
    if (command == "traffic") return cmd_traffic(rest);
    if (command == "merge") return cmd_merge(rest);
    if (command == "size") return cmd_size(rest);
    throw UsageError("unknown command '" + command + "'");
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "telsim: " << e.what() << "\n" << (command_usage.empty() ? kUsage : command_usage);
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "telsim: " << e.what() << "\n";
    return 2;
  }
}
