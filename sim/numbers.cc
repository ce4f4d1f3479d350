#include "sim/numbers.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace telsim {

NumberProblem parse_seconds(std::string_view s, double* out, double max) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  bool digit = false, dot = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return NumberProblem::not_a_number;
    }
  }
  if (!digit) return NumberProblem::not_a_number;
  if (negative) return NumberProblem::negative;
  // Leading zeros and long fractions are harmless, but a value of thousands of digits is no time.
  size_t int_digits = s.find('.') == std::string_view::npos ? s.size() : s.find('.');
  size_t first = s.find_first_not_of('0');
  if (first != std::string_view::npos && first < int_digits && int_digits - first > 12) return NumberProblem::too_large;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return NumberProblem::too_large;
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return NumberProblem::not_a_number;
  if (v > max) return NumberProblem::too_large;
  *out = v;
  return NumberProblem::none;
}

NumberProblem parse_count(std::string_view s, uint64_t* out, uint64_t min, uint64_t max) {
  if (!s.empty() && s[0] == '-') {
    bool digits = s.size() > 1 && s.substr(1).find_first_not_of("0123456789") == std::string_view::npos;
    return digits ? NumberProblem::negative : NumberProblem::not_a_number;
  }
  if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) return NumberProblem::not_a_number;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return NumberProblem::too_large;
  if (ec != std::errc() || end != s.data() + s.size()) return NumberProblem::not_a_number;
  if (v > max) return NumberProblem::too_large;
  if (v < min) return NumberProblem::negative;  // below the range: callers word it as "from MIN"
  *out = v;
  return NumberProblem::none;
}

std::string range_text(double min, double max) {
  auto num = [](double v) {
    std::ostringstream o;
    o.precision(15);
    o << v;
    return o.str();
  };
  return "from " + num(min) + " to " + num(max);
}

std::optional<int64_t> to_milliseconds(double seconds) {
  constexpr double kLimit = kMaxSeconds * 4;
  if (!std::isfinite(seconds) || seconds > kLimit || seconds < -kLimit) return std::nullopt;
  return static_cast<int64_t>(std::llround(seconds * 1000.0));
}

}  // namespace telsim
