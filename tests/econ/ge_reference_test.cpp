// The GE model against the three published cases in ../shared/data/ge (their
// READMEs give every setting and number): GEPPML's own example (Anderson, Larch &
// Yotov 2018), the Advanced Guide's "trade without borders" (Yotov et al. 2016)
// and gegravity's sample (Herman 2021). Every expected value comes from those
// files or from the Stata logs they quote, never from pivot.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "../support/pivot_cli.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/econ/ge_model.hpp"

namespace fs = std::filesystem;
using namespace pivot;
using namespace pivot::gravity;

namespace {

fs::path case_dir(const std::string& name) { return fs::path(PIVOT_SHARED_DATA) / "ge" / name; }
fs::path model_file(const std::string& name) { return fs::path(PIVOT_TEST_DATA) / "ge" / (name + ".toml"); }

// The shared case must be there: a missing file fails under CI=true, skips otherwise.
#define REQUIRE_CASE(name)                                                                         \
  do {                                                                                             \
    if (!fs::exists(case_dir(name))) {                                                             \
      const char* ci = std::getenv("CI");                                                          \
      if (ci && std::string(ci) == "true") FAIL() << "missing " << case_dir(name) << " (CI=true)"; \
      GTEST_SKIP() << "missing " << case_dir(name);                                                \
    }                                                                                              \
  } while (0)

// country -> column -> value, from a reference CSV with a `country` column first.
using Table = std::map<std::string, std::map<std::string, double>>;

Table read_table(const fs::path& path) {
  const CsvTable csv = read_csv_file(path);
  Table out;
  const auto& header = csv.rows.at(0).fields;
  for (std::size_t r = 1; r < csv.rows.size(); ++r) {
    const auto& fields = csv.rows[r].fields;
    for (std::size_t c = 1; c < fields.size(); ++c) out[fields[0].text][header[c].text] = std::stod(fields[c].text);
  }
  return out;
}

std::size_t index_of(const GeRun& run, const std::string& country) {
  const auto& c = run.inputs.countries;
  return std::find(c.begin(), c.end(), country) - c.begin();
}

double coefficient(const GeRun& run, const std::string& term) {
  return run.beta[std::find(run.terms.begin(), run.terms.end(), term) - run.terms.begin()];
}
double std_error(const GeRun& run, const std::string& term) {
  return run.std_error[std::find(run.terms.begin(), run.terms.end(), term) - run.terms.begin()];
}

struct Changes {  // percent changes of one country, as the cases report them
  double rgdp_cndl, rgdp_full, rgdp_hat, exports_cndl, exports_full, price, imr_power_full, imr_level_full,
      imr_level_cndl, omr_level_cndl, omr_level_full, imports_full, domestic_full;
};

Changes changes(const GeRun& run, std::size_t i) {
  const GeResult& r = run.result;
  const double s = run.inputs.sigma;
  const std::size_t n = run.inputs.countries.size();
  auto level = [s](double before, double after) {
    return percent_change(resistance_level(before, s), resistance_level(after, s));
  };
  return {percent_change(r.baseline.real_output[i], r.conditional.real_output[i]),
          percent_change(r.baseline.real_output[i], r.full.real_output[i]),
          percent_change(r.baseline.real_output[i], r.hat.real_output[i]),
          percent_change(r.baseline.exports[i], r.conditional.exports[i]),
          percent_change(r.baseline.exports[i], r.full.exports[i]),
          100 * (r.full.factory_price[i] - 1),
          percent_change(r.baseline.imr_power[i], r.full.imr_power[i]),
          level(r.baseline.imr_power[i], r.full.imr_power[i]),
          level(r.baseline.imr_power[i], r.conditional.imr_power[i]),
          level(r.baseline.omr_power[i], r.conditional.omr_power[i]),
          level(r.baseline.omr_power[i], r.full.omr_power[i]),
          percent_change(r.baseline.imports[i], r.full.imports[i]),
          percent_change(r.baseline.flows[i * n + i], r.full.flows[i * n + i])};
}

GeRun run_case(const std::string& name, double tolerance = 0) {
  GeModel model = load_ge_model(model_file(name));
  if (tolerance > 0) model.tolerance = tolerance;
  return run_ge(model);
}

}  // namespace

