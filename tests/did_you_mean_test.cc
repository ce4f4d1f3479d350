// Suggestions for misspelt words: close slips get the known word, unrelated words get nothing.
#include "sim/did_you_mean.h"

#include <gtest/gtest.h>

using namespace telsim;

TEST(DidYouMean, EditDistanceCountsSwapsAsOne) {
  EXPECT_EQ(edit_distance("call", "call"), 0u);
  EXPECT_EQ(edit_distance("cal", "call"), 1u);
  EXPECT_EQ(edit_distance("clal", "call"), 1u);  // neighbours swapped
  EXPECT_EQ(edit_distance("ringin", "ringing"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(DidYouMean, SuggestsTheClosestKnownWord) {
  std::vector<std::string> actions = {"call", "offhook", "answer", "onhook", "hangup", "dial", "hold"};
  EXPECT_EQ(did_you_mean("cal", actions), " (did you mean 'call'?)");
  EXPECT_EQ(did_you_mean("hangpu", actions), " (did you mean 'hangup'?)");
  EXPECT_EQ(did_you_mean("anwser", actions), " (did you mean 'answer'?)");
}

TEST(DidYouMean, NothingForUnrelatedOrExactWords) {
  std::vector<std::string> actions = {"call", "dial", "hold"};
  EXPECT_EQ(did_you_mean("transfer", actions), "");
  EXPECT_EQ(did_you_mean("call", actions), "");
  EXPECT_EQ(did_you_mean("", actions), "");
  EXPECT_EQ(did_you_mean(std::string(100, 'c'), actions), "");
  EXPECT_EQ(closest_word("xy", {"ab"}), "");  // two edits in two letters is no slip
}
