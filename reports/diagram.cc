#include "reports/diagram.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "reports/trace_csv.h"

namespace telsim {

namespace {

// Geometry in points (1/72 inch); Graphviz's y axis points up, so rows go to negative y.
constexpr double kRow = 26;          // one event row
constexpr double kFailRow = 46;      // a failed expectation's row (two lines of text)
constexpr double kCharWidth = 5.3;   // average width of a 9 pt Helvetica character
constexpr double kTimeX = 0;         // the time column
constexpr double kFirstLifeline = 90;
constexpr size_t kMaxLabel = 70;     // longer labels are shortened with "..."
constexpr size_t kRowsPerHeads = 40; // long ladders show the lifeline names again this often

// Colours per call id (c1, c2, ...), none of them red: red marks failures.
const char* const kCallColours[] = {"#1f5fbf", "#1a8a3a", "#d9700a", "#7b3fb5",
                                    "#8c564b", "#c2469e", "#138d9c", "#8a8a12"};

std::string call_colour(uint32_t call) {
  if (call == 0) return "#444444";
  return kCallColours[(call - 1) % (sizeof kCallColours / sizeof kCallColours[0])];
}

// A DOT double-quoted string's content. Graphviz decodes HTML entities in labels, so '&' is written
// as "&amp;" to keep a text such as "R&amp;D" as it is.
std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') {
      out += "&amp;";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r' || c == '\t') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

std::string clip(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  return s.substr(0, max - 3) + "...";
}

std::string num(double v) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(1);
  s << v;
  return s.str();
}

std::string pos(double x, double y) { return "pos=\"" + num(x) + "," + num(y) + "!\""; }

// What a person does goes party -> PBX; everything else is the switch acting on the party.
bool from_party(Ev e) { return e == Ev::offhook || e == Ev::onhook || e == Ev::digits; }

// Tones, displays and prompts: what the party hears or reads; drawn with their label in a note.
bool is_note(Ev e) {
  switch (e) {
    case Ev::dialtone: case Ev::ringback: case Ev::busy: case Ev::reorder: case Ev::confirmation:
    case Ev::music_on_hold: case Ev::display: case Ev::prompt:
      return true;
    default:
      return false;
  }
}

std::string event_label(const TraceEvent& e) {
  std::string text = call_label(e.call);
  if (!text.empty()) text += ": ";
  text += ev_name(e.event);
  if (!e.detail.empty()) text += ev_detail_is_text(e.event) ? " '" + e.detail + "'" : " " + e.detail;
  return text;
}

long long ms(double t) { return std::llround(t * 1000.0); }

bool same_event(const TraceEvent& a, const TraceEvent& b) {
  return ms(a.time) == ms(b.time) && a.call == b.call && a.party == b.party && a.event == b.event &&
         a.detail == b.detail;
}

std::string time_text(double t) { return format_time(t) + " s"; }

// Where a failed expectation is drawn: expect-not just after the event that broke it; expect at
// the start of its window (the end of an open-started one, the end of the run for "any time").
double failure_time(const FailedExpectation& f, double end) {
  if (f.negate && f.has_nearest) return f.nearest.time;
  if (std::isfinite(f.from)) return f.from;
  if (std::isfinite(f.to)) return f.to;
  return end;
}

// The timer note for an instant no step acted at, or "" when a step did (steps' consequences
// arrive within a second even over the slowest network) or the step times are unknown.
std::string timer_text(const std::vector<double>& steps, double t) {
  if (steps.empty()) return "";
  double last = -1;
  for (double s : steps) {
    if (ms(s) > ms(t)) continue;
    if (ms(s) > ms(t) - 1000) return "";
    last = std::max(last, s);
  }
  if (last < 0) return "timer expired";
  std::ostringstream text;
  text << "timer expired, " << format_time(t - last) << " s after the last step";
  return text.str();
}

}  // namespace