// ---------------------------------------------------------------------------
// Anderson, Larch & Yotov (2018): geppml.log and all_indexes_geppml.dta.

TEST(GeAly2018, PpmlCoefficientsAndRobustErrorsMatchTheLog) {
  REQUIRE_CASE("aly2018_geppml_41");
  const GeRun run = run_case("aly2018_geppml_41");
  EXPECT_NEAR(coefficient(run, "LN_DIST"), -0.9484553, 1e-6);
  EXPECT_NEAR(coefficient(run, "CNTG"), 0.4782565, 1e-6);
  EXPECT_NEAR(coefficient(run, "BRDR"), -1.554552, 1e-6);
  // One pair per observation in a cross-section: clustered by pair = Stata's robust errors.
  EXPECT_NEAR(std_error(run, "LN_DIST"), 0.0523703, 1e-6);
  EXPECT_NEAR(std_error(run, "CNTG"), 0.1022586, 1e-6);
  EXPECT_NEAR(std_error(run, "BRDR"), 0.1218868, 1e-6);
  ASSERT_TRUE(run.ppml);
  EXPECT_EQ(run.ppml->dropped_count, 0u);
}

TEST(GeAly2018, ConditionalAndFullMatchThePublishedIndexes) {
  REQUIRE_CASE("aly2018_geppml_41");
  const GeRun run = run_case("aly2018_geppml_41");
  const Table published = read_table(case_dir("aly2018_geppml_41") / "results_stata_all_indexes.csv");
  ASSERT_EQ(published.size(), 41u);
  ASSERT_EQ(run.inputs.countries.size(), 41u);
  for (const auto& [country, row] : published) {
    const std::size_t i = index_of(run, country);
    ASSERT_LT(i, 41u) << country;
    const Changes c = changes(run, i);
    EXPECT_NEAR(c.rgdp_cndl, row.at("rGDP_cndl_ch"), 1e-4) << country;
    EXPECT_NEAR(c.exports_cndl, row.at("tot_exp_cndl_ch"), 1e-4) << country;
    EXPECT_NEAR(c.rgdp_full, row.at("rGDP_full_ch"), 0.02) << country;  // the tolerance
    EXPECT_NEAR(c.rgdp_full, row.at("rGDP_full_ch"), 1e-3) << country;  // what the same algorithm achieves
    EXPECT_NEAR(run.result.full.factory_price[i], row.at("p_full"), 1e-5) << country;
    EXPECT_NEAR(c.exports_full, row.at("tot_exp_full_ch"), 1e-3) << country;
    EXPECT_NEAR(c.imr_power_full, row.at("imr_full_ch"), 1e-3) << country;  // ALY: power units
    EXPECT_NEAR(run.result.baseline.omr_power[i] / row.at("omr_bsln"), 1.0, 1e-6) << country;
    EXPECT_NEAR(run.result.baseline.imr_power[i] / row.at("imr_bsln"), 1.0, 1e-6) << country;
  }
}

TEST(GeAly2018, StopsAtRound14WithTheLogsLastLine) {
  REQUIRE_CASE("aly2018_geppml_41");
  const GeRun run = run_case("aly2018_geppml_41");
  ASSERT_TRUE(run.result.converged);
  ASSERT_FALSE(run.result.rounds.empty());
  const GeRound& last = run.result.rounds.back();
  EXPECT_EQ(last.round, 14);
  // geppml.log: diff_p_fu~14 | 1,681 -.0005605 .0008954 -.0024299 .0006007
  EXPECT_NEAR(last.mean, -0.0005605, 1e-7);
  EXPECT_NEAR(last.sd, 0.0008954, 1e-7);
  EXPECT_NEAR(last.min, -0.0024299, 1.5e-7);
  EXPECT_NEAR(last.max, 0.0006007, 1e-7);
}

