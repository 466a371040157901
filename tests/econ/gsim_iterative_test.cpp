// The matrix-free GMRES path against the dense-LU path on random markets,
// degenerate ones included. The LU path is the reference: it is checked
// against hand calculations and GSIM's published example in trade_test.cpp;
// here every reported number of the fast path must agree with it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "econ/gsim_calibration.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/output/trade_output.hpp"

namespace {

using pivot::trade::Market;
using pivot::trade::MarketSolution;
using pivot::trade::detail::LinearAlgebra;

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Shape {
  std::size_t regions = 60;
  double zero_share = 0;      // fraction of flows set to 0
  bool fixed_prices = false;  // some exporters with Ex = inf
  bool mixed_elasticities = false;
  bool silent_regions = false;  // one exporter that exports nothing, one importer that imports nothing
};

Market random_market(const Shape& shape, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> flow(1.0, 1000.0), rate(0.0, 0.3), change(-0.1, 0.25), unit(0.0, 1.0);
  Market m;
  m.product = "p" + std::to_string(seed);
  for (std::size_t r = 0; r < shape.regions; ++r) m.exporters.push_back("r" + std::to_string(r));
  m.importers = m.exporters;
  const std::size_t n = shape.regions;
  for (std::size_t i = 0; i < n * n; ++i) {
    const double before = 1 + rate(rng);
    m.flows.push_back(unit(rng) < shape.zero_share ? 0.0 : flow(rng));
    m.tariffs_before.push_back(before);
    m.tariffs_after.push_back(std::max(1.0, before + change(rng)));
  }
  if (shape.silent_regions && n > 2) {
    for (std::size_t v = 0; v < n; ++v) m.flows[m.index(1, v)] = 0;  // r1 exports nothing
    for (std::size_t r = 0; r < n; ++r) m.flows[m.index(r, 2)] = 0;  // r2 imports nothing
  }
  m.exporter_elasticities.assign(n, {-1.25, 1.5, 5.0});
  m.importer_elasticities.assign(n, {-1.25, 1.5, 5.0});
  for (std::size_t r = 0; r < n; ++r) {
    if (shape.fixed_prices && r % 7 == 3) m.exporter_elasticities[r].export_supply = kInf;
    if (shape.mixed_elasticities) {
      // Em in [-3, -0.2], Es in {1 (Cobb-Douglas), 0.5 (Em+Es < 0 possible), [2, 10]}, Ex in [0.2, 20].
      auto& e = m.importer_elasticities[r];
      e.import_demand = -0.2 - 2.8 * unit(rng);
      e.substitution = r % 5 == 0 ? 1.0 : r % 5 == 1 ? 0.5 : 2.0 + 8.0 * unit(rng);
      if (m.exporter_elasticities[r].export_supply != kInf)
        m.exporter_elasticities[r].export_supply = 0.2 + 19.8 * unit(rng);
    }
  }
  pivot::trade::validate_market(m, "test");
  return m;
}

// The largest difference between two solutions of one market, each number
// measured against its natural size: a price change against the price level
// (1 + change: prices start at 1), money against the region's trade (exports
// plus imports before), a flow against itself. "Agree to 1e-12" means this is
// at most 1e-12.
double largest_difference(const MarketSolution& fast, const MarketSolution& direct) {
  EXPECT_EQ(fast.regions.size(), direct.regions.size());
  EXPECT_EQ(fast.flows_after.size(), direct.flows_after.size());
  double worst = 0;
  auto compare = [&](double a, double b, double size) {
    worst = std::max(worst, std::abs(a - b) / std::max(size, std::numeric_limits<double>::min()));
  };
  for (std::size_t i = 0; i < std::min(fast.regions.size(), direct.regions.size()); ++i) {
    const auto &a = fast.regions[i], &b = direct.regions[i];
    EXPECT_EQ(a.region, b.region);
    EXPECT_EQ(a.exports_before, b.exports_before);
    EXPECT_EQ(a.imports_before, b.imports_before);
    compare(a.world_price_change, b.world_price_change, 1 + std::abs(b.world_price_change));
    compare(a.import_price_change, b.import_price_change, 1 + std::abs(b.import_price_change));
    const double trade = b.exports_before + b.imports_before;
    compare(a.producer_surplus_change, b.producer_surplus_change, trade);
    compare(a.consumer_surplus_change, b.consumer_surplus_change, trade);
    compare(a.tariff_revenue_change, b.tariff_revenue_change, trade);
    compare(a.net_welfare_change, b.net_welfare_change, trade);
  }
  for (std::size_t i = 0; i < std::min(fast.flows_after.size(), direct.flows_after.size()); ++i)
    if (fast.flows_after[i] != direct.flows_after[i])
      compare(fast.flows_after[i], direct.flows_after[i], std::abs(direct.flows_after[i]));
  return worst;
}

void expect_paths_agree(const Market& m) {
  const auto fast = pivot::trade::detail::solve_market(m, LinearAlgebra::iterative);
  const auto direct = pivot::trade::detail::solve_market(m, LinearAlgebra::dense);
  SCOPED_TRACE(m.product + ", " + std::to_string(m.exporters.size()) + " regions");
  const double linear = largest_difference(fast.linear, direct.linear);
  const double nonlinear = largest_difference(fast.nonlinear, direct.nonlinear);
  EXPECT_LE(linear, 1e-12);
  EXPECT_LE(nonlinear, 1e-12);
  EXPECT_LE(fast.nonlinear.residual, 1e-12);
}

TEST(GsimIterative, AgreesWithDenseLuOnDenseRandomMarkets) {
  for (std::uint32_t seed = 1; seed <= 4; ++seed) expect_paths_agree(random_market({}, seed));
}

TEST(GsimIterative, AgreesWithDenseLuOnDegenerateMarkets) {
  expect_paths_agree(random_market({.regions = 60, .zero_share = 0.6}, 11));
  expect_paths_agree(random_market({.regions = 60, .zero_share = 0.97}, 12));  // most pairs do not trade
  expect_paths_agree(random_market({.regions = 60, .fixed_prices = true}, 13));
  expect_paths_agree(random_market({.regions = 60, .silent_regions = true}, 14));
  expect_paths_agree(random_market({.regions = 60, .mixed_elasticities = true}, 15));
  expect_paths_agree(random_market(
      {.regions = 60, .zero_share = 0.3, .fixed_prices = true, .mixed_elasticities = true, .silent_regions = true},
      16));
  expect_paths_agree(random_market({.regions = 1}, 17));  // one region trading with itself
  Market fixed = random_market({.regions = 1}, 19);       // one region, world price fixed: nothing to solve
  fixed.exporter_elasticities[0].export_supply = kInf;
  expect_paths_agree(fixed);
  Market unchanged = random_market({}, 20);  // no policy change: b = 0
  unchanged.tariffs_after = unchanged.tariffs_before;
  expect_paths_agree(unchanged);
}

// The comparison above is only worth something if GMRES actually solved: on a
// dense random market it must reach the residual test without the LU fall-back,
// and its solution must be the LU's.
TEST(GsimIterative, GmresSolvesTheLinearSystemWithoutFallback) {
  const Market m = random_market({.regions = 120}, 21);
  const auto cal = pivot::trade::detail::calibrate(m);
  const auto system = pivot::trade::detail::linear_system(cal);
  const auto solved = pivot::trade::detail::solve_structured(pivot::trade::detail::linear_matrix(cal), system.rhs);
  ASSERT_TRUE(solved.has_value());
  const Eigen::VectorXd direct = system.lu.solve(system.rhs);
  EXPECT_LE((*solved - direct).cwiseAbs().maxCoeff(), 1e-13 * direct.cwiseAbs().maxCoeff());
}

// A system far from diagonal dominance (Em+Es strongly negative, Ex tiny):
// GMRES does not reach rounding level within its product budget, and the
// answer comes from the LU. The linear solutions are then the same LU's
// (identical); the non-linear ones come from two Newton paths that each stop
// at a clearing error of 1e-12, which with |Em| = 200 leaves them up to a few
// 1e-12 apart.
TEST(GsimIterative, FallsBackToLuWhenGmresStalls) {
  Market m = random_market({.regions = 80}, 22);
  for (auto& e : m.importer_elasticities) e = {-200.0, 0.01, 0.0};
  for (auto& e : m.exporter_elasticities) e.export_supply = 0.01;
  const auto cal = pivot::trade::detail::calibrate(m);
  const auto system = pivot::trade::detail::linear_system(cal);
  EXPECT_FALSE(pivot::trade::detail::solve_structured(pivot::trade::detail::linear_matrix(cal), system.rhs));
  const auto fast = pivot::trade::detail::solve_market(m, LinearAlgebra::iterative);
  const auto direct = pivot::trade::detail::solve_market(m, LinearAlgebra::dense);
  EXPECT_EQ(largest_difference(fast.linear, direct.linear), 0.0);
  EXPECT_LE(largest_difference(fast.nonlinear, direct.nonlinear), 5e-12);
  EXPECT_LE(fast.nonlinear.residual, 1e-12);
}

// The levels form keeps q and s factored when one Es holds for every importer
// and forms them otherwise. An extra importer that buys nothing, with its own
// Es, changes no number of the market but takes the formed path: both paths
// must give the same answer.
TEST(GsimIterative, FactoredAndFormedLevelsAgree) {
  const Market m = random_market({.regions = 60}, 23);
  const std::size_t n = m.exporters.size();
  Market wider = m;
  wider.importers.push_back("quiet");
  wider.importer_elasticities.push_back({-0.8, 1.5, 3.0});
  wider.flows.clear();
  wider.tariffs_before.clear();
  wider.tariffs_after.clear();
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t v = 0; v < n; ++v) {
      wider.flows.push_back(m.flows[m.index(r, v)]);
      wider.tariffs_before.push_back(m.tariffs_before[m.index(r, v)]);
      wider.tariffs_after.push_back(m.tariffs_after[m.index(r, v)]);
    }
    wider.flows.push_back(0.0);
    wider.tariffs_before.push_back(1.1);
    wider.tariffs_after.push_back(1.3);
  }
  pivot::trade::validate_market(wider, "test");
  for (const auto how : {LinearAlgebra::iterative, LinearAlgebra::dense}) {
    const MarketSolution factored = pivot::trade::detail::solve_market(m, how).nonlinear;
    MarketSolution formed = pivot::trade::detail::solve_market(wider, how).nonlinear;
    ASSERT_EQ(formed.regions.size(), n + 1);
    EXPECT_EQ(formed.regions[n].import_price_change, 0.0);  // buys nothing: its price index does not move
    formed.regions.pop_back();
    for (std::size_t i = 0; i < n; ++i) {  // sums over one more (zero) cell: equal up to rounding
      EXPECT_NEAR(formed.regions[i].exports_before, factored.regions[i].exports_before,
                  1e-14 * factored.regions[i].exports_before);
      formed.regions[i].exports_before = factored.regions[i].exports_before;
    }
    std::vector<double> flows;
    for (std::size_t r = 0; r < n; ++r)
      for (std::size_t v = 0; v < n; ++v) flows.push_back(formed.flows_after[wider.index(r, v)]);
    formed.flows_after = flows;
    EXPECT_LE(largest_difference(formed, factored), 1e-12);
  }
}

// solve_market starts Newton from the linear solution, solve_nonlinear from
// the initial prices: the start must not change the answer.
TEST(GsimIterative, NewtonStartDoesNotChangeTheAnswer) {
  for (const Market& m :
       {random_market({.regions = 60}, 24), random_market({.regions = 60, .mixed_elasticities = true}, 25),
        random_market({.regions = 8, .fixed_prices = true}, 26)})
    EXPECT_LE(largest_difference(pivot::trade::solve_market(m).nonlinear, pivot::trade::solve_nonlinear(m)), 1e-12)
        << m.product;
}

TEST(GsimIterative, ResultsIndependentOfThreadCount) {
  pivot::trade::TradeModel model;
  for (std::uint32_t k = 0; k < 6; ++k) model.markets.push_back(random_market({.regions = 64}, 30 + k));
  const auto one = pivot::trade::solve_trade(model, 1);
  const auto two = pivot::trade::solve_trade(model, 2);
  EXPECT_EQ(pivot::trade::regions_by_product_csv(one), pivot::trade::regions_by_product_csv(two));
  EXPECT_EQ(pivot::trade::flows_csv(model, one), pivot::trade::flows_csv(model, two));
}

}  // namespace
