// GSIM/SMART against hand calculations and closed forms. Each expected value's
// derivation is written beside it; none is copied from pivot's own output.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "pivot/core/error.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/output/trade_output.hpp"

namespace {

using pivot::trade::Elasticities;
using pivot::trade::Market;
using pivot::trade::MarketSolution;

constexpr double kInf = std::numeric_limits<double>::infinity();

// A market from a row-major flow matrix and tariff factors; same elasticities everywhere.
Market make_market(std::vector<std::string> exporters, std::vector<std::string> importers, std::vector<double> flows,
                   std::vector<double> before, std::vector<double> after, Elasticities e) {
  Market m;
  m.product = "test";
  m.exporters = std::move(exporters);
  m.importers = std::move(importers);
  m.flows = std::move(flows);
  m.tariffs_before = std::move(before);
  m.tariffs_after = std::move(after);
  m.exporter_elasticities.assign(m.exporters.size(), e);
  m.importer_elasticities.assign(m.importers.size(), e);
  pivot::trade::validate_market(m, "test");
  return m;
}

const pivot::trade::RegionOutcome& region(const MarketSolution& s, const std::string& name) {
  for (const auto& r : s.regions)
    if (r.region == name) return r;
  throw std::runtime_error("no region " + name);
}

// One exporter A selling 100 to one importer B; B's tariff goes from 0 to 10%.
Market one_pair(double ex) { return make_market({"A"}, {"B"}, {100}, {1.0}, {1.1}, {-1.25, ex, 5.0}); }

TEST(Gsim, OneSupplierLinearEqualsSmartTradeCreation) {
  // SMART's trade creation (Laird & Yeats 1986; WITS SMART documentation, "Trade
  // creation"): dM = M Em dt / ((1 + t0)(1 - Em/Ex)) = 100 (-1.25)(0.1) / (1 (1 + 1.25/1.5))
  //      = -12.5 / 1.833333... = -6.8181818...
  // GSIM with one exporter must agree: market clearing Em (Tdot + x) = Ex x gives
  //   x = Em Tdot / (Ex - Em) = -0.125 / 2.75 = -0.0454545..., Mdot = Ex x = -0.0681818...
  const MarketSolution s = pivot::trade::solve_linear(one_pair(1.5));
  const double x = region(s, "A").world_price_change;
  EXPECT_NEAR(x, -0.125 / 2.75, 1e-14);
  const double quantity_change = s.flows_after[0] / (1 + x) - 100;
  EXPECT_NEAR(quantity_change, -12.5 / (1 + 1.25 / 1.5), 1e-11);
  // Import price as GSIM reports it: (1 + x) T1/T0 - 1 = 1.1 * (1 - 0.0454545) - 1 = 0.05.
  EXPECT_NEAR(region(s, "B").import_price_change, 0.05, 1e-14);
  // Producer surplus, trapezoid: X (x + Ex x^2 / 2) = 100 (-0.0454545 + 0.75 * 0.00206612) = -4.3904959
  EXPECT_NEAR(region(s, "A").producer_surplus_change, 100 * (x + 0.75 * x * x), 1e-12);
  EXPECT_NEAR(region(s, "A").producer_surplus_change, -4.39049586776859, 1e-10);
}

TEST(Gsim, ReproducesTheGsimSpreadsheetExample) {
  // GSIM's 4-region example (Francois & Hall's GSIM spreadsheet: US, JP, EU, RW; Em = -1.25,
  // Ex = 1.5, Es = 5; flows and tariff factors below), simulating a US-EU free-trade
  // agreement (the US-EU and EU-US tariffs set to 1). The spreadsheet's reported world
  // price changes, as transcribed in a public R re-implementation ("GSIM 4x4 model"):
  //   US 0.0792, JP -0.0316, EU 0.0480, RW -0.0184 (four decimals).
  const std::vector<std::string> r = {"US", "JP", "EU", "RW"};
  const std::vector<double> flows = {0, 50, 200, 300, 500, 0, 150, 200, 300, 100, 200, 200, 50, 100, 110, 20};
  const std::vector<double> before = {1.00, 1.21, 1.41, 1.22, 1.37, 1.00, 1.31, 1.23,
                                      1.32, 1.36, 1.00, 1.18, 1.57, 1.41, 1.25, 1.15};
  std::vector<double> after = before;
  after[0 * 4 + 2] = 1.0;  // US exports to the EU
  after[2 * 4 + 0] = 1.0;  // EU exports to the US
  const MarketSolution s = pivot::trade::solve_linear(make_market(r, r, flows, before, after, {-1.25, 1.5, 5.0}));
  EXPECT_NEAR(region(s, "US").world_price_change, 0.0792, 0.00005);
  EXPECT_NEAR(region(s, "JP").world_price_change, -0.0316, 0.00005);
  EXPECT_NEAR(region(s, "EU").world_price_change, 0.0480, 0.00005);
  EXPECT_NEAR(region(s, "RW").world_price_change, -0.0184, 0.00005);
}

TEST(Gsim, OneSupplierNonlinearClosedForm) {
  // Levels: demand 100 (1.1 P)^Em equals supply 100 P^Ex, so
  //   ln P = Em ln 1.1 / (Ex - Em) = -1.25 * 0.0953101798 / 2.75 = -0.0433228090.
  const MarketSolution s = pivot::trade::solve_nonlinear(one_pair(1.5));
  const double y = -1.25 * std::log(1.1) / 2.75;
  EXPECT_NEAR(region(s, "A").world_price_change, std::expm1(y), 1e-12);
  EXPECT_NEAR(region(s, "B").import_price_change, 1.1 * std::exp(y) - 1, 1e-12);
  // Value after at the new world price: 100 P^(Ex+1).
  EXPECT_NEAR(s.flows_after[0], 100 * std::exp(2.5 * y), 1e-9);
  // Areas under the curves (normalised at price 1):
  //   dPS = 100 (P^2.5 - 1)/2.5;  dCS = -100 ((1.1P)^-0.25 - 1)/(-0.25);  dTR = 0.1 * 100 P^2.5.
  EXPECT_NEAR(region(s, "A").producer_surplus_change, 100 * std::expm1(2.5 * y) / 2.5, 1e-9);
  EXPECT_NEAR(region(s, "B").consumer_surplus_change, 400 * (std::pow(1.1 * std::exp(y), -0.25) - 1), 1e-9);
  EXPECT_NEAR(region(s, "B").tariff_revenue_change, 10 * std::exp(2.5 * y), 1e-9);
  EXPECT_LT(s.residual, 1e-12);
}

TEST(Gsim, SmallCountryTariffHarberger) {
  // Ex = inf fixes the world price (SMART's default). Importer B's tariff 0 -> 10% on 100:
  //   dCS = 400 (1.1^-0.25 - 1) = -9.4183641...
  //   dTR = 0.1 * 100 * 1.1^-1.25 = 8.8768554...,  net = -0.5415088 (evaluated with python3);
  //   the Harberger triangle t^2 Em M / 2 = -0.625 is the same loss to second order.
  const MarketSolution s = pivot::trade::solve_nonlinear(one_pair(kInf));
  EXPECT_EQ(region(s, "A").world_price_change, 0.0);
  EXPECT_EQ(region(s, "A").producer_surplus_change, 0.0);
  EXPECT_NEAR(region(s, "B").consumer_surplus_change, 400 * (std::pow(1.1, -0.25) - 1), 1e-10);
  EXPECT_NEAR(region(s, "B").tariff_revenue_change, 10 * std::pow(1.1, -1.25), 1e-10);
  EXPECT_NEAR(region(s, "B").net_welfare_change, -0.5415088, 1e-6);
  EXPECT_EQ(s.iterations, 0);  // nothing to solve
}

// Importer I buys 60 from A and 40 from B, both duty free; A's tariff rises to 20%. World prices fixed.
Market two_suppliers(double es, double em) {
  return make_market({"A", "B"}, {"I"}, {60, 40}, {1, 1}, {1.2, 1}, {em, kInf, es});
}

TEST(Gsim, TwoSuppliersLinearByHand) {
  // theta = (0.6, 0.4); Pdot = 0.6 * 0.2 = 0.12.
  // Mdot(A) = (Em+Es) Pdot - Es Tdot(A) = 3.75*0.12 - 5*0.2 = -0.55 -> 60 * 0.45 = 27
  // Mdot(B) = 3.75*0.12 = 0.45 -> 40 * 1.45 = 58
  // dCS = -100 (0.12 - 0.5*1.25*0.0144) = -11.1;  dTR = 0.2 * 27 = 5.4;  net = -5.7
  const MarketSolution s = pivot::trade::solve_linear(two_suppliers(5.0, -1.25));
  EXPECT_NEAR(s.flows_after[0], 27.0, 1e-12);
  EXPECT_NEAR(s.flows_after[1], 58.0, 1e-12);
  EXPECT_NEAR(region(s, "I").import_price_change, 0.12, 1e-15);
  EXPECT_NEAR(region(s, "I").consumer_surplus_change, -11.1, 1e-12);
  EXPECT_NEAR(region(s, "I").tariff_revenue_change, 5.4, 1e-12);
  EXPECT_NEAR(region(s, "I").net_welfare_change, -5.7, 1e-12);
}

TEST(Gsim, TwoSuppliersNonlinearCesClosedForm) {
  // CES price index with Es = 5: P = (0.6 * 1.2^-4 + 0.4)^(-1/4) = (0.2893519 + 0.4)^(-0.25) = 1.0974627 (python3)
  // q(A) = 60 (1.2/P)^-5 P^-1.25, q(B) = 40 P^5 P^-1.25 (Armington 1969 demand, world prices fixed).
  const MarketSolution s = pivot::trade::solve_nonlinear(two_suppliers(5.0, -1.25));
  const double p = std::pow(0.6 * std::pow(1.2, -4.0) + 0.4, -0.25);
  EXPECT_NEAR(p, 1.0974627, 1e-6);
  EXPECT_NEAR(region(s, "I").import_price_change, p - 1, 1e-13);
  EXPECT_NEAR(s.flows_after[0], 60 * std::pow(1.2 / p, -5.0) * std::pow(p, -1.25), 1e-10);
  EXPECT_NEAR(s.flows_after[1], 40 * std::pow(p, 5.0) * std::pow(p, -1.25), 1e-10);
  // The linear solution overshoots the loss of A's sales (27 vs the exact value): where the two differ.
  EXPECT_LT(pivot::trade::solve_linear(two_suppliers(5.0, -1.25)).flows_after[0], s.flows_after[0]);
}

TEST(Gsim, CobbDouglasAggregatorAndUnitDemandElasticity) {
  // Es = 1: P = 1.2^0.6 = 1.115571...; Em = -1: spending on imports is constant (100) and
  // dCS = -100 ln P = -60 ln 1.2 = -10.9393...; q(A) = 60 P^0 ... = 60 P / 1.2 * P^-1 = 50 (share 0.6 of 100 at
  // price 1.2)
  const MarketSolution s = pivot::trade::solve_nonlinear(two_suppliers(1.0, -1.0));
  EXPECT_NEAR(region(s, "I").import_price_change, std::pow(1.2, 0.6) - 1, 1e-13);
  EXPECT_NEAR(region(s, "I").consumer_surplus_change, -60 * std::log(1.2), 1e-11);
  EXPECT_NEAR(s.flows_after[0], 50.0, 1e-11);
  EXPECT_NEAR(s.flows_after[1], 40.0, 1e-11);
}

Market three_regions(double scale) {
  // K, U, C trade with one another; U raises its tariff on K from 0 to 25% * scale.
  return make_market({"K", "U", "C"}, {"K", "U", "C"}, {0, 130, 130, 60, 0, 150, 140, 440, 0},
                     {1, 1, 1.05, 1, 1, 1.10, 1.05, 1.20, 1}, {1, 1 + 0.25 * scale, 1.05, 1, 1, 1.10, 1.05, 1.20, 1},
                     {-1.25, 1.5, 5.0});
}

TEST(Gsim, LinearAndNonlinearAgreeToFirstOrder) {
  // Both forms share the Jacobian at the initial point, so for a small shock they
  // differ only at second order: halving the shock must roughly quarter the gap.
  auto gap = [](double scale) {
    const Market m = three_regions(scale);
    const auto a = pivot::trade::solve_linear(m), b = pivot::trade::solve_nonlinear(m);
    return std::abs(region(a, "K").world_price_change - region(b, "K").world_price_change);
  };
  const double g1 = gap(0.004), g2 = gap(0.002);
  EXPECT_GT(g1, 0);
  EXPECT_NEAR(g1 / g2, 4.0, 0.1);
}

TEST(Gsim, NonlinearClearsEveryMarketOnItsSupplyCurve) {
  // Definition of equilibrium: exporter r's quantity sold, sum_v value_after / (1 + x), equals
  // supply X (1 + x)^Ex with X its initial exports.
  const Market m = three_regions(1.0);
  const MarketSolution s = pivot::trade::solve_nonlinear(m);
  const double exports[] = {260, 210, 580};
  for (std::size_t r = 0; r < 3; ++r) {
    const double x = s.regions[r].world_price_change;
    double sold = 0;
    for (std::size_t v = 0; v < 3; ++v) sold += s.flows_after[m.index(r, v)] / (1 + x);
    EXPECT_NEAR(sold, exports[r] * std::pow(1 + x, 1.5), 1e-8) << m.exporters[r];
  }
  // A tariff on K's goods lowers K's world price (terms of trade loss).
  EXPECT_LT(s.regions[0].world_price_change, 0);
}

TEST(Gsim, NoPolicyChangeMeansNoEffect) {
  Market m = three_regions(0.0);
  for (const auto& s : {pivot::trade::solve_linear(m), pivot::trade::solve_nonlinear(m)})
    for (const auto& r : s.regions) {
      EXPECT_EQ(r.world_price_change, 0.0);
      EXPECT_EQ(r.net_welfare_change, 0.0);
    }
}

TEST(Gsim, SymmetricExportersMoveTogether) {
  // Two identical exporters facing the same tariff rise must see the same world price change.
  const Market m =
      make_market({"A", "B"}, {"I", "J"}, {50, 50, 50, 50}, {1, 1, 1, 1}, {1.1, 1, 1.1, 1}, {-1.25, 1.5, 5.0});
  const auto s = pivot::trade::solve_nonlinear(m);
  EXPECT_NEAR(s.regions[0].world_price_change, s.regions[1].world_price_change, 1e-14);
}

TEST(Gsim, ResultsIndependentOfThreadCount) {
  pivot::trade::TradeModel model;
  for (int k = 0; k < 40; ++k) {
    Market m = three_regions(0.2 + 0.05 * k);
    m.product = "p" + std::to_string(k);
    model.markets.push_back(m);
  }
  const auto one = pivot::trade::solve_trade(model, 1);
  const auto two = pivot::trade::solve_trade(model, 2);
  EXPECT_EQ(pivot::trade::regions_csv(model, one), pivot::trade::regions_csv(model, two));
  EXPECT_EQ(pivot::trade::flows_csv(model, one), pivot::trade::flows_csv(model, two));
  EXPECT_EQ(pivot::trade::regions_by_product_csv(one), pivot::trade::regions_by_product_csv(two));
}

TEST(Gsim, ValidationRejectsBadElasticities) {
  EXPECT_THROW(make_market({"A"}, {"B"}, {1}, {1}, {1}, {0.5, 1.5, 5.0}), pivot::InputError);
  EXPECT_THROW(make_market({"A"}, {"B"}, {1}, {1}, {1}, {-1.0, 0.0, 5.0}), pivot::InputError);
  EXPECT_THROW(make_market({"A"}, {"B"}, {-1}, {1}, {1}, {-1.0, 1.0, 5.0}), pivot::InputError);
}

}  // namespace

