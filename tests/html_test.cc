// The HTML report, checked in a real browser: headless Chromium loads the file and dumps its DOM,
// which libxml2 reads back. Skipped (with the reason) when chromium is not installed.
#include <cstdlib>
#include <map>
#include <regex>
#include <sstream>

#include <libxml/HTMLtree.h>

#include "reports/html.h"
#include "reports/trace_csv.h"
#include "tests/report_fixture.h"

using namespace telsim;
using namespace telsim_test;

namespace {

// The browser as .ci/run finds it: on the PATH.
std::string chromium() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser"})
    for (size_t start = 0; start <= dirs.size();) {
      size_t end = dirs.find(':', start);
      if (end == std::string::npos) end = dirs.size();
      std::string p = (end > start ? dirs.substr(start, end - start) : ".") + "/" + name;
      if (::access(p.c_str(), X_OK) == 0) return p;
      start = end + 1;
    }
  return "";
}

}  // namespace

class HtmlReport : public ScratchTest {};

TEST_F(HtmlReport, SelfContainedWithFailuresFirst) {
  write("s/a/pass.csv", kPassingScenario);
  write("s/b/fail.csv", kFailingScenario);
  std::string html_path = (dir / "r.html").string();
  ShellRun r = telsim("run --html " + html_path + " " + (dir / "s").string());
  ASSERT_EQ(r.code, 1) << r.err;
  std::string html = slurp(html_path);
  // Self-contained: nothing loaded from anywhere (one inline script, no src).
  EXPECT_FALSE(std::regex_search(html, std::regex("<(link|img|iframe)\\b")));
  EXPECT_FALSE(std::regex_search(html, std::regex("<script[^>]*src")));
  EXPECT_FALSE(std::regex_search(html, std::regex("(src|href)=\"(https?:|//|file:)")));
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("xlink:href=\"http"), std::string::npos);

  XmlDoc doc = parse_html(html);
  ASSERT_TRUE(doc.doc);
  auto sections = find_all(doc.root(), [](xmlNode* n) { return name(n) == "section"; });
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_TRUE(has_class(sections[0], "failed"));  // failures first
  EXPECT_TRUE(has_class(sections[1], "passed"));
}

TEST_F(HtmlReport, ChromiumRendersEveryPart) {
  std::string browser = chromium();
  // tools/setup.sh installs it; in CI its absence is a failure, not a silent skip.
  if (browser.empty() && std::getenv("CI")) FAIL() << "chromium is not on the PATH (tools/setup.sh installs it)";
  if (browser.empty()) GTEST_SKIP() << "chromium is not installed (tools/setup.sh installs it): browser check skipped";
  write("s/a/pass.csv", kPassingScenario);
  write("s/b/fail.csv", kFailingScenario);
  std::string html_path = (dir / "r.html").string();
  ASSERT_EQ(telsim("run --html " + html_path + " " + (dir / "s").string()).code, 1);

  fs::create_directories(dir / "profile");
  ShellRun r = sh("timeout 120 " + browser +
             " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
             " --disable-component-update --disable-sync --user-data-dir=" +
             (dir / "profile").string() + " --dump-dom file://" + html_path);
  ASSERT_EQ(r.code, 0) << r.err;
  XmlDoc doc = parse_html(r.out);
  ASSERT_TRUE(doc.doc);
  xmlNode* root = doc.root();
  auto by_id = [&](const std::string& id) {
    auto v = find_all(root, [&](xmlNode* n) { return attr(n, "id") == id; });
    return v.empty() ? nullptr : v[0];
  };
  ASSERT_TRUE(by_id("count-total"));
  EXPECT_EQ(text(by_id("count-total")), "2 scenarios");
  EXPECT_EQ(text(by_id("count-passed")), "1 passed");
  EXPECT_EQ(text(by_id("count-failed")), "1 failed");

  auto sections = find_all(root, [](xmlNode* n) { return name(n) == "section"; });
  ASSERT_EQ(sections.size(), 2u);
  xmlNode* failed = sections[0];
  ASSERT_TRUE(has_class(failed, "failed"));
  std::string all = text(failed);
  EXPECT_NE(all.find("a \"wrong\" expectation <fails>"), std::string::npos);
  EXPECT_NE(all.find("BC-2"), std::string::npos);
  EXPECT_NE(all.find("FAIL"), std::string::npos);
  auto failures = find_all(failed, [](xmlNode* n) { return has_class(n, "failure"); });
  ASSERT_EQ(failures.size(), 2u);
  std::string first = text(failures[0]);
  EXPECT_NE(first.find("line 9"), std::string::npos);
  EXPECT_NE(first.find("2002 expect connected to=2009"), std::string::npos);
  EXPECT_NE(first.find("2.000 c1 2002 connected to=2001"), std::string::npos);
  // The diagram inline, as SVG, with the failure in it.
  auto svgs = find_all(failed, [](xmlNode* n) { return name(n) == "svg"; });
  ASSERT_EQ(svgs.size(), 1u);
  EXPECT_NE(text(svgs[0]).find("FAILED line 9"), std::string::npos);
  // The trace as a table: a header and one row per event, the nearest event highlighted.
  auto tables = find_all(failed, [](xmlNode* n) { return name(n) == "table"; });
  ASSERT_EQ(tables.size(), 1u);
  auto rows = find_all(tables[0], [](xmlNode* n) { return name(n) == "tr"; });
  EXPECT_GE(rows.size(), 10u);
  auto nearest = find_all(tables[0], [](xmlNode* n) { return name(n) == "tr" && has_class(n, "nearest"); });
  ASSERT_EQ(nearest.size(), 2u);  // the nearest for line 9, the event that broke line 10
  EXPECT_NE(text(nearest[0]).find("ringing"), std::string::npos);
  EXPECT_NE(text(nearest[1]).find("connected"), std::string::npos);

  xmlNode* passed = sections[1];
  EXPECT_TRUE(has_class(passed, "passed"));
  EXPECT_NE(text(passed).find("a call is answered & released <ok>"), std::string::npos);
  EXPECT_EQ(find_all(passed, [](xmlNode* n) { return has_class(n, "failure"); }).size(), 0u);
  EXPECT_EQ(find_all(passed, [](xmlNode* n) { return name(n) == "svg"; }).size(), 1u);
}

