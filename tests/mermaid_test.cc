// The Mermaid sequenceDiagram of a run: participants with what they are, one arrow per event in
// trace order, notes for steps, timers, failures, golden differences, and text Mermaid cannot
// misread (its grammar stops at ';' and reads '#' as an entity).
#include "reports/mermaid.h"
#include "reports/diagram.h"

#include <sstream>

#include "reports/trace_csv.h"
#include "tests/report_fixture.h"

using namespace telsim;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

size_t count_prefix(const std::vector<std::string>& ls, const std::string& prefix) {
  size_t n = 0;
  for (const std::string& l : ls) n += l.find(prefix) != std::string::npos;
  return n;
}

DiagramInput sample() {
  DiagramInput in;
  in.title = "a call; with \"quotes\"";
  in.path = "x.csv";
  in.passed = false;
  in.events = {{0, 1, "2001", Ev::offhook, ""},
               {0, 1, "2001", Ev::digits, "digits=2002"},
               {0, 1, "2002", Ev::ringing, "from=2001"},
               {0, 1, "2001", Ev::prompt, "Press # to accept; or <wait> & see"},
               {5, 2, "2002", Ev::offhook, ""}};
  in.party_kinds = {{"2001", "station 8560"}, {"2002", "mobile"}};
  in.steps = {{0, "2001", "call", "2002"}, {1, "2002", "press", "special"}};
  in.step_times = {0, 1};
  FailedExpectation f;
  f.line = 9;
  f.expected = "2002 connected to=2001";
  f.window = "at 2";
  f.from = f.to = 2;
  f.has_nearest = true;
  f.nearest = in.events[2];
  in.failed = {f};
  return in;
}

}  // namespace

TEST(Mermaid, IsASequenceDiagramWithPartiesAndThePbx) {
  auto ls = lines(diagram_mermaid(sample()));
  ASSERT_GE(ls.size(), 6u);
  EXPECT_EQ(ls[0], "---");
  EXPECT_EQ(ls[1], "title: \"a call; with \\\"quotes\\\" (x.csv): FAIL\"");
  EXPECT_EQ(ls[3], "sequenceDiagram");
  EXPECT_EQ(ls[4], "  participant p0 as 2001<br/>station 8560");
  EXPECT_EQ(ls[5], "  participant PBX");
  EXPECT_EQ(ls[6], "  participant p1 as 2002<br/>mobile");
}

TEST(Mermaid, OneArrowPerEventInTraceOrder) {
  DiagramInput in = sample();
  auto ls = lines(diagram_mermaid(in));
  size_t arrows = 0;
  for (const std::string& l : ls) arrows += l.find("->>") != std::string::npos;
  EXPECT_EQ(arrows, in.events.size());
  EXPECT_EQ(count_prefix(ls, "    p0->>PBX: 0.000 s · c1: offhook"), 1u);
  EXPECT_EQ(count_prefix(ls, "    PBX->>p1: c1: ringing from=2001 [actual event for failed line 9]"), 1u);
  EXPECT_EQ(count_prefix(ls, "PBX-->>p0: c1: prompt"), 1u);  // what a party hears: dotted
}

TEST(Mermaid, TextCannotBreakTheGrammar) {
  std::string m = diagram_mermaid(sample());
  EXPECT_NE(m.find("Press #35; to accept#59; or #lt;wait#gt; #amp; see"), std::string::npos);
  EXPECT_EQ(mermaid_text("a\nb"), "a<br/>b");
  // No message line carries a raw ';' or '#' after its colon.
  for (const std::string& l : lines(m)) {
    if (l.rfind("title:", 0) == 0) continue;
    size_t colon = l.find(": ");
    if (colon == std::string::npos) continue;
    std::string body = l.substr(colon + 2);
    for (size_t at = body.find('#'); at != std::string::npos; at = body.find('#', at + 1))
      EXPECT_TRUE(body.compare(at, 4, "#35;") == 0 || body.compare(at, 4, "#59;") == 0 ||
                  body.compare(at, 4, "#lt;") == 0 || body.compare(at, 4, "#gt;") == 0 ||
                  body.compare(at, 5, "#amp;") == 0 || body.compare(at, 6, "#quot;") == 0)
          << l;
    EXPECT_EQ(body.find(';', 0) == std::string::npos || body.find(";") > 0, true);
  }
}

TEST(Mermaid, StepsTimersAndFailuresAreNotes) {
  auto ls = lines(diagram_mermaid(sample()));
  EXPECT_EQ(count_prefix(ls, "Note over p1: 1.000 s · 2002 presses special"), 1u);
  EXPECT_EQ(count_prefix(ls, "Note over p1: FAILED line 9 (2.000 s): expected 2002 connected to=2001 at 2"), 1u);
  EXPECT_EQ(count_prefix(ls, "rect rgba(220,0,0,0.15)"), 1u);
  // Every rect is closed.
  EXPECT_EQ(count_prefix(ls, "rect "), count_prefix(ls, "  end"));
}

TEST(Mermaid, CallsGetBandsOfTheirOwnColour) {
  auto ls = lines(diagram_mermaid(sample()));
  EXPECT_EQ(count_prefix(ls, "rect rgba(31,95,191,0.14)"), 1u);  // c1
  EXPECT_EQ(count_prefix(ls, "rect rgba(26,138,58,0.14)"), 1u);  // c2
}

TEST(Mermaid, WrittenByExtension) {
  telsim_test::fs::path out = telsim_test::fs::temp_directory_path() / ("telsim_mermaid_" + std::to_string(::getpid()) + ".mmd");
  write_diagram(sample(), out.string());
  std::ifstream in(out);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "---");
  telsim_test::fs::remove(out);
}

// A conference (SPEC CN-*): one call with three members; every member's `conference` event gets
// its own arrow, and an attendant console is named as one.
TEST(Mermaid, AConferenceShowsEveryMembersEvent) {
  DiagramInput in;
  in.title = "conference";
  in.path = "c.csv";
  in.passed = true;
  in.events = {{5, 1, "2001", Ev::conference, "size=3"},
               {5, 1, "2002", Ev::conference, "size=3"},
               {5, 1, "1000", Ev::conference, "size=3"},
               {9, 1, "2002", Ev::connected, "to=1000"}};
  in.party_kinds = {{"2001", "station"}, {"2002", "station"}, {"1000", "attendant"}};
  std::string text = diagram_mermaid(in);
  auto ls = lines(text);
  EXPECT_EQ(count_prefix(ls, "c1: conference size=3"), 3u);
  EXPECT_NE(text.find("1000<br/>attendant"), std::string::npos);
  std::string dot = diagram_dot(in);
  EXPECT_NE(dot.find("conference size=3"), std::string::npos);
}
