// The delivery path (models/features/delivery_path.h): who a call reaches on whose behalf.
#include <gtest/gtest.h>

#include "models/features/delivery_path.h"
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

TEST(DeliveryPath, AStaleGenerationStartsAfresh) {
  DeliveryPaths p;
  p.carried(3, 7, 12, kPathCF);
  ASSERT_NE(p.find(3, 7), nullptr);
  EXPECT_EQ(p.find(3, 7)->via, std::vector<int32_t>{12});
  EXPECT_EQ(p.find(3, 8), nullptr);
  EXPECT_TRUE(p.at(3, 8).via.empty());
  EXPECT_EQ(p.find(3, 7), nullptr);
}

TEST(DeliveryPath, FeatureNamesInOrder) {
  std::vector<std::string> names;
  for (const char* n : path_feature_names(kPathHG | kPathCF)) names.push_back(n);
  EXPECT_EQ(names, (std::vector<std::string>{"CF", "HG"}));
}

class DeliveryPathEngineTest : public EngineTest {};

TEST_F(DeliveryPathEngineTest, TheCoreRecordsCallerAndForwarder) {
  add("2001", PartyKind::station).caller_id_withheld = true;  // a benchmark site: paths are kept
  add("2002", PartyKind::station);
  add("2003", PartyKind::station);
  start();
  act(0, "2002", Action::forward, "all 2003");
  act(1, "2001", Action::call, "2002");
  int32_t leg = engine->device(*engine->party_id("2001")).active;
  const DeliveryPath* path = engine->path_of(engine->legs_[leg].call);
  ASSERT_NE(path, nullptr);
  EXPECT_EQ(path->caller, *engine->party_id("2001"));
  EXPECT_EQ(path->via, std::vector<int32_t>{*engine->party_id("2002")});
  EXPECT_EQ(path->features, kPathCF);
}

}  // namespace
}  // namespace telsim
