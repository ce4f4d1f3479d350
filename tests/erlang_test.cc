// The teletraffic formulas (reports/erlang.cc) against values known independently of this code:
// published Erlang B and C tables and examples, closed forms of small cases, limits where one
// formula becomes another, and, for Erlang A, the incomplete-gamma closed form of Mandelbaum and
// Zeltyn (P(W>0) = A E / (1 + (A-1) E), A(x,y) = x e^y y^-x gamma(x,y)) with the service level
// integrated over the hypoexponential wait, both evaluated with mpmath at 400 digits.
#include "reports/erlang.h"

#include <gtest/gtest.h>

#include <cmath>

namespace telsim {
namespace {

TEST(ErlangB, PublishedTableValues) {
  EXPECT_NEAR(erlang_b(10, 5), 0.018385, 1e-6);  // the benchmark's figure
  EXPECT_NEAR(erlang_b(5, 4), 0.199067, 1e-6);
  EXPECT_NEAR(erlang_b(30, 25), 0.0526, 5e-5);  // "30 lines at 25 E: about 5%"
  // The loads of the 1% grade-of-service table (10, 20, 50, 100 lines).
  EXPECT_NEAR(erlang_b(10, 4.461), 0.0100, 5e-5);
  EXPECT_NEAR(erlang_b(20, 12.031), 0.0100, 5e-5);
  EXPECT_NEAR(erlang_b(50, 37.901), 0.0100, 5e-5);
  EXPECT_NEAR(erlang_b(100, 84.064), 0.0100, 5e-5);
}

TEST(ErlangB, ClosedFormsAndLargeGroups) {
  EXPECT_NEAR(erlang_b(1, 1), 0.5, 1e-15);  // A / (1 + A)
  EXPECT_NEAR(erlang_b(2, 2), 2.0 / 5, 1e-15);  // (A^2/2) / (1 + A + A^2/2)
  EXPECT_EQ(erlang_b(0, 3), 1);
  EXPECT_EQ(erlang_b(4, 0), 0);
  // Thousands of lines: the recursion neither overflows nor loses the figure.
  // (mpmath, 50 digits, the sum of A^k/k!.)
  EXPECT_NEAR(erlang_b(5000, 4900), 0.00221576790250, 1e-13);
  EXPECT_NEAR(erlang_b(300, 100) / 1.21548265523051e-58, 1, 1e-11);  // tiny, yet exact
  EXPECT_EQ(erlang_b(1000, 10), 0);  // below the smallest double: 0, not NaN
}

TEST(ErlangC, PublishedExampleAndClosedForms) {
  // 0.2 calls/s of 240 s to 55 agents (48 E): P(wait) 0.2387, mean wait 8.184 s, P(W <= 15 s) 0.8459.
  QueueFigures f = erlang_c_figures(55, 48, 240, 15);
  EXPECT_NEAR(f.p_wait, 0.2387, 5e-5);
  EXPECT_NEAR(f.wait_mean, 8.184, 5e-4);
  EXPECT_NEAR(f.service_level, 0.8459, 5e-5);
  EXPECT_NEAR(erlang_c(1, 0.7), 0.7, 1e-14);            // M/M/1: rho
  EXPECT_NEAR(erlang_c(2, 1), 1.0 / 3, 1e-14);          // M/M/2: 2 rho^2 / (1 + rho), rho = 1/2
  EXPECT_NEAR(erlang_c_figures(1, 0.5, 100, 0).wait_mean, 100, 1e-9);  // M/M/1: rho h / (1 - rho)
  EXPECT_EQ(erlang_c(10, 10), 1);
  EXPECT_FALSE(erlang_c_figures(10, 12, 180, 20).stable);
}

struct ErlangAPoint {
  int lines;
  double erlangs, hold, patience, t;
  double p_wait, abandoned, wait_mean, service_level;  // mpmath, closed form (see the file comment)
};

class ErlangA : public testing::TestWithParam<ErlangAPoint> {};

TEST_P(ErlangA, AgreesWithTheIncompleteGammaClosedForm) {
  const ErlangAPoint p = GetParam();
  QueueFigures f = erlang_a_figures(p.lines, p.erlangs, p.hold, p.patience, -1, p.t);
  EXPECT_TRUE(f.stable);
  EXPECT_NEAR(f.p_wait, p.p_wait, 1e-9);
  EXPECT_NEAR(f.abandoned, p.abandoned, 1e-9);
  EXPECT_NEAR(f.wait_mean, p.wait_mean, 1e-7);
  EXPECT_NEAR(f.service_level, p.service_level, 1e-8);
  EXPECT_EQ(f.blocking, 0);
  // The identity P(abandon) = theta E[W] holds for exponential patience.
  EXPECT_NEAR(f.abandoned, f.wait_mean / p.patience, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(
    Points, ErlangA,
    testing::Values(ErlangAPoint{5, 4, 180, 120, 20, 0.345144284285, 0.117164248374, 14.0597098049, 0.732943079385},
                    ErlangAPoint{10, 9, 180, 60, 20, 0.324619340714, 0.115419032677, 6.9251419606, 0.792327656085},
                    // overloaded (22 E on 20 lines): stable only because callers abandon
                    ErlangAPoint{20, 22, 180, 300, 20, 0.766257810298, 0.125820828668, 37.7462486004, 0.378253754368},
                    ErlangAPoint{50, 48, 240, 600, 15, 0.487010614801, 0.0282889878959, 16.9733927375, 0.64672766913},
                    ErlangAPoint{3, 1.5, 100, 50, 10, 0.17601736406, 0.0797013850246, 3.98506925123, 0.856206678893}));

TEST(ErlangA, LimitsAreTheOtherFormulas) {
  // Patience for ever: Erlang C.
  QueueFigures c = erlang_c_figures(10, 8, 180, 20);
  QueueFigures a = erlang_a_figures(10, 8, 180, 1e12, -1, 20);
  EXPECT_NEAR(a.p_wait, c.p_wait, 1e-6);
  EXPECT_NEAR(a.wait_mean, c.wait_mean, 1e-4);
  EXPECT_NEAR(a.service_level, c.service_level, 1e-6);
  // No waiting place: Erlang B, whatever the patience.
  QueueFigures b = erlang_a_figures(10, 8, 180, 60, 0, 20);
  EXPECT_NEAR(b.blocking, erlang_b(10, 8), 1e-12);
  EXPECT_EQ(b.p_wait, 0);
  EXPECT_NEAR(b.service_level, 1, 1e-12);
  // Patience equal to the holding time: the number in system is Poisson(A) (M/M/infinity), so a
  // call waits with probability P(N >= n) and E[queue] = E[(N - n)+].
  const int n = 4;
  const double load = 3;
  double pk = std::exp(-load), below = 0, queue = 0;
  for (int k = 0; k < 200; ++k, pk *= load / k) {
    if (k < n) below += pk;
    else queue += (k - n) * pk;
  }
  QueueFigures m = erlang_a_figures(n, load, 100, 100, -1, 10);
  EXPECT_NEAR(m.p_wait, 1 - below, 1e-12);
  EXPECT_NEAR(m.wait_mean, queue / (load / 100), 1e-9);
  // A queue of one place, no abandonment: M/M/1/2, p_k ~ rho^k: blocking rho^2 / (1 + rho + rho^2).
  QueueFigures one = erlang_a_figures(1, 0.5, 60, 0, 1, 5);
  EXPECT_NEAR(one.blocking, 0.25 / 1.75, 1e-12);
  EXPECT_NEAR(one.p_wait, (0.5 / 1.75) / (1 - 0.25 / 1.75), 1e-12);
}

TEST(ErlangA, HeavyOverloadAndLargeGroupsStayFinite) {
  QueueFigures f = erlang_a_figures(100, 300, 180, 60, -1, 20);  // three times the capacity
  EXPECT_TRUE(f.stable);
  EXPECT_NEAR(f.p_wait, 1, 1e-9);
  // Two thirds must abandon: the lines carry at most 100 of the 300 E.
  EXPECT_NEAR(f.abandoned, 2.0 / 3, 0.01);
  EXPECT_GE(f.service_level, 0);
  EXPECT_LE(f.service_level, 1);
  QueueFigures g = erlang_a_figures(2000, 1950, 180, 120, -1, 20);
  EXPECT_FALSE(std::isnan(g.p_wait));
  EXPECT_GT(g.p_wait, 0);
  EXPECT_LT(g.p_wait, 1);
}

TEST(Engset, DirectBinomialSumsAndSmallCases) {
  // mpmath: p(n) = C(N,n) b^n / sum_k<=n C(N,k) b^k, call congestion with N-1 sources.
  EXPECT_NEAR(engset_time_congestion(5, 10, 0.3), 0.045015349149, 1e-11);
  EXPECT_NEAR(engset_call_congestion(5, 10, 0.3), 0.0290637298548, 1e-11);
  EXPECT_NEAR(engset_time_congestion(10, 20, 0.5), 0.0563811983736, 1e-11);
  EXPECT_NEAR(engset_call_congestion(10, 20, 0.5), 0.0416981508514, 1e-11);
  EXPECT_NEAR(engset_time_congestion(30, 200, 0.15), 0.0691294502522, 1e-11);
  EXPECT_NEAR(engset_call_congestion(30, 200, 0.15), 0.0669836434594, 1e-11);
  // Two sources, one line: time congestion 2b / (1 + 2b); a call sees the other source: b / (1 + b).
  EXPECT_NEAR(engset_time_congestion(1, 2, 0.5), 0.5, 1e-15);
  EXPECT_NEAR(engset_call_congestion(1, 2, 0.5), 1.0 / 3, 1e-15);
  // As many lines as sources: no call is ever blocked, yet all lines are busy some of the time.
  EXPECT_EQ(engset_call_congestion(3, 3, 1.0), 0);
  EXPECT_NEAR(engset_time_congestion(3, 3, 1.0), 1.0 / 8, 1e-15);
  EXPECT_EQ(engset_time_congestion(4, 3, 1.0), 0);
}

TEST(Engset, ManySourcesTendToErlangB) {
  // N sources each offering b while idle: as N grows with N b fixed, Engset becomes Erlang B.
  const int n = 10;
  const double load = 7;
  double gap_small = std::fabs(engset_call_congestion(n, 50, load / 50) - erlang_b(n, load));
  double gap_large = std::fabs(engset_call_congestion(n, 50000, load / 50000) - erlang_b(n, load));
  EXPECT_LT(gap_large, 1e-3 * erlang_b(n, load));
  EXPECT_LT(gap_large, gap_small);
}

}  // namespace
}  // namespace telsim