namespace {

// Extreme tariff factors: Newton from the initial prices can fail, and the
// solver falls back to continuation in log-tariff space. The answer must still
// be the closed form (one supplier) and clear every market (three regions).
TEST(Gsim, ExtremeTariffFactorsMatchClosedFormAndClear) {
  for (double factor : {1e-16, 1e-9, 1e9}) {  // 1e-16 needs the continuation fallback
    // One supplier: ln P = Em ln T / (Ex - Em), as in OneSupplierNonlinearClosedForm.
    const Market one = make_market({"A"}, {"B"}, {100}, {1.0}, {factor}, {-1.25, 1.5, 5.0});
    const MarketSolution s = pivot::trade::solve_nonlinear(one);
    const double y = -1.25 * std::log(factor) / 2.75;
    EXPECT_NEAR(std::log1p(region(s, "A").world_price_change), y, 1e-9) << factor;
    EXPECT_NEAR(std::log(s.flows_after[0] / 100), 2.5 * y, 1e-9) << factor;

    Market three = make_market({"K", "U", "C"}, {"K", "U", "C"}, {0, 130, 130, 60, 0, 150, 140, 440, 0},
                               {1, 1, 1.05, 1, 1, 1.10, 1.05, 1.20, 1}, {1, factor, 1.05, 1, 1, 1.10, 1.05, 1.20, 1},
                               {-1.25, 1.5, 5.0});
    const MarketSolution t = pivot::trade::solve_nonlinear(three);
    const double exports[] = {260, 210, 580};
    for (std::size_t r = 0; r < 3; ++r) {
      const double x = t.regions[r].world_price_change;
      double sold = 0;
      for (std::size_t v = 0; v < 3; ++v) sold += t.flows_after[three.index(r, v)] / (1 + x);
      EXPECT_NEAR(sold / (exports[r] * std::pow(1 + x, 1.5)), 1.0, 1e-9) << factor << " " << three.exporters[r];
    }
  }
}

}  // namespace