DiagramInput diagram_input(const ScenarioOutcome& o) {
  DiagramInput in;
  in.title = o.title;
  in.path = o.path;
  in.passed = o.passed;
  in.events = parse_trace_csv(o.trace_csv);
  in.failed = o.failed_expectations;
  in.step_times = o.step_times;
  for (const std::string& f : o.failures) {
    bool structured = std::any_of(in.failed.begin(), in.failed.end(),
                                  [&](const FailedExpectation& x) { return x.message == f; });
    if (!structured) in.other_failures.push_back(f);
  }
  return in;
}

std::string diagram_dot(const DiagramInput& in) {
  // Lifelines: parties in order of first appearance (events, then failed expectations' parties).
  std::vector<std::string> parties;
  auto add_party = [&](const std::string& p) {
    if (!p.empty() && std::find(parties.begin(), parties.end(), p) == parties.end()) parties.push_back(p);
  };
  for (const TraceEvent& e : in.events) add_party(e.party);
  for (const FailedExpectation& f : in.failed) {
    add_party(f.expected.substr(0, f.expected.find(' ')));
    if (f.has_nearest) add_party(f.nearest.party);
  }
  size_t left = (parties.size() + 1) / 2;
  std::vector<std::string> columns(parties.begin(), parties.begin() + static_cast<long>(left));
  const std::string kPbx = "PBX";
  columns.push_back(kPbx);
  columns.insert(columns.end(), parties.begin() + static_cast<long>(left), parties.end());
  size_t pbx_col = left;

  size_t longest = 12;
  for (const TraceEvent& e : in.events) longest = std::max(longest, std::min(kMaxLabel, event_label(e).size()));
  const double col_width = std::clamp(kCharWidth * static_cast<double>(longest) + 40, 150.0, 420.0);
  auto col_x = [&](size_t c) { return kFirstLifeline + col_width * static_cast<double>(c); };
  std::map<std::string, size_t> col_of;
  for (size_t c = 0; c < columns.size(); ++c) col_of[columns[c]] = c;
  const double right_x = col_x(columns.size() - 1);
  const double mid_x = col_x(pbx_col);

  // Rows: events in trace order with the failed expectations slotted in at their time.
  double end = in.events.empty() ? 0 : in.events.back().time;
  struct Row {
    const TraceEvent* event = nullptr;
    const FailedExpectation* failure = nullptr;
    size_t failure_index = 0;
    std::string timer;  // a timer note's text (event and failure null)
    double time = 0;    // the timer note's instant
  };
  std::vector<Row> rows;
  // Each failure's slot: before event i (an expect: "here it should have happened"), after the
  // event that broke an expect-not, or after the last event.
  std::vector<std::vector<size_t>> before(in.events.size() + 1), after(in.events.size());
  for (size_t f = 0; f < in.failed.size(); ++f) {
    const FailedExpectation& x = in.failed[f];
    bool placed = false;
    if (x.negate && x.has_nearest) {
      for (size_t i = 0; i < in.events.size() && !placed; ++i)
        if (same_event(in.events[i], x.nearest)) {
          after[i].push_back(f);
          placed = true;
        }
    }
    if (placed) continue;
    long long t = ms(failure_time(x, end));
    size_t i = 0;
    while (i < in.events.size() && ms(in.events[i].time) < t) ++i;
    before[i].push_back(f);
  }
  for (size_t i = 0; i <= in.events.size(); ++i) {
    for (size_t f : before[i]) rows.push_back({nullptr, &in.failed[f], f, "", 0});
    if (i == in.events.size()) break;
    const TraceEvent& e = in.events[i];
    if (i == 0 || ms(e.time) != ms(in.events[i - 1].time)) {
      std::string timer = timer_text(in.step_times, e.time);
      if (!timer.empty()) rows.push_back({nullptr, nullptr, 0, timer, e.time});
    }
    rows.push_back({&in.events[i], nullptr, 0, "", 0});
    for (size_t f : after[i]) rows.push_back({nullptr, &in.failed[f], f, "", 0});
  }

  // Which event each failure names as nearest (the first equal event in the trace).
  std::map<const TraceEvent*, std::vector<size_t>> nearest_of;
  for (size_t i = 0; i < in.failed.size(); ++i) {
    if (!in.failed[i].has_nearest) continue;
    for (const TraceEvent& e : in.events)
      if (same_event(e, in.failed[i].nearest)) {
        nearest_of[&e].push_back(i);
        break;
      }
  }

  std::ostringstream d;
  d << "// telsim call-flow diagram; every node is placed: render with `neato -n -Tsvg`.\n";
  d << "digraph ladder {\n";
  d << "  graph [splines=line, outputorder=edgesfirst, pad=0.3, bgcolor=white, fontname=\"Helvetica\"];\n";
  d << "  node [fontname=\"Helvetica\", fontsize=9, margin=\"0.02,0.01\", width=0, height=0];\n";
  d << "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6];\n";

  // Title, verdict, other failures, call legend.
  double y = 0;
  d << "  title [shape=plaintext, fontsize=12, label=\"" << esc(in.title) << "\\n" << esc(in.path) << "\", "
    << pos((col_x(0) + right_x) / 2, y) << "];\n";
  y -= 26;
  d << "  verdict [shape=box, style=\"filled,bold\", fontsize=11, fontcolor=white, color="
    << (in.passed ? "\"#1a8a3a\"" : "red") << ", fillcolor=" << (in.passed ? "\"#1a8a3a\"" : "red")
    << ", label=\"" << (in.passed ? "PASS" : "FAIL") << "\", " << pos(mid_x, y) << "];\n";
  for (size_t i = 0; i < in.other_failures.size(); ++i) {
    y -= 16;
    d << "  other" << i << " [shape=plaintext, fontcolor=red, label=\"" << esc(clip(in.other_failures[i], 160))
      << "\", " << pos(mid_x, y) << "];\n";
  }
  std::vector<uint32_t> calls;
  for (const TraceEvent& e : in.events)
    if (e.call != 0 && std::find(calls.begin(), calls.end(), e.call) == calls.end()) calls.push_back(e.call);
  std::sort(calls.begin(), calls.end());
  if (!calls.empty()) {
    y -= 20;
    double x = mid_x - 45.0 * static_cast<double>(calls.size() - 1) / 2;
    for (uint32_t c : calls) {
      d << "  legend" << c << " [shape=box, style=filled, fillcolor=\"" << call_colour(c)
        << "\", fontcolor=white, fontsize=9, label=\"call " << call_label(c) << "\", " << pos(x, y) << "];\n";
      x += 45;
    }
  }

  // Lifeline heads.
  y -= 34;
  const double top = y;
  for (size_t c = 0; c < columns.size(); ++c) {
    bool pbx = c == pbx_col;
    d << "  head" << c << " [shape=box, style=\"filled" << (pbx ? ",bold" : "") << "\", fillcolor=\""
      << (pbx ? "#dddddd" : "#f4f4f4") << "\", fontsize=11, label=\"" << esc(columns[c]) << "\", "
      << pos(col_x(c), top) << "];\n";
  }
  d << "  timehead [shape=plaintext, fontsize=9, fontcolor=\"#666666\", label=\"virtual time\", "
    << pos(kTimeX, top) << "];\n";

  y = top - 10;
  double last_time = -1;
  // The virtual time and a faint line across, at the first row of each instant.
  auto mark_instant = [&](size_t r, double time) {
    if (ms(time) == ms(last_time)) return;
    d << "  t" << r << " [shape=plaintext, fontcolor=\"#444444\", label=\"" << time_text(time) << "\", "
      << pos(kTimeX, y) << "];\n";
    d << "  tick" << r << "a [shape=point, style=invis, " << pos(kTimeX + 35, y + kRow / 2) << "];\n";
    d << "  tick" << r << "b [shape=point, style=invis, " << pos(right_x + 20, y + kRow / 2) << "];\n";
    d << "  tick" << r << "a -> tick" << r << "b [arrowhead=none, color=\"#e6e6e6\"];\n";
    last_time = time;
  };
  size_t rows_since_heads = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    // Long ladders name the lifelines again, between two instants so no instant is split.
    const double row_time = row.event ? row.event->time : row.time;
    if (++rows_since_heads > kRowsPerHeads && !row.failure && ms(row_time) != ms(last_time)) {
      y -= kRow;
      for (size_t c = 0; c < columns.size(); ++c)
        d << "  again" << r << "_" << c << " [shape=box, style=filled, fillcolor=\"#f4f4f4\", color=\"#bbbbbb\", "
          << "fontcolor=\"#666666\", fontsize=9, label=\"" << esc(columns[c]) << "\", " << pos(col_x(c), y + 4)
          << "];\n";
      rows_since_heads = 0;
    }
    if (!row.timer.empty()) {
      y -= kRow;
      mark_instant(r, row.time);
      d << "  timer" << r << " [shape=box, style=\"dashed,filled\", fillcolor=white, color=\"#666666\", "
        << "fontcolor=\"#444444\", label=\"" << esc(row.timer) << "\", " << pos(mid_x, y + 4) << "];\n";
    } else if (row.event) {
      y -= kRow;
      const TraceEvent& e = *row.event;
      size_t pc = col_of[e.party];
      double px = col_x(pc);
      double lx = std::min(px, mid_x), rx = std::max(px, mid_x);
      mark_instant(r, e.time);
      std::string colour = call_colour(e.call);
      d << "  a" << r << " [shape=point, style=invis, " << pos(lx, y) << "];\n";
      d << "  b" << r << " [shape=point, style=invis, " << pos(rx, y) << "];\n";
      // Always drawn left to right (dir=back reverses the arrowhead) so the geometry is fixed.
      bool points_right = from_party(e.event) == (px < mid_x);
      d << "  a" << r << " -> b" << r << " [color=\"" << colour << "\", penwidth=1.4"
        << (points_right ? "" : ", dir=back") << (is_note(e.event) ? ", style=dashed" : "") << "];\n";
      std::string label = clip(event_label(e), kMaxLabel);
      auto near = nearest_of.find(&e);
      bool is_nearest = near != nearest_of.end();
      std::string fontcolour = is_nearest ? "red" : colour;
      if (is_nearest) {
        std::string lines;
        for (size_t i : near->second) lines += (lines.empty() ? "" : ",") + std::to_string(in.failed[i].line);
        label += "  [actual event for failed line " + lines + "]";
      }
      d << "  l" << r << " [label=\"" << esc(label) << "\", fontcolor=\"" << fontcolour << "\", ";
      if (is_note(e.event))
        d << "shape=note, style=filled, fillcolor=\"#fff8c4\", color=\"" << colour << "\"";
      else
        d << "shape=box, style=filled, fillcolor=white, color=\"" << (is_nearest ? "red" : "white") << "\"";
      if (is_nearest) d << ", penwidth=1.5";
      d << ", " << pos((lx + rx) / 2, y + 9) << "];\n";
    } else {
      y -= kFailRow;
      const FailedExpectation& f = *row.failure;
      std::string party = f.expected.substr(0, f.expected.find(' '));
      double px = col_of.count(party) ? col_x(col_of[party]) : mid_x;
      std::string got;
      if (f.has_nearest) {
        TraceEvent n = f.nearest;
        got = (f.negate ? "got: " : "actual (nearest): ") + n.party + " " + event_label(n) + " at " +
              time_text(n.time);
      } else {
        got = "actual: nothing at " + party;
      }
      std::string text = "FAILED line " + std::to_string(f.line) + ": expected " + (f.negate ? "no " : "") +
                         f.expected + " " + f.window + "\n" + got;
      // The box beside the party's lifeline (right of it when it fits), the mark on the lifeline.
      size_t widest = std::max(text.find('\n'), text.size() - text.find('\n') - 1);
      double box_w = 5.8 * static_cast<double>(widest) + 16;
      double box_x = px + 16 + box_w / 2;
      if (box_x + box_w / 2 > right_x + 80) box_x = std::max(kTimeX + 40 + box_w / 2, px - 16 - box_w / 2);
      d << "  fail" << r << " [shape=box, style=\"filled,bold\", color=red, fillcolor=\"#ffe8e8\", fontcolor=red, "
        << "fontsize=10, label=\"" << esc(text) << "\", " << pos(box_x, y + 4) << "];\n";
      d << "  failmark" << r << " [shape=circle, style=filled, color=red, fillcolor=red, fontcolor=white, "
        << "fontsize=8, width=0.18, fixedsize=true, label=\"X\", " << pos(px, y + 4) << "];\n";
      d << "  failtime" << r << " [shape=plaintext, fontcolor=red, label=\"" << time_text(failure_time(f, end))
        << "\", " << pos(kTimeX, y + 4) << "];\n";
      last_time = -1;  // the next event row shows its time again
    }
  }

  // Lifelines and their feet.
  y -= kRow + 10;
  for (size_t c = 0; c < columns.size(); ++c) {
    d << "  foot" << c << " [shape=box, style=filled, fillcolor=\"" << (c == pbx_col ? "#dddddd" : "#f4f4f4")
      << "\", fontsize=11, label=\"" << esc(columns[c]) << "\", " << pos(col_x(c), y) << "];\n";
    d << "  head" << c << " -> foot" << c << " [arrowhead=none, style=dashed, color=\"#999999\"];\n";
  }
  d << "}\n";
  return d.str();
}

