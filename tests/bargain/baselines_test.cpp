// Baselines against hand calculations (docs/models/baselines.md).
#include <gtest/gtest.h>

#include <cmath>

#include "pivot/bargain/forecast.hpp"

namespace pivot {
namespace {

// Three actors at 0, 50 and 100 on a 0..100 issue; capability x salience weights 1, 1, 2.
Scenario three_actors() {
  Scenario s;
  s.issues.push_back(Issue{"x", "x", "%", 0, 100, "", "", std::nullopt});
  s.actors.push_back(Actor{"a", "A", 1, std::nullopt, {0}, {100}});
  s.actors.push_back(Actor{"b", "B", 1, std::nullopt, {50}, {100}});
  s.actors.push_back(Actor{"c", "C", 2, std::nullopt, {100}, {100}});
  return s;
}

TEST(Baselines, WeightedMean) {
  // (1*0 + 1*50 + 2*100) / 4 = 62.5
  EXPECT_DOUBLE_EQ(weighted_mean_outcome(three_actors())[0], 62.5);
}

TEST(Baselines, WeightedMedianIsTheMedianVoter) {
  // Cumulative weight 1, 2, 4 of 4: half (2) is reached at 50.
  EXPECT_DOUBLE_EQ(weighted_median_outcome(three_actors())[0], 50.0);
}

TEST(Baselines, NashBargainingSolution) {
  // Maximise log(1-y) + log(1.5-y) + 2 log(y) on [0.5, 1] (y on 0..1): the
  // derivative -1/(1-y) - 1/(1.5-y) + 2/y = 0 gives 4y^2 - 7.5y + 3 = 0,
  // y = (7.5 - sqrt(8.25)) / 8 = 0.578463...; at y = 0.5 the slope is +1, so
  // the maximum is there.
  const double expected = 100.0 * (7.5 - std::sqrt(8.25)) / 8.0;
  EXPECT_NEAR(nash_bargaining_outcome(three_actors())[0], expected, 1e-6);
}

TEST(Baselines, TwoActorNashSplitsByWeight) {
  // log(1-y) + 3 log(y): y = 3/4.
  Scenario s;
  s.issues.push_back(Issue{"x", "x", "", 0, 100, "", "", std::nullopt});
  s.actors.push_back(Actor{"a", "A", 1, std::nullopt, {0}, {50}});
  s.actors.push_back(Actor{"b", "B", 3, std::nullopt, {100}, {50}});
  EXPECT_NEAR(nash_bargaining_outcome(s)[0], 75.0, 1e-6);
}

}  // namespace
}  // namespace pivot
