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

// An offset log 2 on the x = 1 rows: exp(offset + beta) = 2 exp(beta) must still be
// the ratio of means 2.5, so beta = log(2.5 / 2) = log 1.25.
TEST(Ppml, AnOffsetEntersWithCoefficientOne) {
  PpmlProblem p;
  p.y = {1, 3, 2, 10, 0, 5};
  p.terms = {"x"};
  p.regressors = {{0, 0, 0, 1, 1, 1}};
  p.offset = {0, 0, 0, std::log(2.0), std::log(2.0), std::log(2.0)};
  p.fixed_effects = {{"all", std::vector<std::uint32_t>(6, 0), 1}};
  const PpmlResult r = estimate_ppml(p);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.beta[0], std::log(1.25), 1e-10);
  EXPECT_NEAR(r.mu[3], 5.0, 1e-9);
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

// Separation by a combination of two regressors that neither separates alone
// (Correia, Guimaraes & Zylkin 2021's general case, found by the ReLU check).
// y  = 1 3 2 10 0  5 | 0 0,  one constant group,
// x1 = 0 0 0  1 1  1 | 1 0   (non-zero where y > 0: no single-regressor separation)
// x2 = 0 0 0 -1 -1 -1 | 0 2  (likewise)
// z = x1 + x2 = 0 0 0 0 0 0 | 1 2: 0 wherever y > 0, >= 0 where y = 0, > 0 at rows 6, 7.
// Moving beta by -c (1, 1) for c -> infinity leaves every other mean as it is and sends
// mu_6 = mu_7 -> 0, so the likelihood rises without bound in that direction: rows 6 and
// 7 are separated (row 4, y = 0 but z = 0, is not). On the six rows left x2 = -x1, so
// x2 is collinear and omitted, and x1 is a dummy with one group: exp(b1) =
// mean(y | x1 = 1) / mean(y | x1 = 0) = (15/3) / (6/3), b1 = log 2.5.
TEST(Ppml, DropsObservationsACombinationOfRegressorsSeparates) {
  PpmlProblem p;
  p.y = {1, 3, 2, 10, 0, 5, 0, 0};
  p.terms = {"x1", "x2"};
  p.regressors = {{0, 0, 0, 1, 1, 1, 1, 0}, {0, 0, 0, -1, -1, -1, 0, 2}};
  p.fixed_effects = {{"all", std::vector<std::uint32_t>(8, 0), 1}};
  const PpmlResult r = estimate_ppml(p);
  ASSERT_TRUE(r.converged);
  EXPECT_EQ(r.dropped_count, 2u);
  for (std::size_t o = 0; o < 8; ++o) EXPECT_EQ(r.dropped[o], o >= 6) << o;
  EXPECT_EQ(r.separation[6], static_cast<std::uint8_t>(Separation::combination));
  EXPECT_EQ(r.separation[7], static_cast<std::uint8_t>(Separation::combination));
  EXPECT_GT(r.relu_fits, 0);
  EXPECT_FALSE(r.omitted[0]);
  EXPECT_TRUE(r.omitted[1]);
  EXPECT_NEAR(r.beta[0], std::log(2.5), 1e-10);
  EXPECT_EQ(r.mu[6], 0.0);
  EXPECT_NEAR(r.mu[3], 5.0, 1e-8);

  // The same six rows with rows 6 and 7 removed by hand: the same estimates.
  PpmlProblem q = p;
  q.y.resize(6);
  for (auto& column : q.regressors) column.resize(6);
  q.fixed_effects[0].group.resize(6);
  const PpmlResult by_hand = estimate_ppml(q);
  EXPECT_EQ(by_hand.dropped_count, 0u);
  EXPECT_NEAR(r.beta[0], by_hand.beta[0], 1e-12);
  EXPECT_NEAR(r.std_error[0], by_hand.std_error[0], 1e-12);
  for (std::size_t o = 0; o < 6; ++o) EXPECT_NEAR(r.mu[o], by_hand.mu[o], 1e-10);
}