TEST(GeAly2018, FullConvergenceMatchesTheDerivedFile) {
  REQUIRE_CASE("aly2018_geppml_41");
  const GeRun run = run_case("aly2018_geppml_41", 1e-12);
  const Table derived = read_table(case_dir("aly2018_geppml_41") / "derived_geppml_fully_converged.csv");
  for (const auto& [country, row] : derived) {
    const std::size_t i = index_of(run, country);
    const Changes c = changes(run, i);
    EXPECT_NEAR(run.result.full.factory_price[i], row.at("p_full"), 1e-7) << country;
    EXPECT_NEAR(c.rgdp_full, row.at("rGDP_full_ch"), 1e-5) << country;
    EXPECT_NEAR(c.exports_full, row.at("tot_exp_full_ch"), 1e-4) << country;
    EXPECT_NEAR(c.imr_power_full, row.at("imr_full_ch"), 1e-4) << country;
  }
}

// ---------------------------------------------------------------------------
// Yotov, Piermartini, Monteiro & Larch (2016), ch. 2: TradeWithoutBorder.log and its tables.

TEST(GeYpml2016, PpmlCoefficientsMatchTheLog) {
  REQUIRE_CASE("ypml2016_trade_without_borders_69");
  const GeRun run = run_case("ypml2016_trade_without_borders_69");
  EXPECT_NEAR(coefficient(run, "ln_DIST"), -0.7912879, 1e-6);
  EXPECT_NEAR(coefficient(run, "CNTG"), 0.6736456, 1e-6);
  EXPECT_NEAR(coefficient(run, "INTL_BRDR"), -2.47445, 1e-6);
  EXPECT_NEAR(std_error(run, "ln_DIST"), 0.0501494, 1e-6);
  EXPECT_NEAR(std_error(run, "CNTG"), 0.1073719, 1e-6);
  EXPECT_NEAR(std_error(run, "INTL_BRDR"), 0.1193816, 1e-6);
  EXPECT_NEAR(run.ppml->pseudo_log_likelihood, -2284121.5, 0.05);
}

TEST(GeYpml2016, ConditionalAndFullMatchTheBook) {
  REQUIRE_CASE("ypml2016_trade_without_borders_69");
  const GeRun run = run_case("ypml2016_trade_without_borders_69");
  const Table published = read_table(case_dir("ypml2016_trade_without_borders_69") / "results_full_xls.csv");
  const Table indexes = read_table(case_dir("ypml2016_trade_without_borders_69") / "results_prod_cons_indexes.csv");
  ASSERT_EQ(published.size(), 69u);
  for (const auto& [country, row] : published) {
    const std::size_t i = index_of(run, country);
    ASSERT_LT(i, 69u) << country;
    const Changes c = changes(run, i);
    EXPECT_NEAR(c.exports_cndl, row.at("change_Xi_CDL"), 1e-4) << country;
    EXPECT_NEAR(c.imr_level_cndl, indexes.at(country).at("change_IMR_CDL"), 1e-4) << country;
    EXPECT_NEAR(c.omr_level_cndl, indexes.at(country).at("change_OMR_CDL"), 1e-4) << country;
    EXPECT_NEAR(c.rgdp_full, row.at("change_rGDP_FULL"), 0.02) << country;
    EXPECT_NEAR(c.rgdp_full, row.at("change_rGDP_FULL"), 1e-4) << country;
    EXPECT_NEAR(c.price, row.at("change_price_FULL"), 1e-4) << country;
    EXPECT_NEAR(c.imr_level_full, row.at("change_IMR_FULL"), 1e-4) << country;  // YPML: levels
    EXPECT_NEAR(c.omr_level_full, indexes.at(country).at("change_OMR_FULL"), 1e-3) << country;
    EXPECT_NEAR(c.exports_full, row.at("change_Xi_FULL"), 1e-3) << country;
  }
}

