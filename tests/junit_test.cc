// JUnit XML: parsed back with libxml2; testsuites > testsuite per folder > testcase, failures with
// the expectation, its file:line and the nearest event; the same document whatever --jobs.
#include <map>
#include <regex>
#include <set>

#include "reports/junit.h"
#include "tests/report_fixture.h"

using namespace telsim;
using namespace telsim_test;

TEST(Junit, StructureAndEscaping) {
  ScenarioOutcome a;
  a.path = "s/one/a.csv";
  a.title = "passes <&> \"quoted\" 'single'";
  a.passed = true;
  a.seconds = 1.25;
  ScenarioOutcome b;
  b.path = "s/two/b.csv";
  b.title = "fails";
  b.passed = false;
  b.seconds = 0.5;
  b.failures = {"b.csv:9: expected 2002 connected to=2009 at 3, got 2002 connected to=2001 at 2", "other <x>\x01"};
  FailedExpectation f;
  f.file = "s/two/b.csv";
  f.line = 9;
  f.text = "2002 expect connected to=2009";
  f.expected = "2002 connected to=2009";
  f.window = "at 3";
  f.message = b.failures[0];
  f.has_nearest = true;
  f.nearest = TraceEvent{2, 1, "2002", Ev::connected, "to=2001"};
  b.failed_expectations.push_back(f);
  b.trace_csv = "time,call,party,event,detail\n0.000,c1,2001,display,\"A & <B>\"\n";

  XmlDoc doc = parse_xml(junit_xml({a, b}));
  ASSERT_TRUE(doc.doc) << doc.error;
  xmlNode* root = doc.root();
  EXPECT_EQ(name(root), "testsuites");
  EXPECT_EQ(attr(root, "tests"), "2");
  EXPECT_EQ(attr(root, "failures"), "1");
  auto suites = children(root, "testsuite");
  ASSERT_EQ(suites.size(), 2u);
  EXPECT_EQ(attr(suites[0], "name"), "s/one");
  EXPECT_EQ(attr(suites[1], "name"), "s/two");
  EXPECT_EQ(attr(suites[0], "failures"), "0");
  EXPECT_EQ(attr(suites[1], "failures"), "1");
  auto c0 = children(suites[0], "testcase");
  ASSERT_EQ(c0.size(), 1u);
  EXPECT_EQ(attr(c0[0], "classname"), "s.one.a");
  EXPECT_EQ(attr(c0[0], "file"), "s/one/a.csv");
  EXPECT_EQ(attr(c0[0], "name"), a.title);
  EXPECT_EQ(attr(c0[0], "time"), "1.250");
  EXPECT_TRUE(children(c0[0], "failure").empty());
  auto c1 = children(suites[1], "testcase");
  ASSERT_EQ(c1.size(), 1u);
  auto failure = children(c1[0], "failure");
  ASSERT_EQ(failure.size(), 1u);
  std::string message = attr(failure[0], "message");
  EXPECT_NE(message.find("b.csv:9: expected 2002 connected to=2009 at 3"), std::string::npos);
  EXPECT_NE(message.find("got 2002 connected to=2001"), std::string::npos);
  std::string body = text(failure[0]);
  EXPECT_NE(body.find("s/two/b.csv:9"), std::string::npos);
  EXPECT_NE(body.find("nearest:     2.000,c1,2002,connected,to=2001"), std::string::npos);
  EXPECT_NE(body.find("other <x>"), std::string::npos);  // the control byte dropped
  auto out = children(c1[0], "system-out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(text(out[0]).find("\"A & <B>\""), std::string::npos);
}

class JunitCli : public ScratchTest {};

