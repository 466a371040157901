// korea-2025 in general equilibrium (ge/ge.toml): the products' tariffs summed by
// hand, domestic sales from gdp.csv, properties derived by hand (no tariff change,
// no welfare change; the Arkolakis-Costinot-Rodriguez-Clare identity), the pipeline's
// ge.json and the report's section, and the Monte Carlo over sigma and pass-through.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/econ/ge_scenario.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace {

namespace fs = std::filesystem;
using namespace pivot;
using namespace pivot::gravity;

fs::path korea() { return pipeline::builtin_scenario_root() / "korea-2025"; }

trade::TradeModel korea_case(const std::string& name) {
  return trade::load_trade_model(korea() / "trade" / (name + ".toml"));
}

std::size_t region(const GeView& v, const std::string& name) {
  return static_cast<std::size_t>(std::find(v.regions.begin(), v.regions.end(), name) - v.regions.begin());
}

// Two products on one route A -> B: 30 at 10% -> 20%, 10 at 0% -> 0%.
trade::TradeModel two_products() {
  trade::TradeModel m;
  for (double flow : {30.0, 10.0}) {
    trade::Market market;
    market.exporters = market.importers = {"A", "B"};
    market.flows = {0, flow, 0, 0};
    market.tariffs_before = {1, flow == 30.0 ? 1.10 : 1.0, 1, 1};
    market.tariffs_after = {1, flow == 30.0 ? 1.20 : 1.0, 1, 1};
    m.markets.push_back(market);
  }
  return m;
}

TEST(GeScenario, RouteTariffIsWeightedByBaselineFlows) {
  const trade::TradeModel m = two_products();
  // (30 x 10 + 10 x 0) / 40 = 7.5; after: (30 x 20 + 10 x 0) / 40 = 15.
  EXPECT_NEAR(route_tariff_percent(m, "A", "B", false), 7.5, 1e-12);
  EXPECT_NEAR(route_tariff_percent(m, "A", "B", true), 15.0, 1e-12);
  EXPECT_DOUBLE_EQ(route_tariff_percent(m, "B", "A", true), 0.0);  // no flow: no tariff
}

TEST(GeScenario, KoreaViewLoadsWithDomesticSalesFromGdp) {
  const auto view = load_ge_view(korea());
  ASSERT_TRUE(view);
  EXPECT_EQ(view->regions.size(), 7u);
  EXPECT_EQ(view->sigma, 5.0);
  EXPECT_EQ(view->pass_through, 1.0);
  const GeInputs in = tariff_ge_inputs(*view, korea_case("us-tariff-25-vs-15"), view->sigma, view->pass_through);
  const std::size_t k = region(*view, "KOR"), n = view->regions.size();
  // Korea's 2024 exports to the six other regions (trade/flow-sources.csv): 127.80 + 133.00 +
  // 29.60 + 68.10 + 41.88 + 283.38 = 683.76; domestic sales 1870.0 - 683.76 = 1186.24.
  EXPECT_NEAR(in.trade[k * n + k], 1186.24, 0.01);
  double exports = 0;
  for (std::size_t j = 0; j < n; ++j)
    if (j != k) exports += in.trade[k * n + j];
  EXPECT_NEAR(exports, 683.76, 0.01);
  // The US tariff on Korea: 25% vs 15% on autos, ships and other goods only, so the
  // route's average rises by less than 10 points and more than 0.
  const std::size_t u = region(*view, "USA");
  const double before = route_tariff_percent(korea_case("us-tariff-25-vs-15"), "KOR", "USA", false);
  const double after = route_tariff_percent(korea_case("us-tariff-25-vs-15"), "KOR", "USA", true);
  EXPECT_GT(after - before, 0.0);
  EXPECT_LT(after - before, 10.0);
  EXPECT_NEAR(in.cost_counterfactual[k * n + u] / in.cost_baseline[k * n + u],
              std::pow((1 + after / 100) / (1 + before / 100), -5.0), 1e-12);
}