TEST(GeYpml2016, StopsWhereTheBookDidWithItsLastLine) {
  REQUIRE_CASE("ypml2016_trade_without_borders_69");
  const GeRun run = run_case("ypml2016_trade_without_borders_69");
  // TradeWithoutBorder.log, "iteration number 5" (the sixth fixed-effects fit, conditional = 1):
  // dif_change~6 | 4761 -.0022108 .0044307 -.0200164 .0032467
  const GeRound& last = run.result.rounds.back();
  EXPECT_EQ(last.round, 6);
  EXPECT_NEAR(last.mean, -0.0022108, 1e-7);
  EXPECT_NEAR(last.sd, 0.0044307, 1e-7);
  EXPECT_NEAR(last.min, -0.0200164, 1e-7);
  EXPECT_NEAR(last.max, 0.0032467, 1e-7);
}

TEST(GeYpml2016, FullConvergenceMatchesTheDerivedFile) {
  REQUIRE_CASE("ypml2016_trade_without_borders_69");
  const GeRun run = run_case("ypml2016_trade_without_borders_69", 1e-12);
  const Table derived =
      read_table(case_dir("ypml2016_trade_without_borders_69") / "derived_geppml_fully_converged.csv");
  for (const auto& [country, row] : derived) {
    const Changes c = changes(run, index_of(run, country));
    EXPECT_NEAR(c.price, row.at("change_price_FULL"), 1e-5) << country;
    EXPECT_NEAR(c.rgdp_full, row.at("change_rGDP_FULL"), 1e-5) << country;
    EXPECT_NEAR(c.rgdp_cndl, row.at("change_rGDP_CDL"), 1e-5) << country;
    EXPECT_NEAR(c.imr_level_full, row.at("change_IMR_FULL"), 1e-5) << country;
    EXPECT_NEAR(c.exports_full, row.at("change_Xi_FULL"), 1e-4) << country;
  }
}

// ---------------------------------------------------------------------------
// gegravity v0.3 (Herman 2021): its documented example, one-step "full GE".

TEST(GeGegravity, OneStepMatchesTheDocumentedCountryResults) {
  REQUIRE_CASE("gegravity_sample_30");
  const GeRun run = run_case("gegravity_sample_30");
  ASSERT_EQ(run.inputs.countries.size(), 30u);
  const fs::path dir = case_dir("gegravity_sample_30");
  for (const char* file :
       {"published_country_results_v0.3_docs.csv", "derived_all_countries_gegravity_equations.csv"}) {
    const Table published = read_table(dir / file);
    for (const auto& [country, row] : published) {
      const std::size_t i = index_of(run, country);
      ASSERT_LT(i, 30u) << country;
      const Changes c = changes(run, i);
      const double printed = 1.5e-6;  // six decimals
      EXPECT_NEAR(c.price, row.at("factory_gate_price_change_pct"), printed) << file << " " << country;
      EXPECT_NEAR(c.rgdp_full, row.at("gdp_change_pct"), printed) << country;
      EXPECT_NEAR(c.omr_level_full, row.at("omr_change_pct"), printed) << country;
      EXPECT_NEAR(c.imr_level_full, row.at("imr_change_pct"), printed) << country;
      EXPECT_NEAR(percent_change(run.result.baseline.output[i], run.result.full.output[i]), row.at("output_change_pct"),
                  printed);
      EXPECT_NEAR(percent_change(run.result.baseline.expenditure[i], run.result.full.expenditure[i]),
                  row.at("expenditure_change_pct"), printed);
      EXPECT_NEAR(c.exports_full, row.at("foreign_exports_change_pct"), printed) << country;
      EXPECT_NEAR(c.imports_full, row.at("foreign_imports_change_pct"), printed) << country;
      EXPECT_NEAR(c.domestic_full, row.at("intranational_trade_change_pct"), printed) << country;
    }
  }
}

