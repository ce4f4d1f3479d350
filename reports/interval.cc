// Student's t from the regularized incomplete beta function I_x(a, b), evaluated by its continued
// fraction (modified Lentz), and the quantile by bisection on the distribution function.
#include "reports/interval.h"

#include <cmath>
#include <limits>

namespace telsim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The continued fraction of I_x(a, b), good for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) {
  const double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double f = d;
  for (int m = 1; m <= 500; ++m) {
    // Even step: m (b - m) x / ((a + 2m - 1)(a + 2m)); odd step: -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
    for (int odd = 0; odd < 2; ++odd) {
      double num = odd ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                       : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
      d = 1 + num * d;
      if (std::fabs(d) < tiny) d = tiny;
      c = 1 + num / c;
      if (std::fabs(c) < tiny) c = tiny;
      d = 1 / d;
      double step = c * d;
      f *= step;
      if (odd && std::fabs(step - 1) < 1e-15) return f;
    }
  }
  return f;
}

double incomplete_beta(double a, double b, double x) {  // I_x(a, b)
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;  // the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
}

double student_t_cdf(double t, double df) {
  double tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t));  // P(T > |t|)
  return t >= 0 ? 1 - tail : tail;
}
}  // namespace

double student_t_quantile(double p, double df) {
  if (!(p > 0 && p < 1) || !(df > 0)) return kNaN;
  if (p == 0.5) return 0;
  if (p < 0.5) return -student_t_quantile(1 - p, df);
  double lo = 0, hi = 1;
  while (student_t_cdf(hi, df) < p) hi *= 2;  // t(0.9995, 1) is about 637: a few doublings
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
    double mid = (lo + hi) / 2;
    (student_t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

Interval mean_ci95(const std::vector<double>& samples) {
  Interval r;
  r.samples = static_cast<int>(samples.size());
  if (samples.empty()) {
    r.mean = kNaN;
    r.half_width = r.std_error = kNaN;
    return r;
  }
  double sum = 0;
  for (double x : samples) sum += x;
  r.mean = sum / r.samples;
  if (r.samples < 2) {
    r.half_width = r.std_error = kNaN;
    return r;
  }
  double ss = 0;  // two passes: no cancellation for figures like 0.99 +- 1e-4
  for (double x : samples) ss += (x - r.mean) * (x - r.mean);
  r.std_error = std::sqrt(ss / (r.samples - 1) / r.samples);
  r.half_width = student_t_quantile(0.975, r.samples - 1) * r.std_error;
  return r;
}

}  // namespace telsim
