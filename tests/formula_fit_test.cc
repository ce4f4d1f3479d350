// Which formula a site fits (tools/formula_fit.cc, SPEC TQ-4): Erlang B for a plain group with the
// ring time in the holding time, the trunk when it is the bottleneck, and no formula (with the
// reason) when a feature breaks an assumption.
#include "tools/formula_fit.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "sim/file_source.h"
#include "sim/scenario_loader.h"

namespace telsim {
namespace {

Scenario site(const std::string& extra_group, const std::string& extra_rows = "", const std::string& answer = "auto:4") {
  std::string text = "at,party,action,argument\n,100,hunt,\"members=3000 3001 3002" + extra_group + "\"\n";
  for (int i = 0; i < 3; ++i) text += "," + std::to_string(3000 + i) + ",station,answer=" + answer + "\n";
  text += ",7000,voicemail,\n" + extra_rows;
  const std::string path = testing::TempDir() + "/formula_fit_site_" + std::to_string(getpid()) + ".csv";
  std::ofstream(path) << text;
  DiskFiles disk;
  Scenario s = load_scenario(path, disk, default_profile_dir());
  std::remove(path.c_str());
  return s;
}

TrafficOptions offer(double bhca) {
  TrafficOptions o;
  o.offers = {{"100", bhca}};
  o.talk = 176;
  o.calls = 1000;
  return o;
}

TEST(FormulaFit, PlainGroupIsErlangBWithTheRingTimeInTheHold) {
  FormulaFit f = fit_formula(site(""), offer(40), 0, 20);
  EXPECT_EQ(f.formula, "Erlang B");
  EXPECT_EQ(f.lines, 3);
  EXPECT_DOUBLE_EQ(f.hold, 180);
  EXPECT_DOUBLE_EQ(f.erlangs, 2);
  EXPECT_DOUBLE_EQ(f.figures.blocking, erlang_b(3, 2));
  ASSERT_FALSE(f.notes.empty());
  EXPECT_NE(f.notes[0].find("4 s ringing"), std::string::npos) << f.notes[0];
}

TEST(FormulaFit, TrunkFewerThanMembersIsTheBottleneck) {
  FormulaFit f = fit_formula(site("", ",site,trunk,channels=2\n"), offer(40), 0, 20);
  EXPECT_EQ(f.formula, "Erlang B");
  EXPECT_EQ(f.lines, 2);
  EXPECT_DOUBLE_EQ(f.figures.blocking, erlang_b(2, 2));
}

TEST(FormulaFit, FeaturesThatBreakTheModelSayWhy) {
  auto why = [](const Scenario& s, TrafficOptions o = offer(40)) { return fit_formula(s, o, 0, 20).why_not; };
  EXPECT_NE(why(site(" overflow=7000")).find("overflows to 7000"), std::string::npos);
  EXPECT_NE(why(site(" algorithm=ring-all")).find("ring-all"), std::string::npos);
  EXPECT_NE(why(site(" no-answer=3")).find("skipped"), std::string::npos);
  EXPECT_NE(why(site("", "", "manual")).find("does not answer by itself"), std::string::npos);
  TrafficOptions impatient = offer(40);
  impatient.patience = 3;
  EXPECT_NE(why(site(""), impatient).find("hang up after 3 s"), std::string::npos);
  TrafficOptions station = offer(40);
  station.offers = {{"3000", 10}};
  EXPECT_NE(why(site(""), station).find("not a hunt group"), std::string::npos);
  EXPECT_TRUE(fit_formula(site(""), station, 0, 20).formula.empty());
}

TEST(FormulaFit, ZScore) {
  // A 95% half-width of t(19) = 2.093 standard errors.
  EXPECT_NEAR(z_score(0.012, 0.010, 2.093 * 0.001, 19), 2.0, 1e-3);
  EXPECT_TRUE(std::isnan(z_score(0.012, 0.010, 0, 19)));
}

}  // namespace
}  // namespace telsim
