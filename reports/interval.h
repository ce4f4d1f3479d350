// Confidence intervals for simulated figures: the mean of independent samples (replications, or
// batch means of one long run) and its Student's t half-width. Consecutive calls of one run are
// correlated, so a run's own interval comes from batches of calls, never from the binomial formula.
#pragma once
#include <vector>

namespace telsim {

// The p-quantile (0 < p < 1) of Student's t distribution with `df` >= 1 degrees of freedom,
// computed from the regularized incomplete beta function (no table): t(0.975, 19) = 2.093.
double student_t_quantile(double p, double df);

struct Interval {
  double mean = 0;
  double half_width = 0;  // 95%: mean +- half_width; NaN with fewer than 2 samples
  double std_error = 0;   // standard error of the mean; NaN with fewer than 2 samples
  int samples = 0;
};

// The mean of the samples and its two-sided 95% interval, Student's t with samples-1 degrees of freedom.
Interval mean_ci95(const std::vector<double>& samples);

}  // namespace telsim
