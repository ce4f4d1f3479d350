// The numbers people write (scenario times and timers, command-line options) and the ranges telsim
// accepts for them, in one place: the loader and the command line refuse what is outside, so
// nothing downstream (the engine's clock, the millisecond conversions of traces, the matcher and
// the diagrams) ever sees a value it cannot hold.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace telsim {

// Every time, timer and duration: 0 .. 10^9 s (about 31 years). Sums the engine forms from them (a
// step time plus timers plus the settle time) stay far below 2^53 ms, so milliseconds are exact.
constexpr double kMaxSeconds = 1e9;

enum class NumberProblem { none, not_a_number, negative, too_large };

// Seconds as scenario files and options write them: `12`, `12.5`, `.5`. No sign, exponent, inf
// or nan, locale-independent; at most kMaxSeconds. `-0` and `-1` are `negative`.
NumberProblem parse_seconds(std::string_view text, double* out, double max = kMaxSeconds);

// A whole number written in decimal digits only (no sign, no spaces), within [min, max].
NumberProblem parse_count(std::string_view text, uint64_t* out, uint64_t min, uint64_t max);

// "from MIN to MAX" for messages, numbers without needless decimals.
std::string range_text(double min, double max);

// The one conversion of seconds to whole milliseconds: rounds to nearest, and refuses (nullopt)
// what is not finite or beyond +-kMaxSeconds * 4 (the furthest a run can reach from valid input).
std::optional<int64_t> to_milliseconds(double seconds);

}  // namespace telsim