TEST(GeScenario, NoTariffChangeOrNoPassThroughGivesNoWelfareChange) {
  const auto view = load_ge_view(korea());
  ASSERT_TRUE(view);
  trade::TradeModel unchanged = korea_case("us-tariff-25-vs-15");
  for (auto& m : unchanged.markets) m.tariffs_after = m.tariffs_before;
  const GeCase same = solve_ge_case(*view, unchanged, "same", 5.0, 1.0);
  const GeCase none = solve_ge_case(*view, korea_case("us-tariff-25-vs-15"), "none", 5.0, 0.0);
  for (std::size_t i = 0; i < view->regions.size(); ++i) {
    EXPECT_NEAR(real_income_change_percent(same, i), 0.0, 1e-9) << view->regions[i];
    EXPECT_NEAR(real_income_change_percent(none, i), 0.0, 1e-9) << view->regions[i];
  }
}

// Arkolakis, Costinot & Rodriguez-Clare (2012): with the domestic cost unchanged,
// X_jj = (p_j / P_j)^(1-sigma) E_j (const), so the domestic share lambda_jj = X_jj / E_j
// changes by (p^_j / P^_j)^(1-sigma) and real income p Y / P by lambda^_jj^(1/(1-sigma)).
// An importer's own tariff (no revenue returned in this model) and the targeted exporter's
// lost sales both raise the domestic share: both lose.
TEST(GeScenario, RealIncomeFollowsTheDomesticShareAndBothSidesOfTheTariffLose) {
  const auto view = load_ge_view(korea());
  ASSERT_TRUE(view);
  const GeCase c = solve_ge_case(*view, korea_case("us-tariff-25-vs-15"), "us", 5.0, 1.0);
  ASSERT_TRUE(c.result.converged);
  const std::size_t n = view->regions.size();
  for (const GeState* s : {&c.result.full, &c.result.hat})
    for (std::size_t j = 0; j < n; ++j) {
      const double before = c.result.baseline.flows[j * n + j] / c.result.baseline.expenditure[j];
      const double after = s->flows[j * n + j] / s->expenditure[j];
      const double acr = 100 * (std::pow(after / before, 1 / (1 - 5.0)) - 1);
      const double got = percent_change(c.result.baseline.real_output[j], s->real_output[j]);
      EXPECT_NEAR(got, acr, 1e-6 + 1e-6 * std::abs(acr)) << view->regions[j];
    }
  EXPECT_LT(real_income_change_percent(c, region(*view, "KOR")), 0.0);
  EXPECT_LT(real_income_change_percent(c, region(*view, "USA")), 0.0);
  // China's retaliation on Korea: China imposes, Korea is targeted.
  const GeCase r = solve_ge_case(*view, korea_case("china-retaliation-on-korea"), "cn", 5.0, 1.0);
  EXPECT_LT(real_income_change_percent(r, region(*view, "KOR")), 0.0);
  EXPECT_LT(real_income_change_percent(r, region(*view, "CHN")), 0.0);
}

