// What a ladder says beyond the trace: lifeline heads naming what each party is, steps without a
// trace event of their own as notes, the timer that fired named, a palette that does not repeat
// within a scenario, notes as wide as their text, and golden-trace differences at their rows.
#include "reports/diagram_rows.h"

#include <algorithm>
#include <set>

#include "reports/trace_csv.h"
#include "sim/file_source.h"
#include "sim/scenario_loader.h"
#include "tests/report_fixture.h"

using namespace telsim;
using namespace telsim_test;

namespace {

TraceEvent ev(double t, const std::string& party, Ev e, const std::string& detail = "", uint32_t call = 1) {
  return TraceEvent{t, call, party, e, detail};
}

// The scenario from memory, the bundled profiles from disk.
struct OneFile : FileSource {
  std::string text;
  std::optional<std::string> read(const std::string& path) const override {
    return path == "s.csv" ? std::optional<std::string>(text) : DiskFiles().read(path);
  }
};

Scenario load(const std::string& text) {
  OneFile files;
  files.text = text;
  return load_scenario("s.csv", files, TELSIM_SOURCE_DIR "/scenarios/profiles");
}

// The no-answer forward of SPEC 1's example, as the engine traces it.
DiagramInput forward_to_voicemail() {
  Scenario s = load(
      "at,party,action,argument\n"
      ",site,timer,no-answer=10\n"
      ",2001,station,model=8560 voicemail=7000\n"
      ",2002,station,\n"
      ",7000,voicemail,\n"
      ",100,hunt,members=2002 algorithm=circular\n"
      ",5550100,external,\n"
      ",5551001,mobile,\n"
      "0,2001,forward,no-answer 7000\n"
      "3,2002,call,2001\n"
      "20,2002,hangup,\n");
  DiagramInput in;
  in.title = "forward";
  in.path = "s.csv";
  in.events = {ev(0, "2001", Ev::confirmation, "", 0),
               ev(3, "2002", Ev::offhook),
               ev(3, "2002", Ev::digits, "digits=2001"),
               ev(3, "2001", Ev::ringing, "from=2002"),
               ev(13, "2001", Ev::forwarded, "to=7000 hop=1 type=no-answer"),
               ev(13, "7000", Ev::connected, "to=2002"),
               ev(20, "2002", Ev::onhook)};
  for (const Step& st : s.steps) in.step_times.push_back(st.at);
  describe_scenario(&in, s);
  return in;
}

std::vector<DiagramRow> of_kind(const std::vector<DiagramRow>& rows, DiagramRow::Kind k) {
  std::vector<DiagramRow> out;
  std::copy_if(rows.begin(), rows.end(), std::back_inserter(out), [&](const DiagramRow& r) { return r.kind == k; });
  return out;
}

}  // namespace

TEST(DiagramParties, HeadsSayWhatEachPartyIs) {
  DiagramInput in = forward_to_voicemail();
  EXPECT_EQ(party_kind_text(in, "2001"), "station 8560");
  EXPECT_EQ(party_kind_text(in, "2002"), "station");
  EXPECT_EQ(party_kind_text(in, "7000"), "voice mail");
  EXPECT_EQ(party_kind_text(in, "100"), "hunt pilot, circular");
  EXPECT_EQ(party_kind_text(in, "5550100"), "external");
  EXPECT_EQ(party_kind_text(in, "5551001"), "mobile");
  std::string dot = diagram_dot(in);
  EXPECT_NE(dot.find("label=\"2001\\nstation 8560\""), std::string::npos);
  EXPECT_NE(dot.find("label=\"7000\\nvoice mail\""), std::string::npos);
}

TEST(DiagramParties, AssociatedStationsNameTheirMainExtension) {
  Scenario s = load(
      "at,party,action,argument\n,site,profile,mitel\n"
      ",2001,station,model=8560 mobile=5551001 associated=2101\n,2101,station,model=5610\n"
      ",5551001,mobile,\n0,2001,offhook,\n");
  DiagramInput in;
  describe_scenario(&in, s);
  EXPECT_EQ(party_kind_text(in, "2001"), "station 8560, main extension");
  EXPECT_EQ(party_kind_text(in, "2101"), "station 5610 cordless of 2001");
}