TEST_F(JunitCli, SameDocumentWithAnyJobs) {
  write("s/a/pass.csv", kPassingScenario);
  write("s/b/fail.csv", kFailingScenario);
  write("s/b/pass2.csv", kPassingScenario);
  std::string docs[2];
  for (int jobs : {1, 2}) {
    std::string out = (dir / ("r" + std::to_string(jobs) + ".xml")).string();
    ShellRun r = telsim("run --jobs " + std::to_string(jobs) + " --junit " + out + " " + (dir / "s").string());
    EXPECT_EQ(r.code, 1) << r.err;
    std::string xml = slurp(out);
    XmlDoc doc = parse_xml(xml);
    ASSERT_TRUE(doc.doc) << doc.error;
    EXPECT_EQ(attr(doc.root(), "tests"), "3");
    EXPECT_EQ(attr(doc.root(), "failures"), "1");
    auto suites = children(doc.root(), "testsuite");
    ASSERT_EQ(suites.size(), 2u);
    auto cases = children(suites[1], "testcase");
    ASSERT_EQ(cases.size(), 2u);
    EXPECT_EQ(attr(cases[0], "classname"), junit_classname((dir / "s/b/fail.csv").string()));
    EXPECT_EQ(attr(cases[0], "file"), (dir / "s/b/fail.csv").string());
    EXPECT_EQ(attr(cases[0], "name"), "a \"wrong\" expectation <fails>");
    EXPECT_TRUE(std::regex_match(attr(cases[0], "time"), std::regex("[0-9]+\\.[0-9]{3}")));
    auto failure = children(cases[0], "failure");
    ASSERT_EQ(failure.size(), 1u);
    std::string body = text(failure[0]);
    EXPECT_NE(body.find("fail.csv:9"), std::string::npos);
    EXPECT_NE(body.find("2002 expect connected to=2009"), std::string::npos);
    EXPECT_NE(body.find("2.000,c1,2002,connected,to=2001"), std::string::npos);
    EXPECT_NE(body.find("fail.csv:10"), std::string::npos);
    docs[jobs - 1] = std::regex_replace(xml, std::regex("time=\"[0-9.]+\""), "time=\"\"");
  }
  EXPECT_EQ(docs[0], docs[1]);
}

TEST_F(JunitCli, ShardsPartitionTheSuite) {
  for (int i = 0; i < 5; ++i) write("s/p" + std::to_string(i) + ".csv", kPassingScenario);
  std::multiset<std::string> seen;
  for (int k = 1; k <= 2; ++k) {
    std::string out = (dir / ("r" + std::to_string(k) + ".xml")).string();
    ShellRun r = telsim("run --shard " + std::to_string(k) + "/2 --junit " + out + " " + (dir / "s").string());
    EXPECT_EQ(r.code, 0) << r.err;
    XmlDoc doc = parse_xml(slurp(out));
    ASSERT_TRUE(doc.doc);
    EXPECT_EQ(attr(doc.root(), "tests"), k == 1 ? "3" : "2");
    for (xmlNode* s : children(doc.root(), "testsuite"))
      for (xmlNode* c : children(s, "testcase")) seen.insert(attr(c, "classname"));
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 5u);  // disjoint
  // Deterministic: the same shard twice gives the same scenarios.
  auto no_times = [](const std::string& out) { return std::regex_replace(out, std::regex("\\([0-9.]+ s\\)"), ""); };
  EXPECT_EQ(no_times(telsim("run --shard 2/2 " + (dir / "s").string()).out),
            no_times(telsim("run --shard 2/2 " + (dir / "s").string()).out));
  for (std::string bad : {"0/2", "3/2", "1/0", "x/2", "1", "1/2/3", "-1/2", ""})
    EXPECT_EQ(telsim("run --shard '" + bad + "' " + (dir / "s").string()).code, 2) << bad;
}

// The whole bundled suite: every scenario in the JUnit document and in the HTML report, each
// with its diagram, whatever the verdicts.
TEST_F(JunitCli, BundledSuiteReportsAreComplete) {
  std::string xml_path = (dir / "r.xml").string(), html_path = (dir / "r.html").string();
  ShellRun r = telsim("run --jobs 2 --root " TELSIM_SOURCE_DIR " --junit " + xml_path + " --html " + html_path +
                      " " TELSIM_SOURCE_DIR "/scenarios");
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("(\\d+) passed, (\\d+) failed")));
  int passed = std::stoi(m[1]), failed = std::stoi(m[2]);
  ASSERT_GT(passed + failed, 50);

  XmlDoc doc = parse_xml(slurp(xml_path));
  ASSERT_TRUE(doc.doc) << doc.error;
  EXPECT_EQ(attr(doc.root(), "tests"), std::to_string(passed + failed));
  EXPECT_EQ(attr(doc.root(), "failures"), std::to_string(failed));
  int cases = 0, failures = 0;
  std::set<std::string> classnames;
  for (xmlNode* s : children(doc.root(), "testsuite"))
    for (xmlNode* c : children(s, "testcase")) {
      ++cases;
      failures += static_cast<int>(children(c, "failure").size());
      EXPECT_EQ(attr(s, "name"), fs::path(attr(c, "file")).parent_path().string());
      EXPECT_EQ(attr(c, "classname"), junit_classname(attr(c, "file")));
      EXPECT_FALSE(attr(c, "name").empty());
      classnames.insert(attr(c, "classname"));
    }
  EXPECT_EQ(cases, passed + failed);
  EXPECT_EQ(failures, failed);
  EXPECT_EQ(static_cast<int>(classnames.size()), cases);

  XmlDoc html = parse_html(slurp(html_path));
  ASSERT_TRUE(html.doc);
  auto sections = find_all(html.root(), [](xmlNode* n) { return name(n) == "section"; });
  EXPECT_EQ(static_cast<int>(sections.size()), passed + failed);
  for (xmlNode* s : sections) {
    EXPECT_EQ(find_all(s, [](xmlNode* n) { return name(n) == "svg"; }).size(), 1u) << attr(s, "data-path");
    EXPECT_EQ(find_all(s, [](xmlNode* n) { return name(n) == "table"; }).size(), 1u) << attr(s, "data-path");
  }
}

