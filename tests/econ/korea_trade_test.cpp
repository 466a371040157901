// The korea-2025 trade scenarios: they load, solve, and move the way the
// economics says they must (signs reasoned by hand below, not read off our output).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "pivot/core/error.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"

namespace {

namespace fs = std::filesystem;
using pivot::trade::RegionOutcome;
using pivot::trade::Solver;

fs::path korea_trade() { return pivot::pipeline::builtin_scenario_root() / "korea-2025" / "trade"; }

struct Solved {
  pivot::trade::TradeModel model;
  pivot::trade::TradeResult result;
  RegionOutcome region(const std::string& name, Solver s = Solver::nonlinear) const {
    return pivot::trade::region_total(result, name, s);
  }
  // Summed over products: the route's flow before and after (non-linear).
  std::pair<double, double> flow(const std::string& exporter, const std::string& importer) const {
    double before = 0, after = 0;
    for (std::size_t k = 0; k < model.markets.size(); ++k) {
      const auto& m = model.markets[k];
      for (std::size_t r = 0; r < m.exporters.size(); ++r)
        for (std::size_t v = 0; v < m.importers.size(); ++v)
          if (m.exporters[r] == exporter && m.importers[v] == importer) {
            before += m.flows[m.index(r, v)];
            after += result.markets[k].nonlinear.flows_after[m.index(r, v)];
          }
    }
    return {before, after};
  }
};

Solved solve(const std::string& name) {
  Solved s{pivot::trade::load_trade_model(korea_trade() / (name + ".toml")), {}};
  s.result = pivot::trade::solve_trade(s.model, 1);
  return s;
}

TEST(KoreaTrade, ScenariosLoadWithFiveSectorsAndSevenRegions) {
  for (const char* name : {"us-tariff-25-vs-15", "us-china-escalation", "china-retaliation-on-korea"}) {
    const Solved s = solve(name);
    ASSERT_EQ(s.model.markets.size(), 5u) << name;
    EXPECT_EQ(s.model.markets[0].product, "semiconductors");
    EXPECT_EQ(s.model.markets[0].exporters.size(), 7u);
    EXPECT_EQ(s.result.total_nonlinear.size(), 7u);
    for (const auto& m : s.result.markets) EXPECT_LT(m.nonlinear.residual, 1e-9) << name << " " << m.product;
    EXPECT_FALSE(s.model.title.empty());
  }
  // Per-product Armington elasticities (GTAP, Hertel et al. 2007) reach the markets.
  const Solved s = solve("us-tariff-25-vs-15");
  EXPECT_DOUBLE_EQ(s.model.markets[0].importer_elasticities[0].substitution, 8.8);  // semiconductors
  EXPECT_DOUBLE_EQ(s.model.markets[1].importer_elasticities[0].substitution, 5.6);  // autos
  EXPECT_DOUBLE_EQ(s.model.markets[4].importer_elasticities[0].substitution, 5.0);  // other: GSIM default
  EXPECT_DOUBLE_EQ(s.model.markets[0].importer_elasticities[0].import_demand, -1.25);
}

// The 2024 flow matrix adds up to the published totals it was built from
// (scripts/korea-trade-data.py, flow-sources.csv). Each expected value is the
// publication's figure, typed from the release: MOTIE 2025-01-01 (Xinhua/IANS),
// US Census 2024 (2025-02-05, Census basis), Japan MOF 2025-01-23 (Kyodo; yen at
// MOF's 2024 average 150.97), Eurostat 2025-02-17 (euro at the ECB 2024 average
// 1.0824), Taiwan MOF 2025-01-09/14, GACC 2025-01-13.
TEST(KoreaTrade, FlowsAddUpToThePublishedTotals) {
  const Solved s = solve("us-tariff-25-vs-15");
  // Sum of the flows from `exporter` to `importer` in `product`; "" matches any.
  auto total = [&](const std::string& exporter, const std::string& importer, const std::string& product = "") {
    double sum = 0;
    for (const auto& m : s.model.markets) {
      if (!product.empty() && m.product != product) continue;
      for (std::size_t r = 0; r < m.exporters.size(); ++r)
        for (std::size_t v = 0; v < m.importers.size(); ++v)
          if ((exporter.empty() || m.exporters[r] == exporter) && (importer.empty() || m.importers[v] == importer))
            sum += m.flows[m.index(r, v)];
    }
    return sum;
  };
  const double tol = 0.02;  // cells are written with 3 decimals
  const double jpy = 150.97, eur = 1.0824;
  EXPECT_NEAR(total("KOR", ""), 683.76, tol);  // MOTIE: exports
  EXPECT_NEAR(total("", "KOR"), 631.99, tol);  // MOTIE: imports
  EXPECT_NEAR(total("KOR", "USA"), 127.8, tol);
  EXPECT_NEAR(total("KOR", "CHN"), 133.0, tol);
  EXPECT_NEAR(total("CHN", "KOR"), 133.0 + 6.82, tol);  // MOTIE: deficit with China ~6.82
  EXPECT_NEAR(total("KOR", "", "semiconductors"), 141.92, tol);
  EXPECT_NEAR(total("KOR", "", "autos"), 70.79, tol);
  EXPECT_NEAR(total("KOR", "", "ships"), 25.63, tol);
  EXPECT_NEAR(total("KOR", "", "steel"), 33.29, tol);  // MOTIE via oreaco: steel exports 2024
  // MOTIE/KITA shares of Korea's chip exports, January-November 2024 (Yonhap 2025-01-05).
  EXPECT_NEAR(total("KOR", "CHN", "semiconductors"), 0.333 * 141.92, tol);
  EXPECT_NEAR(total("KOR", "TWN", "semiconductors"), 0.145 * 141.92, tol);
  EXPECT_NEAR(total("KOR", "USA", "semiconductors"), 0.072 * 141.92, tol);
  EXPECT_NEAR(total("USA", ""), 2064.5, tol);  // Census basis
  EXPECT_NEAR(total("", "USA"), 3267.4, tol);
  EXPECT_NEAR(total("CHN", "USA"), 438.9, tol);
  EXPECT_NEAR(total("JPN", ""), 107.0913e3 / jpy, tol);
  EXPECT_NEAR(total("", "JPN"), 112.4238e3 / jpy, tol);
  EXPECT_NEAR(total("JPN", "USA"), 21.30e3 / jpy, tol);
  EXPECT_NEAR(total("JPN", "", "autos"), 17.9094e3 / jpy, tol);  // MOF: motor vehicles
  EXPECT_NEAR(total("EU", ""), 2584.1 * eur, tol);               // extra-EU exports
  EXPECT_NEAR(total("", "EU"), 2434.0 * eur, tol);               // extra-EU imports
  EXPECT_NEAR(total("EU", "", "autos"), 165.2 * eur, tol);       // Eurostat: extra-EU car exports
  EXPECT_NEAR(total("TWN", ""), 475.07, tol);
  EXPECT_NEAR(total("TWN", "KOR"), 20.79, tol);
  EXPECT_NEAR(total("CHN", ""), 3580.0, tol);
}

// A higher US tariff on Korea: Korean exporters sell less to the US at lower
// world prices (producer surplus falls); US buyers pay more (consumer surplus
// falls); Korea's competitors in the US market gain from the diversion.
TEST(KoreaTrade, UsTariff25Vs15HurtsKoreanProducersAndHelpsTheirRivals) {
  const Solved s = solve("us-tariff-25-vs-15");
  const RegionOutcome kor = s.region("KOR");
  EXPECT_LT(kor.producer_surplus_change, 0);
  EXPECT_LT(kor.world_price_change, 0);
  EXPECT_LT(kor.net_welfare_change, 0);
  EXPECT_LT(s.region("USA").consumer_surplus_change, 0);
  for (const char* rival : {"JPN", "EU", "CHN", "TWN"}) EXPECT_GT(s.region(rival).producer_surplus_change, 0) << rival;
  const auto [before, after] = s.flow("KOR", "USA");
  EXPECT_LT(after, before);
  // The linear solve agrees in sign (its size differs: docs/economics.md, "Where the two forms differ").
  EXPECT_LT(s.region("KOR", Solver::linear).producer_surplus_change, 0);
}

// +100 points each way between the US and China: both lose on their exports;
// Korea, outside the fight, sells more to both (trade diversion).
TEST(KoreaTrade, UsChinaEscalationHurtsBothAndDivertsToKorea) {
  const Solved s = solve("us-china-escalation");
  EXPECT_LT(s.region("CHN").producer_surplus_change, 0);
  EXPECT_LT(s.region("USA").producer_surplus_change, 0);
  EXPECT_LT(s.region("USA").consumer_surplus_change, 0);
  EXPECT_LT(s.region("CHN").consumer_surplus_change, 0);
  EXPECT_GT(s.region("KOR").producer_surplus_change, 0);
  EXPECT_GT(s.flow("KOR", "USA").second, s.flow("KOR", "USA").first);
  EXPECT_LT(s.flow("CHN", "USA").second, s.flow("CHN", "USA").first);
}

// China's retaliation on Korean autos and consumer goods: Korea's producers
// lose, Chinese buyers pay more, Japan (Korea's closest rival) gains.
TEST(KoreaTrade, ChinaRetaliationHurtsKorea) {
  const Solved s = solve("china-retaliation-on-korea");
  EXPECT_LT(s.region("KOR").producer_surplus_change, 0);
  EXPECT_LT(s.region("CHN").consumer_surplus_change, 0);
  EXPECT_GT(s.region("JPN").producer_surplus_change, 0);
  EXPECT_LT(s.flow("KOR", "CHN").second, s.flow("KOR", "CHN").first);
}

// Product "x" shipped only from A to B: 100 of trade, no tariff before, the
// tariff factor `after`, Em = -1.25, and the given Ex and sigma.
pivot::trade::Market one_route_market(double after, double export_supply, double substitution) {
  pivot::trade::Market m;
  m.product = "x";
  m.exporters = {"A"};
  m.importers = {"B"};
  m.flows = {100};
  m.tariffs_before = {1.0};
  m.tariffs_after = {after};
  m.exporter_elasticities = {{-1, export_supply, 0}};
  m.importer_elasticities = {{-1.25, 1, substitution}};
  return m;
}

// price_tariff_outcome with a fixed world price (Ex = inf) and one route: the
// importer's composite price is the tariff factor, and by hand
//   dCS = -E (P^(Em+1) - 1) / (Em+1) = -100 (1.1^-0.25 - 1) / -0.25 = -9.41836413
//   revenue = 0.1 * 100 * 1.1^-1.25 = 8.87685536, so net = -0.54150877 (Harberger's triangle).
TEST(TariffOutcome, PricesOneRouteByHand) {
  pivot::trade::TradeModel model;
  model.markets = {one_route_market(1.5, INFINITY, 5)};  // tariffs_after ignored: the outcome replaces it
  const RegionOutcome b = pivot::trade::price_tariff_outcome(model, {{"A", "B", "", 10.0}}, "B");
  EXPECT_NEAR(b.consumer_surplus_change, -9.418364129, 1e-8);
  EXPECT_NEAR(b.tariff_revenue_change, 8.876855361, 1e-8);
  EXPECT_NEAR(b.net_welfare_change, -0.541508769, 1e-8);
  EXPECT_NEAR(pivot::trade::price_tariff_outcome(model, {{"A", "B", "x", 10.0}}, "A").producer_surplus_change, 0,
              1e-12);
  EXPECT_THROW(pivot::trade::price_tariff_outcome(model, {{"A", "C", "", 10.0}}, "B"), pivot::UsageError);
  EXPECT_THROW(pivot::trade::price_tariff_outcome(model, {{"A", "B", "", 10.0}}, "Z"), pivot::UsageError);
  EXPECT_THROW(pivot::trade::price_tariff_outcome(model, {{"A", "B", "", NAN}}, "B"), pivot::UsageError);
}

// The korea model priced through price_tariff_outcome with the scenario's own
// change gives the scenario's result: the two paths share no code but the solver.
TEST(TariffOutcome, KoreaOutcomeMatchesTheScenarioFile) {
  const Solved s = solve("us-tariff-25-vs-15");
  const RegionOutcome direct = s.region("KOR");
  const RegionOutcome priced = pivot::trade::price_tariff_outcome(
      s.model, {{"KOR", "USA", "autos", 25}, {"KOR", "USA", "ships", 25}, {"KOR", "USA", "other", 25}}, "KOR");
  EXPECT_NEAR(priced.net_welfare_change, direct.net_welfare_change, 1e-9);
  EXPECT_NEAR(priced.producer_surplus_change, direct.producer_surplus_change, 1e-9);
}

}  // namespace

namespace {

// Elasticities beyond +-1000 would overflow the CES powers: refused, naming the field.
TEST(TradeValidation, RefusesAbsurdElasticities) {
  pivot::trade::Market m = one_route_market(1.1, 1.5, 1e6);
  EXPECT_THROW(pivot::trade::validate_market(m, "f"), pivot::InputError);
  m.importer_elasticities = {{-1.25, 1, 5}};
  m.exporter_elasticities = {{-1, 1e6, 0}};
  EXPECT_THROW(pivot::trade::validate_market(m, "f"), pivot::InputError);
  m.exporter_elasticities = {{-1, INFINITY, 0}};  // inf: a fixed world price, allowed
  EXPECT_NO_THROW(pivot::trade::validate_market(m, "f"));
}

}  // namespace