TEST(DiagramRows, StepsWithoutTheirOwnEventAreNotes) {
  DiagramInput in = forward_to_voicemail();
  auto rows = diagram_rows(in);
  auto steps = of_kind(rows, DiagramRow::step);
  ASSERT_EQ(steps.size(), 1u);  // the call and the hang-up show as offhook/digits and onhook
  EXPECT_EQ(steps[0].text, "2001 registers forward no-answer 7000");
  EXPECT_EQ(steps[0].party, "2001");
  // Before the confirmation tone it caused.
  EXPECT_EQ(rows[0].kind, DiagramRow::step);
  EXPECT_EQ(rows[1].kind, DiagramRow::event);
  EXPECT_EQ(in.events[rows[1].event_index].event, Ev::confirmation);
}

TEST(DiagramRows, AKeyPressComesBeforeWhatItCaused) {
  DiagramInput in;
  in.events = {ev(10, "2001", Ev::digits, "digits=388"), ev(10, "2001", Ev::display, "HANDOFF IN PROGRESS")};
  in.steps = {{10, "2001", "press", "special"}, {10, "2001", "dial", "388"}};
  in.step_times = {10, 10};
  auto rows = diagram_rows(in);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].kind, DiagramRow::step);
  EXPECT_EQ(rows[0].text, "2001 presses special");
}

TEST(DiagramRows, TheTimerNoteNamesTheTimerThatFired) {
  auto timers = of_kind(diagram_rows(forward_to_voicemail()), DiagramRow::timer);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].text, "no-answer timer (10 s) expired, 10.000 s after the last step");
}

TEST(DiagramRows, ATimerIsNamedByItsLengthWhenNoEventTellsIt) {
  // A digit timeout: 20 keyed at 1, reorder at 4 (the generic digit timer is 3 s).
  Scenario s = load("at,party,action,argument\n,2002,station,\n0,2002,offhook,\n1,2002,dial,20\n");
  DiagramInput in;
  in.events = {ev(0, "2002", Ev::offhook), ev(1, "2002", Ev::digits, "digits=20"), ev(4, "2002", Ev::reorder)};
  in.step_times = {0, 1};
  describe_scenario(&in, s);
  auto timers = of_kind(diagram_rows(in), DiagramRow::timer);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].text, "digit timer (3 s) expired, 3.000 s after the last step");
}

TEST(DiagramRows, AnUnknownTimerIsNotGivenAName) {
  DiagramInput in;
  in.events = {ev(7.5, "2002", Ev::reorder)};
  in.step_times = {0};
  in.steps = {{0, "2002", "offhook", ""}};
  in.timers = {{"digit", 3}};
  auto timers = of_kind(diagram_rows(in), DiagramRow::timer);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].text, "timer expired, 7.500 s after the last step");
}

TEST(DiagramPalette, NoTwoCallsOfAScenarioShareAColour) {
  std::vector<uint32_t> calls;
  for (uint32_t c = 1; c <= 200; ++c) calls.push_back(c * 3);  // ids need not be dense
  std::set<std::string> colours;
  for (uint32_t c : calls) {
    std::string col = call_colour(c, calls);
    EXPECT_EQ(col.size(), 7u);
    EXPECT_NE(col, "#ff0000");
    colours.insert(col);
  }
  EXPECT_EQ(colours.size(), calls.size());
}

TEST(DiagramNotes, NoteBoxesAreAsWideAsTheirText) {
  DiagramInput in;
  const std::string text = "All of our agents are busy, please hold the line";
  in.events = {ev(0, "2001", Ev::prompt, text)};
  XmlDoc doc = parse_xml(diagram_svg(in));
  ASSERT_TRUE(doc.doc) << doc.error;
  // The note is the polygon of the node whose text holds the prompt.
  for (xmlNode* g : find_all(doc.root(), [](xmlNode* x) { return name(x) == "g" && attr(x, "class") == "node"; })) {
    auto texts = find_all(g, [](xmlNode* x) { return name(x) == "text"; });
    if (texts.empty() || telsim_test::text(texts[0]).find("agents") == std::string::npos) continue;
    auto polys = find_all(g, [](xmlNode* x) { return name(x) == "polygon"; });
    ASSERT_FALSE(polys.empty());
    std::istringstream pts(attr(polys[0], "points"));
    double lo = 1e9, hi = -1e9;
    for (std::string p; pts >> p;) {
      double x = std::atof(p.c_str());
      lo = std::min(lo, x), hi = std::max(hi, x);
    }
    // 9 pt Helvetica averages about 5 pt a character; browsers' substitutes run wider.
    EXPECT_GE(hi - lo, 5.6 * static_cast<double>(("c1: prompt '" + text + "'").size()));
    return;
  }
  FAIL() << "no note holds the prompt";
}

