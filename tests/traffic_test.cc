// telsim traffic end to end (SPEC 3, HG-4): Poisson calls through the engine on SimGrid, run as the
// command line runs them, and the blocking they measure against Erlang B.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "reports/erlang.h"
#include "sim/traffic.h"

namespace telsim {
namespace {

struct Command {
  int status;
  std::string out;
};

Command run(const std::string& cmd) {
  Command r{-1, ""};
  FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// A hunt group of `members` stations that answer after `ring` seconds, in a temporary site file.
std::string write_site(const std::string& name, int members, const std::string& algorithm, double ring,
                       const std::string& extra = "") {
  std::string path = testing::TempDir() + "/" + name + "_" + std::to_string(getpid()) + ".csv";
  std::ofstream f(path);
  f << "# title: traffic test site\nat,party,action,argument\n,100,hunt,\"members=";
  for (int i = 0; i < members; ++i) f << (i ? " " : "") << 3000 + i;
  f << " algorithm=" << algorithm << extra << "\"\n";
  for (int i = 0; i < members; ++i) f << "," << 3000 + i << ",station,answer=auto:" << ring << "\n";
  return path;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream s(line);
  std::string w;
  while (std::getline(s, w, ',')) out.push_back(w);
  return out;
}

struct Row {
  long offered, answered, blocked, abandoned, overflowed;
  double blocking, ci95, carried;
};

Row csv_row(const std::string& out) {
  std::istringstream lines(out);
  std::string header, row;
  std::getline(lines, header);
  std::getline(lines, row);
  // SPEC 3's columns come first, in the order every version printed them.
  EXPECT_EQ(header.rfind("number,offered,answered,blocked,abandoned,forwarded,overflowed,blocking,blocking_ci95,carried_erlangs,", 0), 0u)
      << header;
  auto f = split(row);
  if (f.size() < 10) {
    ADD_FAILURE() << "bad csv row: " << row;
    return Row{};
  }
  return Row{std::stol(f[1]), std::stol(f[2]), std::stol(f[3]), std::stol(f[4]), std::stol(f[6]),
             std::stod(f[7]), std::stod(f[8]), std::stod(f[9])};
}

// HG-4: with Poisson arrivals, no queue and no overflow, blocking agrees with Erlang B within 3
// standard errors (batch means), at several group sizes (2 to 100), loads and algorithms.
struct Point {
  int members;
  double erlangs;
  const char* algorithm;
};

class ErlangFidelity : public testing::TestWithParam<Point> {};

TEST_P(ErlangFidelity, BlockingWithinThreeStandardErrorsOfErlangB) {
  const Point p = GetParam();
  // Members answer after 4 s and callers talk 176 s on average: 180 s of occupancy per call.
  std::string site = write_site("erlang", p.members, p.algorithm, 4);
  double bhca = p.erlangs * 3600 / 180;
  auto r = run(std::string(TELSIM_BINARY) + " traffic " + site + " --offer 100=" + std::to_string(bhca) +
               " --calls 200000 --talk 176 --seed 7 --csv");
  ASSERT_EQ(r.status, 0) << r.out;
  Row row = csv_row(r.out);
  double b = erlang_b(p.members, p.erlangs);
  double se = row.ci95 / 2.093;  // the CI is t(19) standard errors wide
  EXPECT_EQ(row.offered, 200000);
  EXPECT_EQ(row.offered, row.answered + row.blocked + row.abandoned);
  EXPECT_EQ(row.abandoned, 0);
  EXPECT_GT(se, 0);
  EXPECT_LT(se, 0.1 * b) << "the run is too short to say anything";
  EXPECT_NEAR(row.blocking, b, 3 * se) << p.members << " members at " << p.erlangs << " E";
  // Carried traffic (talk only) is the offered load that got through, A (1 - B) * 176/180.
  EXPECT_NEAR(row.carried, p.erlangs * (1 - b) * 176 / 180, 0.03 * p.erlangs);
  std::remove(site.c_str());
}

INSTANTIATE_TEST_SUITE_P(Points, ErlangFidelity,
                         testing::Values(Point{10, 5, "linear"}, Point{5, 4, "circular"},
                                         Point{20, 15, "longest-idle"}, Point{2, 1.5, "linear"},
                                         Point{100, 90, "linear"}));

TEST(Traffic, OverflowCountsAndNoBlockingWhenTheOverflowAlwaysAnswers) {
  std::string path = testing::TempDir() + "/overflow_" + std::to_string(getpid()) + ".csv";
  {
    std::ofstream f(path);
    f << "at,party,action,argument\n,100,hunt,members=3000 3001 overflow=7000\n,3000,station,answer=auto:2\n"
         ",3001,station,answer=auto:2\n,7000,voicemail,\n";
  }
  auto r = run(std::string(TELSIM_BINARY) + " traffic " + path + " --offer 100=60 --calls 20000 --talk 120 --seed 3 --csv");
  ASSERT_EQ(r.status, 0) << r.out;
  Row row = csv_row(r.out);
  EXPECT_EQ(row.blocked, 0);
  EXPECT_EQ(row.answered, 20000);
  // Calls that find both members busy overflow: as many as Erlang B blocks for 2 lines at 2 E... held
  // 122 s: 60 calls/h * 122 s = 2.03 E.
  double b = erlang_b(2, 60 * 122.0 / 3600);
  EXPECT_NEAR(static_cast<double>(row.overflowed) / row.offered, b, 0.03);
  std::remove(path.c_str());
}

TEST(Traffic, UnansweredCallsAreAbandonedAfterThePatience) {
  std::string path = testing::TempDir() + "/abandon_" + std::to_string(getpid()) + ".csv";
  {
    std::ofstream f(path);
    f << "at,party,action,argument\n,2001,station,answer=never\n";
  }
  auto r = run(std::string(TELSIM_BINARY) + " traffic " + path +
               " --offer 2001=10 --calls 2000 --talk 100 --patience 30 --seed 5 --csv");
  ASSERT_EQ(r.status, 0) << r.out;
  Row row = csv_row(r.out);
  EXPECT_EQ(row.answered, 0);
  EXPECT_EQ(row.abandoned + row.blocked, 2000);
  // A call finds the station busy when another rang in the 30 s before it: 1 - exp(-30/360).
  EXPECT_NEAR(static_cast<double>(row.blocked) / 2000, 1 - std::exp(-30.0 / 360), 0.03);
  std::remove(path.c_str());
}

TEST(Traffic, SameSeedSameResultAndTheTraceGoesThroughTheEngine) {
  std::string site = write_site("trace", 3, "linear", 1);
  std::string trace = site + ".trace.csv";
  std::string cmd = std::string(TELSIM_BINARY) + " traffic " + site + " --offer 100=200 --calls 50 --talk 60 --seed 9";
  auto a = run(cmd + " --csv --trace " + trace);
  auto b = run(cmd + " --csv");
  ASSERT_EQ(a.status, 0);
  EXPECT_EQ(a.out, b.out);
  std::ifstream f(trace);
  std::stringstream text;
  text << f.rdbuf();
  EXPECT_NE(text.str().find(",100,hunt,member=3000"), std::string::npos);
  EXPECT_NE(text.str().find(",3000,ringing,from=trunk"), std::string::npos);
  EXPECT_NE(text.str().find(",3000,released,reason=hangup"), std::string::npos);
  std::remove(site.c_str());
  std::remove(trace.c_str());
}

TEST(Traffic, UnknownOfferedNumberIsBadInput) {
  std::string site = write_site("bad", 1, "linear", 1);
  auto r = run(std::string(TELSIM_BINARY) + " traffic " + site + " --offer 999=10 --calls 10 --talk 60");
  EXPECT_EQ(r.status, 2);
  std::remove(site.c_str());
}

}  // namespace
}  // namespace telsim

namespace telsim {
namespace {

// TQ-3: a trunk narrower than the group is where calls are blocked, and the trunk's KPIs say so
// (the group, which those calls never reach, rightly blocks none).
TEST(Traffic, TrunkBottleneckIsReportedAtTheTrunk) {
  std::string site = write_site("trunk", 10, "linear", 2, "\"\n,site,trunk,\"channels=4");
  auto r = run(std::string(TELSIM_BINARY) + " traffic " + site +
               " --offer 100=200 --calls 40000 --talk 178 --seed 4 --csv");
  ASSERT_EQ(r.status, 0) << r.out;
  std::istringstream lines(r.out);
  std::string header, row;
  std::getline(lines, header);
  std::getline(lines, row);
  auto names = split(header), cells = split(row + ",");
  auto cell = [&](const std::string& name) {
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return i < cells.size() ? cells[i] : std::string();
    ADD_FAILURE() << "no column " << name;
    return std::string();
  };
  EXPECT_EQ(cell("trunk_blocked"), cell("blocked"));
  double erlangs = std::stod(cell("trunk_erlangs"));
  EXPECT_GT(erlangs, 3);
  EXPECT_LE(erlangs, 4);
  // 10 E offered to 4 channels: Erlang B over the trunk, within 3 standard errors.
  double se = std::stod(cell("blocking_ci95")) / 2.093;
  EXPECT_NEAR(std::stod(cell("blocking")), erlang_b(4, 10), 3 * se);
  EXPECT_EQ(cell("formula"), "Erlang B");
  auto report = run(std::string(TELSIM_BINARY) + " traffic " + site + " --offer 100=200 --calls 2000 --talk 178 --seed 4");
  EXPECT_NE(report.out.find("blocked at the trunk"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("calls reached it"), std::string::npos) << report.out;
  std::remove(site.c_str());
}

}  // namespace
}  // namespace telsim

namespace telsim {
namespace {

// TQ-2 --sources, TQ-4 Engset: finite sources, each calling at its idle rate, blocked share of calls
// within 3 standard errors of Engset's call congestion (not the larger time congestion).
struct EngsetPoint {
  int members, sources;
  double idle_erlangs;  // beta: one idle source's calling rate x holding time
};

class EngsetFidelity : public testing::TestWithParam<EngsetPoint> {};

TEST_P(EngsetFidelity, BlockingWithinThreeStandardErrorsOfEngset) {
  const EngsetPoint p = GetParam();
  std::string site = write_site("engset", p.members, "linear", 4);
  double bhca = p.idle_erlangs * 3600 / 180;  // 4 s ring + 176 s talk
  auto r = run(std::string(TELSIM_BINARY) + " traffic " + site + " --offer 100=" + std::to_string(bhca) +
               " --sources " + std::to_string(p.sources) + " --calls 100000 --talk 176 --seed 8 --csv");
  ASSERT_EQ(r.status, 0) << r.out;
  Row row = csv_row(r.out);
  double call = engset_call_congestion(p.members, p.sources, p.idle_erlangs);
  double time = engset_time_congestion(p.members, p.sources, p.idle_erlangs);
  double se = row.ci95 / 2.093;
  EXPECT_EQ(row.offered, 100000);
  EXPECT_GT(se, 0);
  EXPECT_LT(se, 0.1 * call);
  EXPECT_NEAR(row.blocking, call, 3 * se) << p.members << " lines, " << p.sources << " sources";
  // Where the two congestions are far apart (few sources), the run must side with the call congestion.
  if (time - call > 6 * se) {
    EXPECT_GT(std::fabs(row.blocking - time), 3 * se) << "the time congestion is not what calls see";
  }
  EXPECT_NE(r.out.find(",Engset,"), std::string::npos);
  std::remove(site.c_str());
}

INSTANTIATE_TEST_SUITE_P(Points, EngsetFidelity,
                         testing::Values(EngsetPoint{10, 40, 0.5}, EngsetPoint{5, 8, 1.0}, EngsetPoint{20, 60, 0.3}));

}  // namespace
}  // namespace telsim
