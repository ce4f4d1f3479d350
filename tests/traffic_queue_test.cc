// telsim traffic with queues and patience, end to end (SPEC TQ-2..TQ-4): the waiting figures
// against Erlang C (unlimited queue, patient callers) and Erlang A (exponential patience), each
// within 3 standard errors (batch means) at several points; retries, intervals and the few-calls
// warning. Runs the command line as a user does.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "reports/erlang.h"

namespace telsim {
namespace {

std::string run(const std::string& cmd, int* status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = pclose(p);
  *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

// A group of `members` stations answering at once (no ring time: the queueing formulas' service
// starts when a member is offered the call), with `hunt_extra` options on the hunt row.
std::string write_site(const std::string& name, int members, const std::string& hunt_extra) {
  std::string path = testing::TempDir() + "/" + name + "_" + std::to_string(getpid()) + ".csv";
  std::ofstream f(path);
  f << "at,party,action,argument\n,100,hunt,\"members=";
  for (int i = 0; i < members; ++i) f << (i ? " " : "") << 3000 + i;
  f << " " << hunt_extra << "\"\n";
  for (int i = 0; i < members; ++i) f << "," << 3000 + i << ",station,answer=auto:0\n";
  return path;
}

// The first CSV row of a --csv output, by column name.
std::map<std::string, std::string> csv(const std::string& out) {
  std::istringstream in(out);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  auto split = [](const std::string& s) {
    std::vector<std::string> v;
    size_t start = 0;
    for (;;) {
      size_t c = s.find(',', start);
      v.push_back(s.substr(start, c == std::string::npos ? std::string::npos : c - start));
      if (c == std::string::npos) return v;
      start = c + 1;
    }
  };
  auto h = split(header), r = split(row);
  std::map<std::string, std::string> m;
  for (size_t i = 0; i < h.size() && i < r.size(); ++i) m[h[i]] = r[i];
  return m;
}
double num(const std::map<std::string, std::string>& row, const std::string& col) {
  auto it = row.find(col);
  if (it == row.end() || it->second.empty()) {
    ADD_FAILURE() << "no value in column " << col;
    return std::nan("");
  }
  return std::stod(it->second);
}

constexpr double kT19 = 2.093;  // the batch-means interval is t(19) standard errors wide
constexpr double kTalk = 30;

struct QueuePoint {
  int members;
  double erlangs;
  double patience;  // 0: nobody abandons (Erlang C); else exponential of this mean (Erlang A)
  long places;      // -1 unlimited
};

class QueueFidelity : public testing::TestWithParam<QueuePoint> {};

// SPEC TQ-4: p_wait, wait_mean and service_level (and, for Erlang A, the abandoned share) within 3
// standard errors of the formula; a CSV that names the formula.
TEST_P(QueueFidelity, WaitingFiguresWithinThreeStandardErrorsOfTheFormula) {
  const QueuePoint p = GetParam();
  std::string site = write_site("queue", p.members, p.places < 0 ? "queue=unlimited" : "queue=" + std::to_string(p.places));
  const double bhca = p.erlangs * 3600 / kTalk;
  std::string cmd = std::string(TELSIM_BINARY) + " traffic " + site + " --offer 100=" + std::to_string(bhca) +
                    " --calls 100000 --talk 30 --seed 11 --csv --service-level 15 --patience " + std::to_string(p.patience) +
                    (p.patience > 0 ? " --patience-dist exp" : "") + " 2>/dev/null";
  int status = -1;
  auto row = csv(run(cmd, &status));
  ASSERT_EQ(status, 0);
  QueueFigures f = p.patience > 0 || p.places >= 0
                       ? erlang_a_figures(p.members, p.erlangs, kTalk, p.patience, p.places, 15)
                       : erlang_c_figures(p.members, p.erlangs, kTalk, 15);
  const std::string expected = p.patience > 0 ? "Erlang A" : p.places < 0 ? "Erlang C" : "M/M/n/n+K";
  EXPECT_EQ(row["formula"], expected);
  struct Check { const char* col; const char* ci; double formula; };
  std::vector<Check> checks = {{"p_wait", "p_wait_ci95", f.p_wait},
                               {"wait_mean", "wait_mean_ci95", f.wait_mean},
                               {"service_level", "service_level_ci95", f.service_level}};
  if (p.patience > 0) checks.push_back({"abandoned_share", "abandoned_share_ci95", f.abandoned});
  if (p.places >= 0) checks.push_back({"blocking", "blocking_ci95", f.blocking});
  for (const Check& c : checks) {
    double se = num(row, c.ci) / kT19;
    EXPECT_GT(se, 0) << c.col;
    EXPECT_NEAR(num(row, c.col), c.formula, 3 * se)
        << c.col << " at " << p.members << " members, " << p.erlangs << " E, patience " << p.patience;
  }
  EXPECT_NEAR(num(row, "offered_erlangs"), p.erlangs, 0.05 * p.erlangs);
  std::remove(site.c_str());
}

INSTANTIATE_TEST_SUITE_P(ErlangC, QueueFidelity,
                         testing::Values(QueuePoint{5, 4, 0, -1}, QueuePoint{10, 8, 0, -1}, QueuePoint{2, 1.2, 0, -1}));
INSTANTIATE_TEST_SUITE_P(ErlangA, QueueFidelity,
                         testing::Values(QueuePoint{5, 5, 60, -1}, QueuePoint{10, 11, 30, -1}, QueuePoint{3, 2, 120, 4}));
INSTANTIATE_TEST_SUITE_P(FiniteQueue, QueueFidelity, testing::Values(QueuePoint{5, 5, 0, 3}));

TEST(TrafficQueue, FixedPatienceFitsNoFormulaAndSaysWhy) {
  std::string site = write_site("fixed", 3, "queue=unlimited");
  int status = -1;
  std::string out = run(std::string(TELSIM_BINARY) + " traffic " + site +
                            " --offer 100=300 --calls 2000 --talk 30 --patience 20 2>/dev/null", &status);
  EXPECT_EQ(status, 0);
  EXPECT_NE(out.find("no formula fits: callers have a fixed patience of 20 s"), std::string::npos) << out;
  std::remove(site.c_str());
}

// TQ-2: retries are counted apart from first attempts, and every attempt is accounted for.
TEST(TrafficQueue, RetriesAreCountedApartAndBalance) {
  std::string site = write_site("retry", 2, "queue=0");
  int status = -1;
  auto row = csv(run(std::string(TELSIM_BINARY) + " traffic " + site +
                         " --offer 100=400 --calls 5000 --talk 30 --retry 0.5 --retry-after 20 --csv 2>/dev/null", &status));
  ASSERT_EQ(status, 0);
  double offered = num(row, "offered"), retries = num(row, "retries");
  EXPECT_EQ(offered, 5000);
  EXPECT_GT(retries, 0);
  // About half the blocked attempts come back (each blocked attempt: a coin of P = 0.5).
  EXPECT_NEAR(retries, 0.5 * num(row, "blocked"), 0.1 * num(row, "blocked"));
  EXPECT_EQ(offered + retries, num(row, "answered") + num(row, "blocked") + num(row, "abandoned"));
  EXPECT_EQ(row["formula"], "") << "retries add load no formula sees";
  std::remove(site.c_str());
}

// TQ-3 --interval: a row per interval whose offered calls add up to the run's.
TEST(TrafficQueue, IntervalRowsAddUpToTheRun) {
  std::string site = write_site("interval", 3, "queue=unlimited");
  int status = -1;
  std::string out = run(std::string(TELSIM_BINARY) + " traffic " + site +
                            " --offer 100=300 --calls 3000 --talk 30 --patience 0 --interval 3600 --csv 2>/dev/null",
                        &status);
  ASSERT_EQ(status, 0);
  auto at = out.find("interval_end,number,offered,");
  ASSERT_NE(at, std::string::npos) << out;
  std::istringstream in(out.substr(at));
  std::string line;
  std::getline(in, line);
  long offered = 0, rows = 0;
  while (std::getline(in, line) && !line.empty()) {
    size_t a = line.find(','), b = line.find(',', a + 1), c = line.find(',', b + 1);
    offered += std::stol(line.substr(b + 1, c - b - 1));
    ++rows;
  }
  EXPECT_EQ(offered, 3000);
  EXPECT_GE(rows, 9);  // 3000 calls at 300 an hour: ten hours
  std::remove(site.c_str());
}

// The report's queue line: a queue of 3 places under overload is full at times, never longer than 3.
TEST(TrafficQueue, TheReportCountsTheQueue) {
  std::string site = write_site("queueline", 2, "queue=3");
  int status = -1;
  std::string out = run(std::string(TELSIM_BINARY) + " traffic " + site +
                            " --offer 100=360 --calls 3000 --talk 30 --patience 0 --no-progress 2>/dev/null", &status);
  ASSERT_EQ(status, 0);
  auto at = out.find("  queue: ");
  ASSERT_NE(at, std::string::npos) << out;
  std::string line = out.substr(at, out.find('\n', at) - at);
  EXPECT_NE(line.find("at most 3 waiting at once"), std::string::npos) << line;
  EXPECT_EQ(line.find(" 0 found it full"), std::string::npos) << line;
  std::remove(site.c_str());
}

TEST(TrafficQueue, TooFewCallsWarn) {
  std::string site = write_site("few", 3, "queue=unlimited");
  int status = -1;
  std::string out = run(std::string(TELSIM_BINARY) + " traffic " + site +
                            " --offer 100=300 --calls 100 --talk 30 --patience 0 --csv 2>&1 >/dev/null", &status);
  EXPECT_EQ(status, 0);
  EXPECT_NE(out.find("warning: 100: only 100 calls offered"), std::string::npos) << out;
  std::remove(site.c_str());
}

TEST(TrafficQueue, BadCallerOptionsAreUsageErrors) {
  std::string site = write_site("bad", 2, "queue=1");
  for (const char* bad : {"--retry 1", "--retry -0.1", "--retry x", "--patience-dist normal", "--retry-after 0",
                          "--service-level -1", "--interval -5"}) {
    int status = -1;
    std::string out = run(std::string(TELSIM_BINARY) + " traffic " + site + " --offer 100=300 --calls 10 --talk 30 " +
                              bad + " 2>&1", &status);
    EXPECT_EQ(status, 2) << bad << ": " << out;
  }
  std::remove(site.c_str());
}

}  // namespace
}  // namespace telsim