TEST(GeScenario, BadViewsNameFileAndKey) {
  const fs::path dir = fs::temp_directory_path() / "pivot_ge_view_bad";
  fs::remove_all(dir);
  fs::create_directories(dir / "ge");
  auto error_with = [&](const std::string& toml, const std::string& csv) -> std::string {
    std::ofstream(dir / "ge" / "ge.toml") << toml;
    std::ofstream(dir / "ge" / "gdp.csv") << csv;
    try {
      load_ge_view(dir);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  const std::string csv = "region,gdp_usd_bn,source,reasoning\nA,10,s,r\nB,20,s,r\n";
  EXPECT_NE(error_with("gdp = \"gdp.csv\"\nreference = \"A\"\nsigma = 1\n", csv).find("ge.toml:3"), std::string::npos);
  EXPECT_NE(error_with("gdp = \"gdp.csv\"\nreference = \"C\"\n", csv).find("'C' is not a region"), std::string::npos);
  EXPECT_NE(error_with("gdp = \"gdp.csv\"\nreference = \"A\"\nsigmaa = 5\n", csv).find("unknown key"),
            std::string::npos);
  EXPECT_NE(error_with("gdp = \"gdp.csv\"\nreference = \"A\"\n", "region,gdp_usd_bn,source,reasoning\nA,10,s,\n")
                .find("gdp.csv:2"),
            std::string::npos);
  EXPECT_NE(error_with("gdp = \"gdp.csv\"\nreference = \"A\"\npass_through = 2\n", csv).find("pass_through"),
            std::string::npos);
  EXPECT_EQ(error_with("gdp = \"gdp.csv\"\nreference = \"A\"\n", csv), "");
}

// GEPPML's round-by-round iteration oscillates with growing amplitude on korea-2025's
// shares (docs/models/ge.md): the run stops with an error naming ge.toml's closure
// rather than writing NaNs.
TEST(GeScenario, ADivergingClosureIsAnErrorNamingTheClosure) {
  const fs::path dir = fs::temp_directory_path() / "pivot_ge_geppml_korea";
  fs::remove_all(dir);
  fs::copy(korea(), dir, fs::copy_options::recursive);
  std::string text = pivot::read_text_file(dir / "ge" / "ge.toml");
  text.replace(text.find("closure = \"hat\""), std::string("closure = \"hat\"").size(), "closure = \"geppml\"");
  std::ofstream(dir / "ge" / "ge.toml", std::ios::binary | std::ios::trunc) << text;
  pipeline::RunSettings settings;
  settings.monte_carlo = false;
  settings.threads = 1;
  try {
    pipeline::run_study(dir.string(), settings, "out");
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("ge.toml:13:1: closure"), std::string::npos) << what;
  }
}

TEST(GeScenario, RunWritesGeJsonAndTheReportShowsItsNumbers) {
  pipeline::RunSettings settings;
  settings.monte_carlo = false;
  settings.threads = 1;
  const pipeline::Documents docs = pipeline::run_study("korea-2025", settings, "out");
  std::map<std::string, std::string> files(docs.files.begin(), docs.files.end());
  ASSERT_TRUE(files.count("ge.json"));
  const auto ge = nlohmann::json::parse(files["ge.json"]);
  ASSERT_EQ(ge["cases"].size(), 3u);
  const auto trade = nlohmann::json::parse(files["trade.json"]);
  const std::string& html = files["report.html"];
  EXPECT_NE(html.find("<section id=\"ge\">"), std::string::npos);
  EXPECT_NE(html.find("GSIM is partial equilibrium"), std::string::npos);
  for (const auto& c : ge["cases"]) {
    ASSERT_EQ(c["regions"].size(), 7u);
    EXPECT_TRUE(c["converged"].get<bool>());
    // The GE view solves the same cases GSIM does, with GSIM's net welfare beside it.
    bool found = false;
    for (const auto& t : trade["scenarios"])
      if (t["name"] == c["name"]) {
        found = true;
        for (const auto& r : c["regions"])
          for (const auto& tr : t["regions"])
            if (tr["region"] == r["region"]) {
              EXPECT_DOUBLE_EQ(r["gsim_net_welfare_change"].get<double>(), tr["net_welfare_change"].get<double>());
            }
      }
    EXPECT_TRUE(found) << c["name"];
    // The chart carries each bar's value: GE's real-income change for Korea, to 6 decimals.
    for (const auto& r : c["regions"])
      if (r["region"] == "KOR") {
        const double v = r["real_income_change_pct_full"].get<double>();
        if (c["name"] != "us-china-escalation") {
          EXPECT_LT(v, 0.0) << c["name"];  // Korea targeted
        }
        char text[64];
        std::snprintf(text, sizeof text, "%.6f", v);
        std::string shown(text);
        while (shown.back() == '0') shown.pop_back();
        EXPECT_NE(
            html.find("data-case=\"" + c["name"].get<std::string>() +
                      "\" data-region=\"KOR\" data-field=\"real_income_change_pct_full\" data-value=\"" + shown + "\""),
            std::string::npos)
            << shown;
      }
  }
}

TEST(GeScenario, MonteCarloOverSigmaAndPassThroughIsThreadInvariant) {
  const Study study = pipeline::load_study("korea-2025");
  const TrialModel model = make_trial_model(study, "ge:us-tariff-25-vs-15", {});
  ASSERT_EQ(model.outputs.size(), 7u);
  McOptions options;
  options.seed = 7;
  options.trials = 64;
  options.threads = 1;
  const McRun one = run_monte_carlo(study, model, options);
  options.threads = 4;
  const McRun four = run_monte_carlo(study, model, options);
  ASSERT_EQ(one.results.size(), 64u);
  EXPECT_EQ(one.results, four.results);
  EXPECT_EQ(one.sampled, four.sampled);
  // The point run is the view's own case (sigma 5, pass-through 1).
  const auto view = load_ge_view(korea());
  const GeCase c = solve_ge_case(*view, korea_case("us-tariff-25-vs-15"), "us", 5.0, 1.0);
  for (std::size_t i = 0; i < view->regions.size(); ++i)
    EXPECT_DOUBLE_EQ(one.point[i], real_income_change_percent(c, i));
  // Each trial is the case at its drawn sigma and pass-through (columns named ge.NAME.FIELD).
  std::size_t sigma = one.inputs.size(), rho = one.inputs.size();
  for (std::size_t v = 0; v < one.inputs.size(); ++v) {
    if (one.inputs[v].name == "ge.us-tariff-25-vs-15.sigma") sigma = v;
    if (one.inputs[v].name == "ge.us-tariff-25-vs-15.pass_through") rho = v;
  }
  ASSERT_LT(sigma, one.inputs.size());
  ASSERT_LT(rho, one.inputs.size());
  const std::size_t k = region(*view, "KOR");
  for (std::size_t t = 0; t < 4; ++t) {
    EXPECT_GE(one.sampled[t][sigma], 4.0);
    EXPECT_LE(one.sampled[t][sigma], 8.0);
    EXPECT_GE(one.sampled[t][rho], 0.5);
    EXPECT_LE(one.sampled[t][rho], 1.0);
    const GeCase d =
        solve_ge_case(*view, korea_case("us-tariff-25-vs-15"), "us", one.sampled[t][sigma], one.sampled[t][rho]);
    EXPECT_DOUBLE_EQ(one.results[t][k], real_income_change_percent(d, k));
    EXPECT_LT(one.results[t][k], 0.0);
  }
  // Korea's loss to first order (ACR, a small shock): (1/(sigma-1)) d ln lambda_KK with
  // d ln lambda_KK proportional to sigma d ln(1 + rho t) on its US sales, so the loss goes
  // as sigma/(sigma-1) (falling in sigma) times d ln(1 + rho t) (rising in rho). So every
  // trial lies between the corners (sigma 4, rho 1) and (sigma 8, rho 0.5) of the ranges.
  auto korea_at = [&](double s, double r) {
    return real_income_change_percent(solve_ge_case(*view, korea_case("us-tariff-25-vs-15"), "us", s, r), k);
  };
  const double worst = korea_at(4, 1), mildest = korea_at(8, 0.5);
  EXPECT_LT(korea_at(4, 1), korea_at(5, 1));
  EXPECT_LT(korea_at(5, 1), korea_at(8, 1));
  EXPECT_LT(korea_at(8, 1), korea_at(8, 0.75));
  for (const auto& row : one.results) {
    EXPECT_GE(row[k], worst);
    EXPECT_LE(row[k], mildest);
  }
  EXPECT_THROW(make_trial_model(study, "ge:nope", {}), UsageError);
}

}  // namespace

