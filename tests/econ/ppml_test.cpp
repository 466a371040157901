// PPML with fixed effects on data whose answer is known by construction or by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "pivot/core/error.hpp"
#include "pivot/econ/ppml.hpp"

using namespace pivot::gravity;

namespace {

// A panel of `n` countries over `years`, exporter-year, importer-year and pair effects,
// two time-varying regressors; y = exp(x'beta + effects) exactly, so beta is the optimum.
PpmlProblem noise_free_panel(std::size_t n, std::size_t years, double b1, double b2) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<double> exp_year(n * years), imp_year(n * years), pair(n * n);
  for (double& v : exp_year) v = normal(rng);
  for (double& v : imp_year) v = normal(rng);
  for (double& v : pair) v = normal(rng);
  PpmlProblem p;
  p.terms = {"rta", "tariff"};
  p.regressors.resize(2);
  FixedEffect ey{"exporter-year", {}, n * years}, iy{"importer-year", {}, n * years}, pr{"pair", {}, n * n};
  for (std::size_t t = 0; t < years; ++t)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        const double rta = (i + j + t) % 3 == 0 ? 1.0 : 0.0;
        const double tariff = std::log(1.0 + 0.01 * double((i * 7 + j * 3 + t * 5) % 11));
        p.regressors[0].push_back(rta);
        p.regressors[1].push_back(tariff);
        ey.group.push_back(static_cast<std::uint32_t>(i * years + t));
        iy.group.push_back(static_cast<std::uint32_t>(j * years + t));
        pr.group.push_back(static_cast<std::uint32_t>(i * n + j));
        p.y.push_back(
            std::exp(b1 * rta + b2 * tariff + exp_year[i * years + t] + imp_year[j * years + t] + pair[i * n + j]));
        p.cluster.push_back(static_cast<std::uint32_t>(i * n + j));
      }
  p.fixed_effects = {ey, iy, pr};
  return p;
}

}  // namespace

TEST(Ppml, RecoversTheCoefficientsOfANoiseFreeThreeWayPanel) {
  PpmlProblem p = noise_free_panel(12, 5, 0.4, -5.0);
  p.tolerance = 1e-10;
  const PpmlResult r = estimate_ppml(p);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.beta[0], 0.4, 1e-8);
  EXPECT_NEAR(r.beta[1], -5.0, 1e-8);
  EXPECT_EQ(r.dropped_count, 0u);
  for (std::size_t o = 0; o < p.y.size(); ++o) EXPECT_NEAR(r.mu[o] / p.y[o], 1.0, 1e-8);
}

TEST(Ppml, OneBinaryRegressorGivesTheRatioOfMeans) {
  // With one group and a dummy, the Poisson optimum is exp(beta) = mean(y | x=1) / mean(y | x=0).
  PpmlProblem p;
  p.y = {1, 3, 2, 10, 0, 5};
  p.terms = {"x"};
  p.regressors = {{0, 0, 0, 1, 1, 1}};
  p.fixed_effects = {{"all", std::vector<std::uint32_t>(6, 0), 1}};
  const PpmlResult r = estimate_ppml(p);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.beta[0], std::log((15.0 / 3) / (6.0 / 3)), 1e-10);
  EXPECT_NEAR(r.mu[0], 2.0, 1e-9);
  EXPECT_NEAR(r.mu[5], 5.0, 1e-9);
}

TEST(Ppml, DropsObservationsSeparatedByAFixedEffectAndSaysHowMany) {
  PpmlProblem p = noise_free_panel(6, 2, 0.3, -2.0);
  // Exporter 0's flows in year 0 all zero: its exporter-year group is separated.
  for (std::size_t o = 0; o < 6; ++o) p.y[o] = 0;  // t = 0, i = 0, j = 0..5
  const PpmlResult r = estimate_ppml(p);
  ASSERT_TRUE(r.converged);
  EXPECT_EQ(r.dropped_count, 6u);
  for (std::size_t o = 0; o < 6; ++o) {
    EXPECT_TRUE(r.dropped[o]);
    EXPECT_EQ(r.mu[o], 0.0);
  }
  EXPECT_NEAR(r.beta[0], 0.3, 1e-8);  // the rest still fits exactly
  EXPECT_NEAR(r.beta[1], -2.0, 1e-8);
}

// A dummy that is 1 only where y = 0 (Correia, Guimaraes & Zylkin 2019's simplest
// separation): its coefficient runs to -infinity and those observations' means to 0.
// Dropped, the rest is the two-group problem above: beta_x = log((15/3) / (6/3)).
TEST(Ppml, DropsObservationsARegressorSeparates) {
  PpmlProblem p;
  p.y = {1, 3, 2, 10, 0, 5, 0, 0};
  p.terms = {"x", "d"};
  p.regressors = {{0, 0, 0, 1, 1, 1, 0, 0}, {0, 0, 0, 0, 0, 0, 1, 2}};
  p.fixed_effects = {{"all", std::vector<std::uint32_t>(8, 0), 1}};
  const PpmlResult r = estimate_ppml(p);
  ASSERT_TRUE(r.converged);
  EXPECT_EQ(r.dropped_count, 2u);
  EXPECT_TRUE(r.dropped[6] && r.dropped[7]);
  EXPECT_FALSE(r.dropped[4]);  // y = 0 but d = 0 there: not separated
  EXPECT_TRUE(r.omitted[1]);   // all zero once dropped
  EXPECT_NEAR(r.beta[0], std::log((15.0 / 3) / (6.0 / 3)), 1e-10);
  EXPECT_EQ(r.mu[6], 0.0);
  // Both signs among the zeros: not decided by this check, nothing dropped by it.
  p.regressors[1] = {0, 0, 0, 0, 0, 0, 1, -1};
  EXPECT_EQ(estimate_ppml(p).dropped_count, 0u);
}

TEST(Ppml, OmitsATermTheFixedEffectsExplain) {
  PpmlProblem p = noise_free_panel(5, 2, 0.3, -2.0);
  p.terms.push_back("exporter_size");
  std::vector<double> size;
  for (auto g : p.fixed_effects[0].group) size.push_back(1.0 + g % 5);  // constant within exporter-year
  p.regressors.push_back(size);
  const PpmlResult r = estimate_ppml(p);
  ASSERT_TRUE(r.converged);
  EXPECT_TRUE(r.omitted[2]);
  EXPECT_TRUE(std::isnan(r.beta[2]));
  EXPECT_NEAR(r.beta[0], 0.3, 1e-8);
}

TEST(Ppml, RefusesMismatchedSizes) {
  PpmlProblem p;
  p.y = {1, 2};
  p.terms = {"x"};
  p.regressors = {{1}};
  EXPECT_THROW(estimate_ppml(p), pivot::UsageError);
}
