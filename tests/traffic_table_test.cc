// The traffic CSV's columns (tools/traffic_table.cc): SPEC 3's first in their old order, SPEC 8's
// after them, every interval column naming a figure, and files read back with FILE:LINE errors.
#include "tools/traffic_table.h"

#include <gtest/gtest.h>

#include "sim/scenario.h"

namespace telsim {
namespace {

TEST(TrafficColumns, Spec3FirstThenSpec8) {
  const std::string h = traffic_csv_header();
  EXPECT_EQ(h.rfind("number,offered,answered,blocked,abandoned,forwarded,overflowed,blocking,blocking_ci95,carried_erlangs,", 0),
            0u);
  for (const char* c : {"offered_erlangs", "point", "bhca", "replications", "replication", "seed"})
    EXPECT_GE(traffic_column(c), traffic_column("carried_erlangs")) << c;
  for (const TrafficColumn& c : traffic_columns())
    if (c.merge == TrafficColumn::ci) {
      int of = traffic_column(c.of);
      ASSERT_GE(of, 0) << c.name;
      EXPECT_EQ(traffic_columns()[static_cast<size_t>(of)].merge, TrafficColumn::mean) << c.name;
    }
}

TEST(TrafficCsv, ReadBack) {
  const std::string h = traffic_csv_header();
  std::string cells(traffic_columns().size() - 1, ',');
  auto rows = read_traffic_csv("f.csv", h + "\r\n" + cells + "\n\n" + cells + "\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_THROW(read_traffic_csv("f.csv", ""), InputError);
  try {
    read_traffic_csv("f.csv", h + "\n" + cells + ",\n");
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("f.csv:2:", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace telsim
