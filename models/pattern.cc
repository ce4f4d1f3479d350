#include "models/pattern.h"

#include <boost/regex.hpp>

namespace telsim {

struct Pattern::Compiled {
  boost::regex re;
};

std::optional<std::string> pattern_problem(const std::string& expression) {
  if (expression.empty()) return "an empty pattern after '~' (write '~.*' to match anything)";
  if (expression.size() > kMaxPatternChars)
    return "pattern of " + std::to_string(expression.size()) + " characters is too long (at most " +
           std::to_string(kMaxPatternChars) + ")";
  try {
    boost::regex re(expression, boost::regex::ECMAScript);
  } catch (const boost::regex_error& e) {
    return std::string("bad regular expression: ") + e.what();
  } catch (const std::exception& e) {
    return std::string("bad regular expression: ") + e.what();
  }
  return std::nullopt;
}

Pattern::Pattern(const std::string& expression)
    : expression_(expression), compiled_(std::make_unique<Compiled>(Compiled{boost::regex(expression, boost::regex::ECMAScript)})) {}
Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;

bool Pattern::matches(const std::string& value) const {
  if (value.size() > kMaxPatternSubject) return false;
  try {
    return boost::regex_match(value, compiled_->re);
  } catch (const std::runtime_error& e) {
    // Boost gives up on a match whose cost grows exponentially ("too complex"): a verdict that
    // cannot be reached is reported, never a crash nor a hang.
    throw PatternTooComplex("pattern '~" + expression_ + "' is too costly to match against '" +
                            value.substr(0, 60) + (value.size() > 60 ? "..." : "") + "' (" + e.what() + ")");
  }
}

}  // namespace telsim
