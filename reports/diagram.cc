#include "reports/diagram.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "reports/diagram_rows.h"
#include "reports/ladder.h"
#include "reports/mermaid.h"
#include "reports/trace_csv.h"
#include "sim/scenario.h"

namespace telsim {

namespace {

// Geometry in points (1/72 inch); Graphviz's y axis points up, so rows go to negative y.
constexpr double kRow = 26;          // one event row
constexpr double kFailRow = 46;      // a failed expectation's row (two lines of text)
constexpr double kCharWidth = 5.3;   // average width of a 9 pt Helvetica character
constexpr double kNoteChar = 5.6;    // a note's character, with room for wider fonts in browsers
constexpr double kTimeX = 0;         // the time column
constexpr double kFirstLifeline = 90;
constexpr size_t kMaxLabel = 70;     // longer labels are shortened with "..."
constexpr size_t kRowsPerHeads = 40; // long ladders show the lifeline names again this often

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

// The widest line of a label, in characters.
size_t widest_line(const std::string& s) {
  size_t widest = 0, start = 0;
  for (;;) {
    size_t nl = s.find('\n', start);
    widest = std::max(widest, width_chars(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start)));
    if (nl == std::string::npos) return widest;
    start = nl + 1;
  }
}

// Boxes are made wide enough for their text whatever font the viewer substitutes (fit below):
// browsers draw with their own metrics, and a note whose text overruns its border is hard to read.
std::string time_text(double t) { return format_time(t) + " s"; }

std::string golden_path_of(const std::string& scenario) {
  return scenario.size() > 4 ? scenario.substr(0, scenario.size() - 4) + ".trace.csv" : scenario + ".trace.csv";
}

std::string model_text(const std::string& model) {
  if (model.empty()) return "";
  if (model == "5610") return "5610 cordless";
  if (model == "uc-softphone") return "UC softphone";
  return model;
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
  const std::string golden = golden_path_of(o.path);
  bool golden_failed = false;
  for (const std::string& f : o.failures) {
    bool structured = std::any_of(in.failed.begin(), in.failed.end(),
                                  [&](const FailedExpectation& x) { return x.message == f; });
    if (!structured) in.other_failures.push_back(f);
    golden_failed |= f.rfind(golden + ":", 0) == 0;
  }
  if (golden_failed) {
    std::ifstream file(golden, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (file) in.golden = golden_marks(text.str(), o.trace_csv);
  }
  return in;
}

void describe_scenario(DiagramInput* in, const Scenario& s) {
  in->steps.clear();
  for (const Step& st : s.steps) in->steps.push_back({st.at, st.party, st.action_name, st.argument});
  for (const PartyDef& p : s.site.parties) {
    std::string kind;
    switch (p.kind) {
      case PartyKind::station: {
        std::string model = model_text(p.model);
        kind = model.empty() ? "station" : "station " + model;
        if (!p.mobile.empty() || !p.home.empty() || !p.associated.empty()) kind += ", main extension";
        break;
      }
      case PartyKind::external: kind = "external"; break;
      case PartyKind::mobile: kind = "mobile"; break;
      case PartyKind::voicemail: kind = "voice mail"; break;
      case PartyKind::hunt: kind = "hunt pilot, " + p.algorithm; break;
      default: kind = "attendant"; break;  // kinds added later read as the console they are
    }
    in->party_kinds[p.number] = kind;
    if (p.kind == PartyKind::hunt) in->hunt_no_answer[p.number] = p.hunt_no_answer;
  }
  // Which station a 5610 or softphone belongs to reads better than its model alone.
  for (const PartyDef& p : s.site.parties)
    for (const std::string& a : p.associated)
      if (in->party_kinds.count(a)) in->party_kinds[a] += " of " + p.number;
  in->timers = default_timers();
  for (const auto& [name, value] : s.profile.timers) in->timers[name] = value;
  for (const auto& [name, value] : s.site.timers) in->timers[name] = value;
}

DiagramInput diagram_input(const ScenarioOutcome& o, const Scenario* s) {
  DiagramInput in = diagram_input(o);
  if (s) describe_scenario(&in, *s);
  return in;
}

namespace {

double fit(const std::string& label, double char_width) {
  return char_width * static_cast<double>(widest_line(label)) + 18;
}

LadderNode box(const std::string& name, const std::string& label, double x, double y) {
  LadderNode n;
  n.name = name;
  n.label = label;
  n.x = x;
  n.y = y;
  return n;
}

LadderNode plain(const std::string& name, const std::string& label, double x, double y, const std::string& font = "") {
  LadderNode n = box(name, label, x, y);
  n.shape = LadderNode::plaintext;
  n.fontcolour = font;
  return n;
}

LadderNode invisible_point(const std::string& name, double x, double y) {
  LadderNode n = box(name, "", x, y);
  n.shape = LadderNode::point;
  n.invis = true;
  return n;
}

LadderEdge line(const LadderNode& a, const LadderNode& b, const std::string& colour) {
  LadderEdge e;
  e.from = a.name, e.to = b.name;
  e.x1 = a.x, e.y1 = a.y, e.x2 = b.x, e.y2 = b.y;
  e.colour = colour;
  return e;
}

// Places every node and edge of the ladder, in the order the DOT text has always had them; `rows`
// are diagram_rows(in), worked out once for the writer's passes.
void draw_ladder(const DiagramInput& in, const std::vector<DiagramRow>& rows, LadderSink& d) {
  std::vector<std::string> parties = diagram_parties(in);
  size_t left = (parties.size() + 1) / 2;
  std::vector<std::string> columns(parties.begin(), parties.begin() + static_cast<long>(left));
  const std::string kPbx = "PBX";
  columns.push_back(kPbx);
  columns.insert(columns.end(), parties.begin() + static_cast<long>(left), parties.end());
  size_t pbx_col = left;
  auto head_label = [&](size_t c) {
    if (c == pbx_col) return kPbx;
    std::string kind = party_kind_text(in, columns[c]);
    return kind.empty() ? columns[c] : columns[c] + "\n" + kind;
  };

  size_t longest = 12;
  for (const TraceEvent& e : in.events) longest = std::max(longest, std::min(kMaxLabel, width_chars(event_label(e))));
  for (size_t c = 0; c < columns.size(); ++c) longest = std::max(longest, widest_line(head_label(c)) + 4);
  const double col_width = std::clamp(kCharWidth * static_cast<double>(longest) + 40, 150.0, 420.0);
  auto col_x = [&](size_t c) { return kFirstLifeline + col_width * static_cast<double>(c); };
  std::map<std::string, size_t> col_of;
  for (size_t c = 0; c < columns.size(); ++c) col_of[columns[c]] = c;
  const double right_x = col_x(columns.size() - 1);
  const double mid_x = col_x(pbx_col);
  const double end = in.events.empty() ? 0 : in.events.back().time;
  const std::vector<uint32_t> calls = diagram_calls(in);

  // Title, verdict, other failures, call legend.
  double y = 0;
  {
    LadderNode n = plain("title", in.title + "\n" + in.path, (col_x(0) + right_x) / 2, y);
    n.fontsize = 12;
    d.node(n);
  }
  y -= 26;
  {
    LadderNode n = box("verdict", in.passed ? "PASS" : "FAIL", mid_x, y);
    n.filled = n.bold = true;
    n.fontsize = 11;
    n.fontcolour = "white";
    n.colour = n.fill = in.passed ? "#1a8a3a" : "red";
    d.node(n);
  }
  for (size_t i = 0; i < in.other_failures.size(); ++i) {
    y -= 16;
    d.node(plain("other" + std::to_string(i), clip(in.other_failures[i], 160), mid_x, y, "red"));
  }
  if (!calls.empty()) {
    y -= 20;
    // Apart by the widest label as the SVG writer sizes it, so neighbouring boxes never touch.
    size_t widest = 0;
    for (uint32_t c : calls) widest = std::max(widest, width_chars("call " + call_label(c)));
    const double step = std::max(45.0, kNoteChar * static_cast<double>(widest) + 24);
    size_t per_line = std::max<size_t>(1, static_cast<size_t>((right_x - col_x(0)) / step));
    for (size_t i = 0; i < calls.size(); ++i) {
      if (i > 0 && i % per_line == 0) y -= 18;
      size_t on_line = std::min(per_line, calls.size() - i / per_line * per_line);
      double x = mid_x - step * static_cast<double>(on_line - 1) / 2 + step * static_cast<double>(i % per_line);
      LadderNode n = box("legend" + std::to_string(calls[i]), "call " + call_label(calls[i]), x, y);
      n.filled = true;
      n.fill = call_colour(calls[i], calls);
      n.fontcolour = "white";
      d.node(n);
    }
  }

  // Lifeline heads: the number, and below it what the party is.
  y -= 38;
  const double top = y;
  std::vector<LadderNode> heads;
  for (size_t c = 0; c < columns.size(); ++c) {
    bool pbx = c == pbx_col;
    LadderNode n = box("head" + std::to_string(c), head_label(c), col_x(c), top);
    n.filled = true;
    n.bold = pbx;
    n.fill = pbx ? "#dddddd" : "#f4f4f4";
    n.fontsize = 11;
    n.width = fit(n.label, 6.4);
    d.node(n);
    heads.push_back(n);
  }
  d.node(plain("timehead", "virtual time", kTimeX, top, "#666666"));

  y = top - 16;
  double last_time = -1;
  // The virtual time and a faint line across, at the first row of each instant.
  auto mark_instant = [&](size_t r, double time) {
    if (std::llround(time * 1000) == std::llround(last_time * 1000)) return;
    std::string rs = std::to_string(r);
    d.node(plain("t" + rs, time_text(time), kTimeX, y, "#444444"));
    LadderNode a = invisible_point("tick" + rs + "a", kTimeX + 35, y + kRow / 2);
    LadderNode b = invisible_point("tick" + rs + "b", right_x + 20, y + kRow / 2);
    d.node(a);
    d.node(b);
    LadderEdge e = line(a, b, "#e6e6e6");
    e.arrow = LadderEdge::none;
    d.edge(e);
    last_time = time;
  };
  size_t rows_since_heads = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    const DiagramRow& row = rows[r];
    const std::string rs = std::to_string(r);
    // Long ladders name the lifelines again, between two instants so no instant is split.
    if (++rows_since_heads > kRowsPerHeads && row.kind != DiagramRow::failure &&
        std::llround(row.time * 1000) != std::llround(last_time * 1000)) {
      y -= kRow;
      for (size_t c = 0; c < columns.size(); ++c) {
        LadderNode n = box("again" + rs + "_" + std::to_string(c), columns[c], col_x(c), y + 4);
        n.filled = true;
        n.fill = "#f4f4f4";
        n.colour = "#bbbbbb";
        n.fontcolour = "#666666";
        d.node(n);
      }
      rows_since_heads = 0;
    }
    if (row.kind == DiagramRow::timer) {
      y -= kRow;
      mark_instant(r, row.time);
      LadderNode n = box("timer" + rs, row.text, mid_x, y + 4);
      n.dashed = n.filled = true;
      n.fill = "white";
      n.colour = "#666666";
      n.fontcolour = "#444444";
      n.width = fit(row.text, kNoteChar);
      d.node(n);
    } else if (row.kind == DiagramRow::step) {
      y -= kRow;
      mark_instant(r, row.time);
      double px = col_of.count(row.party) ? col_x(col_of[row.party]) : mid_x;
      // Centred on the lifeline, but never over the time column.
      const double half = (kNoteChar * static_cast<double>(widest_line(row.text)) + 18) / 2;
      px = std::max(px, kTimeX + 48 + half);
      LadderNode n = box("step" + rs, row.text, px, y + 4);
      n.rounded = n.filled = true;
      n.fill = "#eeeeee";
      n.colour = "#888888";
      n.fontcolour = "#333333";
      n.width = fit(row.text, kNoteChar);
      d.node(n);
    } else if (row.kind == DiagramRow::golden_missing) {
      y -= kRow;
      std::string text = "golden line " + std::to_string(row.golden->golden_line) + " missing here: " +
                         clip(row.golden->golden, 90);
      LadderNode n = box("golden" + rs, text, mid_x, y + 4);
      n.dashed = n.filled = true;
      n.colour = n.fontcolour = "red";
      n.fill = "#fff0f0";
      n.width = fit(text, kNoteChar);
      d.node(n);
    } else if (row.kind == DiagramRow::event) {
      y -= kRow;
      const TraceEvent& e = in.events[row.event_index];
      size_t pc = col_of[e.party];
      double px = col_x(pc);
      double lx = std::min(px, mid_x), rx = std::max(px, mid_x);
      mark_instant(r, e.time);
      std::string colour = call_colour(e.call, calls);
      LadderNode a = invisible_point("a" + rs, lx, y), b = invisible_point("b" + rs, rx, y);
      d.node(a);
      d.node(b);
      // Always drawn left to right (dir=back reverses the arrowhead) so the geometry is fixed.
      bool points_right = from_party(e.event) == (px < mid_x);
      LadderEdge arrow = line(a, b, colour);
      arrow.penwidth = 1.4;
      arrow.arrow = points_right ? LadderEdge::head : LadderEdge::tail;
      arrow.dashed = is_note_event(e.event);
      d.edge(arrow);
      std::string label = clip(event_label(e), kMaxLabel);
      bool red = !row.nearest_for.empty() || row.golden;
      if (!row.nearest_for.empty()) {
        std::string lines;
        for (int l : row.nearest_for) lines += (lines.empty() ? "" : ",") + std::to_string(l);
        label += "  [actual event for failed line " + lines + "]";
      }
      if (row.golden)
        label += row.golden->kind == GoldenMark::extra
                     ? "  [not in the golden trace]"
                     : "  [golden line " + std::to_string(row.golden->golden_line) + ": " + clip(row.golden->golden, 60) + "]";
      LadderNode n = box("l" + rs, label, (lx + rx) / 2, y + 9);
      n.fontcolour = red ? "red" : colour;
      n.filled = true;
      if (is_note_event(e.event)) {
        n.shape = LadderNode::note;
        n.fill = "#fff8c4";
        n.colour = colour;
        n.width = fit(label, kNoteChar);
      } else {
        n.fill = "white";
        n.colour = red ? "red" : "white";
      }
      if (red) n.penwidth = 1.5;
      d.node(n);
    } else {
      y -= kFailRow;
      const FailedExpectation& f = in.failed[row.failure_index];
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
      double box_w = 5.8 * static_cast<double>(widest_line(text)) + 16;
      double box_x = px + 16 + box_w / 2;
      if (box_x + box_w / 2 > right_x + 80) box_x = std::max(kTimeX + 40 + box_w / 2, px - 16 - box_w / 2);
      LadderNode n = box("fail" + rs, text, box_x, y + 4);
      n.filled = n.bold = true;
      n.colour = n.fontcolour = "red";
      n.fill = "#ffe8e8";
      n.fontsize = 10;
      n.width = box_w;
      d.node(n);
      LadderNode m = box("failmark" + rs, "X", px, y + 4);
      m.shape = LadderNode::circle;
      m.filled = true;
      m.colour = m.fill = "red";
      m.fontcolour = "white";
      m.fontsize = 8;
      m.width = 0.18 * 72;
      m.fixed_size = true;
      d.node(m);
      d.node(plain("failtime" + rs, time_text(failure_time(f, end)), kTimeX, y + 4, "red"));
      last_time = -1;  // the next event row shows its time again
    }
  }

  // Lifelines and their feet.
  y -= kRow + 10;
  for (size_t c = 0; c < columns.size(); ++c) {
    LadderNode n = box("foot" + std::to_string(c), columns[c], col_x(c), y);
    n.filled = true;
    n.fill = c == pbx_col ? "#dddddd" : "#f4f4f4";
    n.fontsize = 11;
    d.node(n);
    LadderEdge e = line(heads[c], n, "#999999");
    e.arrow = LadderEdge::none;
    e.dashed = true;
    d.edge(e);
  }
}

std::string quoted(const std::string& s) {
  bool bare = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  return bare ? s : "\"" + esc(s) + "\"";
}

// The DOT text: each node and edge on its line, placed with `pos` for the "nop" layout.
class LadderDot : public LadderSink {
 public:
  explicit LadderDot(std::ostream& d) : d_(d) {}
  void node(const LadderNode& n) override {
    static const char* const shapes[] = {"box", "plaintext", "note", "point", "circle"};
    d_ << "  " << n.name << " [shape=" << shapes[n.shape];
    std::string style;
    auto add = [&](bool on, const char* word) {
      if (on) style += (style.empty() ? "" : ",") + std::string(word);
    };
    add(n.rounded, "rounded");
    add(n.dashed, "dashed");
    add(n.filled, "filled");
    add(n.bold, "bold");
    add(n.invis, "invis");
    if (!style.empty()) d_ << ", style=" << quoted(style);
    if (!n.colour.empty()) d_ << ", color=" << quoted(n.colour);
    if (!n.fill.empty()) d_ << ", fillcolor=\"" << esc(n.fill) << "\"";
    if (!n.fontcolour.empty()) d_ << ", fontcolor=" << quoted(n.fontcolour);
    if (n.fontsize != 9) d_ << ", fontsize=" << n.fontsize;
    if (n.shape != LadderNode::point) d_ << ", label=\"" << esc(n.label) << "\"";
    if (n.width > 0) d_ << ", width=" << num(n.width / 72.0);
    if (n.fixed_size) d_ << ", fixedsize=true";
    if (n.penwidth > 0) d_ << ", penwidth=" << n.penwidth;
    d_ << ", " << pos(n.x, n.y) << "];\n";
  }
  void edge(const LadderEdge& e) override {
    d_ << "  " << e.from << " -> " << e.to << " [color=\"" << esc(e.colour) << "\"";
    if (e.penwidth > 0) d_ << ", penwidth=" << e.penwidth;
    if (e.arrow == LadderEdge::none) d_ << ", arrowhead=none";
    if (e.arrow == LadderEdge::tail) d_ << ", dir=back";
    if (e.dashed) d_ << ", style=dashed";
    d_ << "];\n";
  }

 private:
  std::ostream& d_;
};

}  // namespace

void write_diagram_dot(std::ostream& d, const DiagramInput& in) {
  d << "// telsim call-flow diagram; every node is placed: render with `neato -n -Tsvg`.\n";
  d << "digraph ladder {\n";
  d << "  graph [splines=line, outputorder=edgesfirst, pad=0.3, bgcolor=white, fontname=\"Helvetica\"];\n";
  d << "  node [fontname=\"Helvetica\", fontsize=9, margin=\"0.02,0.01\", width=0, height=0];\n";
  d << "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6];\n";
  LadderDot sink(d);
  draw_ladder(in, diagram_rows(in), sink);
  d << "}\n";
}

std::string diagram_dot(const DiagramInput& in) {
  std::ostringstream d;
  write_diagram_dot(d, in);
  return std::move(d).str();
}

void write_diagram_svg(std::ostream& out, const DiagramInput& in, const std::string& id_prefix) {
  const std::vector<DiagramRow> rows = diagram_rows(in);
  write_ladder_svg(out, [&](LadderSink& sink) { draw_ladder(in, rows, sink); }, id_prefix);
}

std::string diagram_svg(const DiagramInput& in, const std::string& id_prefix) {
  std::ostringstream out;
  write_diagram_svg(out, in, id_prefix);
  return std::move(out).str();
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
  if (!ends(".mmd") && !ends(".dot") && !ends(".svg") && !ends(".png"))
    throw std::runtime_error("diagram: the output must end in .svg, .png, .dot or .mmd: " + out_path);
  // PNG and Mermaid are made whole first (Graphviz reads the DOT text from memory), so a failure
  // there leaves no file; DOT and SVG go straight to the file, never held whole.
  std::string data;
  if (ends(".mmd")) data = diagram_mermaid(in);
  else if (ends(".png")) data = render_dot(diagram_dot(in), "png");
  std::ofstream out(out_path, std::ios::binary);
  if (ends(".dot")) write_diagram_dot(out, in);
  else if (ends(".svg")) {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n";
    write_diagram_svg(out, in);
  } else out << data;
  out.close();
  if (!out) throw std::runtime_error("diagram: cannot write " + out_path);
}

std::string diagram_svg_inline(const DiagramInput& in, const std::string& id_prefix) {
  return diagram_svg(in, id_prefix);
}

}  // namespace telsim