// Jenkins splits classname at its last dot into package and class: folders only, no .csv.
TEST(Junit, ClassnamesAreJenkinsSafe) {
  EXPECT_EQ(junit_classname("scenarios/basic/busy.csv"), "scenarios.basic.busy");
  EXPECT_EQ(junit_classname("./scenarios/hunt/v1.2 test.csv"), "scenarios.hunt.v1_2_test");
  EXPECT_EQ(junit_classname("/tmp/x/a.csv"), "tmp.x.a");
  EXPECT_EQ(junit_classname("../up/a.csv"), "up.a");
  EXPECT_EQ(junit_classname("same.csv"), "same");
}

// Crashes, timeouts, broken invariants and bad files are errors, counted in errors=, not failures.
TEST(Junit, ErrorsAreNotFailures) {
  std::vector<ScenarioOutcome> os(5);
  const char* kinds[] = {"", "crash", "timeout", "run", "bad-input"};
  for (int i = 0; i < 5; ++i) {
    os[i].path = "s/c" + std::to_string(i) + ".csv";
    os[i].title = "case " + std::to_string(i);
    os[i].error_kind = kinds[i];
    os[i].failures = {os[i].path + ":3: something"};
  }
  os.push_back(ScenarioOutcome{});
  os.back().path = "s/ok.csv";
  os.back().title = "ok";
  os.back().passed = true;
  XmlDoc doc = parse_xml(junit_xml(os));
  ASSERT_TRUE(doc.doc) << doc.error;
  EXPECT_EQ(attr(doc.root(), "tests"), "6");
  EXPECT_EQ(attr(doc.root(), "failures"), "1");
  EXPECT_EQ(attr(doc.root(), "errors"), "4");
  auto suite = children(doc.root(), "testsuite");
  ASSERT_EQ(suite.size(), 1u);
  EXPECT_EQ(attr(suite[0], "errors"), "4");
  auto cases = children(suite[0], "testcase");
  ASSERT_EQ(cases.size(), 6u);
  EXPECT_EQ(children(cases[0], "failure").size(), 1u);
  EXPECT_TRUE(children(cases[0], "error").empty());
  for (int i = 1; i < 5; ++i) {
    auto e = children(cases[i], "error");
    ASSERT_EQ(e.size(), 1u) << i;
    EXPECT_EQ(attr(e[0], "type"), kinds[i]);
    EXPECT_TRUE(children(cases[i], "failure").empty());
  }
}

// Scenario-controlled text (titles, paths, failures, traces) is escaped: the document stays
// well-formed and says exactly what the scenario wrote, markup included, control bytes dropped.
TEST(Junit, ScenarioTextIsEscaped) {
  ScenarioOutcome o;
  o.path = "s/<x>&\"'.csv";
  o.title = "</testcase><injected/> ]]> \x01\x1b bad byte \xff";
  o.failures = {"s/x.csv:2: expected <display text='A&B'>]]>"};
  o.trace_csv = "time,call,party,event,detail\n0.000,c1,2001,display,\"</system-out><x/>\"\n";
  o.warnings = {"<warn>&"};
  std::string xml = junit_xml({o});
  XmlDoc doc = parse_xml(xml);
  ASSERT_TRUE(doc.doc) << doc.error << xml;
  xmlNode* c = children(children(doc.root(), "testsuite")[0], "testcase")[0];
  EXPECT_EQ(attr(c, "name"), "</testcase><injected/> ]]>  bad byte \xEF\xBF\xBD");
  EXPECT_EQ(attr(c, "file"), o.path);
  auto f = children(c, "failure");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(attr(f[0], "message"), o.failures[0]);
  EXPECT_NE(text(children(c, "system-out")[0]).find("\"</system-out><x/>\""), std::string::npos);
  EXPECT_NE(text(children(c, "system-err")[0]).find("<warn>&"), std::string::npos);
  EXPECT_EQ(xml.find("<injected"), std::string::npos);
}