// Diagrams are spliced in as text after the page is serialised, at comments standing for them: a
// title that spells such a comment stays text, and each diagram lands in its own section.
TEST_F(HtmlReport, ATitleSpellingTheDiagramMarkStaysText) {
  const std::string mark = "<!--\"'&telsim-fragment-0-->";
  std::string scenario = kFailingScenario;
  scenario = "# title: " + mark + "\n" + scenario.substr(scenario.find('\n') + 1);
  write("s/a/fail.csv", scenario);
  write("s/b/pass.csv", kPassingScenario);
  std::string html_path = (dir / "r.html").string();
  ASSERT_EQ(telsim("run --html " + html_path + " " + (dir / "s").string()).code, 1);
  std::string page = slurp(html_path);
  EXPECT_EQ(page.find(mark), std::string::npos);  // escaped wherever the title appears
  XmlDoc doc = parse_html(page);
  ASSERT_TRUE(doc.doc);
  auto sections = find_all(doc.root(), [](xmlNode* n) { return name(n) == "section"; });
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_NE(text(sections[0]).find(mark), std::string::npos);  // the title, as its reader wrote it
  for (xmlNode* sec : sections)
    EXPECT_EQ(find_all(sec, [](xmlNode* n) { return name(n) == "svg"; }).size(), 1u) << attr(sec, "data-path");
  auto svgs = find_all(sections[0], [](xmlNode* n) { return name(n) == "svg"; });
  ASSERT_EQ(svgs.size(), 1u);
  EXPECT_NE(text(svgs[0]).find("FAILED line"), std::string::npos);
}

TEST_F(HtmlReport, IdsAreUniqueWithManyDiagrams) {
  write("s/a/fail1.csv", kFailingScenario);
  write("s/b/fail2.csv", kFailingScenario);
  write("s/c/pass.csv", kPassingScenario);
  std::string html_path = (dir / "r.html").string();
  ASSERT_EQ(telsim("run --html " + html_path + " " + (dir / "s").string()).code, 1);
  XmlDoc doc = parse_html(slurp(html_path));
  ASSERT_TRUE(doc.doc);
  EXPECT_GE(find_all(doc.root(), [](xmlNode* n) { return name(n) == "svg"; }).size(), 2u);
  std::map<std::string, int> seen;
  for (xmlNode* n : find_all(doc.root(), [](xmlNode* x) { return has_attr(x, "id"); })) ++seen[attr(n, "id")];
  EXPECT_GT(seen.size(), 50u);
  for (const auto& [id, count] : seen) EXPECT_EQ(count, 1) << "id '" << id << "' appears " << count << " times";
}

