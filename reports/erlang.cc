// Erlang B, C, A and Engset from their definitions (see erlang.h). Sums over states are taken in
// logarithms relative to the largest term, so a group of thousands of lines or a heavily overloaded
// queue neither overflows nor loses the small terms that decide a 0.1% blocking figure.
#include "reports/erlang.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace telsim {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

double log_add(double a, double b) {  // log(e^a + e^b)
  if (a < b) std::swap(a, b);
  if (b == -kInf) return a;
  return a + std::log1p(std::exp(b - a));
}

// log(1 / B(lines, A)): 1/B(k) = 1 + (k/A) / B(k-1), kept in logarithms (B itself underflows for
// a large group at a small load, while the queueing sums still need it).
double log_inverse_erlang_b(int lines, double erlangs) {
  double l = 0;
  for (int k = 1; k <= lines; ++k) l = log_add(0, std::log(k / erlangs) + l);
  return l;
}

// Largest number of waiting places followed one by one; a longer queue only arises when patience
// is tiny next to the overload (then the terms are long past negligible anyway).
constexpr long kMaxStates = 20'000'000;
}  // namespace

double erlang_b(int lines, double erlangs) {
  if (lines <= 0) return 1;
  if (!(erlangs > 0)) return 0;
  double b = 1.0;
  for (int k = 1; k <= lines; ++k) b = erlangs * b / (k + erlangs * b);
  return b;
}

double erlang_c(int lines, double erlangs) {
  if (lines <= 0 || erlangs >= lines) return 1;
  if (!(erlangs > 0)) return 0;
  double b = erlang_b(lines, erlangs);
  return lines * b / (lines - erlangs * (1 - b));
}

QueueFigures erlang_c_figures(int lines, double erlangs, double hold, double t) {
  QueueFigures f;
  if (lines <= 0 || erlangs >= lines) {
    f.stable = false;
    f.p_wait = 1;
    f.wait_mean = kInf;
    f.service_level = 0;
    return f;
  }
  double c = erlang_c(lines, erlangs);
  f.p_wait = c;
  f.wait_mean = c * hold / (lines - erlangs);
  f.service_level = 1 - c * std::exp(-(lines - erlangs) * std::max(0.0, t) / hold);
  return f;
}

