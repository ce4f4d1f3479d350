// Reverse charging (RC) and split billing (SB), SPEC 7, their contest and the billing property.
#include "tests/engine_fixture.h"

namespace telsim {
namespace {

class BillingTest : public EngineTest {};

TEST_F(BillingTest, ReverseChargeBillsTheCalledStation) {
  add("2001", PartyKind::station).reverse_charge = true;
  add("5550100", PartyKind::external);
  start();
  act(0, "5550100", Action::call, "2001");
  act(2, "2001", Action::offhook);
  act(12, "5550100", Action::onhook);
  EXPECT_TRUE(has("2001 billed to=5550100 seconds=10"));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(BillingTest, SplitBillingBillsHalvesOfAnInsideCall) {
  add("2001", PartyKind::station).split_billing = true;
  add("2002", PartyKind::station);
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  act(7, "2002", Action::onhook);
  EXPECT_TRUE(has("2001 billed to=2002 seconds=6 share=50"));
  EXPECT_TRUE(has("2002 billed to=2001 seconds=6 share=50"));
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(BillingTest, ReverseChargeWinsTheContestWithItsPrecedenceSwitch) {
  add("2001", PartyKind::station).split_billing = true;
  add("2002", PartyKind::station).reverse_charge = true;
  profile.switches["reverse-charge-before-split-billing"] = "yes";
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  act(5, "2001", Action::onhook);
  EXPECT_TRUE(has("2002 billed to=2001 seconds=4"));
  EXPECT_EQ(find("2001", Ev::billed), nullptr);
  EXPECT_TRUE(engine->contests().empty());
}

TEST_F(BillingTest, UnderResolutionsNoneTheContestIsRecorded) {
  add("2001", PartyKind::station).split_billing = true;
  add("2002", PartyKind::station).reverse_charge = true;
  profile.switches["reverse-charge-before-split-billing"] = "yes";
  profile.switches["resolutions"] = "none";
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  act(5, "2001", Action::onhook);
  ASSERT_EQ(engine->contests().size(), 1u);
  EXPECT_EQ(contest_text(engine->contests()[0]), "at 5.000 s, c1: split-billing over reverse-charge at bill");
  EXPECT_TRUE(has("2001 billed to=2002 seconds=4 share=50"));
}

TEST_F(BillingTest, SplitBillingForwardedOutsideBreaksBillingWithoutTheResolution) {
  add("2001", PartyKind::station).split_billing = true;
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  act(0, "2002", Action::forward, "all 5550100");
  act(1, "2001", Action::call, "2002");
  act(2, "5550100", Action::offhook);
  act(5, "2001", Action::onhook);
  EXPECT_EQ(engine->failure().rfind("property billing broken", 0), 0u) << engine->failure();
  EXPECT_NE(engine->failure().find("features SB x CF"), std::string::npos) << engine->failure();
}

TEST_F(BillingTest, SplitBillingForwardedOutsideBilledWholeWithTheResolution) {
  add("2001", PartyKind::station).split_billing = true;
  add("2002", PartyKind::station);
  add("5550100", PartyKind::external);
  profile.switches["split-billing-answering-station"] = "yes";
  start();
  act(0, "2002", Action::forward, "all 5550100");
  act(1, "2001", Action::call, "2002");
  act(2, "5550100", Action::offhook);
  act(5, "2001", Action::onhook);
  EXPECT_TRUE(has("2002 billed to=5550100 seconds=3"));
  EXPECT_EQ(find("5550100", Ev::billed), nullptr);
  EXPECT_EQ(engine->failure(), "");
}

TEST_F(BillingTest, TheBillingPropertyCatchesADoubleBill) {
  add("2001", PartyKind::station).split_billing = true;
  add("2002", PartyKind::station);
  start();
  act(0, "2001", Action::call, "2002");
  act(1, "2002", Action::offhook);
  engine->note_bill(0, 1, 0, 60, 1.0, "SB");  // as a second box billing the same conversation would
  EXPECT_EQ(engine->failure(), "");
  engine->note_bill(1, 0, 0, 60, 1.0, "RC");
  EXPECT_EQ(engine->failure().rfind("property billing broken", 0), 0u) << engine->failure();
  EXPECT_NE(engine->failure().find("120%"), std::string::npos) << engine->failure();
}

TEST_F(BillingTest, TwoConversationsOfOneCallAreBilledOnceEach) {
  add("2001", PartyKind::station);
  add("5550100", PartyKind::external);
  start();
  act(0, "2001", Action::call, "5550100");  // a live call for the bills to name
  engine->note_bill(0, 1, 0, 100, 1.0, "BC");  // talked, held, recalled, answered again
  engine->note_bill(0, 1, 0, 100, 70.0, "BC");
  EXPECT_EQ(engine->failure(), "");
  engine->note_bill(0, 1, 0, 100, 70.0, "BC");
  EXPECT_EQ(engine->failure().rfind("property billing broken", 0), 0u) << engine->failure();
}

}  // namespace
}  // namespace telsim
