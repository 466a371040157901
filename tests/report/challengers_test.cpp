// The "who challenged it" hover text, by hand: four challenges, the largest expected
// gains first (equal gains in the order given), three named and "and 1 more".
#include "pivot/report/challengers.hpp"

#include <gtest/gtest.h>

namespace {

using pivot::strongest_challenges_text;

TEST(Challengers, TheThreeLargestGainsInOrderAndHowManyMore) {
  const std::string text = strongest_challenges_text(
      {{"China", 1.0, 0.25}, {"Japan", 3.0, 0.5}, {"Korea", 2.0, 0.4}, {"Taiwan", 3.0, 0.75}});
  // Gains 3 (Japan, given first), 3 (Taiwan), 2 (Korea); China left out. Trailing
  // zeros dropped.
  EXPECT_EQ(text,
            "Japan (expected gain 3, P(win) 0.5); Taiwan (expected gain 3, P(win) 0.75); "
            "Korea (expected gain 2, P(win) 0.4); and 1 more");
}

TEST(Challengers, NoneGivesNoText) { EXPECT_EQ(strongest_challenges_text({}), ""); }

}  // namespace
