// Patterns in expectations (SPEC SC-4): a detail value or a display/prompt text written `~REGEX`
// matches by an ECMAScript regular expression over the whole value. Boost.Regex rather than
// std::regex: it refuses a match that would take exponential time (catastrophic backtracking)
// by throwing, where std::regex recurses until the stack overflows.
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace telsim {

constexpr size_t kMaxPatternChars = 200;    // a longer expression is bad input
constexpr size_t kMaxPatternSubject = 1024;  // a longer value never matches a pattern

// Whether `text` is written as a pattern (starts with `~`).
inline bool is_pattern(const std::string& text) { return !text.empty() && text.front() == '~'; }

// Why `expression` (without its `~`) is no pattern, or nullopt when it is a good one.
std::optional<std::string> pattern_problem(const std::string& expression);

// Thrown when a match is refused as too costly (the expression backtracks exponentially).
struct PatternTooComplex : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A compiled expression. Cheap to match again and again (the matcher keeps one per expectation).
class Pattern {
 public:
  explicit Pattern(const std::string& expression);  // a good one (checked by pattern_problem)
  ~Pattern();
  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;
  // The whole of `value` matches; false for values over kMaxPatternSubject. Throws
  // PatternTooComplex when the engine gives up.
  bool matches(const std::string& value) const;
  const std::string& expression() const { return expression_; }

 private:
  struct Compiled;
  std::string expression_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace telsim
