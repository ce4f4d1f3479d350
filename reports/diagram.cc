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

#include "reports/diagram_rows.h"
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

// Characters as a reader counts them (UTF-8 continuation bytes do not widen a label).
size_t width_chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

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

// A box wide enough for its text whatever font the viewer substitutes: Graphviz measures with its
// own metrics, browsers draw with theirs, and a note whose text overruns its border is hard to read.
std::string fit_width(const std::string& label, double char_width) {
  return "width=" + num((char_width * static_cast<double>(widest_line(label)) + 18) / 72.0);
}

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

std::string diagram_dot(const DiagramInput& in) {
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

  std::vector<DiagramRow> rows = diagram_rows(in);
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
  if (!calls.empty()) {
    y -= 20;
    const double step = 45;
    size_t per_line = std::max<size_t>(1, static_cast<size_t>((right_x - col_x(0)) / step));
    for (size_t i = 0; i < calls.size(); ++i) {
      if (i > 0 && i % per_line == 0) y -= 18;
      size_t on_line = std::min(per_line, calls.size() - i / per_line * per_line);
      double x = mid_x - step * static_cast<double>(on_line - 1) / 2 + step * static_cast<double>(i % per_line);
      d << "  legend" << calls[i] << " [shape=box, style=filled, fillcolor=\"" << call_colour(calls[i], calls)
        << "\", fontcolor=white, fontsize=9, label=\"call " << call_label(calls[i]) << "\", " << pos(x, y) << "];\n";
    }
  }

  // Lifeline heads: the number, and below it what the party is.
  y -= 38;
  const double top = y;
  for (size_t c = 0; c < columns.size(); ++c) {
    bool pbx = c == pbx_col;
    std::string label = head_label(c);
    d << "  head" << c << " [shape=box, style=\"filled" << (pbx ? ",bold" : "") << "\", fillcolor=\""
      << (pbx ? "#dddddd" : "#f4f4f4") << "\", fontsize=11, label=\"" << esc(label) << "\", "
      << fit_width(label, 6.4) << ", " << pos(col_x(c), top) << "];\n";
  }
  d << "  timehead [shape=plaintext, fontsize=9, fontcolor=\"#666666\", label=\"virtual time\", "
    << pos(kTimeX, top) << "];\n";

  y = top - 16;
  double last_time = -1;
  // The virtual time and a faint line across, at the first row of each instant.
  auto mark_instant = [&](size_t r, double time) {
    if (std::llround(time * 1000) == std::llround(last_time * 1000)) return;
    d << "  t" << r << " [shape=plaintext, fontcolor=\"#444444\", label=\"" << time_text(time) << "\", "
      << pos(kTimeX, y) << "];\n";
    d << "  tick" << r << "a [shape=point, style=invis, " << pos(kTimeX + 35, y + kRow / 2) << "];\n";
    d << "  tick" << r << "b [shape=point, style=invis, " << pos(right_x + 20, y + kRow / 2) << "];\n";
    d << "  tick" << r << "a -> tick" << r << "b [arrowhead=none, color=\"#e6e6e6\"];\n";
    last_time = time;
  };
  size_t rows_since_heads = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    const DiagramRow& row = rows[r];
    // Long ladders name the lifelines again, between two instants so no instant is split.
    if (++rows_since_heads > kRowsPerHeads && row.kind != DiagramRow::failure &&
        std::llround(row.time * 1000) != std::llround(last_time * 1000)) {
      y -= kRow;
      for (size_t c = 0; c < columns.size(); ++c)
        d << "  again" << r << "_" << c << " [shape=box, style=filled, fillcolor=\"#f4f4f4\", color=\"#bbbbbb\", "
          << "fontcolor=\"#666666\", fontsize=9, label=\"" << esc(columns[c]) << "\", " << pos(col_x(c), y + 4)
          << "];\n";
      rows_since_heads = 0;
    }
    if (row.kind == DiagramRow::timer) {
      y -= kRow;
      mark_instant(r, row.time);
      d << "  timer" << r << " [shape=box, style=\"dashed,filled\", fillcolor=white, color=\"#666666\", "
        << "fontcolor=\"#444444\", label=\"" << esc(row.text) << "\", " << fit_width(row.text, kNoteChar) << ", "
        << pos(mid_x, y + 4) << "];\n";
    } else if (row.kind == DiagramRow::step) {
      y -= kRow;
      mark_instant(r, row.time);
      double px = col_of.count(row.party) ? col_x(col_of[row.party]) : mid_x;
      // Centred on the lifeline, but never over the time column.
      const double half = (kNoteChar * static_cast<double>(widest_line(row.text)) + 18) / 2;
      px = std::max(px, kTimeX + 48 + half);
      d << "  step" << r << " [shape=box, style=\"rounded,filled\", fillcolor=\"#eeeeee\", color=\"#888888\", "
        << "fontcolor=\"#333333\", label=\"" << esc(row.text) << "\", " << fit_width(row.text, kNoteChar) << ", "
        << pos(px, y + 4) << "];\n";
    } else if (row.kind == DiagramRow::golden_missing) {
      y -= kRow;
      std::string text = "golden line " + std::to_string(row.golden->golden_line) + " missing here: " +
                         clip(row.golden->golden, 90);
      d << "  golden" << r << " [shape=box, style=\"dashed,filled\", color=red, fillcolor=\"#fff0f0\", "
        << "fontcolor=red, label=\"" << esc(text) << "\", " << fit_width(text, kNoteChar) << ", "
        << pos(mid_x, y + 4) << "];\n";
    } else if (row.kind == DiagramRow::event) {
      y -= kRow;
      const TraceEvent& e = in.events[row.event_index];
      size_t pc = col_of[e.party];
      double px = col_x(pc);
      double lx = std::min(px, mid_x), rx = std::max(px, mid_x);
      mark_instant(r, e.time);
      std::string colour = call_colour(e.call, calls);
      d << "  a" << r << " [shape=point, style=invis, " << pos(lx, y) << "];\n";
      d << "  b" << r << " [shape=point, style=invis, " << pos(rx, y) << "];\n";
      // Always drawn left to right (dir=back reverses the arrowhead) so the geometry is fixed.
      bool points_right = from_party(e.event) == (px < mid_x);
      d << "  a" << r << " -> b" << r << " [color=\"" << colour << "\", penwidth=1.4"
        << (points_right ? "" : ", dir=back") << (is_note_event(e.event) ? ", style=dashed" : "") << "];\n";
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
      d << "  l" << r << " [label=\"" << esc(label) << "\", fontcolor=\"" << (red ? "red" : colour) << "\", ";
      if (is_note_event(e.event))
        d << "shape=note, style=filled, fillcolor=\"#fff8c4\", color=\"" << colour << "\", " << fit_width(label, kNoteChar);
      else
        d << "shape=box, style=filled, fillcolor=white, color=\"" << (red ? "red" : "white") << "\"";
      if (red) d << ", penwidth=1.5";
      d << ", " << pos((lx + rx) / 2, y + 9) << "];\n";
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
      d << "  fail" << r << " [shape=box, style=\"filled,bold\", color=red, fillcolor=\"#ffe8e8\", fontcolor=red, "
        << "fontsize=10, label=\"" << esc(text) << "\", width=" << num(box_w / 72.0) << ", " << pos(box_x, y + 4)
        << "];\n";
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
  std::string dot = ends(".mmd") ? std::string() : diagram_dot(in);
  std::string data;
  if (ends(".mmd")) data = diagram_mermaid(in);
  else if (ends(".dot")) data = dot;
  else if (ends(".svg")) data = render_dot(dot, "svg");
  else if (ends(".png")) data = render_dot(dot, "png");
  else throw std::runtime_error("diagram: the output must end in .svg, .png, .dot or .mmd: " + out_path);
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
