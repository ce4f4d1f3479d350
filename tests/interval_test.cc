// Confidence intervals (reports/interval.cc): Student's t quantiles against the printed table, and
// the interval of a small sample worked by hand.
#include "reports/interval.h"

#include <gtest/gtest.h>

#include <cmath>

namespace telsim {
namespace {

TEST(StudentT, PrintedTableValues) {
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.706, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.776, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 19), 2.093, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 30), 2.042, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 120), 1.980, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.995, 10), 3.169, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.95, 2), 2.920, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 1e7), 1.95996, 5e-5);  // the normal quantile
  EXPECT_NEAR(student_t_quantile(0.025, 19), -2.093, 5e-4);
  EXPECT_EQ(student_t_quantile(0.5, 7), 0);
  EXPECT_TRUE(std::isnan(student_t_quantile(1.5, 3)));
  // One degree of freedom is Cauchy: tan(pi (p - 1/2)).
  EXPECT_NEAR(student_t_quantile(0.9, 1), std::tan(M_PI * 0.4), 1e-9);
}

TEST(MeanCi95, ByHand) {
  // 1, 2, 3, 4, 5: mean 3, s = sqrt(2.5), se = sqrt(0.5), t(0.975, 4) = 2.7764.
  Interval i = mean_ci95({1, 2, 3, 4, 5});
  EXPECT_EQ(i.samples, 5);
  EXPECT_DOUBLE_EQ(i.mean, 3);
  EXPECT_NEAR(i.std_error, std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(i.half_width, 2.776445 * std::sqrt(0.5), 1e-5);
  Interval one = mean_ci95({0.25});
  EXPECT_DOUBLE_EQ(one.mean, 0.25);
  EXPECT_TRUE(std::isnan(one.half_width));
  // No cancellation for a figure near 1 with a tiny spread.
  Interval tight = mean_ci95({0.999001, 0.999003});
  EXPECT_NEAR(tight.std_error, 1e-6, 1e-11);
}

}  // namespace
}  // namespace telsim