// A failing case with --diagram-dir carries GitLab's attachment line; a golden mismatch its diff.
TEST(Junit, AttachmentAndGoldenDiff) {
  ScenarioOutcome o;
  o.path = "s/g.csv";
  o.title = "g";
  o.failures = {"s/g.trace.csv:3: expected 'a', got 'b'"};
  o.golden_diff = "--- s/g.trace.csv\n+++ actual trace\n@@ -3,1 +3,1 @@\n-a\n+b\n@@ -9,1 +9,1 @@\n-c\n+d\n";
  o.trace_csv = "time,call,party,event,detail\n";
  JunitOptions options;
  options.diagrams["s/g.csv"] = "out/s/g.svg";
  XmlDoc doc = parse_xml(junit_xml({o}, options));
  ASSERT_TRUE(doc.doc) << doc.error;
  xmlNode* c = children(children(doc.root(), "testsuite")[0], "testcase")[0];
  EXPECT_EQ(text(children(c, "system-out")[0]).rfind("[[ATTACHMENT|out/s/g.svg]]\n", 0), 0u);
  std::string body = text(children(c, "failure")[0]);
  EXPECT_NE(body.find("-a\n+b\n"), std::string::npos) << body;
  EXPECT_NE(body.find("-c\n+d\n"), std::string::npos) << body;
  EXPECT_EQ(attr(children(c, "failure")[0], "type"), "golden");
}

// Through the command line: a bad file is an error case beside the good ones, a golden mismatch
// of two rows shows both, and the diagrams are attached.
TEST_F(JunitCli, BadFilesGoldenDiffsAndAttachments) {
  write("s/a/pass.csv", kPassingScenario);
  std::string golden_case = write("s/b/golden.csv", kPassingScenario);
  write("s/c/typo.csv", "at,party,action,argument\n,2001,station,\n0,2001,cal,2002\n1,2001,hangup,now\n");
  ASSERT_EQ(telsim("run --bless " + golden_case).code, 0);
  std::string golden = slurp(dir / "s/b/golden.trace.csv");
  size_t first = golden.find("\n") + 1;  // change the first and the last row
  golden.replace(first, 5, "9.999");
  golden.replace(golden.rfind(",c1,") - 5, 5, "8.888");
  write("s/b/golden.trace.csv", golden);
  std::string xml_path = (dir / "r.xml").string();
  ShellRun r = telsim("run --junit " + xml_path + " --diagram-dir " + (dir / "d").string() + " " + (dir / "s").string());
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  XmlDoc doc = parse_xml(slurp(xml_path));
  ASSERT_TRUE(doc.doc) << doc.error;
  EXPECT_EQ(attr(doc.root(), "tests"), "3");
  EXPECT_EQ(attr(doc.root(), "errors"), "1");
  EXPECT_EQ(attr(doc.root(), "failures"), "1");
  std::map<std::string, xmlNode*> by_name;
  for (xmlNode* s : children(doc.root(), "testsuite"))
    for (xmlNode* c : children(s, "testcase")) by_name[fs::path(attr(c, "file")).filename().string()] = c;
  ASSERT_EQ(by_name.size(), 3u);
  auto error = children(by_name["typo.csv"], "error");
  ASSERT_EQ(error.size(), 1u);
  std::string body = text(error[0]);
  EXPECT_NE(body.find("typo.csv:3: unknown action 'cal'"), std::string::npos) << body;
  EXPECT_NE(body.find("typo.csv:4: 'hangup' takes no argument"), std::string::npos) << body;
  auto failure = children(by_name["golden.csv"], "failure");
  ASSERT_EQ(failure.size(), 1u);
  body = text(failure[0]);
  EXPECT_NE(body.find("+++ actual trace"), std::string::npos) << body;
  EXPECT_NE(body.find("\n-9.999"), std::string::npos) << body;
  EXPECT_NE(body.find("\n-8.888"), std::string::npos) << body;
  std::string out = text(children(by_name["golden.csv"], "system-out")[0]);
  EXPECT_EQ(out.rfind("[[ATTACHMENT|" + (dir / "d").string(), 0), 0u) << out;
  std::string svg = out.substr(13, out.find("]]") - 13);
  EXPECT_TRUE(fs::exists(svg)) << svg;
}
