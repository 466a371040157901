// Sobol estimators on the Ishigami function, whose indices are known in closed
// form (Ishigami & Homma 1990; the analytic variances as given in Saltelli et
// al. 2008, "Global Sensitivity Analysis: The Primer"), and the one-at-a-time
// sweep by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/sensitivity.hpp"

namespace {

constexpr double kA = 7.0, kB = 0.1, kPi = std::numbers::pi;

// f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1, every x_i ~ U(-pi, pi).
pivot::SensitivityInputs ishigami_inputs() {
  pivot::SensitivityInputs in;
  for (std::uint32_t i = 0; i < 3; ++i) {
    in.names.push_back(std::string(1, 'x').append(std::to_string(i + 1)));
    in.distributions.push_back({pivot::DistributionKind::uniform, -kPi, 0.0, kPi, 0.0});
    in.keys.push_back(i);
    in.base.push_back(0.0);
  }
  return in;
}

std::vector<double> ishigami(const std::vector<double>& x, std::uint64_t) {
  return {std::sin(x[0]) + kA * std::sin(x[1]) * std::sin(x[1]) + kB * std::pow(x[2], 4) * std::sin(x[0])};
}

TEST(Sobol, IshigamiMatchesTheAnalyticIndices) {
  // Partial variances (Ishigami & Homma 1990; the Primer):
  //   V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,  V1 = (1 + b pi^4/5)^2 / 2,  V2 = a^2/8,  V3 = 0,
  //   V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225; no other interaction.
  // With a = 7, b = 0.1: S1 = 0.3139, S2 = 0.4424, S3 = 0, ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437.
  const double pi4 = std::pow(kPi, 4), pi8 = std::pow(kPi, 8);
  const double v = kA * kA / 8 + kB * pi4 / 5 + kB * kB * pi8 / 18 + 0.5;
  const double v1 = 0.5 * std::pow(1 + kB * pi4 / 5, 2), v2 = kA * kA / 8, v13 = 8 * kB * kB * pi8 / 225;
  const double first[] = {v1 / v, v2 / v, 0.0}, total[] = {(v1 + v13) / v, v2 / v, v13 / v};
  EXPECT_NEAR(first[0], 0.3139, 1e-4);
  EXPECT_NEAR(total[2], 0.2437, 1e-4);

  std::vector<pivot::SobolFactor> factors = {{"x1", {0}}, {"x2", {1}}, {"x3", {2}}};
  pivot::RunControl control;
  control.seed = 2024;
  control.threads = 2;
  const auto result = pivot::sobol_indices(ishigami_inputs(), factors, 1, ishigami, 1 << 15, control);
  ASSERT_FALSE(result.interrupted);
  EXPECT_NEAR(result.variance[0], v, 0.15);  // V = 13.84; the sample variance of 2^16 draws has SE ~0.05
  // Tolerance 0.03: over 20 seeds at N = 2^15 the estimates' standard deviation was at most
  // 0.009 (S1 0.007, S2 0.008, S3 0.008, ST1 0.009, ST2 0.004, ST3 0.002), so 0.03 is over 3 SD.
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(result.index[0][i].first, first[i], 0.03) << "S" << i + 1;
    EXPECT_NEAR(result.index[0][i].total, total[i], 0.03) << "ST" << i + 1;
  }
  // The bootstrap intervals hold the estimate, and their width matches the spread seen
  // over those 20 independent seeds: a 95% interval is about 2 x 1.96 SD wide, so we
  // accept widths between 1.96 SD and 7.84 SD (half to twice the expected width).
  const double sd_first[] = {0.007, 0.008, 0.008}, sd_total[] = {0.009, 0.004, 0.002};
  for (int i = 0; i < 3; ++i) {
    const auto& s = result.index[0][i];
    EXPECT_LE(s.first_low, s.first);
    EXPECT_GE(s.first_high, s.first);
    EXPECT_LE(s.total_low, s.total);
    EXPECT_GE(s.total_high, s.total);
    EXPECT_GT(s.first_high - s.first_low, 1.96 * sd_first[i]) << "S" << i + 1;
    EXPECT_LT(s.first_high - s.first_low, 7.84 * sd_first[i]) << "S" << i + 1;
    EXPECT_GT(s.total_high - s.total_low, 1.96 * sd_total[i]) << "ST" << i + 1;
    EXPECT_LT(s.total_high - s.total_low, 7.84 * sd_total[i]) << "ST" << i + 1;
  }
}

TEST(Sobol, SameIndicesForOneAndTwoThreads) {
  std::vector<pivot::SobolFactor> factors = {{"x1", {0}}, {"x23", {1, 2}}};
  pivot::RunControl one, two;
  one.threads = 1, two.threads = 2;
  const auto a = pivot::sobol_indices(ishigami_inputs(), factors, 1, ishigami, 1000, one);
  const auto b = pivot::sobol_indices(ishigami_inputs(), factors, 1, ishigami, 1000, two);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(a.index[0][i].first, b.index[0][i].first);
    EXPECT_EQ(a.index[0][i].total, b.index[0][i].total);
  }
}

TEST(Sobol, EstimatorOnHandValues) {
  // f_A = {1, 3}, f_B = {2, 4}, f_AB = {2, 3}. Mean of A and B: 2.5; V = (2.25+0.25+0.25+2.25)/3 = 5/3.
  // Saltelli 2010: (1/N) sum f_B (f_AB - f_A) = (2*1 + 4*0)/2 = 1 -> S = 1 / (5/3) = 0.6.
  // Jansen: (1/2N) sum (f_A - f_AB)^2 = (1 + 0)/4 = 0.25 -> ST = 0.25 / (5/3) = 0.15.
  const auto s = pivot::sobol_estimate({1, 3}, {2, 4}, {2, 3});
  EXPECT_DOUBLE_EQ(s.first, 0.6);
  EXPECT_DOUBLE_EQ(s.total, 0.15);
}

TEST(OneAtATime, LinearModelByHand) {
  // f = 2 x1 - 5 x2 + 0 x3, x1 in [0, 1], x2 in [1, 2], x3 in [0, 10], base (0.5, 1.5, 5).
  pivot::SensitivityInputs in;
  in.names = {"x1", "x2", "x3"};
  in.distributions = {{pivot::DistributionKind::uniform, 0, 0, 1, 0},
                      {pivot::DistributionKind::uniform, 1, 0, 2, 0},
                      {pivot::DistributionKind::uniform, 0, 0, 10, 0}};
  in.keys = {0, 1, 2};
  in.base = {0.5, 1.5, 5};
  auto model = [](const std::vector<double>& x, std::uint64_t) { return std::vector<double>{2 * x[0] - 5 * x[1]}; };
  const auto sweep = pivot::one_at_a_time(in, model, {});
  EXPECT_DOUBLE_EQ(sweep.base[0], 1.0 - 7.5);
  EXPECT_DOUBLE_EQ(sweep.at_low[1][0], 1.0 - 5.0);    // x2 = 1
  EXPECT_DOUBLE_EQ(sweep.at_high[1][0], 1.0 - 10.0);  // x2 = 2
  // Swings: x1 2, x2 5, x3 0 -> x2, x1, x3.
  EXPECT_EQ(pivot::tornado_order(sweep, 0), (std::vector<std::size_t>{1, 0, 2}));
}

}  // namespace
