// The pages a user reads are checked by running what they show, so they cannot rot: in README.md
// and docs/**/*.md, a fenced block after `<!-- file: PATH -->` must equal that file, and one after
// `<!-- run: COMMAND -->` must equal what COMMAND prints (stdout, then stderr) when run from the
// source tree with `telsim` the built binary (wall times "(0.12 s)" read as "(0.00 s)"), and one
// after `<!-- diagram: FILE -->` must equal the Mermaid diagram `telsim diagram FILE -o X.mmd`
// writes. Nothing a user reads may point outside the repository.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/scratch_fixture.h"

namespace fs = std::filesystem;
using telsim_test::ScratchTest;

namespace {

struct Block {
  std::string page;
  int line = 0;
  std::string kind;  // "file", "run" or "diagram"
  std::string what;  // the path or the command
  std::string body;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> pages() {
  std::vector<fs::path> out = {fs::path(TELSIM_SOURCE_DIR) / "README.md"};
  for (const auto& e : fs::recursive_directory_iterator(fs::path(TELSIM_SOURCE_DIR) / "docs"))
    if (e.path().extension() == ".md") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Block> blocks(const fs::path& page) {
  std::vector<Block> out;
  std::istringstream in(slurp(page));
  std::string line;
  int n = 0;
  const std::regex marker("^<!-- (file|run|diagram): (.*) -->$");
  while (std::getline(in, line)) {
    ++n;
    std::smatch m;
    if (!std::regex_match(line, m, marker)) continue;
    Block b;
    b.page = fs::relative(page, TELSIM_SOURCE_DIR).string();
    b.line = n;
    b.kind = m[1];
    b.what = m[2];
    if (!std::getline(in, line) || line.rfind("```", 0) != 0) {
      ADD_FAILURE() << b.page << ":" << n << ": a fenced block must follow the marker";
      continue;
    }
    ++n;
    while (std::getline(in, line) && line.rfind("```", 0) != 0) {
      ++n;
      b.body += line + "\n";
    }
    ++n;
    out.push_back(b);
  }
  return out;
}

std::string mask_times(const std::string& s) {
  return std::regex_replace(s, std::regex("\\(\\d+\\.\\d\\d s\\)"), "(0.00 s)");
}

}  // namespace

class Docs : public ScratchTest {};

TEST_F(Docs, ShownFilesAreTheFilesAndShownOutputIsTheOutput) {
  size_t files = 0, runs = 0;
  for (const fs::path& page : pages()) {
    for (const Block& b : blocks(page)) {
      std::string where = b.page + ":" + std::to_string(b.line);
      if (b.kind == "file") {
        ++files;
        fs::path f = fs::path(TELSIM_SOURCE_DIR) / b.what;
        ASSERT_TRUE(fs::exists(f)) << where << ": no file " << b.what;
        EXPECT_EQ(b.body, slurp(f)) << where << ": the block differs from " << b.what;
        continue;
      }
      ++runs;
      if (b.kind == "diagram") {
        std::string out = (dir / "d.mmd").string();
        telsim_test::ShellRun r =
            sh("cd " + std::string(TELSIM_SOURCE_DIR) + " && " + TELSIM_BINARY + " diagram " + b.what + " -o " + out);
        ASSERT_EQ(r.code, 0) << where << ": " << r.err;
        EXPECT_EQ(b.body, slurp(out)) << where << ": the Mermaid diagram of " << b.what << " differs";
        continue;
      }
      ASSERT_EQ(b.what.rfind("telsim ", 0), 0u) << where << ": run blocks run telsim";
      std::string command = "cd " + std::string(TELSIM_SOURCE_DIR) + " && " + TELSIM_BINARY + b.what.substr(6);
      telsim_test::ShellRun r = sh(command);
      EXPECT_EQ(b.body, mask_times(r.out + r.err)) << where << ": `" << b.what << "` printed otherwise";
    }
  }
  EXPECT_GE(files, 4u);  // the tutorial's four scenarios at least
  EXPECT_GE(runs, 4u);
}

TEST_F(Docs, EveryExampleScenarioIsShownAndRun) {
  std::set<std::string> shown, run;
  for (const fs::path& page : pages())
    for (const Block& b : blocks(page)) (b.kind == "file" ? shown : run).insert(b.what);
  for (const auto& e : fs::recursive_directory_iterator(fs::path(TELSIM_SOURCE_DIR) / "docs" / "examples")) {
    if (e.path().extension() != ".csv") continue;
    std::string rel = fs::relative(e.path(), TELSIM_SOURCE_DIR).string();
    bool ran = std::any_of(run.begin(), run.end(), [&](const std::string& c) { return c.find(rel) != std::string::npos; });
    EXPECT_TRUE(ran) << rel << " is in docs/examples but no page runs it";
    if (rel.find("/bad/") == std::string::npos) EXPECT_TRUE(shown.count(rel)) << rel << " is not shown by any page";
  }
}

TEST_F(Docs, NothingPointsOutsideTheRepository) {
  std::vector<fs::path> read = pages();
  const fs::path src(TELSIM_SOURCE_DIR);
  for (const char* dir : {"scenarios/profiles", "tools/bench"})
    for (const auto& e : fs::directory_iterator(src / dir)) read.push_back(e.path());
  for (const char* f : {"tools/bench.sh", "tools/sweep.py", "tools/setup.sh"}) read.push_back(src / f);
  for (const fs::path& page : read) {
    std::string text = slurp(page);
    EXPECT_EQ(text.find("../shared"), std::string::npos) << page;
    EXPECT_EQ(text.find("/work/"), std::string::npos) << page;
  }
}

// The catalogue of interactions is a table a user trusts to point at real scenarios: every
// `NAME.csv` a pair row names exists, under scenarios/interactions/ or at the path it gives below
// scenarios/.
TEST_F(Docs, EveryScenarioTheInteractionCatalogueNamesExists) {
  const fs::path src(TELSIM_SOURCE_DIR);
  std::istringstream in(slurp(src / "docs" / "interactions.md"));
  const std::regex pair_row(R"(^\| [A-Z]+( [A-Z]+)? x [A-Z]+)");
  const std::regex csv("`([A-Za-z0-9_/]+\\.csv)`");
  std::string line;
  size_t rows = 0, named = 0;
  while (std::getline(in, line)) {
    if (!std::regex_search(line, pair_row)) continue;
    ++rows;
    for (std::sregex_iterator m(line.begin(), line.end(), csv), end; m != end; ++m) {
      std::string name = (*m)[1];
      ++named;
      // A row may name the interaction scenario or the regression explore left behind.
      bool found = fs::exists(src / "scenarios" / "interactions" / name) ||
                   fs::exists(src / "scenarios" / "regressions" / name) || fs::exists(src / "scenarios" / name);
      EXPECT_TRUE(found) << "docs/interactions.md names " << name << ", which is not in scenarios/";
    }
  }
  EXPECT_GE(rows, 12u);  // issue 18: at least 12 pairs catalogued
  EXPECT_GE(named, rows);
}
