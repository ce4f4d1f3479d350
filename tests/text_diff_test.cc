// Unified diffs of golden traces: every differing row, in diff -u's form.
#include "reports/text_diff.h"

#include <gtest/gtest.h>

namespace telsim {
namespace {

std::vector<std::string> lines(int n, int changed_every = 0) {
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i)
    v.push_back((changed_every && i % changed_every == 0 ? "X" : "row ") + std::to_string(i));
  return v;
}

TEST(TextDiff, EqualTextsGiveNothing) {
  EXPECT_EQ(unified_diff(lines(5), lines(5), "a", "b"), "");
  EXPECT_EQ(text_lines("\xEF\xBB\xBFh\r\na\r\n\n"), (std::vector<std::string>{"h", "a"}));
}

TEST(TextDiff, OneChangeWithContext) {
  auto b = lines(10);
  b[5] = "changed";
  EXPECT_EQ(unified_diff(lines(10), b, "g.trace.csv", "actual"),
            "--- g.trace.csv\n+++ actual\n@@ -4,5 +4,5 @@\n row 3\n row 4\n-row 5\n+changed\n row 6\n row 7\n");
}

TEST(TextDiff, EveryDifferingRowIsShown) {
  auto a = lines(100), b = lines(100, 10);  // rows 0, 10, 20, ... differ
  std::string d = unified_diff(a, b, "a", "b");
  for (int i = 0; i < 100; i += 10) {
    EXPECT_NE(d.find("\n-row " + std::to_string(i) + "\n"), std::string::npos) << i;
    EXPECT_NE(d.find("\n+X" + std::to_string(i) + "\n"), std::string::npos) << i;
  }
  EXPECT_EQ(d.find("-row 1\n"), std::string::npos);  // unchanged rows stay context at most
}

TEST(TextDiff, InsertionsDeletionsAndEnds) {
  std::vector<std::string> a = {"h", "1", "2", "3"}, b = {"h", "1", "new", "2"};
  EXPECT_EQ(unified_diff(a, b, "a", "b", 0), "--- a\n+++ b\n@@ -2,0 +3,1 @@\n+new\n@@ -4,1 +4,0 @@\n-3\n");
  EXPECT_EQ(unified_diff({}, {"x"}, "a", "b"), "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n");
}

}  // namespace
}  // namespace telsim