namespace {

ScenarioOutcome outcome(const std::string& path, const std::string& title, bool passed,
                        std::vector<std::string> rules) {
  ScenarioOutcome o;
  o.path = path;
  o.title = title;
  o.passed = passed;
  o.rules = std::move(rules);
  o.trace_csv = "time,call,party,event,detail\n0.000,c1,2001,offhook,\n";
  if (!passed) o.failures = {path + ":9: expected 2001 onhook at 1, got 2001 offhook at 0"};
  return o;
}

// A failed scenario whose trace is `events`, failed by an expectation whose nearest event is the last.
ScenarioOutcome failed_with_trace(const std::vector<TraceEvent>& events) {
  ScenarioOutcome o = outcome("s/a.csv", "a", false, {});
  o.trace_csv = trace_csv(events);
  FailedExpectation f;
  f.has_nearest = true;
  f.nearest = events.back();
  o.failed_expectations = {f};
  return o;
}

XmlDoc report(const std::vector<ScenarioOutcome>& outcomes, const HtmlOptions& options = {}) {
  return parse_html(html_report(outcomes, options));
}

xmlNode* by_id(const XmlDoc& doc, const std::string& id) {
  auto v = find_all(doc.root(), [&](xmlNode* n) { return attr(n, "id") == id; });
  return v.empty() ? nullptr : v[0];
}

}  // namespace

TEST(HtmlPage, ShowsTheRunsMetadata) {
  HtmlOptions opt;
  opt.version = "9.8.7";
  opt.date = "2024-05-01 10:00:00 UTC";
  opt.command_line = "telsim run --html r.html scenarios/";
  opt.duration = 12.34;
  XmlDoc doc = report({outcome("s/a.csv", "a", true, {})}, opt);
  ASSERT_TRUE(doc.doc);
  xmlNode* meta = by_id(doc, "meta");
  ASSERT_TRUE(meta);
  std::string t = text(meta);
  for (const char* want : {"telsim 9.8.7", "2024-05-01 10:00:00 UTC", "took 12.3 s", "telsim run --html r.html scenarios/"})
    EXPECT_NE(t.find(want), std::string::npos) << want << " in " << t;
}

TEST(HtmlPage, ListsScenariosByFolderWithVerdictsAndTitles) {
  XmlDoc doc = report({outcome("s/basic/a.csv", "first", true, {}), outcome("s/basic/b.csv", "second", false, {}),
                       outcome("s/hunt/c.csv", "third", true, {})});
  xmlNode* index = by_id(doc, "index");
  ASSERT_TRUE(index);
  auto folders = find_all(index, [](xmlNode* n) { return has_class(n, "folder"); });
  ASSERT_EQ(folders.size(), 2u);
  EXPECT_NE(text(folders[0]).find("s/basic (1 passed, 1 failed)"), std::string::npos);
  auto items = find_all(folders[0], [](xmlNode* n) { return name(n) == "li"; });
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(has_class(items[1], "failed"));
  EXPECT_NE(text(items[1]).find("FAIL s/basic/b.csv second"), std::string::npos);
  auto verdict = find_all(items[1], [](xmlNode* n) { return has_class(n, "verdict"); });
  ASSERT_EQ(verdict.size(), 1u);
  EXPECT_TRUE(has_class(verdict[0], "FAIL"));  // coloured by its class
  EXPECT_EQ(attr(find_all(items[1], [](xmlNode* n) { return name(n) == "a"; })[0], "href"), "#scenario-1");
}

TEST(HtmlPage, HasAFilterBoxAndOneInlineScript) {
  std::string html = html_report({outcome("s/a.csv", "a", true, {"BC-1"})});
  XmlDoc doc = parse_html(html);
  ASSERT_TRUE(by_id(doc, "filter"));
  auto scripts = find_all(doc.root(), [](xmlNode* n) { return name(n) == "script"; });
  ASSERT_EQ(scripts.size(), 1u);
  EXPECT_FALSE(has_attr(scripts[0], "src"));
  EXPECT_NE(text(scripts[0]).find("getElementById('filter')"), std::string::npos);
  // What the filter reads: every entry and section carries its words.
  auto filtered = find_all(doc.root(), [](xmlNode* n) { return has_attr(n, "data-filter"); });
  EXPECT_GE(filtered.size(), 3u);  // the folder, its entry, the section (and the rule row)
}

