// The telsim command line end to end (SPEC 3): exit codes, PASS/FAIL lines, bad input as
// FILE:LINE, golden traces, --jobs and --filter. Runs the built binary in a scratch directory.
#include "tests/scratch_fixture.h"

#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <vector>

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

// SPEC 3: a bad file no longer hides the suite. Every bad file is reported with all of its
// errors as FILE:LINE, every good file still runs, and the exit status is 2.
TEST_F(CliTest, BadFilesAreReportedWithAllTheirErrorsAndTheGoodFilesStillRun) {
  write("suite/good.csv", kPassing);
  std::string bad = write("suite/typo.csv",
                          "at,party,action,argument\n"
                          ",2001,station,\n"
                          "0,2001,cal,2002\n"
                          "1,2001,hangup,now\n");
  std::string bad2 = write("suite/sub/also.csv", "at,party,action,argument\n,2001,station,model=x\n0,2001,offhook,\n");
  Result r = telsim("run " + (dir / "suite").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(bad + ":3: unknown action 'cal'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad + ":4: 'hangup' takes no argument"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad2 + ":2: bad value 'x' for model="), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("PASS " + (dir / "suite/good.csv").string()), std::string::npos) << r.out;
  EXPECT_EQ(last_line(r.out), "1 passed, 0 failed, 2 bad input (not run)");
  EXPECT_EQ(r.err.find("simgrid"), std::string::npos);
  // A failing good file with a bad one: still 2 (bad input outranks a failure).
  write("suite/fails.csv", std::string(kPassing) + "3,2001,expect,ringing from=2009\n");
  EXPECT_EQ(telsim("run " + (dir / "suite").string()).code, 2);
}

// SPEC 3: selecting nothing is no pass; only an empty shard of a non-empty selection is.
TEST_F(CliTest, ASelectionOfNothingExitsTwo) {
  telsim_test::fs::create_directories(dir / "empty");
  Result r = telsim("run " + (dir / "empty").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.err.find("no scenario selected"), std::string::npos) << r.err;
  write("one/a.csv", kPassing);
  r = telsim("run --filter nothing-matches " + (dir / "one").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.err.find("--filter 'nothing-matches' matches none"), std::string::npos) << r.err;
  r = telsim("run --shard 2/2 " + (dir / "one").string());
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("is empty"), std::string::npos) << r.out;
}

// Failure lines name the scenario by the path given, FILE:LINE:, so two same.csv differ.
TEST_F(CliTest, FailureLinesNameThePathAsGiven) {
  std::string failing = std::string(kPassing) + "3,2001,expect,ringing from=2009\n";
  write("x/same.csv", failing);
  write("y/same.csv", failing);
  Result r = sh("cd " + dir.string() + " && " + TELSIM_BINARY + " run x y");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("\n     x/same.csv:8: expected"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n     y/same.csv:8: expected"), std::string::npos) << r.out;
}

// A scenario that checks nothing passes, with a warning that says so.
TEST_F(CliTest, AScenarioWithStepsAndNoExpectationWarns) {
  Result r = telsim("run " + write("n.csv", "at,party,action,argument\n,2001,station,\n0,2001,offhook,\n"));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("n.csv:1: warning: no expect row and no golden trace"), std::string::npos) << r.out;
  EXPECT_EQ(telsim("run " + write("y.csv", kPassing)).out.find("warning"), std::string::npos);
  // expect-broken is a check: such a scenario passes only when its property breaks, so no warning.
  Result b = telsim("run " + write("b.csv",
                                   "at,party,action,argument\n,site,switch,resolutions=none\n,site,expect-broken,withheld\n"
                                   ",2001,station,caller-id=withheld\n,2002,station,\n,2003,station,\n"
                                   "0,2002,forward,all 2003\n1,2001,call,2002\n"));
  EXPECT_EQ(b.code, 0) << b.out << b.err;
  EXPECT_EQ(b.out.find("warning: no expect row"), std::string::npos) << b.out;
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
  for (auto& e : telsim_test::fs::recursive_directory_iterator(dir / "traces")) {
    if (!e.is_regular_file()) continue;
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

// ---------------------------------------------------------------------------------------------
// Hostile input and silent loss (issue 17)

// Every number has a range; outside it is a usage error naming the option and the range.
TEST_F(CliTest, NumericOptionsOutsideTheirRangeAreUsageErrors) {
  std::string ok = write("ok.csv", kPassing);
  std::string site = write("site.csv", "at,party,action,argument\n,2001,station,\n");
  struct Case {
    std::string args, says;
  };
  for (const Case& c : std::vector<Case>{
           {"run --jobs 0 " + ok, "--jobs must be a whole number from 1 to 256"},
           {"run --jobs -1 " + ok, "--jobs"},
           {"run --jobs 99999999999999999999 " + ok, "--jobs"},
           {"run --jobs 2 --jobs 3 " + ok, "jobs"},
           {"run --timeout -5 " + ok, "--timeout must be seconds from 0 to 604800"},
           {"run --timeout nan " + ok, "--timeout"},
           {"run --timeout 1e400 " + ok, "--timeout"},
           {"traffic " + site + " --offer 2001=10 --calls -5 --talk 60", "--calls must be a whole number from 1"},
           {"traffic " + site + " --offer 2001=10 --calls 0 --talk 60", "--calls"},
           {"traffic " + site + " --offer 2001=10 --calls 10 --talk 1e308", "--talk"},
           {"traffic " + site + " --offer 2001=10 --calls 10 --talk 9999999", "--talk must be seconds above 0"},
           {"traffic " + site + " --offer 2001=10 --calls 10 --talk -0", "--talk"},
           {"traffic " + site + " --offer 2001=10 --calls 10 --talk inf", "--talk"},
           {"traffic " + site + " --offer 2001=10 --calls 10 --talk 60 --seed -1", "--seed"},
           {"traffic " + site + " --offer 2001=10 --calls 10 --talk 60 --patience nan", "--patience"},
           {"traffic " + site + " --offer 2001=1e400 --calls 10 --talk 60", "--offer"},
           {"traffic " + site + " --offer 2001=0.000001 --calls 1000000000 --talk 60", "virtual time"},
           {"explore " + site + " --runs -1", "--runs"},
           {"explore " + site + " --jobs 0", "--jobs"},
           {"explore " + site + " --timeout 0", "--timeout"},
       }) {
    Result r = sh("timeout 20 " + std::string(TELSIM_BINARY) + " " + c.args);
    EXPECT_EQ(r.code, 2) << c.args << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.args << "\n" << r.err;
  }
}

// --checks picks how much of the engine's invariants a run checks; every level passes a healthy
// scenario and a traffic run, and another word is a usage error.
TEST_F(CliTest, ChecksLevelsRunAndOtherWordsAreUsageErrors) {
  std::string ok = write("ok.csv", kPassing);
  std::string site = write("site.csv", "at,party,action,argument\n,2001,station,answer=auto:2\n");
  for (const char* level : {"full", "cheap", "off"}) {
    Result r = telsim(std::string("run --checks ") + level + " " + ok);
    EXPECT_EQ(r.code, 0) << level << r.out << r.err;
    EXPECT_EQ(last_line(r.out), "1 passed, 0 failed") << level;
    Result t = telsim("traffic " + site + " --offer 2001=100 --calls 200 --talk 30 --csv --checks " + level);
    EXPECT_EQ(t.code, 0) << level << t.out << t.err;
  }
  for (const std::string& args : {"run --checks some " + ok, "trace --checks FULL " + ok,
                                  "traffic " + site + " --offer 2001=100 --calls 20 --talk 30 --checks none"}) {
    Result r = telsim(args);
    EXPECT_EQ(r.code, 2) << args << r.out << r.err;
    EXPECT_NE(r.err.find("--checks must be full, cheap or off"), std::string::npos) << args << r.err;
  }
}

TEST_F(CliTest, HugeTimesAreBadInputNotACrash) {
  Result r = telsim("run " + write("t.csv", "at,party,action,argument\n,2001,station,\n,site,timer,no-answer=20000000000000000\n"
                                            "0,2001,offhook,\n10000000000000000,2001,onhook,\n"));
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("t.csv:3: timer no-answer"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("t.csv:5: time '10000000000000000' is too large"), std::string::npos) << r.err;
}

// Only regular files are read: a FIFO, a device, a directory as a scenario or an include is bad
// input at the row that named it, at once.
TEST_F(CliTest, OnlyRegularFilesAreRead) {
  std::string fifo = (dir / "fifo.csv").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Result r = sh("timeout 20 " + std::string(TELSIM_BINARY) + " run " + fifo);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
  telsim_test::fs::create_directories(dir / "adir.csv");
  for (std::string row : {",site,include,fifo.csv", ",site,include,/dev/zero", ",site,include,adir.csv",
                          ",site,profile,adir.csv/x/..", ",site,profile,fifo.profile"}) {
    if (row.find("fifo.profile") != std::string::npos) ::mkfifo((dir / "fifo.profile").string().c_str(), 0600);
    std::string f = write("inc.csv", std::string("at,party,action,argument\n,2001,station,\n") + row + "\n0,2001,offhook,\n");
    r = sh("cd " + dir.string() + " && timeout 20 " + TELSIM_BINARY + " run --root / inc.csv");
    EXPECT_EQ(r.code, 2) << row << r.err;
    EXPECT_NE(r.err.find("inc.csv:3: cannot read"), std::string::npos) << row << "\n" << r.err;
  }
}

TEST_F(CliTest, AMalformedSimgridSettingIsRefusedWithAMessage) {
  std::string ok = write("ok.csv", kPassing);
  for (std::string cfg : {"foo", "network/model:XYZ", "contexts/factory:nope", "contexts/stack-size:abc", "a:b:c", "="}) {
    Result r = sh("TELSIM_SIMGRID_CFG='" + cfg + "' timeout 60 " + TELSIM_BINARY + " run " + ok);
    EXPECT_EQ(r.code, 2) << cfg << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find("TELSIM_SIMGRID_CFG"), std::string::npos) << cfg << "\n" << r.err;
    EXPECT_EQ(r.out.find("PASS"), std::string::npos) << cfg;
  }
  EXPECT_EQ(sh("TELSIM_SIMGRID_CFG=contexts/factory:thread " + std::string(TELSIM_BINARY) + " run " + ok).code, 0);
}

// Outputs are written whole or the run is an error naming the path.
TEST_F(CliTest, OutputsThatCannotBeWrittenAreErrors) {
  std::string ok = write("ok.csv", kPassing);
  std::string file = write("plain-file", "x");
  for (std::string args : {"--trace-dir " + file, "--diagram-dir " + file, "--trace-dir " + file + "/sub",
                           "--junit " + dir.string(), "--html " + dir.string(), "--junit " + (dir / "no/such/r.xml").string()}) {
    Result r = telsim("run " + args + " " + ok);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.out << r.err;
    std::string path = args.substr(args.find(' ') + 1);
    EXPECT_NE(r.err.find(path), std::string::npos) << args << "\n" << r.err;
  }
  // stdout itself: a full disk loses every line, so it is an error too.
  EXPECT_EQ(sh("(" + std::string(TELSIM_BINARY) + " run " + ok + " >/dev/full)").code, 2);
  EXPECT_EQ(sh("(" + std::string(TELSIM_BINARY) + " trace " + ok + " >/dev/full)").code, 2);
  EXPECT_EQ(sh("(" + std::string(TELSIM_BINARY) + " --version >/dev/full)").code, 2);
  EXPECT_NE(slurp(dir / "err").find("cannot write the standard output"), std::string::npos);
  // A report must not replace a scenario.
  Result r = telsim("run --junit " + ok + " " + ok);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(slurp(ok), kPassing);
  // explore -o onto a file.
  r = telsim("explore " + write("site.csv", "at,party,action,argument\n,2001,station,\n") + " --runs 1 -o " + file);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
}

// --trace-dir keeps the folders: a/b_c.csv and a_b/c.csv no longer meet in one file.
TEST_F(CliTest, TraceNamesKeepTheFolders) {
  write("s/a/b_c.csv", kPassing);
  std::string other = kPassing;
  other.replace(other.find("0,2002,call,2001"), 16, "1,2002,call,2001");
  other.replace(other.find("2,2002,expect"), 13, "3,2002,expect");
  other.replace(other.find("2,2001,answer"), 13, "3,2001,answer");
  write("s/a_b/c.csv", other);
  Result r = sh("cd " + dir.string() + " && " + TELSIM_BINARY + " run --trace-dir traces s");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  std::string one = slurp(dir / "traces/s/a/b_c.trace.csv"), two = slurp(dir / "traces/s/a_b/c.trace.csv");
  EXPECT_NE(one.find("0.000,c1,2002,offhook"), std::string::npos) << one;
  EXPECT_NE(two.find("1.000,c1,2002,offhook"), std::string::npos) << two;
}

// A golden trace is rewritten only by --bless: --trace-dir beside it is refused.
TEST_F(CliTest, TraceDirNeverWritesOverAGoldenTrace) {
  std::string scenario = write("g.csv", kPassing);
  ASSERT_EQ(telsim("run --bless " + scenario).code, 0);
  std::string golden = slurp(dir / "g.trace.csv");
  std::string changed = golden;
  changed.replace(changed.find("to=2002"), 7, "to=2003");
  write("g.trace.csv", changed);
  Result r = sh("cd " + dir.string() + " && " + TELSIM_BINARY + " run --trace-dir . g.csv");
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("golden trace"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(dir / "g.trace.csv"), changed);  // the regression still shows
  EXPECT_EQ(telsim("run " + scenario).code, 1);
}

TEST_F(CliTest, BlessOntoAnUnwritableGoldenIsAnError) {
  std::string scenario = write("ro/g.csv", kPassing);
  if (::getuid() != 0) {  // a read-only folder stops anyone but root
    ASSERT_EQ(telsim("run --bless " + scenario).code, 0);
    ::chmod((dir / "ro").c_str(), 0555);
    Result r = telsim("run --bless " + scenario);
    ::chmod((dir / "ro").c_str(), 0755);
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("cannot write the golden trace " + (dir / "ro/g.trace.csv").string()), std::string::npos) << r.err;
  }
  // A golden trace that is no file (here a device where every write fails) is refused, not blessed.
  telsim_test::fs::remove(dir / "ro/g.trace.csv");
  telsim_test::fs::create_symlink("/dev/full", dir / "ro/g.trace.csv");
  Result r = telsim("run --bless " + scenario);
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("g.trace.csv:1: cannot read the golden trace"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("PASS"), std::string::npos) << r.out;
}

TEST_F(CliTest, AGoldenTraceWithAByteOrderMarkIsTolerated) {
  std::string scenario = write("g.csv", kPassing);
  ASSERT_EQ(telsim("run --bless " + scenario).code, 0);
  write("g.trace.csv", "\xEF\xBB\xBF" + slurp(dir / "g.trace.csv"));
  Result r = telsim("run " + scenario);
  EXPECT_EQ(r.code, 0) << r.out;
}

// Scenarios come from untrusted merge requests: include and profile rows stay below the root,
// and no line of a file outside it reaches the log.
TEST_F(CliTest, IncludesCannotReadOutsideTheRoot) {
  write("repo/sites/office.csv", "at,party,action,argument\n,2001,station,\n");
  write("repo/s/ok.csv", "at,party,action,argument\n,site,include,../sites/office.csv\n,2002,station,\n"
                         "0,2002,call,2001\n0,2001,expect,ringing from=2002\n");
  std::string evil = write("repo/s/evil.csv", "at,party,action,argument\n,site,include,/etc/passwd\n,2001,station,\n0,2001,offhook,\n");
  telsim_test::fs::create_symlink("/etc", dir / "repo/s/etc");
  write("repo/s/link.csv", "at,party,action,argument\n,site,include,etc/passwd\n,2001,station,\n0,2001,offhook,\n");
  write("repo/s/prof.csv", "at,party,action,argument\n,site,profile,../../../../../../etc/passwd.profile\n"
                           ",2001,station,\n0,2001,offhook,\n");
  Result r = sh("cd " + (dir / "repo").string() + " && " + TELSIM_BINARY + " run s");
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("PASS s/ok.csv"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("s/evil.csv:2: include file '/etc/passwd' is outside the root"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("s/link.csv:2: include file 's/etc/passwd' is outside the root"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("s/prof.csv:2: profile file"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("root:"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("root:"), std::string::npos) << r.out;
  // --root chooses another root: from elsewhere, the repository is named as the root.
  r = telsim("run --root " + (dir / "repo").string() + " " + (dir / "repo/s/ok.csv").string());
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(telsim("run --root " + (dir / "nowhere").string() + " " + (dir / "repo/s/ok.csv").string()).code, 2);
}

TEST_F(CliTest, ExploreRefusesAScenarioWithSteps) {
  std::string scenario = write("s.csv", kPassing);
  Result r = telsim("explore " + scenario + " --runs 3 -o " + (dir / "found").string());
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("s.csv:5: explore needs a site file of setup rows only"), std::string::npos) << r.err;
}

// The processes this one finds below `pid` (its children), from /proc.
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  for (const auto& e : telsim_test::fs::directory_iterator("/proc")) {
    std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    std::getline(stat, line);
    size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == pid) out.push_back(std::stoi(name));
  }
  return out;
}

// A command started with its output to files in `dir`; its pid.
pid_t spawn(const std::string& command, const telsim_test::fs::path& dir) {
  pid_t pid = fork();
  if (pid == 0) {
    std::string cmd = "exec " + command + " >" + (dir / "out").string() + " 2>" + (dir / "err").string();
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// A scenario that takes a few seconds of wall time (tens of thousands of steps).
std::string long_scenario() {
  std::string text = "at,party,action,argument\n,2001,station,\n,2002,station,\n";
  for (int t = 0; t < 60000; ++t)
    text += std::to_string(t) + ",2002,call,2001\n" + std::to_string(t) + ",2001,answer,\n" + std::to_string(t) +
            ",2002,hangup,\n";
  return text + ",2001,expect,connected\n";
}

TEST_F(CliTest, StoppingRunStopsItsChildren) {
  for (int signo : {SIGTERM, SIGINT}) {
    std::string a = write("a.csv", long_scenario()), b = write("b.csv", long_scenario());
    pid_t pid = spawn(std::string(TELSIM_BINARY) + " run --jobs 2 " + a + " " + b, dir);
    std::vector<pid_t> kids;
    for (int i = 0; i < 200 && kids.size() < 2; ++i) {
      usleep(50000);
      kids = children_of(pid);
    }
    ASSERT_EQ(kids.size(), 2u) << "the runs did not start";
    kill(pid, signo);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signo) << status;
    for (pid_t k : kids) {
      bool gone = false;
      for (int i = 0; i < 40 && !gone; ++i, usleep(50000)) gone = ::kill(k, 0) != 0;
      EXPECT_TRUE(gone) << "child " << k << " outlived the command";
    }
  }
}

TEST_F(CliTest, CtrlCDuringTrafficPrintsTheKpisSoFar) {
  std::string site = write("site.csv", "at,party,action,argument\n,100,hunt,members=2001 2002\n,2001,station,answer=auto:1\n"
                                       ",2002,station,answer=auto:1\n");
  pid_t pid = spawn(std::string(TELSIM_BINARY) + " traffic " + site + " --offer 100=100000 --calls 100000000 --talk 60", dir);
  usleep(1500000);
  kill(pid, SIGINT);
  int status = 0;
  for (int i = 0; i < 200; ++i, usleep(100000))
    if (waitpid(pid, &status, WNOHANG) == pid) break;
  if (!WIFEXITED(status) && !WIFSIGNALED(status)) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    FAIL() << "traffic did not stop on SIGINT";
  }
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 130);
  std::string out = slurp(dir / "out"), err = slurp(dir / "err");
  EXPECT_NE(out.find("hunt group 100"), std::string::npos) << out;
  EXPECT_NE(err.find("interrupted after"), std::string::npos) << err;
  EXPECT_EQ(err.back(), '\n');
}

// A file name is printed on every line about it: one with control characters is not run.
TEST_F(CliTest, AFileNameWithControlCharactersIsBadInput) {
  write("s/ok.csv", kPassing);
  write("s/a\x1b[31mred.csv", kPassing);
  Result r = telsim("run " + (dir / "s").string());
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a\\x1b[31mred.csv:1: the file name has control characters"), std::string::npos) << r.err;
}

TEST_F(CliTest, TwoReportsOntoOneFileAreRefused) {
  std::string out = (dir / "r.xml").string();
  Result r = telsim("run --junit " + out + " --html " + out + " " + write("ok.csv", kPassing));
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("name the same file"), std::string::npos) << r.err;
}

// An include through a symlink loop (loop -> .) is a cyclic include, found at once.
TEST_F(CliTest, AnIncludeThroughASymlinkLoopIsCyclic) {
  telsim_test::fs::create_symlink(".", dir / "loop");
  write("self.csv", "at,party,action,argument\n,site,include,loop/loop/self.csv\n,2001,station,\n0,2001,offhook,\n");
  Result r = sh("cd " + dir.string() + " && " + TELSIM_BINARY + " run self.csv");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("self.csv:2: cyclic include of 'loop/loop/self.csv'"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