TEST(DiagramGolden, DifferencesAreMarkedAtTheirRows) {
  DiagramInput in;
  in.events = {ev(3, "2001", Ev::ringing, "from=2003"), ev(3, "2002", Ev::ringback)};
  in.golden = golden_marks("time,call,party,event,detail\n3.000,c1,2001,ringing,from=2002\n3.000,c1,2002,ringback,\n"
                           "9.000,c1,2002,onhook,\n",
                           trace_csv(in.events));
  ASSERT_EQ(in.golden.size(), 2u);
  std::string dot = diagram_dot(in);
  EXPECT_NE(dot.find("c1: ringing from=2003  [golden line 2: 3.000,c1,2001,ringing,from=2002]"), std::string::npos);
  EXPECT_NE(dot.find("golden line 4 missing here: 9.000,c1,2002,onhook,"), std::string::npos);
}

class DiagramGoldenFile : public ScratchTest {};

TEST_F(DiagramGoldenFile, AnOutcomeFailingItsGoldenTraceReadsItBack) {
  std::string scenario = write("g.csv", "");
  std::string golden = write("g.trace.csv", "time,call,party,event,detail\n0.000,c1,2001,offhook,\n");
  ScenarioOutcome o;
  o.path = scenario;
  o.trace_csv = "time,call,party,event,detail\n0.000,c1,2001,onhook,\n";
  o.failures = {golden + ":2: expected '0.000,c1,2001,offhook,', got '0.000,c1,2001,onhook,'"};
  DiagramInput in = diagram_input(o);
  ASSERT_EQ(in.golden.size(), 1u);
  EXPECT_EQ(in.golden[0].golden, "0.000,c1,2001,offhook,");
}

// Failures and missing golden rows go where they are wanted among the events (kept by event index,
// sparsely): an expectation's failure before the first event at or after its time, an expect-not's
// right after the event that broke it, one past the trace's end after the last event, and a missing
// golden row before the actual row it belongs at.
TEST(DiagramRows, FailuresAndMissingGoldenRowsSitAtTheirEvents) {
  DiagramInput in;
  in.events = {ev(0, "2001", Ev::offhook), ev(1, "2001", Ev::dialtone), ev(2, "2002", Ev::ringing, "from=2001"),
               ev(3, "2002", Ev::onhook)};
  FailedExpectation at_two, broke, late;
  at_two.from = at_two.to = 1.5;
  broke.negate = broke.has_nearest = true;
  broke.nearest = in.events[2];
  late.from = late.to = 9;
  in.failed = {at_two, broke, late};
  in.golden = golden_marks("time,call,party,event,detail\n0.000,c1,2001,offhook,\n1.000,c1,2001,dialtone,\n"
                           "1.500,c1,2002,busy,\n2.000,c1,2002,ringing,from=2001\n3.000,c1,2002,onhook,\n",
                           trace_csv(in.events));
  auto rows = diagram_rows(in);
  std::vector<std::string> order;
  for (const DiagramRow& r : rows)
    order.push_back(r.kind == DiagramRow::event     ? "e" + std::to_string(r.event_index)
                    : r.kind == DiagramRow::failure ? "f" + std::to_string(r.failure_index)
                    : r.kind == DiagramRow::golden_missing ? "g"
                                                           : "?");
  EXPECT_EQ(order, (std::vector<std::string>{"e0", "e1", "f0", "g", "e2", "f1", "e3", "f2"}));
}
