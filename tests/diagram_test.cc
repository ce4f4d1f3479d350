// Call-flow diagrams: written as SVG (directly, without Graphviz) and read back (libxml2): lifelines, arrows
// labelled with call and event, the failure marked in red with the expected and actual event.
#include <algorithm>
#include <map>
#include <set>

#include "reports/diagram.h"
#include "reports/trace_csv.h"
#include "tests/report_fixture.h"

using namespace telsim;
using namespace telsim_test;

namespace {

// The text of every <text> element, and the fill colour it is drawn in.
struct SvgText {
  std::string text, fill;
  double x = 0, y = 0;
};

std::vector<SvgText> svg_texts(const XmlDoc& doc) {
  std::vector<SvgText> out;
  for (xmlNode* n : find_all(doc.root(), [](xmlNode* x) { return name(x) == "text"; }))
    out.push_back({text(n), attr(n, "fill"), std::atof(attr(n, "x").c_str()), std::atof(attr(n, "y").c_str())});
  return out;
}

const SvgText* find_text(const std::vector<SvgText>& texts, const std::string& needle) {
  for (const SvgText& t : texts)
    if (t.text.find(needle) != std::string::npos) return &t;
  return nullptr;
}

// A 120-event trace over three calls and six parties: c1 2001->2002 transferred to 2003, c2 an
// outside call hunting, c3 a handoff; and one failed expectation with its nearest event.
DiagramInput big_input() {
  DiagramInput in;
  in.title = "a generated 120-event trace";
  in.path = "generated/big.csv";
  in.passed = false;
  const char* parties[] = {"2001", "2002", "2003", "5550100", "2004", "2005"};
  const Ev kinds[] = {Ev::offhook, Ev::dialtone, Ev::digits, Ev::ringing, Ev::ringback, Ev::connected,
                      Ev::display, Ev::hold, Ev::transfer, Ev::released, Ev::onhook, Ev::prompt};
  for (int i = 0; i < 120; ++i) {
    TraceEvent e;
    e.time = i * 0.5;
    e.call = static_cast<uint32_t>(1 + (i / 10) % 3);
    e.party = parties[(i * 7 / 3) % 6];
    e.event = kinds[i % 12];
    e.detail = ev_detail_is_text(e.event) ? "TEXT " + std::to_string(i) : "n=" + std::to_string(i);
    in.events.push_back(e);
  }
  FailedExpectation f;
  f.file = "generated/big.csv";
  f.line = 42;
  f.expected = "2003 connected to=2001";
  f.window = "at 20";
  f.from = f.to = 20;
  f.message = "big.csv:42: expected 2003 connected to=2001 at 20, got ...";
  f.has_nearest = true;
  f.nearest = in.events[77];
  in.failed.push_back(f);
  return in;
}

}  // namespace

