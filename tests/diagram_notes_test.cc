// Diagram details beyond arrows: timer-expiry notes at instants no step acted at, the lifeline
// names repeated down long ladders, labels kept literal, and unique SVG ids when
// several diagrams share a page. Read back from the SVG with libxml2.
#include <algorithm>
#include <set>

#include "reports/diagram.h"
#include "reports/trace_csv.h"
#include "tests/report_fixture.h"

using namespace telsim;
using namespace telsim_test;

namespace {

TraceEvent ev(double t, const std::string& party, Ev e, const std::string& detail = "") {
  return TraceEvent{t, 1, party, e, detail};
}

// Texts of the rendered SVG, top to bottom as drawn (SVG y grows downward).
std::vector<std::pair<double, std::string>> texts_by_y(const DiagramInput& in) {
  XmlDoc doc = parse_xml(diagram_svg(in));
  EXPECT_TRUE(doc.doc) << doc.error;
  std::vector<std::pair<double, std::string>> out;
  for (xmlNode* n : find_all(doc.root(), [](xmlNode* x) { return name(x) == "text"; }))
    out.emplace_back(std::atof(attr(n, "y").c_str()), text(n));
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

size_t index_of(const std::vector<std::pair<double, std::string>>& texts, const std::string& needle) {
  for (size_t i = 0; i < texts.size(); ++i)
    if (texts[i].second.find(needle) != std::string::npos) return i;
  return texts.size();
}

// A digit timeout: off hook at 0, digits at 1, reorder at 5 when the digit timer expires.
DiagramInput digit_timeout() {
  DiagramInput in;
  in.title = "digit timeout";
  in.path = "t.csv";
  in.events = {ev(0, "2002", Ev::offhook), ev(0, "2002", Ev::dialtone), ev(1, "2002", Ev::digits, "digits=20"),
               ev(1.05, "2002", Ev::ringback),  // a network delay after a step is no timer
               ev(5, "2002", Ev::reorder)};
  in.step_times = {0, 1};
  return in;
}

}  // namespace

TEST(DiagramNotes, AnInstantNoStepActedAtStartsWithATimerNote) {
  auto texts = texts_by_y(digit_timeout());
  size_t timer = index_of(texts, "timer expired, 4.000 s after the last step");
  ASSERT_LT(timer, texts.size());
  EXPECT_GT(timer, index_of(texts, "c1: ringback"));
  EXPECT_LT(timer, index_of(texts, "c1: reorder"));
  size_t notes = std::count_if(texts.begin(), texts.end(),
                               [](const auto& t) { return t.second.rfind("timer expired", 0) == 0; });
  EXPECT_EQ(notes, 1u);  // not at 0 or 1 (steps), nor at 1.05 (a delay after the step at 1)
}

TEST(DiagramNotes, NoTimerNotesWithoutStepTimes) {
  DiagramInput in = digit_timeout();
  in.step_times.clear();  // e.g. a trace drawn without its scenario
  auto texts = texts_by_y(in);
  EXPECT_EQ(index_of(texts, "timer expired"), texts.size());
}

TEST(DiagramNotes, EventsBeforeTheFirstStepAreTimers) {
  DiagramInput in;
  in.events = {ev(2, "2001", Ev::ringing, "from=2002")};
  in.step_times = {5};
  EXPECT_LT(index_of(texts_by_y(in), "timer expired"), texts_by_y(in).size());
}

TEST(DiagramNotes, OutcomesCarryTheStepTimesToTheDiagram) {
  ScenarioOutcome o;
  o.trace_csv = trace_csv(digit_timeout().events);
  o.step_times = {0, 1};
  EXPECT_EQ(diagram_input(o).step_times, o.step_times);
}

TEST(DiagramNotes, LongLaddersRepeatTheLifelineNamesBetweenInstants) {
  DiagramInput in;
  for (int i = 0; i < 100; ++i) {
    in.events.push_back(ev(i, "2001", Ev::offhook));
    in.events.push_back(ev(i, "2002", Ev::ringing, "from=2001"));
  }
  auto texts = texts_by_y(in);
  std::vector<double> names, times, events;
  for (const auto& [y, t] : texts) {
    if (t == "2001") names.push_back(y);
    if (t.size() > 2 && t.compare(t.size() - 2, 2, " s") == 0) times.push_back(y);
    if (t.rfind("c1: ", 0) == 0) events.push_back(y);
  }
  ASSERT_EQ(events.size(), 200u);
  ASSERT_GE(names.size(), 6u);  // 200 rows: head, foot, and a repeat every 40-odd rows
  for (size_t k = 1; k + 1 < names.size(); ++k) {
    // The row right after the names starts an instant (it has a time label); had the names split
    // one of these two-row instants, the next time label would be two rows (52 pt) further down.
    double next_time = *std::upper_bound(times.begin(), times.end(), names[k]);
    EXPECT_LE(next_time - names[k], 30) << "the names at y=" << names[k] << " split an instant";
  }
}

TEST(DiagramNotes, LabelsStayLiteralThroughGraphviz) {
  DiagramInput in;
  in.events = {ev(0, "2001", Ev::display, "R&amp;D <lab> & \"x\" \\n")};
  auto texts = texts_by_y(in);
  EXPECT_LT(index_of(texts, "c1: display 'R&amp;D <lab> & \"x\" \\n'"), texts.size());
}

TEST(DiagramNotes, InlineSvgIdsCarryThePrefix) {
  DiagramInput in = digit_timeout();
  std::string a = diagram_svg_inline(in, "s1-"), b = diagram_svg_inline(in, "s2-");
  std::set<std::string> ids;
  size_t count = 0;
  for (const std::string& svg : {a, b}) {
    XmlDoc doc = parse_xml(svg);
    ASSERT_TRUE(doc.doc) << doc.error;
    for (xmlNode* n : find_all(doc.root(), [](xmlNode* x) { return has_attr(x, "id"); })) {
      ids.insert(attr(n, "id"));
      ++count;
    }
  }
  EXPECT_GT(count, 20u);
  EXPECT_EQ(ids.size(), count);  // no id twice on a page holding both
  EXPECT_EQ(a.find(" id=\"s2-"), std::string::npos);
  EXPECT_NE(a.find(" id=\"s1-graph0\""), std::string::npos);
}