// A regressor and a fixed effect together: groups g = 0, 1 and
//   g=0: (y, x1, x2) = (2, .5, 0) (4, 1, 0) (1, -.3, 0) (0, .2, 1) (0, .7, 0)
//   g=1:               (3, .1, 1) (6, .9, 1) (.5, -.5, 1) (0, .4, 1)
// z = x2 - [g = 1] is 0 on every row but the fourth (y = 0, z = 1): separated. x2 is
// non-zero where y > 0 and each group has positive flows, so neither check alone sees it.
// On the rows left x2 = [g = 1] (omitted, explained by the fixed effect); x1's estimate
// must equal that of the fit without the fourth row.
TEST(Ppml, DropsObservationsARegressorAndAFixedEffectSeparate) {
  PpmlProblem p;
  p.y = {2, 4, 1, 0, 0, 3, 6, 0.5, 0};
  p.terms = {"x1", "x2"};
  p.regressors = {{0.5, 1.0, -0.3, 0.2, 0.7, 0.1, 0.9, -0.5, 0.4}, {0, 0, 0, 1, 0, 1, 1, 1, 1}};
  p.fixed_effects = {{"g", {0, 0, 0, 0, 0, 1, 1, 1, 1}, 2}};
  const PpmlResult r = estimate_ppml(p);
  ASSERT_TRUE(r.converged);
  EXPECT_EQ(r.dropped_count, 1u);
  EXPECT_TRUE(r.dropped[3]);
  EXPECT_EQ(r.separation[3], static_cast<std::uint8_t>(Separation::combination));
  EXPECT_TRUE(r.omitted[1]);

  PpmlProblem q = p;
  q.y.erase(q.y.begin() + 3);
  for (auto& column : q.regressors) column.erase(column.begin() + 3);
  q.fixed_effects[0].group.erase(q.fixed_effects[0].group.begin() + 3);
  const PpmlResult by_hand = estimate_ppml(q);
  ASSERT_TRUE(by_hand.converged);
  EXPECT_EQ(by_hand.dropped_count, 0u);
  EXPECT_NEAR(r.beta[0], by_hand.beta[0], 1e-10);
  EXPECT_NEAR(r.std_error[0], by_hand.std_error[0], 1e-10);
  // And x1's estimate is a genuine optimum: the score sum x1 (y - mu) is 0 within each group's fit.
  double score = 0;
  for (std::size_t o = 0; o < 9; ++o)
    if (!r.dropped[o]) score += p.regressors[0][o] * (p.y[o] - r.mu[o]);
  EXPECT_NEAR(score, 0.0, 1e-8);
}

// Two fixed effects with no regressor: exporters {0,1} trade with importers {0,1} and
// exporters {2,3} with importers {2,3}, all flows positive; the cross flows 0->2 and
// 1->3 are 0 and no flow runs the other way (2->0, ... are not observed). Then
// z = a_e + b_i with a = b = 0 on the first block and a = 1, b = -1 on the second...
// precisely: a_0 = a_1 = 1, b_0 = b_1 = -1, a_2 = a_3 = 0, b_2 = b_3 = 0 gives z = 0 on both
// blocks and z = 1 on 0->2 and 1->3: separated, though every exporter and importer has a
// positive flow. Observe 2->0 = 0 as well and z(2->0) = a_2 + b_0 = -(a_0 + b_2) forces
// z = 0 there too (with z = 0 on the blocks, z(0->2) = s and z(2->0) = -s): nothing is separated.
TEST(Ppml, DropsObservationsTwoFixedEffectsSeparate) {
  PpmlProblem p;
  FixedEffect ex{"exporter", {}, 4}, im{"importer", {}, 4};
  auto add = [&](std::uint32_t e, std::uint32_t i, double y) {
    p.y.push_back(y);
    ex.group.push_back(e);
    im.group.push_back(i);
  };
  const double block[2][2] = {{2, 4}, {3, 6}};  // rank one: the two-way fit is exact
  for (std::uint32_t b = 0; b < 2; ++b)
    for (std::uint32_t e = 0; e < 2; ++e)
      for (std::uint32_t i = 0; i < 2; ++i) add(2 * b + e, 2 * b + i, block[e][i] * (1 + b));
  add(0, 2, 0);
  add(1, 3, 0);
  p.fixed_effects = {ex, im};
  const PpmlResult r = estimate_ppml(p);
  EXPECT_EQ(r.dropped_count, 2u);
  EXPECT_TRUE(r.dropped[8] && r.dropped[9]);
  ASSERT_TRUE(r.converged);
  // Each block is rank one (y = r_e c_i), so the two-way fit reproduces it.
  for (std::size_t o = 0; o < 8; ++o) EXPECT_NEAR(r.mu[o], p.y[o], 1e-8);

  p.y.push_back(0);
  p.fixed_effects[0].group.push_back(2);
  p.fixed_effects[1].group.push_back(0);
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