TEST(GeGegravity, CostChangeBaselineOmrAndBilateralFlows) {
  REQUIRE_CASE("gegravity_sample_30");
  const GeRun run = run_case("gegravity_sample_30");
  const std::size_t n = 30, can = index_of(run, "CAN"), jpn = index_of(run, "JPN"), aus = index_of(run, "AUS");
  EXPECT_NEAR(run.inputs.cost_baseline[can * n + jpn], 11305.165421, 1e-5);
  EXPECT_NEAR(run.inputs.cost_counterfactual[can * n + jpn], 18108.800547, 1e-5);
  EXPECT_NEAR(percent_change(run.inputs.cost_baseline[can * n + jpn], run.inputs.cost_counterfactual[can * n + jpn]),
              60.181650, 1e-6);
  EXPECT_NEAR(resistance_level(run.result.baseline.omr_power[index_of(run, "DEU")], 5), 0.050346, 5e-7);
  const auto& b = run.result.baseline.flows;
  const auto& f = run.result.full.flows;
  EXPECT_NEAR(b[aus * n + aus], 218129.130005, 2e-5);
  EXPECT_NEAR(f[aus * n + aus], 218172.625325, 2e-5);
  EXPECT_NEAR(b[aus * n + can], 2847.023843, 2e-5);
  EXPECT_NEAR(f[aus * n + can], 2780.118420, 2e-5);
}

TEST(GeGegravity, FullySolvedAnswerBesideTheOneStep) {
  REQUIRE_CASE("gegravity_sample_30");
  const GeRun run = run_case("gegravity_sample_30");
  // The case README's separately computed full solution (updated shares), "indicative":
  // CAN +0.4282%, JPN +0.0504%, USA -0.0066%.
  EXPECT_NEAR(changes(run, index_of(run, "CAN")).rgdp_hat, 0.4282, 1e-4);
  EXPECT_NEAR(changes(run, index_of(run, "JPN")).rgdp_hat, 0.0504, 1e-4);
  EXPECT_NEAR(changes(run, index_of(run, "USA")).rgdp_hat, -0.0066, 1e-4);
  EXPECT_LT(run.result.hat_residual, 1e-10);
}

TEST(GeGegravity, PpmlOnTheSampleGivesTheExamplesPpmlhdfeCoefficients) {
  REQUIRE_CASE("gegravity_sample_30");
  // The example's coefficients come from ppmlhdfe with exporter and importer effects on
  // this sample (ppml_coefficients.csv); estimate them here from a model file naming them.
  const fs::path dir = pivot_test::fresh_dir("ge_gegravity_estimate");
  std::ofstream(dir / "model.toml")
      << "[data]\nflows = \"" << (case_dir("gegravity_sample_30") / "sample_data_set.csv").string() << "\"\n"
      << "[estimation]\nterms = [\"lndist\", \"contiguity\", \"common_language\", \"pta\", \"international\"]\n"
      << "[ge]\nsigma = 5\nreference = \"DEU\"\nclosure = \"hat\"\n"
      << "[counterfactual]\nset = { pta = 1 }\npairs = [[\"CAN\", \"JPN\"], [\"JPN\", \"CAN\"]]\n";
  const GeRun run = run_ge(load_ge_model(dir / "model.toml"));
  const CsvTable published = read_csv_file(case_dir("gegravity_sample_30") / "ppml_coefficients.csv");
  int checked = 0;
  for (std::size_t r = 1; r < published.rows.size(); ++r) {
    const auto& f = published.rows[r].fields;
    if (f[0].text == "constant") continue;  // absorbed by the fixed effects here
    EXPECT_NEAR(coefficient(run, f[0].text), std::stod(f[1].text), 1e-6) << f[0].text;
    EXPECT_NEAR(std_error(run, f[0].text), std::stod(f[2].text), 1e-6) << f[0].text;
    ++checked;
  }
  EXPECT_EQ(checked, 5);
}
