// telsim: the command line (SPEC 3). Our options are parsed with Boost.Program_options before
// SimGrid ever sees an argument, so `--help` and `--version` are ours.
#include <boost/program_options.hpp>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "reports/trace_csv.h"
#include "sim/file_source.h"
#include "sim/scenario_loader.h"
#include "sim/scenario_run.h"
#include "tools/suite.h"

namespace po = boost::program_options;
using namespace telsim;

namespace {

constexpr const char* kUsage =
    "usage: telsim COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run PATH...      run scenario files and directories, check their expectations\n"
    "  trace FILE       print a scenario's trace as CSV\n"
    "\n"
    "`telsim COMMAND --help` describes each command; `telsim --version` prints the version.\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& visible,
                        const po::options_description& hidden, const po::positional_options_description& pos) {
  po::options_description all;
  all.add(visible).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
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

int cmd_run(const std::vector<std::string>& args) {
  po::options_description opts("telsim run PATH... [options]\n\nRuns scenario files and every runnable *.csv below directories.\nOptions");
  opts.add_options()
      ("help,h", "describe this command")
      ("jobs,j", po::value<int>()->default_value(1), "scenarios run at once, each in its own process")
      ("filter", po::value<std::string>(), "run only scenarios whose path or title contains TEXT")
      ("trace-dir", po::value<std::string>(), "write each scenario's actual trace to DIR")
      ("bless", "rewrite golden NAME.trace.csv files from the actual runs (and create them for files named explicitly)")
      ("timeout", po::value<double>()->default_value(600), "wall seconds one scenario may take before it fails");
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
    named.push_back(std::find(paths.begin(), paths.end(), f) != paths.end());
    scenarios.push_back(std::move(s));
  }
  int passed = 0, failed = 0;
  run_suite(scenarios, named, options, [&](const ScenarioOutcome& o) {
    (o.passed ? passed : failed)++;
    std::cout << (o.passed ? "PASS " : "FAIL ") << o.path << "  " << o.title << "  (" << fixed(o.seconds, 2)
              << " s)\n";
    for (const std::string& f : o.failures) std::cout << "     " << f << "\n";
    std::cout.flush();
  });
  std::cout << passed << " passed, " << failed << " failed\n";
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
    throw UsageError("unknown command '" + command + "'");
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "telsim: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "telsim: " << e.what() << "\n";
    return 2;
  }
}
