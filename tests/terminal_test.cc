// What `telsim run` prints: colour only for a terminal without NO_COLOR, the recap of failures
// before the last line, --quiet, --tag by tags and rule ids, each command's own usage on a usage
// error, and "did you mean" for options, actions and events.
#include "tools/terminal.h"

#include <gtest/gtest.h>

#include "tests/report_fixture.h"
#include "tools/tags.h"

using namespace telsim;
using namespace telsim_test;

namespace {

ScenarioOutcome outcome(const std::string& path, bool passed, std::vector<std::string> failures = {}) {
  ScenarioOutcome o;
  o.path = path;
  o.title = "t " + path;
  o.passed = passed;
  o.seconds = 0.25;
  o.failures = std::move(failures);
  return o;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace

TEST(Terminal, ColourOnlyForATerminalWithoutNoColor) {
  EXPECT_TRUE(colour_wanted(true, nullptr));
  EXPECT_TRUE(colour_wanted(true, ""));
  EXPECT_FALSE(colour_wanted(true, "1"));
  EXPECT_FALSE(colour_wanted(false, nullptr));
}

TEST(Terminal, VerdictLinesPlainAndColoured) {
  TerminalStyle plain;
  EXPECT_EQ(outcome_lines(outcome("a.csv", true), plain), "PASS a.csv  t a.csv  (0.25 s)\n");
  EXPECT_EQ(outcome_lines(outcome("b.csv", false, {"b.csv:3: expected x, got y"}), plain),
            "FAIL b.csv  t b.csv  (0.25 s)\n     b.csv:3: expected x, got y\n");
  TerminalStyle colour;
  colour.colour = true;
  std::string c = outcome_lines(outcome("b.csv", false), colour);
  EXPECT_EQ(c.rfind("\033[1;31mFAIL\033[0m b.csv", 0), 0u) << c;
  EXPECT_EQ(plain.colour, false);
  EXPECT_EQ(outcome_lines(outcome("a.csv", true), plain).find('\033'), std::string::npos);
}

TEST(Terminal, QuietPrintsOnlyFailures) {
  TerminalStyle quiet;
  quiet.quiet = true;
  EXPECT_EQ(outcome_lines(outcome("a.csv", true), quiet), "");
  EXPECT_NE(outcome_lines(outcome("b.csv", false), quiet), "");
}

TEST(Terminal, RecapListsEachFailureWithItsFirstReason) {
  TerminalStyle plain;
  std::vector<ScenarioOutcome> all = {outcome("a.csv", true), outcome("b.csv", false, {"b:1: one", "b:2: two"}),
                                      outcome("c.csv", false, {"c:9: nine"})};
  EXPECT_EQ(failure_recap(all, plain),
            "\n2 scenarios failed:\n"
            "  FAIL b.csv  t b.csv\n       b:1: one (and 1 more)\n"
            "  FAIL c.csv  t c.csv\n       c:9: nine\n");
  EXPECT_EQ(failure_recap({outcome("a.csv", true), outcome("d.csv", true)}, plain), "");
  EXPECT_EQ(failure_recap({outcome("b.csv", false, {"b:1: one"})}, plain), "");  // a run of one
  EXPECT_EQ(summary_line(1, 2, plain), "1 passed, 2 failed\n");
}

TEST(Tags, SelectedByTagOrRuleId) {
  std::vector<std::string> tags = {"forward", "perception"}, rules = {"CF-8", "CF-3"};
  EXPECT_TRUE(tag_selected({}, tags, rules));
  EXPECT_TRUE(tag_selected({"forward"}, tags, rules));
  EXPECT_TRUE(tag_selected({"CF-3"}, tags, rules));
  EXPECT_TRUE(tag_selected({"cf-8"}, tags, rules));
  EXPECT_TRUE(tag_selected({"hunt", "perception"}, tags, rules));
  EXPECT_FALSE(tag_selected({"hunt"}, tags, rules));
  EXPECT_FALSE(tag_selected({"CF-1"}, tags, rules));  // not a prefix match: CF-1 is not CF-10
  EXPECT_FALSE(tag_selected({"Forward"}, tags, rules));
}

class TerminalCli : public ScratchTest {
 protected:
  void suite() {
    write("s/pass.csv", kPassingScenario);
    write("s/fail.csv", kFailingScenario);
    write("s/tagged.csv",
          "# title: tagged\n# rule: HG-1\n# tags: hunt\nat,party,action,argument\n,2001,station,\n0,2001,offhook,\n");
  }
};

TEST_F(TerminalCli, RecapComesBeforeTheSummaryWhichStaysLast) {
  suite();
  ShellRun r = telsim("run " + (dir / "s").string());
  ASSERT_EQ(r.code, 1) << r.err;
  auto ls = lines(r.out);
  ASSERT_GE(ls.size(), 4u);
  EXPECT_EQ(ls.back(), "2 passed, 1 failed");
  EXPECT_EQ(r.out.find('\033'), std::string::npos);  // stdout is a file: no colour
  size_t recap = r.out.find("1 scenario failed:");
  ASSERT_NE(recap, std::string::npos);
  EXPECT_NE(r.out.find("FAIL " + (dir / "s/fail.csv").string(), recap), std::string::npos);
}

TEST_F(TerminalCli, QuietShowsFailuresAndTheSummaryOnly) {
  suite();
  ShellRun r = telsim("run --quiet " + (dir / "s").string());
  EXPECT_EQ(r.out.find("PASS "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAIL "), std::string::npos);
  EXPECT_EQ(lines(r.out).back(), "2 passed, 1 failed");
}

TEST_F(TerminalCli, TagSelectsByTagsAndRuleIds) {
  suite();
  ShellRun by_tag = telsim("run --tag hunt " + (dir / "s").string());
  EXPECT_EQ(by_tag.code, 0) << by_tag.out << by_tag.err;
  EXPECT_EQ(lines(by_tag.out).back(), "1 passed, 0 failed");
  ShellRun by_rule = telsim("run --tag BC-2 --tag HG-1 " + (dir / "s").string());
  EXPECT_EQ(lines(by_rule.out).back(), "1 passed, 1 failed");
}

TEST_F(TerminalCli, AUsageErrorShowsThatCommandsUsage) {
  ShellRun r = telsim("diagram");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("telsim diagram FILE"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("commands:"), std::string::npos) << r.err;  // not the list of all commands
  ShellRun t = telsim("traffic --calls 5");
  EXPECT_NE(t.err.find("--offer"), std::string::npos) << t.err;
}

TEST_F(TerminalCli, MisspeltOptionsActionsAndEventsGetASuggestion) {
  ShellRun o = telsim("run --jbos 2 x");
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("did you mean '--jobs'?"), std::string::npos) << o.err;
  std::string a = write("a.csv", "at,party,action,argument\n,2001,station,\n0,2001,hangpu,\n");
  EXPECT_NE(telsim("run " + a).err.find("unknown action 'hangpu' (did you mean 'hangup'?)"), std::string::npos);
  std::string e = write("e.csv", "at,party,action,argument\n,2001,station,\n0,2001,offhook,\n0,2001,expect,dialtnoe\n");
  EXPECT_NE(telsim("run " + e).err.find("unknown event 'dialtnoe' (did you mean 'dialtone'?)"), std::string::npos);
}

TEST_F(TerminalCli, DiagramDirWritesMermaidOnRequest) {
  suite();
  ASSERT_EQ(telsim("run --diagram-dir " + (dir / "d").string() + " " + (dir / "s/pass.csv").string()).code, 0);
  size_t svg = 0, mmd = 0;
  for (const auto& f : fs::recursive_directory_iterator(dir / "d")) {
    svg += f.path().extension() == ".svg";
    mmd += f.path().extension() == ".mmd";
  }
  EXPECT_EQ(svg, 1u);
  EXPECT_EQ(mmd, 0u);
  ASSERT_EQ(telsim("run --diagram-mermaid --diagram-dir " + (dir / "m").string() + " " + (dir / "s/pass.csv").string()).code, 0);
  mmd = 0;
  for (const auto& f : fs::recursive_directory_iterator(dir / "m"))
    if (f.path().extension() == ".mmd") {
      ++mmd;
      EXPECT_NE(slurp(f.path()).find("sequenceDiagram"), std::string::npos);
    }
  EXPECT_EQ(mmd, 1u);
}
