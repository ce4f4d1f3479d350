// The code keyed on busy (models/features/busy_code.h), shared by ring back when free and
// camp-on: which station gave the busy tone, and the code digit by digit.
#include "models/features/busy_code.h"

#include <gtest/gtest.h>

namespace telsim {
namespace {

class BusyCodeTest : public ::testing::Test {
 protected:
  // Leg 0: caller 0's leg in call 0, which ended busy; party 1 a station, party 2 an outside number.
  void SetUp() override {
    devices.resize(3);
    devices[2].kind = PartyKind::external;
    legs.resize(1);
    legs[0].gen = 7;
    legs[0].call = 0;
    legs[0].party = 0;
    legs[0].state = LegState::tone;
    legs[0].originator = true;
    calls.resize(1);
    calls[0].end_reason = "busy";
  }
  std::vector<Leg> legs;
  std::vector<Call> calls;
  std::vector<Device> devices;
};

TEST_F(BusyCodeTest, RemembersTheStationThatGaveBusyWhileTheLegHearsIt) {
  BusyCode b(legs, calls, devices, "5");
  EXPECT_EQ(b.station(0), kNone);
  b.found_busy(0, 1);
  EXPECT_EQ(b.station(0), 1);
  calls[0].end_reason = "no-answer";  // another tone: not busy
  EXPECT_EQ(b.station(0), kNone);
  calls[0].end_reason = "busy";
  legs[0].gen = 8;  // the leg slot moved on: a new caller
  EXPECT_EQ(b.station(0), kNone);
}

TEST_F(BusyCodeTest, OnlyAStationIsRemembered) {
  BusyCode b(legs, calls, devices, "5");
  b.found_busy(0, 2);
  EXPECT_EQ(b.station(0), kNone);
  b.found_busy(0, kNone);
  EXPECT_EQ(b.station(0), kNone);
}

TEST_F(BusyCodeTest, ALegThatDidNotPlaceTheCallOrIsNotOnToneHearsNoBusy) {
  BusyCode b(legs, calls, devices, "5");
  b.found_busy(0, 1);
  legs[0].originator = false;
  EXPECT_EQ(b.station(0), kNone);
  legs[0].originator = true;
  legs[0].state = LegState::connected;
  EXPECT_EQ(b.station(0), kNone);
}

TEST_F(BusyCodeTest, TheCodeIsKeyedDigitByDigitAndStartsAgainAfterIt) {
  BusyCode b(legs, calls, devices, "*6");
  EXPECT_TRUE(b.continues(0, "*"));
  EXPECT_TRUE(b.continues(0, "*6"));
  EXPECT_FALSE(b.continues(0, "6"));
  EXPECT_FALSE(b.continues(0, "*66"));
  EXPECT_EQ(b.key(0, "*"), BusyCode::Keyed::partial);
  EXPECT_TRUE(b.continues(0, "6"));
  EXPECT_FALSE(b.continues(0, "*"));
  EXPECT_EQ(b.key(0, "6"), BusyCode::Keyed::complete);
  EXPECT_EQ(b.key(0, "*6"), BusyCode::Keyed::complete);  // started again
}

TEST_F(BusyCodeTest, DigitsThatSpellNoCodeStartTheKeyingAgain) {
  BusyCode b(legs, calls, devices, "*6");
  EXPECT_EQ(b.key(0, "*"), BusyCode::Keyed::partial);
  EXPECT_EQ(b.key(0, "7"), BusyCode::Keyed::wrong);
  EXPECT_EQ(b.key(0, "*"), BusyCode::Keyed::partial);
  EXPECT_EQ(b.key(0, "6"), BusyCode::Keyed::complete);
  EXPECT_EQ(b.key(0, "*67"), BusyCode::Keyed::wrong);
}

}  // namespace
}  // namespace telsim
