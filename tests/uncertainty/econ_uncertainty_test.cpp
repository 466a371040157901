// Economic parameters, risk and [outcomes] under uncertainty: how uncertainty.csv
// names them, the errors bad rows get, and Monte Carlo results checked against
// closed forms (hand calculations, not our own output).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "../support/load_error.hpp"
#include "pivot/core/error.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/output/mc_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {
namespace {

namespace fs = std::filesystem;

// One issue on [0, 100]; two actors of equal capability and salience.
fs::path write_scenario(const std::string& name, const std::string& uncertainty_csv, const std::string& deal_toml,
                        const std::string& extra_toml = "") {
  fs::path dir = fs::temp_directory_path() / ("pivot_econ_unc_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "scenario.toml") << "name = \"two\"\n[[issues]]\nid = \"x\"\n" << extra_toml;
  std::ofstream(dir / "actors.csv") << "id,name,capability,risk,x.position,x.salience\n"
                                       "a,A,50,0.5,0,50\n"
                                       "b,B,50,,50,50\n";
  if (!uncertainty_csv.empty()) std::ofstream(dir / "uncertainty.csv") << uncertainty_csv;
  if (!deal_toml.empty()) std::ofstream(dir / "deal.toml") << deal_toml;
  return dir;
}

const char* kHeader = "actor,issue,field,distribution,low,mode,high,sd\n";

// 100 paid in cash in year 1, no profit, no guarantees: PV cost to the payer = 100 / (1 + r).
const char* kDeal =
    "total = 100\ncash_share = 100\npayment_years = 1\nproject_return = 0\npayer_profit_share = 0\n"
    "discount_rate = 5\nhorizon = 5\n";

using pivot_test::load_error;

TEST(EconUncertainty, DealParametersAreNamedAndKeyedAfterTheActorFields) {
  fs::path dir = write_scenario("names",
                                std::string(kHeader) +
                                    ",,deal.discount_rate,uniform,2,,8,\n"
                                    "a,,risk,triangular,0,,1,\n"
                                    "a,x,position,uniform,0,,10,\n",
                                kDeal);
  Study s = pipeline::load_study(dir.string());
  ASSERT_EQ(s.uncertainty.size(), 3u);
  // Actor fields keep the ids they had before risk and parameters existed: actor * 3 + slot.
  EXPECT_EQ(uncertain_input_name(s, s.uncertainty[0]), "a.x.position");
  EXPECT_EQ(uncertain_variable_id(s, s.uncertainty[0]), 1u);
  EXPECT_EQ(uncertain_input_name(s, s.uncertainty[1]), "a.risk");
  EXPECT_EQ(uncertain_variable_id(s, s.uncertainty[1]), 6u);  // 2 actors * 3 fields + actor 0
  EXPECT_EQ(uncertain_input_name(s, s.uncertainty[2]), "deal.discount_rate");
  EXPECT_EQ(uncertain_variable_id(s, s.uncertainty[2]),
            8u + static_cast<unsigned>(parameter_index(s, "deal.discount_rate")));
  EXPECT_EQ(actor_field(s, s.uncertainty[2]), 5.0);  // deal.toml's point value
  EXPECT_EQ(actor_field(s, s.uncertainty[1]), 0.5);
}

TEST(EconUncertainty, BadParameterRowsNameFileLineAndField) {
  auto error = [&](const std::string& name, const std::string& row) {
    return load_error(write_scenario(name, std::string(kHeader) + row, kDeal));
  };
  EXPECT_NE(error("unknown", ",,deal.nope,uniform,1,,2,\n").find("uncertainty.csv:2:3: field: expected capability, "),
            std::string::npos);
  EXPECT_NE(error("actor", "a,,deal.discount_rate,uniform,1,,2,\n")
                .find("uncertainty.csv:2:1: actor: deal.discount_rate "
                      "is not an actor's"),
            std::string::npos);
  EXPECT_NE(error("range", ",,deal.cash_share,uniform,50,,150,\n").find("uncertainty.csv:2:31: high"),
            std::string::npos);
  EXPECT_NE(error("norisk", "b,,risk,uniform,0,,1,\n").find("actor 'b' has no risk"), std::string::npos);
  EXPECT_NE(error("riskscale", "a,,risk,uniform,0,,2,\n").find("high"), std::string::npos);
  // A deal.* row in a scenario without deal.toml is an unknown field.
  EXPECT_NE(load_error(write_scenario("nodeal", std::string(kHeader) + ",,deal.total,uniform,1,,2,\n", ""))
                .find("field: expected capability"),
            std::string::npos);
}

TEST(EconUncertainty, DealPresentValueMeanMatchesTheClosedForm) {
  // r ~ U(a, b) (fractions): E[100 / (1 + r)] = 100 ln((1 + b) / (1 + a)) / (b - a).
  const double a = 0.02, b = 0.08;
  fs::path dir = write_scenario("pv", std::string(kHeader) + ",,deal.discount_rate,uniform,2,,8,\n", kDeal);
  const Study s = pipeline::load_study(dir.string());
  const TrialModel model = make_trial_model(s, "deal", {});
  ASSERT_EQ(model.outputs.front().name, "deal.payer-cost-pv");
  McOptions options;
  options.trials = 20000;
  options.seed = 3;
  const McRun run = run_monte_carlo(s, model, options);
  const auto summaries = summarize_run(run);
  const double expected = 100.0 * std::log((1 + b) / (1 + a)) / (b - a);
  // sd of 100/(1+r) over U(2%, 8%) is below 1.6, so the standard error of the mean is
  // below 0.012; 5 standard errors keep a false failure below 1e-6.
  EXPECT_NEAR(summaries.front().mean, expected, 0.06);
  // Quantiles: 100/(1+r) is decreasing in r, so its P5 is 100/(1 + the 95% point of r).
  EXPECT_NEAR(summaries.front().quantiles[0], 100.0 / (1 + a + 0.95 * (b - a)), 0.05);
  // Peak outflow is the whole 100 in year 1, whatever the rate.
  EXPECT_EQ(summaries[3].mean, 100.0);
}

TEST(EconUncertainty, OutcomeProbabilityMatchesTheClosedForm) {
  // The weighted mean of positions 0 and p is p / 2 with p ~ U(0, 100): P(p / 2 <= 20) = 0.4.
  fs::path dir = write_scenario("outcome", std::string(kHeader) + "b,x,position,uniform,0,,100,\n", "",
                                "[outcomes]\nlow = \"x <= 20\"\nhigh = \"x > 45\"\n");
  const Study s = pipeline::load_study(dir.string());
  ASSERT_EQ(s.outcomes.size(), 2u);
  const TrialModel model = make_trial_model(s, "mean", {});
  ASSERT_EQ(model.outputs.size(), 3u);
  EXPECT_EQ(model.outputs[1].name, "mean.outcome.low");
  McOptions options;
  options.trials = 8000;
  options.seed = 9;
  const auto summaries = summarize_run(run_monte_carlo(s, model, options));
  // Binomial standard errors sqrt(p(1-p)/n): 0.0055 and 0.0034; tolerance 5 of them.
  EXPECT_NEAR(summaries[1].mean, 0.4, 0.028);
  EXPECT_NEAR(summaries[2].mean, 0.1, 0.017);
  ASSERT_FALSE(summaries[1].atoms.empty());
  const std::string json = mc_json({{run_monte_carlo(s, model, options), summaries}});
  EXPECT_NE(json.find("\"condition\": \"x <= 20\""), std::string::npos) << json;
}

TEST(EconUncertainty, BadOutcomeRulesAreErrors) {
  auto error = [&](const std::string& name, const std::string& rule) {
    return load_error(write_scenario(name, "", "", "[outcomes]\nr = \"" + rule + "\"\n"));
  };
  EXPECT_NE(error("noop", "x 20").find("scenario.toml:5:5: outcomes.r: no comparison"), std::string::npos);
  EXPECT_NE(error("issue", "y <= 20").find("unknown issue 'y'"), std::string::npos);
  EXPECT_NE(error("number", "x <= twenty").find("expected a number"), std::string::npos);
}

TEST(EconUncertainty, TradeElasticitiesAreParametersOfTheModel) {
  fs::path dir = write_scenario("trade", std::string(kHeader) + ",,trade.three.KOR.export_supply,pert,1,,3,\n", "");
  fs::create_directories(dir / "trade");
  for (const char* file : {"three.toml", "three-flows.csv", "three-before.csv", "three-after.csv"})
    fs::copy_file(fs::path(PIVOT_TEST_DATA) / "trade" / file, dir / "trade" / file,
                  fs::copy_options::overwrite_existing);
  const Study s = pipeline::load_study(dir.string());
  ASSERT_EQ(s.uncertainty.size(), 1u);
  EXPECT_EQ(actor_field(s, s.uncertainty[0]), 1.5);  // three.toml's export_supply_elasticity
  const int tariff = parameter_index(s, "trade.three.KOR.USA.tariff");
  ASSERT_GE(tariff, 0);
  EXPECT_NEAR(s.parameters[tariff].value, 25.0, 1e-12);  // "the US raises its tariff on Korea from 0 to 25%"
  const TrialModel model = make_trial_model(s, "trade:three", {});
  // At the point values the trial model is the file's model: the same welfare as solving it directly.
  const auto direct = trade::solve_trade(trade::load_trade_model(dir / "trade/three.toml"), 1);
  const auto at_base = scenario_vector_model(s, model)(sensitivity_inputs(s).base, 0);
  ASSERT_EQ(at_base.size(), 2 * direct.total_nonlinear.size());
  for (std::size_t r = 0; r < direct.total_nonlinear.size(); ++r)
    EXPECT_EQ(at_base[r], direct.total_nonlinear[r].net_welfare_change);
  EXPECT_THROW(make_trial_model(s, "trade:nope", {}), UsageError);
  EXPECT_THROW(make_trial_model(s, "deal", {}), UsageError);
}

TEST(EconUncertainty, Korea2025ShipsSourcedUncertainty) {
  const Study s = pipeline::load_study("korea-2025");
  EXPECT_GT(s.uncertainty.size(), 100u);
  EXPECT_GE(parameter_index(s, "deal.fx_reserves"), 0);
  bool reserves = false;
  for (const UncertainInput& u : s.uncertainty)
    if (uncertain_input_name(s, u) == "deal.fx_reserves") {
      reserves = true;
      EXPECT_EQ(u.distribution.low, 410.0);
      EXPECT_EQ(u.distribution.high, 422.02);
    }
  EXPECT_TRUE(reserves);
  ASSERT_EQ(s.outcomes.size(), 2u);
  EXPECT_EQ(s.outcomes[0].name, "deal");
}

}  // namespace
}  // namespace pivot