TEST(Diagram, HundredTwentyEventsRenderWithEveryLabel) {
  DiagramInput in = big_input();
  std::string svg = diagram_svg(in);
  XmlDoc doc = parse_xml(svg);
  ASSERT_TRUE(doc.doc) << doc.error;
  EXPECT_EQ(name(doc.root()), "svg");
  std::vector<SvgText> texts = svg_texts(doc);

  // Every event has its arrow label: call id, event name and detail.
  for (const TraceEvent& e : in.events) {
    std::string label = call_label(e.call) + ": " + std::string(ev_name(e.event));
    std::string detail = ev_detail_is_text(e.event) ? "'" + e.detail + "'" : e.detail;
    bool found = std::any_of(texts.begin(), texts.end(), [&](const SvgText& t) {
      return t.text.find(label) != std::string::npos && t.text.find(detail) != std::string::npos;
    });
    EXPECT_TRUE(found) << label << " " << detail;
  }
  // Lifelines: six parties plus the PBX, head and foot; PBX in the middle (3 parties to its left).
  std::map<std::string, std::vector<double>> heads;
  for (const SvgText& t : texts)
    for (std::string p : {"2001", "2002", "2003", "5550100", "2004", "2005", "PBX"})
      if (t.text == p) heads[p].push_back(t.x);
  ASSERT_EQ(heads.size(), 7u);
  // Head, foot, and the names again after every 40 or so rows: twice in 121 rows.
  for (auto& [p, xs] : heads) EXPECT_EQ(xs.size(), 4u) << p;
  int left_of_pbx = 0;
  for (auto& [p, xs] : heads)
    if (p != "PBX" && xs[0] < heads["PBX"][0]) ++left_of_pbx;
  EXPECT_EQ(left_of_pbx, 3);
  // Order of first appearance: 2001 first, leftmost.
  for (auto& [p, xs] : heads)
    if (p != "2001") {
      EXPECT_LT(heads["2001"][0], xs[0]);
    }

  // Time flows down: the time labels' y grows with time.
  const SvgText* t0 = find_text(texts, "0.000 s");
  const SvgText* t59 = find_text(texts, "59.500 s");
  ASSERT_TRUE(t0 && t59);
  EXPECT_LT(t0->y, t59->y);

  // The failure, in red, with expected and actual.
  const SvgText* fail = find_text(texts, "FAILED line 42: expected 2003 connected to=2001 at 20");
  ASSERT_TRUE(fail);
  EXPECT_EQ(fail->fill, "red");
  const SvgText* actual = find_text(texts, "actual (nearest): " + in.events[77].party);
  ASSERT_TRUE(actual);
  EXPECT_EQ(actual->fill, "red");
  // Between the 19.5 s and 20 s rows.
  const SvgText* before = find_text(texts, "19.500 s");
  ASSERT_TRUE(before);
  EXPECT_GT(fail->y, before->y);
  const SvgText* marked = find_text(texts, "[actual event for failed line 42]");
  ASSERT_TRUE(marked);
  EXPECT_EQ(marked->fill, "red");
  // One colour per call: the arrows (paths of the edges) use three different colours.
  std::set<std::string> colours;
  for (const SvgText& t : texts)
    if (t.text.rfind("c1: ", 0) == 0 || t.text.rfind("c2: ", 0) == 0 || t.text.rfind("c3: ", 0) == 0)
      if (t.fill != "red") colours.insert(t.text.substr(0, 2) + t.fill);
  EXPECT_EQ(colours.size(), 3u);
}

TEST(Diagram, NastyTextStaysValid) {
  DiagramInput in;
  in.title = "quotes \" backslash \\ <angle> & amp";
  in.path = "x.csv";
  in.events.push_back({0, 1, "2001", Ev::display, "SAY \"HI\" \\ <x> & {y}"});
  std::string svg = diagram_svg(in);
  XmlDoc doc = parse_xml(svg);
  ASSERT_TRUE(doc.doc) << doc.error;
  auto texts = svg_texts(doc);
  EXPECT_TRUE(find_text(texts, "SAY \"HI\" \\ <x> & {y}"));
  EXPECT_TRUE(find_text(texts, "quotes \" backslash \\ <angle> & amp"));
}

class DiagramCli : public ScratchTest {};

