// Quantiles and run summaries on small samples computed by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/summary.hpp"

namespace {

TEST(Quantile, Type7ByHand) {
  // Hyndman & Fan (1996) type 7: h = (n-1)p, Q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
  // {1,2,3,4}, p = 0.25: h = 0.75 -> 1 + 0.75 = 1.75 (also numpy.percentile's documented default).
  EXPECT_DOUBLE_EQ(pivot::quantile_type7({1, 2, 3, 4}, 0.25), 1.75);
  // Sorted {1,1,2,3,4,5,6,9}:
  const std::vector<double> x = {1, 1, 2, 3, 4, 5, 6, 9};
  EXPECT_DOUBLE_EQ(pivot::quantile_type7(x, 0.05), 1.0);   // h = 0.35: 1 + 0.35 (1 - 1)
  EXPECT_DOUBLE_EQ(pivot::quantile_type7(x, 0.25), 1.75);  // h = 1.75: 1 + 0.75 (2 - 1)
  EXPECT_DOUBLE_EQ(pivot::quantile_type7(x, 0.50), 3.5);   // h = 3.5: 3 + 0.5 (4 - 3)
  EXPECT_DOUBLE_EQ(pivot::quantile_type7(x, 0.75), 5.25);  // h = 5.25: 5 + 0.25 (6 - 5)
  EXPECT_DOUBLE_EQ(pivot::quantile_type7(x, 0.95), 7.95);  // h = 6.65: 6 + 0.65 (9 - 6)
  EXPECT_DOUBLE_EQ(pivot::quantile_type7(x, 1.0), 9.0);
  EXPECT_DOUBLE_EQ(pivot::quantile_type7({4.0}, 0.3), 4.0);
}

TEST(Summary, SmallRunByHand) {
  pivot::McRun run;
  run.outputs = {{"m.x", "m", "x", "", 0.0, 10.0}};
  for (double v : {0.0, 0.0, 0.0, 2.0, 4.0, 5.0, 7.0, 9.5}) run.results.push_back({v});
  run.sampled.assign(run.results.size(), {});
  const auto s = pivot::summarize_run(run);
  ASSERT_EQ(s.size(), 1u);
  // mean = 27.5 / 8 = 3.4375; squared deviations by hand:
  // deviations -3.4375 x3, -1.4375, 0.5625, 1.5625, 3.5625, 6.0625;
  // squares 11.81640625 x3, 2.06640625, 0.31640625, 2.44140625, 12.69140625, 36.75390625 = 89.71875;
  // sd = sqrt(89.71875 / 7) = 3.580085.
  EXPECT_DOUBLE_EQ(s[0].mean, 3.4375);
  EXPECT_NEAR(s[0].sd, std::sqrt(89.71875 / 7.0), 1e-12);
  // Type 7 on {0,0,0,2,4,5,7,9.5}: P5 h=0.35 -> 0; P25 h=1.75 -> 0; P50 h=3.5 -> 3;
  // P75 h=5.25 -> 5 + 0.25*2 = 5.5; P95 h=6.65 -> 7 + 0.65*2.5 = 8.625.
  EXPECT_DOUBLE_EQ(s[0].quantiles[0], 0.0);
  EXPECT_DOUBLE_EQ(s[0].quantiles[1], 0.0);
  EXPECT_DOUBLE_EQ(s[0].quantiles[2], 3.0);
  EXPECT_DOUBLE_EQ(s[0].quantiles[3], 5.5);
  EXPECT_DOUBLE_EQ(s[0].quantiles[4], 8.625);
  // Ten bins of width 1 over [0, 10]: 0 x3 -> bin 0; 2 -> 2; 4 -> 4; 5 -> 5; 7 -> 7; 9.5 -> 9.
  const std::vector<std::uint64_t> counts = {3, 0, 1, 0, 1, 1, 0, 1, 0, 1};
  EXPECT_EQ(s[0].histogram.counts, counts);
  // 0 is held by 3 of 8 trials (37.5%); every other value by 1/8 = 12.5% (also >= 5%), ties by value.
  ASSERT_GE(s[0].atoms.size(), 1u);
  EXPECT_EQ(s[0].atoms[0].value, 0.0);
  EXPECT_DOUBLE_EQ(s[0].atoms[0].probability, 0.375);
  // Convergence: P50 of the first 2 ({0,0}) = 0, first 4 ({0,0,0,2}) h=1.5 -> 0, all 8 -> 3.
  ASSERT_EQ(s[0].median_convergence.size(), 3u);
  EXPECT_EQ(s[0].median_convergence[0], (std::pair<std::uint64_t, double>{2, 0.0}));
  EXPECT_EQ(s[0].median_convergence[1], (std::pair<std::uint64_t, double>{4, 0.0}));
  EXPECT_EQ(s[0].median_convergence[2], (std::pair<std::uint64_t, double>{8, 3.0}));
}

TEST(Shards, RangesCoverTrialsOnceInOrder) {
  // 10 trials in 3 shards: floor(10 i / 3) = 0, 3, 6, 10.
  EXPECT_EQ(pivot::shard_range(10, 0, 3), (std::pair<std::uint64_t, std::uint64_t>{0, 3}));
  EXPECT_EQ(pivot::shard_range(10, 1, 3), (std::pair<std::uint64_t, std::uint64_t>{3, 6}));
  EXPECT_EQ(pivot::shard_range(10, 2, 3), (std::pair<std::uint64_t, std::uint64_t>{6, 10}));
  EXPECT_EQ(pivot::shard_range(2, 0, 4), (std::pair<std::uint64_t, std::uint64_t>{0, 0}));
}

}  // namespace
