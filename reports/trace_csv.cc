#include "reports/trace_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include <libfccp/csv.h>

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
// a final newline or convert line ends (or add a byte-order mark) do not make a golden trace fail.
std::vector<std::string> normalized_lines(const std::string& text) {
  // A UTF-8 byte-order mark (spreadsheets and some editors add one) is no part of the first row.
  const size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  std::string lf;
  lf.reserve(text.size());
  for (size_t i = start; i < text.size(); ++i)
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
  // fccp reads CRLF and a UTF-8 byte-order mark itself; it has no header row here (header optional).
  io::CSVReader<5, io::trim_chars<>, io::double_quote_escape<',', '"'>, io::throw_on_overflow,
                io::empty_line_comment>
      csv("trace.csv", text.data(), text.data() + text.size());
  csv.set_header("time", "call", "party", "event", "detail");
  std::vector<TraceEvent> out;
  std::string time, call, party, event, detail;
  for (bool first = true;; first = false) {
    try {
      if (!csv.read_row(time, call, party, event, detail)) break;
    } catch (const io::error::line_length_limit_exceeded&) {
      break;  // fccp cannot move past such a line
    } catch (const io::error::base&) {
      continue;  // a row of another shape: not an event
    }
    if (first && time == "time") continue;
    auto ev = ev_from_name(event);
    if (!ev) continue;
    TraceEvent e;
    e.time = std::strtod(time.c_str(), nullptr);
    e.call = call.size() > 1 && call[0] == 'c' ? static_cast<uint32_t>(std::strtoul(call.c_str() + 1, nullptr, 10)) : 0;
    e.party = std::move(party);
    e.event = *ev;
    e.detail = std::move(detail);
    out.push_back(std::move(e));
  }
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

std::vector<GoldenMark> golden_marks(const std::string& golden_text, const std::string& actual_text) {
  std::vector<std::string> g = normalized_lines(golden_text), a = normalized_lines(actual_text);
  // Data rows only: the header is line 1 of both.
  if (!g.empty()) g.erase(g.begin());
  if (!a.empty()) a.erase(a.begin());
  size_t head = 0;
  while (head < g.size() && head < a.size() && g[head] == a[head]) ++head;
  size_t tail = 0;
  while (tail < g.size() - head && tail < a.size() - head && g[g.size() - 1 - tail] == a[a.size() - 1 - tail]) ++tail;
  const size_t n = g.size() - head - tail, m = a.size() - head - tail;
  // The middle's alignment: LCS table when it is small enough, else row against row.
  std::vector<std::pair<long, long>> steps;  // (golden index or -1, actual index or -1), in order
  if (n * m <= 4'000'000) {
    std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        lcs[i][j] = g[head + i] == a[head + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && g[head + i] == a[head + j]) {
        steps.emplace_back(i++, j++);
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        steps.emplace_back(-1, j++);
      } else {
        steps.emplace_back(i++, -1);
      }
    }
  } else {
    for (size_t k = 0; k < std::max(n, m); ++k)
      steps.emplace_back(k < n ? static_cast<long>(k) : -1, k < m ? static_cast<long>(k) : -1);
  }
  std::vector<GoldenMark> marks;
  auto golden_row = [&](long i) { return g[head + static_cast<size_t>(i)]; };
  auto golden_line = [&](long i) { return static_cast<int>(head + static_cast<size_t>(i)) + 2; };
  // Runs between matched rows: pair golden-only with actual-only rows as differences.
  for (size_t s = 0; s < steps.size();) {
    if (steps[s].first >= 0 && steps[s].second >= 0 && golden_row(steps[s].first) == a[head + steps[s].second]) {
      ++s;
      continue;
    }
    std::vector<long> gone, added;
    size_t e = s;
    for (; e < steps.size(); ++e) {
      auto [gi, ai] = steps[e];
      if (gi >= 0 && ai >= 0 && golden_row(gi) == a[head + ai]) break;
      if (gi >= 0) gone.push_back(gi);
      if (ai >= 0) added.push_back(ai);
    }
    size_t next_actual = head + (e < steps.size() ? static_cast<size_t>(steps[e].second) : m);
    for (size_t k = 0; k < std::max(gone.size(), added.size()); ++k) {
      GoldenMark mark;
      if (k < added.size()) {
        mark.actual_row = head + static_cast<size_t>(added[k]);
        mark.kind = k < gone.size() ? GoldenMark::differs : GoldenMark::extra;
      } else {
        mark.actual_row = next_actual;
        mark.kind = GoldenMark::missing;
      }
      if (k < gone.size()) {
        mark.golden = golden_row(gone[k]);
        mark.golden_line = golden_line(gone[k]);
      }
      marks.push_back(std::move(mark));
    }
    s = e;
  }
  return marks;
}

}  // namespace telsim