// SVG and DOT go to the file as they are placed (a 120-event ladder is several of the writer's
// chunks): the file holds the same bytes as the whole string did.
TEST_F(DiagramCli, FilesAreTheSameBytesAsTheWholeText) {
  DiagramInput in = big_input();
  const std::string svg = diagram_svg(in);
  ASSERT_GT(svg.size(), 64 * 1024u);
  write_diagram(in, (dir / "big.svg").string());
  EXPECT_EQ(slurp(dir / "big.svg"), "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + svg);
  write_diagram(in, (dir / "big.dot").string());
  EXPECT_EQ(slurp(dir / "big.dot"), diagram_dot(in));
}

// A write that fails part way (a full disk: /dev/full) is an error, not a short file left quietly.
TEST_F(DiagramCli, AFailedWriteIsReported) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  fs::create_symlink("/dev/full", dir / "full.svg");
  EXPECT_THROW(write_diagram(big_input(), (dir / "full.svg").string()), std::runtime_error);
  std::string scenario = write("s/fail.csv", kFailingScenario);
  ShellRun r = telsim("diagram " + scenario + " -o " + (dir / "full.svg").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
}

TEST_F(DiagramCli, FailingScenarioSvgPngDot) {
  std::string scenario = write("s/fail.csv", kFailingScenario);
  ShellRun r = telsim("diagram " + scenario + " -o " + (dir / "f.svg").string());
  ASSERT_EQ(r.code, 0) << r.err;
  XmlDoc doc = parse_xml(slurp(dir / "f.svg"));
  ASSERT_TRUE(doc.doc) << doc.error;
  auto texts = svg_texts(doc);
  EXPECT_TRUE(find_text(texts, "FAIL"));
  const SvgText* f = find_text(texts, "FAILED line 9: expected 2002 connected to=2009 at 3");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->fill, "red");
  EXPECT_TRUE(find_text(texts, "actual (nearest): 2002 c1: connected to=2001 at 2.000 s"));
  EXPECT_TRUE(find_text(texts, "FAILED line 10: expected no 2002 ringing at any time"));
  EXPECT_TRUE(find_text(texts, "c1: ringing from=2001"));
  EXPECT_TRUE(find_text(texts, "c1: offhook"));

  ASSERT_EQ(telsim("diagram " + scenario + " -o " + (dir / "f.png").string()).code, 0);
  std::string png = slurp(dir / "f.png");
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));

  ASSERT_EQ(telsim("diagram " + scenario + " -o " + (dir / "f.dot").string()).code, 0);
  std::string dot = slurp(dir / "f.dot");
  EXPECT_NE(dot.find("digraph"), std::string::npos);
  EXPECT_NE(dot.find("FAILED line 9"), std::string::npos);
  // Graphviz's own `neato -n` reads it back when the program is installed.
  if (std::system("command -v neato >/dev/null 2>&1") == 0) {
    EXPECT_EQ(sh("neato -n -Tsvg " + (dir / "f.dot").string() + " -o " + (dir / "g.svg").string()).code, 0);
    EXPECT_TRUE(parse_xml(slurp(dir / "g.svg")).doc);
  }

  EXPECT_EQ(telsim("diagram " + scenario + " -o " + (dir / "f.gif").string()).code, 2);
  EXPECT_EQ(telsim("diagram " + scenario).code, 2);
}

TEST_F(DiagramCli, DiagramDirWritesOnePerScenario) {
  write("s/a/pass.csv", kPassingScenario);
  write("s/b/fail.csv", kFailingScenario);
  ShellRun r = telsim("run --diagram-dir " + (dir / "d").string() + " " + (dir / "s").string());
  EXPECT_EQ(r.code, 1) << r.err;
  std::vector<std::string> names;
  // --diagram-dir keeps the scenarios' folders (d/.../s/a/pass.svg): walk it.
  for (auto& e : fs::recursive_directory_iterator(dir / "d"))
    if (e.is_regular_file()) names.push_back(e.path().filename().string());
  ASSERT_EQ(names.size(), 2u);
  for (auto& e : fs::recursive_directory_iterator(dir / "d")) {
    if (!e.is_regular_file()) continue;
    XmlDoc doc = parse_xml(slurp(e.path()));
    ASSERT_TRUE(doc.doc) << e.path() << doc.error;
    bool failing = e.path().filename().string().find("fail") != std::string::npos;
    EXPECT_EQ(find_text(svg_texts(doc), "FAILED line 9") != nullptr, failing) << e.path();
  }
  fs::remove_all(dir / "d");
  r = telsim("run --diagram-failed-only --diagram-dir " + (dir / "d").string() + " " + (dir / "s").string());
  names.clear();
  for (auto& e : fs::recursive_directory_iterator(dir / "d"))
    if (e.is_regular_file()) names.push_back(e.path().filename().string());
  ASSERT_EQ(names.size(), 1u);
  EXPECT_NE(names[0].find("fail"), std::string::npos);
}
