#include "reports/mermaid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "reports/diagram_rows.h"
#include "reports/trace_csv.h"

namespace telsim {

namespace {

// "#1f5fbf" -> "rgba(31,95,191,0.14)": a light band of the call's colour behind its arrows.
std::string band(const std::string& hex, double alpha) {
  unsigned r = 0, g = 0, b = 0;
  if (hex.size() == 7) std::sscanf(hex.c_str() + 1, "%2x%2x%2x", &r, &g, &b);
  char buf[48];
  std::snprintf(buf, sizeof buf, "rgba(%u,%u,%u,%.2f)", r, g, b, alpha);
  return buf;
}

long long ms(double t) { return std::llround(t * 1000.0); }

}  // namespace

std::string mermaid_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '#': out += "#35;"; break;
      case ';': out += "#59;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '&': out += "#amp;"; break;
      case '"': out += "#quot;"; break;
      case '\n': out += "<br/>"; break;
      case '\r': case '\t': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

std::string diagram_mermaid(const DiagramInput& in) {
  std::vector<std::string> parties = diagram_parties(in);
  size_t left = (parties.size() + 1) / 2;
  std::map<std::string, std::string> id;
  for (size_t i = 0; i < parties.size(); ++i) id[parties[i]] = "p" + std::to_string(i);
  const std::vector<uint32_t> calls = diagram_calls(in);
  const double end = in.events.empty() ? 0 : in.events.back().time;

  std::ostringstream m;
  // Front matter carries the title; the YAML string is double-quoted, so only " and \ need care.
  std::string title = in.title + " (" + in.path + "): " + (in.passed ? "PASS" : "FAIL");
  std::string yaml;
  for (char c : title) {
    if (c == '"' || c == '\\') yaml += '\\';
    yaml += (c == '\n' || c == '\r') ? ' ' : c;
  }
  m << "---\ntitle: \"" << yaml << "\"\n---\n";
  m << "sequenceDiagram\n";
  auto participant = [&](const std::string& p) {
    std::string kind = party_kind_text(in, p);
    m << "  participant " << id[p] << " as " << mermaid_text(p) << (kind.empty() ? "" : "<br/>" + mermaid_text(kind))
      << "\n";
  };
  for (size_t i = 0; i < left; ++i) participant(parties[i]);
  m << "  participant PBX\n";
  for (size_t i = left; i < parties.size(); ++i) participant(parties[i]);
  for (const std::string& f : in.other_failures)
    m << "  rect rgba(220,0,0,0.15)\n    Note over PBX: " << mermaid_text(f) << "\n  end\n";

  std::vector<DiagramRow> rows = diagram_rows(in);
  uint32_t open_call = 0;
  bool band_open = false;
  auto close_band = [&]() {
    if (band_open) m << "  end\n";
    band_open = false;
  };
  double last_time = -1;
  auto when = [&](double t) {
    if (ms(t) == ms(last_time)) return std::string();
    last_time = t;
    return format_time(t) + " s · ";
  };
  for (const DiagramRow& row : rows) {
    if (row.kind == DiagramRow::event) {
      const TraceEvent& e = in.events[row.event_index];
      if (!band_open || open_call != e.call) {
        close_band();
        m << "  rect " << band(call_colour(e.call, calls), 0.14) << "\n";
        band_open = true;
        open_call = e.call;
      }
      const std::string& p = id[e.party];
      std::string arrow = is_note_event(e.event) ? "-->>" : "->>";
      std::string label = when(e.time) + event_label(e);
      for (int l : row.nearest_for) label += " [actual event for failed line " + std::to_string(l) + "]";
      if (from_party(e.event))
        m << "    " << p << arrow << "PBX: " << mermaid_text(label) << "\n";
      else
        m << "    PBX" << arrow << p << ": " << mermaid_text(label) << "\n";
      if (row.golden) {
        close_band();
        std::string text = row.golden->kind == GoldenMark::extra
                               ? "golden trace: this row is not in it"
                               : "golden line " + std::to_string(row.golden->golden_line) + " wanted: " + row.golden->golden;
        m << "  rect rgba(220,0,0,0.15)\n    Note over " << p << ": " << mermaid_text(text) << "\n  end\n";
      }
      continue;
    }
    close_band();
    switch (row.kind) {
      case DiagramRow::timer:
        m << "  Note over PBX: " << mermaid_text(when(row.time) + row.text) << "\n";
        break;
      case DiagramRow::step:
        m << "  Note over " << (id.count(row.party) ? id[row.party] : "PBX") << ": "
          << mermaid_text(when(row.time) + row.text) << "\n";
        break;
      case DiagramRow::golden_missing:
        m << "  rect rgba(220,0,0,0.15)\n    Note over PBX: "
          << mermaid_text("golden line " + std::to_string(row.golden->golden_line) + " missing here: " + row.golden->golden)
          << "\n  end\n";
        break;
      case DiagramRow::failure: {
        const FailedExpectation& f = in.failed[row.failure_index];
        std::string party = f.expected.substr(0, f.expected.find(' '));
        std::string got = f.has_nearest ? (f.negate ? "got: " : "actual (nearest): ") + f.nearest.party + " " +
                                              event_label(f.nearest) + " at " + format_time(f.nearest.time) + " s"
                                        : "actual: nothing at " + party;
        std::string text = "FAILED line " + std::to_string(f.line) + " (" + format_time(failure_time(f, end)) +
                           " s): expected " + (f.negate ? "no " : "") + f.expected + " " + f.window + "\n" + got;
        m << "  rect rgba(220,0,0,0.15)\n    Note over " << (id.count(party) ? id[party] : "PBX") << ": "
          << mermaid_text(text) << "\n  end\n";
        break;
      }
      default:
        break;
    }
  }
  close_band();
  return m.str();
}

}  // namespace telsim
