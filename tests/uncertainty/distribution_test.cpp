// Samplers against analytic moments and quantiles, and the normal quantile
// function against published values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pivot/scenario/distribution.hpp"
#include "pivot/uncertainty/summary.hpp"

namespace {

using pivot::Distribution;
using pivot::DistributionKind;

// 200,000 draws: the sample mean's standard error is sd/sqrt(N) = 0.0022 sd. We
// allow 5 standard errors (a false alarm about 1 in 1.7 million for a fair
// sampler; the seed is fixed, so the test is deterministic anyway). The sample
// variance's standard error is sigma^2 sqrt((kurtosis - 1)/N); every
// distribution here has kurtosis at most 3 (the normal's), so 5 sigma^2 sqrt(2/N).
constexpr int kDraws = 200000;

std::vector<double> draws(const Distribution& d, std::uint64_t seed = 7) {
  std::vector<double> out(kDraws);
  for (int i = 0; i < kDraws; ++i) out[i] = pivot::sample_distribution(d, {seed, 0, static_cast<std::uint64_t>(i), 3});
  return out;
}

void expect_moments(const Distribution& d, double mean, double variance) {
  const auto x = draws(d);
  double sum = 0.0;
  for (double v : x) {
    ASSERT_GE(v, d.low);
    ASSERT_LE(v, d.high);
    sum += v;
  }
  const double m = sum / kDraws;
  double ss = 0.0;
  for (double v : x) ss += (v - m) * (v - m);
  const double var = ss / (kDraws - 1);
  EXPECT_NEAR(m, mean, 5.0 * std::sqrt(variance / kDraws));
  EXPECT_NEAR(var, variance, 5.0 * variance * std::sqrt(2.0 / kDraws));
  // The library's analytic moments agree with the hand values (which carry the
  // 10 significant digits of the normal tables they use, hence 1e-8 relative).
  EXPECT_NEAR(pivot::distribution_mean(d), mean, 1e-8 * std::max(1.0, std::fabs(mean)));
  EXPECT_NEAR(pivot::distribution_variance(d), variance, 1e-8 * std::max(1.0, variance));
}

TEST(NormalQuantile, PublishedValues) {
  // Standard normal quantiles as tabulated (e.g. R's qnorm(0.975) = 1.959963984540054).
  EXPECT_NEAR(pivot::normal_quantile(0.975), 1.959963984540054, 1e-13);
  EXPECT_NEAR(pivot::normal_quantile(0.95), 1.644853626951472, 1e-13);
  EXPECT_NEAR(pivot::normal_quantile(0.999), 3.090232306167813, 1e-12);
  EXPECT_NEAR(pivot::normal_quantile(0.025), -1.959963984540054, 1e-13);
  EXPECT_EQ(pivot::normal_quantile(0.5), 0.0);
  // Inverse of Phi across the range, including both tails.
  for (double p : {1e-12, 1e-6, 0.01, 0.02425, 0.3, 0.7, 0.97575, 0.99, 1 - 1e-6})
    EXPECT_NEAR(pivot::normal_cdf(pivot::normal_quantile(p)), p, 1e-14 * std::max(1.0, p / (1 - p))) << p;
}

TEST(Samplers, UniformMoments) {
  // U(2, 8): mean 5, variance 36/12 = 3.
  expect_moments({DistributionKind::uniform, 2.0, 5.0, 8.0, 0.0}, 5.0, 3.0);
}

TEST(Samplers, TriangularMomentsAndMedian) {
  // a=0, c=2, b=10: mean (a+b+c)/3 = 4; variance (a^2+b^2+c^2-ab-ac-bc)/18 = (0+100+4-0-0-20)/18 = 84/18.
  const Distribution d{DistributionKind::triangular, 0.0, 2.0, 10.0, 0.0};
  expect_moments(d, 4.0, 84.0 / 18.0);
  // Median: F(c) = 0.2 < 0.5, so m = b - sqrt((1-0.5)(b-a)(b-c)) = 10 - sqrt(40) = 3.675445.
  // Its standard error is sqrt(0.25/N)/f(m), f(m) = 2(b-m)/((b-a)(b-c)) = 0.1581: 0.0071; 5 SE.
  auto x = draws(d);
  std::sort(x.begin(), x.end());
  EXPECT_NEAR(pivot::quantile_type7(x, 0.5), 10.0 - std::sqrt(40.0), 0.035);
}

TEST(Samplers, PertMoments) {
  // PERT(a=0, m=2, b=10): mean (a+4m+b)/6 = 18/6 = 3 (Malcolm et al. 1959). Beta shapes
  // alpha = 1 + 4(m-a)/(b-a) = 1.8, beta = 1 + 4(b-m)/(b-a) = 4.2; variance
  // (b-a)^2 alpha beta / ((alpha+beta)^2 (alpha+beta+1)) = 100 * 7.56 / (36 * 7) = 3.
  expect_moments({DistributionKind::pert, 0.0, 2.0, 10.0, 0.0}, 3.0, 3.0);
  // Symmetric PERT(0, 5, 10): alpha = beta = 3, mean 5, variance 100 * 9 / (36 * 7) = 3.5714.
  expect_moments({DistributionKind::pert, 0.0, 5.0, 10.0, 0.0}, 5.0, 100.0 * 9.0 / 252.0);
}

TEST(Samplers, TruncatedNormalMoments) {
  // N(0, 1) on [-1, 2]. With phi(-1) = 0.2419707245, phi(2) = 0.0539909665,
  // Phi(2) = 0.9772498681, Phi(-1) = 0.1586552539 (standard normal tables), Z = 0.8185946142:
  // mean = (phi(-1) - phi(2)) / Z = 0.1879797580 / 0.8185946142 = 0.2296372;
  // variance = 1 + (-1 phi(-1) - 2 phi(2)) / Z - mean^2
  //          = 1 - 0.3499526575 / 0.8185946142 - 0.0527332 = 0.5197632.
  const double z = 0.9772498681 - 0.1586552539;
  const double mean = (0.2419707245 - 0.0539909665) / z;
  const double variance = 1.0 + (-0.2419707245 - 2.0 * 0.0539909665) / z - mean * mean;
  EXPECT_NEAR(mean, 0.2296372, 1e-7);
  expect_moments({DistributionKind::truncated_normal, -1.0, 0.0, 2.0, 1.0}, mean, variance);
  // Scaled: mu = 50, sigma = 10 on [40, 70] is the same shape: mean 52.296372, variance 51.97632.
  expect_moments({DistributionKind::truncated_normal, 40.0, 50.0, 70.0, 10.0}, 50.0 + 10.0 * mean, 100.0 * variance);
  // Half-normal limit: N(0,1) on [0, 40] has mean sqrt(2/pi) = 0.7978846, variance 1 - 2/pi.
  expect_moments({DistributionKind::truncated_normal, 0.0, 0.0, 40.0, 1.0}, std::sqrt(2.0 / M_PI), 1.0 - 2.0 / M_PI);
}

TEST(Samplers, KeyedDrawsAreReproducibleAndDistinct) {
  const Distribution d{DistributionKind::pert, 0.0, 30.0, 100.0, 0.0};
  const double a = pivot::sample_distribution(d, {42, 0, 17, 5});
  EXPECT_EQ(a, pivot::sample_distribution(d, {42, 0, 17, 5}));
  EXPECT_NE(a, pivot::sample_distribution(d, {42, 0, 17, 6}));  // another variable
  EXPECT_NE(a, pivot::sample_distribution(d, {42, 0, 18, 5}));  // another trial
  EXPECT_NE(a, pivot::sample_distribution(d, {43, 0, 17, 5}));  // another seed
  EXPECT_NE(a, pivot::sample_distribution(d, {42, 1, 17, 5}));  // another stream
}

}  // namespace
