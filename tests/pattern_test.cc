// Patterns (models/pattern.cc, SPEC SC-4): whole-value ECMAScript matching, the bad-input checks
// and the refusal of a catastrophic match.
#include "models/pattern.h"

#include <gtest/gtest.h>

namespace telsim {
namespace {

TEST(PatternUnitTest, WholeValue) {
  Pattern p("20\\d\\d");
  EXPECT_TRUE(p.matches("2002"));
  EXPECT_FALSE(p.matches("20021"));
  EXPECT_FALSE(p.matches("x2002"));
  EXPECT_TRUE(Pattern("busy|hangup").matches("hangup"));
  EXPECT_FALSE(Pattern(".*").matches(std::string(kMaxPatternSubject + 1, 'a')));
  EXPECT_TRUE(Pattern(".*").matches(std::string(kMaxPatternSubject, 'a')));
}

TEST(PatternUnitTest, Problems) {
  EXPECT_FALSE(pattern_problem("a+b").has_value());
  EXPECT_TRUE(pattern_problem("(").has_value());
  EXPECT_TRUE(pattern_problem("[z-a]").has_value());
  EXPECT_TRUE(pattern_problem("").has_value());
  EXPECT_TRUE(pattern_problem(std::string(kMaxPatternChars + 1, 'a')).has_value());
  EXPECT_FALSE(pattern_problem(std::string(kMaxPatternChars, 'a')).has_value());
}

TEST(PatternUnitTest, CatastrophicBacktrackingIsRefused) {
  Pattern p("(a|aa)*(a|aa)*(a|aa)*(a|aa)*(a|aa)*(a|aa)*(a|aa)*(a|aa)*b");
  EXPECT_THROW(p.matches(std::string(200, 'a')), PatternTooComplex);
}

}  // namespace
}  // namespace telsim