QueueFigures erlang_a_figures(int lines, double erlangs, double hold, double patience, long queue, double t) {
  const bool abandons = patience > 0 && std::isfinite(patience);
  if (!abandons && queue < 0) return erlang_c_figures(lines, erlangs, hold, t);
  QueueFigures f;
  if (!(erlangs > 0)) {
    f.service_level = 1;
    return f;
  }
  if (lines <= 0) {  // nobody to answer: every call waits until it is blocked or hangs up
    f.stable = abandons;
    if (queue == 0) f.blocking = 1;
    f.p_wait = 1;
    f.abandoned = queue == 0 ? 0 : 1;
    f.wait_mean = queue == 0 ? 0 : patience;
    return f;
  }
  const double lambda = erlangs / hold, mu = 1 / hold, theta = abandons ? 1 / patience : 0;
  const double n_mu = lines * mu;
  // Terms relative to p(n), the state with every line busy and nobody waiting: below it the sum
  // of p(k)/p(n) over k < n is 1/B - 1 (Erlang B's own ratio); above it, p(n+j)/p(n) is the
  // product of lambda / (n mu + i theta) for i = 1..j.
  const double log_below = [&] {
    double l = log_inverse_erlang_b(lines, erlangs);
    return l + std::log1p(-std::exp(-l));  // log(1/B - 1)
  }();
  std::vector<double> log_r{0.0};
  double peak = 0;
  const double log_lambda = std::log(lambda);
  for (long j = 1; queue < 0 || j <= queue; ++j) {
    double next = log_r.back() + log_lambda - std::log(n_mu + j * theta);
    peak = std::max(peak, next);
    log_r.push_back(next);
    // Past the mode (terms now shrink) and 46 e-folds below the largest term: the rest adds
    // less than 1e-20 of the total.
    if (n_mu + (j + 1) * theta > lambda && next < std::max(peak, log_below) - 46) break;
    if (j >= kMaxStates) {
      f.stable = false;  // patience so long against the overload that the queue is unbounded in practice
      break;
    }
  }
  const double top = std::max(peak, log_below);
  const long states = static_cast<long>(log_r.size());  // j = 0 .. states-1
  std::vector<double> p(static_cast<size_t>(states));
  double z = std::exp(log_below - top);
  for (long j = 0; j < states; ++j) z += p[static_cast<size_t>(j)] = std::exp(log_r[static_cast<size_t>(j)] - top);
  const double p_below = std::exp(log_below - top) / z;
  double queue_mean = 0, p_waits = 0;
  for (long j = 0; j < states; ++j) {
    double pj = p[static_cast<size_t>(j)] /= z;
    queue_mean += j * pj;
  }
  // An arrival sees the time-stationary state (Poisson arrivals see time averages). With a limit of
  // K places, it is blocked in state n+K; it waits in states n .. n+K-1.
  const long waiting_states = queue >= 0 && queue < states ? queue : states;
  f.blocking = queue >= 0 && queue < states ? p[static_cast<size_t>(queue)] : 0;
  for (long j = 0; j < waiting_states; ++j) p_waits += p[static_cast<size_t>(j)];
  const double accepted = 1 - f.blocking;
  f.p_wait = accepted > 0 ? p_waits / accepted : 0;
  f.abandoned = theta * queue_mean / lambda;  // abandonment rate over arrival rate
  f.wait_mean = accepted > 0 ? queue_mean / (lambda * accepted) : 0;  // Little's law, accepted calls

  // Service level: a call arriving with j callers ahead of it is answered when j+1 advances happen
  // (an advance: any line going free, or one of the callers ahead hanging up, at n mu + i theta
  // with i ahead) before it hangs up itself (at theta). u_j(t), the chance of that within t, by
  // uniformisation: v(m) = chance within m steps of a Poisson clock of rate L, u = sum Pois(m; Lt) v(m).
  double served_in_time = p_below;  // served at once
  if (t > 0 && waiting_states > 0) {
    const double rate = n_mu + waiting_states * theta;  // >= every state's total rate
    const double lt = rate * t;
    const long steps = static_cast<long>(std::ceil(lt + 12 * std::sqrt(lt) + 30));
    std::vector<double> v(static_cast<size_t>(waiting_states), 0.0), u(v.size(), 0.0), next(v.size());
    for (long m = 0; m <= steps; ++m) {
      double w = std::exp(-lt + m * std::log(lt) - std::lgamma(m + 1.0));
      for (size_t i = 0; i < v.size(); ++i) u[i] += w * v[i];
      for (size_t i = 0; i < v.size(); ++i) {
        double advance = (n_mu + static_cast<double>(i) * theta) / rate;
        double ahead = i == 0 ? 1.0 : v[i - 1];
        next[i] = advance * ahead + (1 - advance - theta / rate) * v[i];
      }
      v.swap(next);
    }
    for (size_t i = 0; i < u.size(); ++i) served_in_time += p[i] * std::min(1.0, u[i]);
  }
  f.service_level = accepted > 0 ? std::min(1.0, served_in_time / accepted) : 0;
  return f;
}

double engset_time_congestion(int lines, int sources, double idle_erlangs) {
  if (lines > sources) return 0;  // more lines than sources: they are never all busy
  if (lines <= 0) return 1;
  if (!(idle_erlangs > 0)) return 0;
  double e = 1.0;
  for (int k = 1; k <= lines; ++k) {
    double r = (sources - k + 1) * idle_erlangs;
    e = r * e / (k + r * e);
  }
  return e;
}

double engset_call_congestion(int lines, int sources, double idle_erlangs) {
  if (sources <= 0) return 0;
  return engset_time_congestion(lines, sources - 1, idle_erlangs);
}

}  // namespace telsim