std::string render_dot(const std::string& dot, const std::string& format) {
  // Graphviz keeps global state (its error buffer, plugin tables, the text layout plugin's font
  // cache): one render at a time, and one context for the life of the process -- freeing a context
  // and making another leaves the font cache pointing at freed memory (found by AddressSanitizer).
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  static GVC_t* const gvc = gvContext();
  if (!gvc) throw std::runtime_error("graphviz: no context");
  Agraph_t* g = agmemread(dot.c_str());
  if (!g) {
    throw std::runtime_error("graphviz: cannot read the diagram's DOT text");
  }
  if (gvLayout(gvc, g, "nop") != 0) {
    agclose(g);
    throw std::runtime_error("graphviz: layout failed");
  }
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gvRenderData(gvc, g, format.c_str(), &data, &length);
  std::string out;
  if (rc == 0 && data) out.assign(data, length);
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc, g);
  agclose(g);
  if (rc != 0 || out.empty()) throw std::runtime_error("graphviz: cannot render format '" + format + "'");
  return out;
}

void write_diagram(const DiagramInput& in, const std::string& out_path) {
  auto ends = [&](const std::string& ext) {
    return out_path.size() >= ext.size() && out_path.compare(out_path.size() - ext.size(), ext.size(), ext) == 0;
  };
  std::string dot = diagram_dot(in);
  std::string data;
  if (ends(".dot")) data = dot;
  else if (ends(".svg")) data = render_dot(dot, "svg");
  else if (ends(".png")) data = render_dot(dot, "png");
  else throw std::runtime_error("diagram: the output must end in .svg, .png or .dot: " + out_path);
  std::ofstream out(out_path, std::ios::binary);
  out << data;
  out.close();
  if (!out) throw std::runtime_error("diagram: cannot write " + out_path);
}

std::string diagram_svg_inline(const DiagramInput& in, const std::string& id_prefix) {
  std::string svg = render_dot(diagram_dot(in), "svg");
  size_t start = svg.find("<svg");
  if (start != std::string::npos) svg = svg.substr(start);
  // Graphviz numbers its ids the same way in every drawing (graph0, node1, ...); a page holding
  // several diagrams needs them unique. Graphviz writes no references to them in these drawings.
  const std::string attr = " id=\"";
  for (size_t at = svg.find(attr); at != std::string::npos; at = svg.find(attr, at + attr.size()))
    svg.insert(at + attr.size(), id_prefix);
  return svg;
}

}  // namespace telsim
