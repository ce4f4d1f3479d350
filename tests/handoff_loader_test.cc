// The station option associated= (Dynamic Extension Express): what loads and what is bad input.
#include <gtest/gtest.h>

#include <string>

#include "sim/file_source.h"
#include "sim/scenario_loader.h"
#include "tests/loader_fixture.h"

namespace telsim {
namespace {

const char* kSite =
    "at,party,action,argument\n"
    ",2001,station,model=8560 mobile=5551 associated=2101 2201\n"
    ",2101,station,model=5610\n"
    ",2201,station,model=uc-softphone\n"
    ",5551,mobile,\n";

class AssociatedOption : public LoaderTest {};

TEST_F(AssociatedOption, ListsTheMainExtensionsStations) {
  Scenario s = load(kSite);
  EXPECT_EQ(s.site.parties[0].associated, (std::vector<std::string>{"2101", "2201"}));
  EXPECT_TRUE(s.site.parties[1].associated.empty());
  // A definition may follow its use.
  Scenario later = load("at,party,action,argument\n,2001,station,associated=2101\n,2101,station,\n");
  EXPECT_EQ(later.site.parties[0].associated, (std::vector<std::string>{"2101"}));
}

TEST_F(AssociatedOption, BadInput) {
  const std::string head = "at,party,action,argument\n";
  expect_error(head + ",2001,station,associated=2109\n", 2, "undefined number 2109");
  expect_error(head + ",2001,station,associated=\n", 2, "associated= needs at least one number");
  expect_error(head + ",2001,station,associated=2101 2101\n,2101,station,\n", 2, "listed twice");
  expect_error(head + ",2001,station,associated=5551\n,5551,mobile,\n", 2, "is not a station");
  expect_error(head + ",2001,station,associated=2001\n", 2, "cannot be its own associated destination");
  expect_error(head + ",2001,station,lines=2001 2011\n,2002,station,associated=2011\n", 3,
               "must be a station's own number");
  expect_error(std::string(kSite) + ",2002,station,associated=2101\n", 6,
               "station 2101 is already an associated destination of 2001");
  expect_error(std::string(kSite) + ",2003,station,associated=2001\n", 6, "is itself a main extension");
  expect_error(head + ",2001,station,associates=2101\n,2101,station,\n", 2,
               "options: model lines mlh mobile home voicemail associated permissions answer");
}

}  // namespace
}  // namespace telsim