TEST(HtmlPage, RuleCoverageNamesEachRuleItsScenariosAndVerdict) {
  XmlDoc doc = report({outcome("s/a.csv", "a", true, {"CF-10", "BC-1"}), outcome("s/b.csv", "b", false, {"CF-2"}),
                       outcome("s/c.csv", "c", true, {"CF-2"})});
  xmlNode* table = by_id(doc, "coverage");
  ASSERT_TRUE(table);
  auto rows = find_all(table, [](xmlNode* n) { return name(n) == "tr"; });
  ASSERT_EQ(rows.size(), 4u);  // header + BC-1, CF-2, CF-10 in reading order
  auto cells = [&](size_t r) { return find_all(rows[r], [](xmlNode* n) { return name(n) == "td"; }); };
  EXPECT_EQ(text(cells(1)[0]), "BC-1");
  EXPECT_EQ(text(cells(2)[0]), "CF-2");
  EXPECT_EQ(text(cells(3)[0]), "CF-10");
  EXPECT_NE(text(cells(2)[1]).find("s/b.csv FAIL"), std::string::npos);
  EXPECT_NE(text(cells(2)[1]).find("s/c.csv PASS"), std::string::npos);
  EXPECT_EQ(text(cells(2)[2]), "1 of 2 failed");
  EXPECT_TRUE(has_class(cells(2)[2], "FAIL"));
  EXPECT_EQ(text(cells(1)[2]), "all 1 passed");
}

TEST(HtmlPage, ScenarioTextStaysText) {
  // Titles, paths, rules and trace details come from scenario files: none of it may become markup.
  ScenarioOutcome o = outcome("s/<b>x</b>.csv", "<script>alert(1)</script> & \"q\" '\x01'", false,
                              {"<i>R-1</i>"});
  o.trace_csv = "time,call,party,event,detail\n0.000,c1,2001,display,\"<img src=x onerror=alert(1)>\"\n";
  o.tags = {"</section>"};
  std::string html = html_report({o});
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>x"), std::string::npos);
  EXPECT_EQ(html.find("<i>R-1"), std::string::npos);
  XmlDoc doc = parse_html(html);
  ASSERT_TRUE(doc.doc);
  EXPECT_EQ(find_all(doc.root(), [](xmlNode* n) { return name(n) == "script"; }).size(), 1u);  // ours only
  EXPECT_EQ(find_all(doc.root(), [](xmlNode* n) { return name(n) == "section"; }).size(), 1u);
  auto titles = find_all(doc.root(), [](xmlNode* n) { return has_class(n, "title") && name(n) == "span"; });
  ASSERT_FALSE(titles.empty());
  EXPECT_EQ(text(titles[0]), "<script>alert(1)</script> & \"q\" ''");  // control byte dropped
}

TEST(HtmlPage, RuleIdsSortInReadingOrder) {
  std::vector<std::string> ids = {"CF-10", "BC-2", "CF-2", "BC-10", "HG-1", "BC-1"};
  std::sort(ids.begin(), ids.end(), rule_id_less);
  EXPECT_EQ(ids, (std::vector<std::string>{"BC-1", "BC-2", "BC-10", "CF-2", "CF-10", "HG-1"}));
}

