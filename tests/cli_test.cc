// The telsim command line end to end (SPEC 3): exit codes, PASS/FAIL lines, bad input as
// FILE:LINE, golden traces, --jobs and --filter. Runs the built binary in a scratch directory.
#include "tests/scratch_fixture.h"

namespace {

using Result = telsim_test::ShellRun;

class CliTest : public telsim_test::ScratchTest {
 protected:
  static std::string last_line(const std::string& s) {
    std::string t = s;
    while (!t.empty() && t.back() == '\n') t.pop_back();
    return t.substr(t.rfind('\n') == std::string::npos ? 0 : t.rfind('\n') + 1);
  }
};

const char* kPassing =
    "# title: a call is answered\n"
    "at,party,action,argument\n"
    ",2001,station,\n"
    ",2002,station,\n"
    "0,2002,call,2001\n"
    "2,2001,answer,\n"
    "2,2002,expect,connected to=2001\n";

TEST_F(CliTest, VersionAndHelp) {
  Result v = telsim("--version");
  EXPECT_EQ(v.code, 0);
  EXPECT_EQ(v.out.rfind("telsim ", 0), 0u) << v.out;
  Result h = telsim("run --help");
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("--jobs"), std::string::npos);
  EXPECT_NE(telsim("trace --help").out.find("trace"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(telsim("").code, 2);
  EXPECT_EQ(telsim("frobnicate").code, 2);
  EXPECT_EQ(telsim("run").code, 2);
  EXPECT_EQ(telsim("run --jobs 0 " + write("a.csv", kPassing)).code, 2);
  Result missing = telsim("run " + (dir / "nope.csv").string());
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("nope.csv"), std::string::npos);
}

TEST_F(CliTest, PassingScenarioPrintsPassAndCounts) {
  Result r = telsim("run " + write("ok.csv", kPassing));
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("PASS ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("a call is answered"), std::string::npos);
  EXPECT_EQ(last_line(r.out), "1 passed, 0 failed");
}

TEST_F(CliTest, FailingExpectationExitsOneWithTheNearestEvent) {
  std::string text = kPassing;
  text += "3,2001,expect,ringing from=2009\n";
  Result r = telsim("run " + write("bad.csv", text));
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL "), std::string::npos);
  EXPECT_NE(r.out.find("bad.csv:8: expected 2001 ringing from=2009 at 3, got 2001 ringing from=2002 at 0"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(last_line(r.out), "0 passed, 1 failed");
}

TEST_F(CliTest, BadInputIsFileLineAndExitTwoBeforeAnythingRuns) {
  write("suite/good.csv", kPassing);
  std::string bad = write("suite/typo.csv",
                          "at,party,action,argument\n"
                          ",2001,station,\n"
                          "0,2001,cal,2002\n");
  Result r = telsim("run " + (dir / "suite").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(bad + ":3: "), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("PASS"), std::string::npos) << "nothing runs when any file is bad";
  EXPECT_EQ(r.err.find("simgrid"), std::string::npos);
}

TEST_F(CliTest, UndefinedPartyAndUnknownEventAreBadInput) {
  Result r1 = telsim("run " + write("u.csv", "at,party,action,argument\n,2001,station,\n0,2009,call,2001\n"));
  EXPECT_EQ(r1.code, 2);
  EXPECT_NE(r1.err.find("u.csv:3: "), std::string::npos) << r1.err;
  Result r2 = telsim("run " + write("e.csv", std::string(kPassing) + ",2001,expect-not,rnging\n"));
  EXPECT_EQ(r2.code, 2);
  EXPECT_NE(r2.err.find("e.csv:8: "), std::string::npos) << r2.err;
}

TEST_F(CliTest, DirectoriesSkipSiteFilesAndGoldenTraces) {
  write("lib/a.csv", kPassing);
  write("lib/site.csv", "at,party,action,argument\n,2001,station,\n");
  write("lib/notes.csv", "name,value\nx,1\n");
  Result r = telsim("run --jobs 2 " + (dir / "lib").string());
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(last_line(r.out), "1 passed, 0 failed");
}

TEST_F(CliTest, FilterSelectsByPathOrTitle) {
  write("f/one.csv", kPassing);
  std::string other = kPassing;
  other.replace(other.find("a call is answered"), 18, "another title");
  write("f/two.csv", other);
  EXPECT_EQ(last_line(telsim("run --filter another " + (dir / "f").string()).out), "1 passed, 0 failed");
  EXPECT_EQ(last_line(telsim("run --filter one.csv " + (dir / "f").string()).out), "1 passed, 0 failed");
  EXPECT_EQ(last_line(telsim("run " + (dir / "f").string()).out), "2 passed, 0 failed");
}

TEST_F(CliTest, BlessWritesTheGoldenTraceAndADifferenceFails) {
  std::string scenario = write("g.csv", kPassing);
  Result blessed = telsim("run --bless " + scenario);
  EXPECT_EQ(blessed.code, 0);
  std::string golden = slurp(dir / "g.trace.csv");
  EXPECT_EQ(golden.rfind("time,call,party,event,detail\n", 0), 0u);
  EXPECT_NE(golden.find("2.000,c1,2001,connected,to=2002"), std::string::npos) << golden;
  EXPECT_EQ(telsim("run " + scenario).code, 0);
  std::string changed = golden;
  changed.replace(changed.find("to=2002"), 7, "to=2003");
  write("g.trace.csv", changed);
  Result r = telsim("run " + scenario);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("g.trace.csv:"), std::string::npos) << r.out;
}

TEST_F(CliTest, TraceIsDeterministicCsv) {
  std::string scenario = write("t.csv", kPassing);
  Result a = telsim("trace " + scenario);
  Result b = telsim("trace " + scenario);
  EXPECT_EQ(a.code, 0);
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.out.rfind("time,call,party,event,detail\n0.000,c1,2002,offhook,\n", 0), 0u) << a.out;
}

TEST_F(CliTest, TraceDirGetsOneTracePerScenario) {
  std::string scenario = write("d/x.csv", kPassing);
  Result r = telsim("run --trace-dir " + (dir / "traces").string() + " " + scenario);
  EXPECT_EQ(r.code, 0);
  int files = 0;
  for (auto& e : telsim_test::fs::directory_iterator(dir / "traces")) {
    ++files;
    EXPECT_NE(slurp(e.path()).find("connected"), std::string::npos);
  }
  EXPECT_EQ(files, 1);
}

TEST_F(CliTest, ARunThatOutlivesItsTimeoutFailsWithAReason) {
  // A long virtual run is fast; give the wall clock no time at all to force the timeout path.
  std::string text = kPassing;
  Result r = telsim("run --timeout 0 " + write("slow.csv", text));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("did not finish within"), std::string::npos) << r.out;
}

}  // namespace
