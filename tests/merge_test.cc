// telsim merge (tools/merge.cc, SPEC TQ-5): the shares of a sharded study merge into the bytes of
// the unsharded run, in any order; counts add up, figures average with Student's t over the
// replications; incomplete, doubled or foreign shares are bad input with FILE:LINE.
#include "tools/merge.h"

#include <gtest/gtest.h>

#include <cmath>

#include "reports/interval.h"
#include "sim/scenario.h"
#include "tests/scratch_fixture.h"
#include "tools/traffic_table.h"

namespace telsim {
namespace {

// A share row with the given counts and blocking, the rest plain, built by column name.
std::string row(int point, int replication, int replications, long offered, long blocked, const std::string& blocking,
                const std::string& number = "100", const std::string& seed = "1") {
  std::vector<std::string> cells(traffic_columns().size());
  auto set = [&](const char* name, const std::string& v) { cells[static_cast<size_t>(traffic_column(name))] = v; };
  for (const TrafficColumn& c : traffic_columns())
    if (c.merge == TrafficColumn::sum) set(c.name, "0");
  set("number", number);
  set("offered", std::to_string(offered));
  set("answered", std::to_string(offered - blocked));
  set("blocked", std::to_string(blocked));
  set("blocking", blocking);
  set("blocking_ci95", "0.001000");
  set("carried_erlangs", "4.5000");
  set("offered_erlangs", "4.6000");
  set("point", std::to_string(point));
  set("points", "1");
  set("bhca", "100");
  set("replications", std::to_string(replications));
  set("replication", std::to_string(replication));
  set("seed", seed);
  set("calls", "1000");
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
  return line + "\n";
}

TEST(MergeTrafficShares, CountsAddFiguresAverageWithStudentsT) {
  const std::string h = traffic_csv_header() + "\n";
  std::string a = h + row(1, 1, 3, 1000, 10, "0.010000") + row(1, 3, 3, 1000, 30, "0.030000");
  std::string b = h + row(1, 2, 3, 1000, 20, "0.020000");
  std::string merged = merge_traffic_shares({CsvText{"a.csv", a}, CsvText{"b.csv", b}});
  auto rows = read_traffic_csv("merged", merged);
  ASSERT_EQ(rows.size(), 1u);
  auto cell = [&](const char* name) { return rows[0].cells[static_cast<size_t>(traffic_column(name))]; };
  EXPECT_EQ(cell("offered"), "3000");
  EXPECT_EQ(cell("blocked"), "60");
  EXPECT_EQ(cell("blocking"), "0.020000");
  // s = 0.01, se = 0.01 / sqrt(3), t(0.975, 2) = 4.302653
  EXPECT_EQ(cell("blocking_ci95"), fixed_decimals(4.302653 * 0.01 / std::sqrt(3.0), 6));
  EXPECT_EQ(cell("replications"), "3");
  EXPECT_EQ(cell("replication"), "");
  EXPECT_EQ(cell("carried_erlangs"), "4.5000");
  // The order of the shares does not change a byte.
  EXPECT_EQ(merge_traffic_shares({CsvText{"b.csv", b}, CsvText{"a.csv", a}}), merged);
}

TEST(MergeTrafficShares, OneReplicationKeepsItsBatchMeansInterval) {
  std::string s = traffic_csv_header() + "\n" + row(1, 1, 1, 500, 5, "0.010000");
  auto rows = read_traffic_csv("m", merge_traffic_shares({CsvText{"s.csv", s}}));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells[static_cast<size_t>(traffic_column("blocking_ci95"))], "0.001000");
}

void expect_input_error(const std::vector<CsvText>& shares, const std::string& where, const std::string& words) {
  try {
    merge_traffic_shares(shares);
    ADD_FAILURE() << "no error; expected " << where << " " << words;
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(where, 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(MergeTrafficShares, BadSharesAreFileLineErrors) {
  const std::string h = traffic_csv_header() + "\n";
  expect_input_error({{"a.csv", h + row(1, 1, 2, 10, 1, "0.1")}}, "a.csv:2:", "replication 2 of 2 missing");
  expect_input_error({{"a.csv", h + row(1, 1, 2, 10, 1, "0.1")}, {"b.csv", h + row(1, 1, 2, 10, 1, "0.1")}},
                     "b.csv:2:", "also at a.csv:2");
  expect_input_error({{"a.csv", h + row(1, 1, 2, 10, 1, "0.1")}, {"b.csv", h + row(1, 2, 2, 10, 1, "0.1", "100", "7")}},
                     "b.csv:2:", "different studies");
  expect_input_error({{"a.csv", "number,offered\n100,3\n"}}, "a.csv:1:", "header");
  expect_input_error({{"a.csv", h + "100,1,2\n"}}, "a.csv:2:", "fields");
  std::string result = merge_traffic_shares({{"s.csv", h + row(1, 1, 1, 10, 1, "0.1")}});
  expect_input_error({{"r.csv", result}}, "r.csv:2:", "a result row");
  expect_input_error({{"a.csv", h + row(2, 1, 1, 10, 1, "0.1")}}, "a.csv:2:", "out of range");
}

class MergeCommand : public telsim_test::ScratchTest {};

// The contract: shards of a study merged give the bytes of the unsharded run.
TEST_F(MergeCommand, ShardsMergeToTheUnshardedRunByteForByte) {
  std::string site = write("site.csv",
                           "at,party,action,argument\n,100,hunt,members=3000 3001 3002\n,3000,station,answer=auto:2\n"
                           ",3001,station,answer=auto:2\n,3002,station,answer=auto:2\n,2001,station,answer=auto:1\n");
  const std::string study = "traffic " + site +
                            " --offer 100=40,80,120 --offer 2001=20 --calls 1500 --talk 60 --seed 11 --replications 3"
                            " --no-progress --csv";
  auto whole = telsim(study + " --jobs 2");
  ASSERT_EQ(whole.code, 0) << whole.err;
  EXPECT_EQ(std::count(whole.out.begin(), whole.out.end(), '\n'), 1 + 3 * 2);  // header, 3 points x 2 numbers
  std::string shares;
  for (int k = 1; k <= 4; ++k) {
    auto s = telsim(study + " --shard " + std::to_string(k) + "/4");
    ASSERT_EQ(s.code, 0) << s.err;
    std::string f = write("share" + std::to_string(k) + ".csv", s.out);
    shares = f + " " + shares;  // given in reverse order
  }
  auto merged = telsim("merge " + shares);
  ASSERT_EQ(merged.code, 0) << merged.err;
  EXPECT_EQ(merged.out, whole.out);
  // --jobs changes nothing but the wall time.
  EXPECT_EQ(telsim(study + " --jobs 1").out, whole.out);
  // A share left out is bad input, not a smaller result.
  auto partial = telsim("merge " + (dir / "share1.csv").string() + " " + (dir / "share2.csv").string());
  EXPECT_EQ(partial.code, 2);
  EXPECT_NE(partial.err.find("missing"), std::string::npos) << partial.err;
}

}  // namespace
}  // namespace telsim
