// Replays what fuzzing found (tests/fuzz_regressions/{loader,engine}/, one input per file, kept
// after the fix) through the fuzz targets' own bodies, and every bundled scenario file through
// the loader target: each must be handled properly ("" from the harness).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz/harness.h"

namespace fs = std::filesystem;

namespace telsim {
namespace {

std::vector<fs::path> files_under(const fs::path& dir, const std::string& suffix = "") {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (name.rfind("README", 0) == 0) continue;
    if (!suffix.empty() && (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0))
      continue;
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const fs::path kSource = TELSIM_SOURCE_DIR;

// An empty folder would make these pass for nothing: each holds inputs (the loader's from issue 17).
TEST(FuzzRegressions, LoaderFindingsStayFixed) {
  auto files = files_under(kSource / "tests/fuzz_regressions/loader");
  ASSERT_FALSE(files.empty()) << "no inputs in tests/fuzz_regressions/loader";
  for (const fs::path& f : files) {
    std::string b = bytes_of(f);
    EXPECT_EQ(fuzz::loader_one(reinterpret_cast<const uint8_t*>(b.data()), b.size()), "") << f;
  }
}

TEST(FuzzRegressions, EngineFindingsStayFixed) {
  auto files = files_under(kSource / "tests/fuzz_regressions/engine");
  ASSERT_FALSE(files.empty()) << "no inputs in tests/fuzz_regressions/engine";
  for (const fs::path& f : files) {
    std::string b = bytes_of(f);
    EXPECT_EQ(fuzz::engine_one(reinterpret_cast<const uint8_t*>(b.data()), b.size()), "") << f;
  }
}

TEST(FuzzRegressions, EveryBundledScenarioPassesTheLoaderTarget) {
  auto files = files_under(kSource / "scenarios", ".csv");
  ASSERT_FALSE(files.empty());
  for (const fs::path& f : files) {
    std::string b = bytes_of(f);
    EXPECT_EQ(fuzz::loader_one(reinterpret_cast<const uint8_t*>(b.data()), b.size()), "") << f;
  }
}

TEST(FuzzRegressions, BadInputIsAcceptedAsBadInput) {
  // Refused files are fine for the loader target as long as they are refused properly.
  for (std::string text : {"", "at,party,action\n", "at,party,action,argument\n0,2001,fly,\n",
                           "at,party,action,argument\n,site,include,site.csv\n-1,2001,call,2002\n"}) {
    EXPECT_EQ(fuzz::loader_one(reinterpret_cast<const uint8_t*>(text.data()), text.size()), "") << text;
  }
}

TEST(FuzzRegressions, EngineInputDrivesTheSampleSites) {
  // Every profile's site, a call answered and hung up, encoded the way the seed corpus is.
  for (std::string profile : {"generic", "perception", "voipnow", "telecube", "mitel"}) {
    auto bytes = fuzz::engine_encode(profile, {{0, "2003", Action::call, "2001"},
                                               {1, "2001", Action::offhook, ""},
                                               {3, "2001", Action::onhook, ""}});
    EXPECT_EQ(bytes.size(), 13u);
    EXPECT_EQ(fuzz::engine_one(bytes.data(), bytes.size()), "") << profile;
  }
}

}  // namespace
}  // namespace telsim
