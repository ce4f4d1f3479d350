// Traffic studies (tools/replications.cc, SPEC TQ-5): sweep points from --offer lists, seeds per
// replication, and a study's figures: the plain run is replication 1, replications are independent,
// and the interval over them covers the Erlang B figure.
#include "tools/replications.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "reports/erlang.h"
#include "tests/scratch_fixture.h"
#include "tools/traffic_table.h"

namespace telsim {
namespace {

TEST(OfferSweep, ListsMakePointsAndSingleValuesStayPut) {
  OfferSweep s = parse_offer_sweep({"100=10,20,30", "2001=5"});
  ASSERT_EQ(s.points(), 3u);
  EXPECT_EQ(s.numbers, (std::vector<std::string>{"100", "2001"}));
  EXPECT_EQ(s.texts[2], (std::vector<std::string>{"30", "5"}));
  EXPECT_DOUBLE_EQ(s.bhca[1][0], 20);
  EXPECT_DOUBLE_EQ(s.bhca[1][1], 5);
  EXPECT_EQ(parse_offer_sweep({"100=19000"}).points(), 1u);
  for (const char* bad : {"100", "=5", "100=", "100=0", "100=-3", "100=1,,2", "100=abc", "100=inf"})
    EXPECT_THROW(parse_offer_sweep({bad}), std::invalid_argument) << bad;
  EXPECT_THROW(parse_offer_sweep({"100=1,2", "200=1,2,3"}), std::invalid_argument);
}

TEST(ReplicationSeed, FirstIsTheSeedOthersDistinctAndStable) {
  EXPECT_EQ(replication_seed(42, 1), 42u);
  std::set<uint64_t> seen;
  for (int r = 1; r <= 1000; ++r) seen.insert(replication_seed(42, r));
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(replication_seed(42, 7), replication_seed(42, 7));
  EXPECT_NE(replication_seed(42, 2), replication_seed(43, 2));
}

class Study : public telsim_test::ScratchTest {
 protected:
  std::string site() {
    std::string rows = "at,party,action,argument\n,100,hunt,members=3000 3001 3002 3003 3004\n";
    for (int i = 0; i < 5; ++i) rows += "," + std::to_string(3000 + i) + ",station,answer=auto:0\n";
    return write("site.csv", rows);
  }
  std::vector<std::string> cells(const std::string& csv, size_t row) {
    return read_traffic_csv("out", csv).at(row).cells;
  }
  std::string cell(const std::vector<std::string>& c, const char* name) {
    return c[static_cast<size_t>(traffic_column(name))];
  }
};

TEST_F(Study, ReplicationOneIsThePlainRun) {
  std::string s = site();
  auto plain = telsim("traffic " + s + " --offer 100=120 --calls 3000 --talk 100 --seed 5 --csv");
  auto share = telsim("traffic " + s + " --offer 100=120 --calls 3000 --talk 100 --seed 5 --csv --replications 2 --shard 1/2");
  ASSERT_EQ(plain.code, 0) << plain.err;
  ASSERT_EQ(share.code, 0) << share.err;
  auto a = cells(plain.out, 0), b = cells(share.out, 0);
  for (const char* c : {"offered", "blocked", "blocking", "blocking_ci95", "carried_erlangs"})
    EXPECT_EQ(cell(a, c), cell(b, c)) << c;
  EXPECT_EQ(cell(b, "replication"), "1");
  auto other = telsim("traffic " + s + " --offer 100=120 --calls 3000 --talk 100 --seed 5 --csv --replications 2 --shard 2/2");
  EXPECT_NE(cell(cells(other.out, 0), "blocked"), cell(a, "blocked")) << "replication 2 drew the same calls";
}

TEST_F(Study, IntervalOverReplicationsCoversErlangB) {
  // 5 lines, no ring time, 100 s talk, 144 BHCA: 4 E. Eight replications of 20,000 calls.
  auto r = telsim("traffic " + site() + " --offer 100=144 --calls 20000 --talk 100 --seed 3 --replications 8 --jobs 2 --csv");
  ASSERT_EQ(r.code, 0) << r.err;
  auto c = cells(r.out, 0);
  EXPECT_EQ(cell(c, "replications"), "8");
  EXPECT_EQ(cell(c, "offered"), "160000");
  double mean = std::stod(cell(c, "blocking")), half = std::stod(cell(c, "blocking_ci95"));
  double b = erlang_b(5, 4);
  EXPECT_GT(half, 0);
  EXPECT_LT(half, 0.02);
  // The 95% interval is t(7) = 2.36 standard errors: within 3 standard errors of the formula.
  EXPECT_NEAR(mean, b, 3 * half / 2.365);
}

TEST_F(Study, ReportAndBadOptions) {
  std::string s = site();
  auto report = telsim("traffic " + s + " --offer 100=50,100 --calls 500 --talk 100 --replications 2");
  ASSERT_EQ(report.code, 0) << report.err;
  EXPECT_NE(report.out.find("point 2 of 2: 2 replication(s)"), std::string::npos) << report.out;
  EXPECT_EQ(telsim("traffic " + s + " --offer 100=50 --calls 10 --talk 10 --replications 0").code, 2);
  EXPECT_EQ(telsim("traffic " + s + " --offer 100=50 --calls 10 --talk 10 --shard 3/2").code, 2);
  EXPECT_EQ(telsim("traffic " + s + " --offer 100=50,60 --calls 10 --talk 10 --trace t.csv").code, 2);
  auto unknown = telsim("traffic " + s + " --offer 999=50 --calls 10 --talk 10 --replications 2");
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("999"), std::string::npos);
}

}  // namespace
}  // namespace telsim
