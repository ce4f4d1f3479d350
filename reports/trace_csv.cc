#include "reports/trace_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace telsim {

namespace {

// RFC 4180: quote only when needed, so ordinary rows stay easy to read and diff.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// The text as lines, CRLF read as LF and trailing newlines dropped, so editors that add or strip
// a final newline or convert line ends do not make a golden trace fail.
std::vector<std::string> normalized_lines(const std::string& text) {
  std::string lf;
  lf.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) lf += text[i];
  while (!lf.empty() && lf.back() == '\n') lf.pop_back();

  std::vector<std::string> lines;
  if (lf.empty()) return lines;
  std::istringstream in(lf);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

std::string format_time(double seconds) {
  // Integer milliseconds first: printf rounding of binary fractions (0.0005) is not reliable.
  long long ms = std::llround(seconds * 1000.0);
  std::string sign = ms < 0 ? "-" : "";
  long long abs_ms = std::llabs(ms);
  char frac[8];
  std::snprintf(frac, sizeof frac, "%03lld", abs_ms % 1000);
  return sign + std::to_string(abs_ms / 1000) + "." + frac;
}

std::string call_label(uint32_t call) { return call == 0 ? "" : "c" + std::to_string(call); }

void write_trace_csv(std::ostream& out, const std::vector<TraceEvent>& events) {
  out << "time,call,party,event,detail\n";
  for (const TraceEvent& e : events) {
    out << format_time(e.time) << ',' << call_label(e.call) << ',' << csv_field(e.party) << ','
        << ev_name(e.event) << ',' << csv_field(e.detail) << '\n';
  }
}

std::string trace_csv(const std::vector<TraceEvent>& events) {
  std::ostringstream out;
  write_trace_csv(out, events);
  return out.str();
}

std::vector<TraceEvent> parse_trace_csv(const std::string& text) {
  std::vector<TraceEvent> out;
  std::vector<std::string> fields;
  std::string field;
  bool quoted_field = false, header_checked = false;
  auto end_row = [&]() {
    fields.push_back(field);
    field.clear();
    bool header = !header_checked && !fields.empty() && fields[0] == "time";
    header_checked = true;
    if (!header && fields.size() >= 4) {
      if (auto ev = ev_from_name(fields[3])) {
        TraceEvent e;
        e.time = std::strtod(fields[0].c_str(), nullptr);
        const std::string& c = fields[1];
        e.call = c.size() > 1 && c[0] == 'c' ? static_cast<uint32_t>(std::strtoul(c.c_str() + 1, nullptr, 10)) : 0;
        e.party = fields[2];
        e.event = *ev;
        e.detail = fields.size() > 4 ? fields[4] : "";
        out.push_back(std::move(e));
      }
    }
    fields.clear();
  };
  bool row_has_data = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quoted_field) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted_field = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch == '"') {
      quoted_field = true;
      row_has_data = true;
    } else if (ch == ',') {
      fields.push_back(field);
      field.clear();
      row_has_data = true;
    } else if (ch == '\n') {
      if (row_has_data || !field.empty()) end_row();
      row_has_data = false;
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the LF ends the row
    } else {
      field += ch;
      row_has_data = true;
    }
  }
  if (row_has_data || !field.empty()) end_row();
  return out;
}

std::optional<std::string> golden_difference(const std::string& golden_text,
                                             const std::string& actual_text,
                                             const std::string& golden_path) {
  const std::vector<std::string> golden = normalized_lines(golden_text);
  const std::vector<std::string> actual = normalized_lines(actual_text);
  const size_t common = std::min(golden.size(), actual.size());
  for (size_t i = 0; i < common; ++i) {
    if (golden[i] != actual[i])
      return golden_path + ":" + std::to_string(i + 1) + ": expected " + quoted(golden[i]) +
             ", got " + quoted(actual[i]);
  }
  const std::string where = golden_path + ":" + std::to_string(common + 1) + ": ";
  if (actual.size() < golden.size())
    return where + "trace ends early, expected " + quoted(golden[common]);
  if (actual.size() > golden.size())
    return where + "trace has extra rows, got " + quoted(actual[common]);
  return std::nullopt;
}

}  // namespace telsim