// The GE view's files are inputs of the run: a copy of korea-2025 hashes as the
// built-in does (same bytes), and changing one figure of ge/gdp.csv (KOR's GDP
// 1870.0 -> 1871.0) or ge.toml changes the manifest's input hash.
TEST(GeScenario, TheGdpFileAndGeTomlJoinTheInputHash) {
  const fs::path dir = fs::temp_directory_path() / "pivot_ge_hash_korea";
  fs::remove_all(dir);
  fs::copy(korea(), dir, fs::copy_options::recursive);
  const std::string base = pipeline::load_study(dir.string()).scenario.input_hash;
  EXPECT_EQ(base, pipeline::load_study("korea-2025").scenario.input_hash);

  const fs::path gdp = dir / "ge" / "gdp.csv";
  const std::string original = pivot::read_text_file(gdp);
  std::string text = original;
  ASSERT_NE(text.find("KOR,1870.0,"), std::string::npos);
  text.replace(text.find("KOR,1870.0,"), 11, "KOR,1871.0,");
  std::ofstream(gdp, std::ios::binary | std::ios::trunc) << text;
  const std::string changed_gdp = pipeline::load_study(dir.string()).scenario.input_hash;
  EXPECT_NE(changed_gdp, base);
  std::ofstream(gdp, std::ios::binary | std::ios::trunc) << original;
  EXPECT_EQ(pipeline::load_study(dir.string()).scenario.input_hash, base);

  std::ofstream(dir / "ge" / "ge.toml", std::ios::binary | std::ios::app) << "\n# a comment\n";
  EXPECT_NE(pipeline::load_study(dir.string()).scenario.input_hash, base);

  fs::remove_all(dir);
}
