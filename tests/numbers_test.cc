// The ranges telsim accepts for the numbers people write (sim/numbers.h), and the one checked
// conversion of seconds to milliseconds.
#include "sim/numbers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace telsim {
namespace {

TEST(Numbers, SecondsAreDecimalsFromZeroToTenToTheNine) {
  double v = -1;
  EXPECT_EQ(parse_seconds("12", &v), NumberProblem::none);
  EXPECT_EQ(v, 12);
  EXPECT_EQ(parse_seconds("12.5", &v), NumberProblem::none);
  EXPECT_EQ(v, 12.5);
  EXPECT_EQ(parse_seconds(".5", &v), NumberProblem::none);
  EXPECT_EQ(parse_seconds("1000000000", &v), NumberProblem::none);
  EXPECT_EQ(parse_seconds("0001000000000.000", &v), NumberProblem::none);
  EXPECT_EQ(parse_seconds("1000000000.001", &v), NumberProblem::too_large);
  EXPECT_EQ(parse_seconds("10000000000000000", &v), NumberProblem::too_large);  // 10^16: segfaulted before
  EXPECT_EQ(parse_seconds(std::string(400, '9'), &v), NumberProblem::too_large);
  EXPECT_EQ(parse_seconds("-1", &v), NumberProblem::negative);
  EXPECT_EQ(parse_seconds("-0", &v), NumberProblem::negative);
  for (const char* bad : {"", ".", "1e3", "1e400", "nan", "inf", "-inf", "+1", " 1", "1 ", "1..2", "0x10", "1,5", "--1"})
    EXPECT_EQ(parse_seconds(bad, &v), NumberProblem::not_a_number) << bad;
  EXPECT_EQ(parse_seconds("7", &v, 5), NumberProblem::too_large);
}

TEST(Numbers, CountsAreDigitsWithinTheirRange) {
  uint64_t v = 0;
  EXPECT_EQ(parse_count("0", &v, 0, 10), NumberProblem::none);
  EXPECT_EQ(parse_count("10", &v, 0, 10), NumberProblem::none);
  EXPECT_EQ(v, 10u);
  EXPECT_EQ(parse_count("11", &v, 0, 10), NumberProblem::too_large);
  EXPECT_EQ(parse_count("0", &v, 1, 10), NumberProblem::negative);
  EXPECT_EQ(parse_count("-5", &v, 0, 10), NumberProblem::negative);  // not 2^64 - 5
  EXPECT_EQ(parse_count("18446744073709551615", &v, 0, UINT64_MAX), NumberProblem::none);
  EXPECT_EQ(v, UINT64_MAX);
  EXPECT_EQ(parse_count("18446744073709551616", &v, 0, UINT64_MAX), NumberProblem::too_large);
  for (const char* bad : {"", "1.0", "1e3", "+1", " 1", "x", "-", "0x1"})
    EXPECT_EQ(parse_count(bad, &v, 0, 10), NumberProblem::not_a_number) << bad;
}

TEST(Numbers, MillisecondsOnlyForTimesARunCanReach) {
  EXPECT_EQ(to_milliseconds(12.5), 12500);
  EXPECT_EQ(to_milliseconds(0.0005), 1);
  EXPECT_EQ(to_milliseconds(-2.0004), -2000);
  EXPECT_EQ(to_milliseconds(kMaxSeconds * 4), static_cast<int64_t>(kMaxSeconds * 4000));
  EXPECT_EQ(to_milliseconds(1e16), std::nullopt);
  EXPECT_EQ(to_milliseconds(std::numeric_limits<double>::infinity()), std::nullopt);
  EXPECT_EQ(to_milliseconds(std::nan("")), std::nullopt);
}

TEST(Numbers, RangeText) { EXPECT_EQ(range_text(0, 1e9), "from 0 to 1000000000"); }

}  // namespace
}  // namespace telsim