// A file that could not be judged (bad input, a crash, a timeout) is an ERROR, counted apart from
// failures, as JUnit counts it.
TEST(HtmlPage, BadInputIsAnErrorNotAFailure) {
  ScenarioOutcome bad = outcome("s/bad.csv", "bad", false, {});
  bad.error_kind = "bad-input";
  XmlDoc doc = report({outcome("s/a.csv", "a", true, {}), outcome("s/b.csv", "b", false, {}), bad});
  ASSERT_TRUE(doc.doc);
  EXPECT_EQ(text(by_id(doc, "count-passed")), "1 passed");
  EXPECT_EQ(text(by_id(doc, "count-failed")), "1 failed");
  EXPECT_EQ(text(by_id(doc, "count-errors")), "1 errors");
  auto errors = find_all(doc.root(), [](xmlNode* n) { return name(n) == "section" && has_class(n, "error"); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(text(errors[0]).find("ERROR"), std::string::npos);
  EXPECT_NE(text(errors[0]).find("bad-input"), std::string::npos);
  auto verdicts = find_all(errors[0], [](xmlNode* n) { return has_class(n, "verdict"); });
  ASSERT_FALSE(verdicts.empty());
  EXPECT_TRUE(has_class(verdicts[0], "ERROR"));
}

// Trace rows are written as markup text, not tree nodes: every cell still reads back as its text,
// quotes, angle brackets and ampersands included, and the nearest event's row is marked.
TEST(HtmlPage, TraceRowsKeepTheirTextLiterally) {
  ScenarioOutcome o = failed_with_trace({TraceEvent{0, 1, "2001", Ev::offhook, ""},
                                          TraceEvent{1.5, 1, "2001", Ev::prompt, "it's \"R&D\" <b>here</b>"}});
  XmlDoc doc = report({o});
  ASSERT_TRUE(doc.doc);
  auto rows = find_all(doc.root(), [](xmlNode* n) { return name(n) == "tr" && !find_all(n, [](xmlNode* c) {
                                                                  return name(c) == "td"; }).empty(); });
  ASSERT_EQ(rows.size(), 2u);
  auto cells = find_all(rows[1], [](xmlNode* n) { return name(n) == "td"; });
  ASSERT_EQ(cells.size(), 5u);
  EXPECT_EQ(text(cells[0]), "1.500");
  EXPECT_EQ(text(cells[1]), "c1");
  EXPECT_EQ(text(cells[3]), "prompt");
  EXPECT_EQ(text(cells[4]), "it's \"R&D\" <b>here</b>");
  EXPECT_FALSE(has_class(rows[0], "nearest"));
  EXPECT_TRUE(has_class(rows[1], "nearest"));
}

// Each trace (its summary, header and rows) and each diagram is written in its place as the page is
// copied out, not built in the tree: the trace's markup is what libxml2's serialiser writes for the
// same elements, so the page reads as one document, and nothing is left of the marks.
TEST(HtmlPage, TracesWrittenInPlaceAreWhatTheSerialiserWrites) {
  ScenarioOutcome o = failed_with_trace({TraceEvent{0, 1, "2001", Ev::offhook, ""},
                                          TraceEvent{2.25, 2, "2002", Ev::ringing, "from=2001"}});
  std::ostringstream streamed;
  write_html_report(streamed, {o, outcome("s/b.csv", "b", true, {})});
  const std::string page = streamed.str();
  EXPECT_EQ(page, html_report({o, outcome("s/b.csv", "b", true, {})}));
  EXPECT_EQ(page.find("telsim-fragment"), std::string::npos);
  XmlDoc doc = parse_html(page);
  ASSERT_TRUE(doc.doc);
  auto traces = find_all(doc.root(), [](xmlNode* n) { return name(n) == "details" && has_class(n, "trace"); });
  ASSERT_EQ(traces.size(), 2u);
  for (xmlNode* t : traces) {
    xmlOutputBuffer* buf = xmlAllocOutputBuffer(nullptr);
    htmlNodeDumpFormatOutput(buf, doc.doc.get(), t, "UTF-8", 0);  // unformatted, as the page
    const std::string dumped(reinterpret_cast<const char*>(xmlOutputBufferGetContent(buf)), xmlOutputBufferGetSize(buf));
    xmlOutputBufferClose(buf);
    EXPECT_NE(page.find(dumped), std::string::npos) << dumped;
  }
  EXPECT_NE(text(traces[0]).find("Trace (2 events)"), std::string::npos);
  EXPECT_EQ(find_all(doc.root(), [](xmlNode* n) { return name(n) == "svg"; }).size(), 2u);
  for (xmlNode* z : find_all(doc.root(), [](xmlNode* n) { return has_class(n, "zoom"); }))
    EXPECT_EQ(name(z->parent), "details");
}

// The page goes to its file as it is written: a write that fails part way (a full disk: /dev/full)
// is reported and the run exits 2.
TEST_F(HtmlReport, AFailedWriteIsReported) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  write("s/a/pass.csv", kPassingScenario);
  fs::create_symlink("/dev/full", dir / "full.html");
  ShellRun r = telsim("run --html " + (dir / "full.html").string() + " " + (dir / "s").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("the HTML report"), std::string::npos) << r.err;
}
