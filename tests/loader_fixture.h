// A scenario loader over in-memory files (s/test.csv, a bare generic profile), shared by the
// loader tests of each feature: load() what must load, expect_error() what is bad input at a line.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "sim/file_source.h"
#include "sim/scenario_loader.h"

namespace telsim {

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override { files.files["profiles/generic.profile"] = "name = generic\n"; }
  Scenario load(const std::string& text) {
    files.files["s/test.csv"] = text;
    return load_scenario("s/test.csv", files, "profiles");
  }
  void expect_error(const std::string& text, int line, const std::string& what) {
    try {
      load(text);
      ADD_FAILURE() << "no error; expected line " << line << ": " << what;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file, "s/test.csv") << e.what();
      EXPECT_EQ(e.line, line) << e.what();
      EXPECT_NE(e.message.find(what), std::string::npos) << "message: " << e.what();
    }
  }
  MemoryFiles files;
};

}  // namespace telsim
