// Trace output (SPEC 2): the `time,call,party,event,detail` CSV, and the comparison of an actual
// trace against a golden `NAME.trace.csv` (SPEC 1).
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "models/trace_event.h"

namespace telsim {

// Seconds with exactly 3 decimals ("12.500"), rounded to the millisecond.
std::string format_time(double seconds);

// "c3" for call 3; "" for 0 (an event outside any call).
std::string call_label(uint32_t call);

// Header plus one row per event, "\n" line ends. Same events give the same bytes.
void write_trace_csv(std::ostream& out, const std::vector<TraceEvent>& events);
std::string trace_csv(const std::vector<TraceEvent>& events);

// Reads back what write_trace_csv wrote with the CSV library (header optional, RFC 4180 quoting,
// CRLF or LF, a UTF-8 byte-order mark). Rows of another shape or with an unknown event are skipped.
std::vector<TraceEvent> parse_trace_csv(const std::string& text);

// nullopt when the texts hold the same rows (CRLF vs LF and trailing newlines are ignored);
// otherwise "GOLDEN_PATH:LINE: ..." naming the first differing line, with golden_path as given.
std::optional<std::string> golden_difference(const std::string& golden_text,
                                             const std::string& actual_text,
                                             const std::string& golden_path);

// Where an actual trace departs from its golden trace, row by row, for diagrams to mark: the two
// traces' data rows aligned by their longest common subsequence (after the common head and tail).
struct GoldenMark {
  enum Kind { differs, extra, missing };
  Kind kind = differs;
  size_t actual_row = 0;  // 0-based data row of the actual trace (missing: the row it comes before)
  std::string golden;     // the golden row wanted here ("" for an extra actual row)
  int golden_line = 0;    // its line in the golden file (0 for extra)
};
std::vector<GoldenMark> golden_marks(const std::string& golden_text, const std::string& actual_text);

}  // namespace telsim
