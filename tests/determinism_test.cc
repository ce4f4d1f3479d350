// Determinism (SPEC 2: same input and seed give the same bytes): every bundled scenario's trace,
// a scenario on a network with signalling delays, and `telsim explore` by seed, each run twice
// through the telsim binary.
#include <gtest/gtest.h>

#include "tests/scratch_fixture.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

namespace fs = std::filesystem;

namespace telsim {
namespace {

using telsim_test::run;

const std::string kBinary = TELSIM_BINARY;
const fs::path kSource = TELSIM_SOURCE_DIR;

TEST(Determinism, EveryBundledScenarioTracesTheSameBytesTwice) {
  int checked = 0;
  for (const auto& e : fs::recursive_directory_iterator(kSource / "scenarios")) {
    std::string f = e.path().string();
    if (!e.is_regular_file() || f.size() < 4 || f.substr(f.size() - 4) != ".csv" ||
        f.find(".trace.csv") != std::string::npos || f.find("/sites/") != std::string::npos)
      continue;
    auto a = run(kBinary + " trace --root '" + kSource.string() + "' '" + f + "' 2>/dev/null");
    auto b = run(kBinary + " trace --root '" + kSource.string() + "' '" + f + "' 2>/dev/null");
    EXPECT_EQ(a.second, b.second) << f;
    EXPECT_EQ(a.first, b.first) << f;
    if (a.second == 0) ++checked;
  }
  EXPECT_GT(checked, 5);
}

TEST(Determinism, DelayedNetworkTracesTheSameBytesTwice) {
  fs::path dir = fs::temp_directory_path() / ("telsim_det_" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path f = dir / "wan.csv";
  std::ofstream(f) << "at,party,action,argument\n"
                   << ",site,include," << (kSource / "scenarios/sites/mitel.csv").string() << "\n"
                   << ",site,network,wan\n"
                   << "0,5550100,call,2001\n0,2003,call,2002\n1,2001,answer,\n1.5,2002,answer,\n"
                   << "2,2004,call,0611000002\n4,2001,hangup,\n9,2002,hangup,\n20,2004,hangup,\n";
  // The include names the source tree: it is the root this scenario may read from.
  const std::string root = " --root '" + kSource.string() + "'";
  auto a = run(kBinary + " trace" + root + " '" + f.string() + "'");
  auto b = run(kBinary + " trace" + root + " '" + f.string() + "'");
  EXPECT_EQ(a.second, 0) << a.first;
  EXPECT_EQ(a.first, b.first);
  EXPECT_NE(a.first.find("connected"), std::string::npos) << a.first;
  fs::remove_all(dir);
}

TEST(Determinism, ExploreBySeedRunsTheSameScenarios) {
  fs::path dir = fs::temp_directory_path() / ("telsim_explore_" + std::to_string(getpid()));
  std::string site = (kSource / "scenarios/sites/telecube.csv").string();
  auto once = [&](int seed) {
    auto r = run(kBinary + " explore '" + site + "' --runs 40 --steps 15 --seed " + std::to_string(seed) +
                 " --out '" + dir.string() + "' 2>/dev/null");
    // The wall time differs from run to run; nothing else may.
    return std::pair{std::regex_replace(r.first, std::regex(", [0-9.]+ s\n"), " s\n"), r.second};
  };
  auto a = once(11), b = once(11);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.second, 0) << a.first;  // the engine breaks nothing on the sample site
  EXPECT_NE(a.first.find("40 runs"), std::string::npos) << a.first;
  fs::remove_all(dir);
}

TEST(Determinism, TrafficKpisAreTheSameBytesBySeed) {
  std::string site = (kSource / "scenarios/sites/generic.csv").string();
  auto once = [&](int seed) {
    return run(kBinary + " traffic '" + site + "' --offer 6000=400 --offer 2003=60 --calls 3000 --talk 90 --seed " +
               std::to_string(seed) + " --csv 2>/dev/null");
  };
  auto a = once(5), b = once(5), c = once(6);
  EXPECT_EQ(a.second, 0) << a.first;
  EXPECT_EQ(a.first, b.first);
  EXPECT_NE(a.first, c.first);  // the seed matters: the comparison above is not vacuous
  EXPECT_NE(a.first.find("6000,"), std::string::npos) << a.first;
}

}  // namespace
}  // namespace telsim
