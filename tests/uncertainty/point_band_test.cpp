// Issue #13, items 2 and 3: a point forecast outside its own [P5, P95] band is said
// so (text, mc.json), and Sobol indices too noisy to mean anything carry a caveat
// (text, sensitivity.json) rather than being clipped. Runs and indices are made by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "pivot/output/mc_output.hpp"
#include "pivot/output/sensitivity_output.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace {

using namespace pivot;

OutputSummary band(double p5, double p95) {
  OutputSummary s;
  s.quantiles = {p5, (p5 + p95) / 2, (p5 + p95) / 2, (p5 + p95) / 2, p95};
  return s;
}

TEST(PointBand, OutsideMeansBelowP5OrAboveP95) {
  // ktab's us-china-tariff in issue #13: point 76.70 against P95 73.40.
  EXPECT_TRUE(point_outside_band(band(43.32, 73.40), 76.70));
  EXPECT_TRUE(point_outside_band(band(2.31, 3.00), 1.0));
  EXPECT_FALSE(point_outside_band(band(43.32, 73.40), 73.40));  // on the edge is inside
  EXPECT_FALSE(point_outside_band(band(0, 0), 0));              // a discrete output on its atom
  EXPECT_FALSE(point_outside_band(band(0, 1), std::nan("")));
}

// Two outputs over 20 trials: x = 0..19 (P5 0.95, P95 18.05), y = 5 every trial.
McRun two_output_run(double x_point, double y_point) {
  McRun run;
  run.scenario = "hand";
  run.model = "m";
  run.outputs = {{"m.x", "m", "x", "", 0.0, 20.0}, {"m.y", "m", "y", "", 0.0, 10.0}};
  for (int t = 0; t < 20; ++t) run.results.push_back({static_cast<double>(t), 5.0});
  run.sampled.assign(run.results.size(), {});
  run.total_trials = 20;
  run.point = {x_point, y_point};
  return run;
}

TEST(PointBand, TableAndJsonSaySo) {
  const McRun run = two_output_run(19.0, 5.0);  // 19 > P95 18.05; 5 is y's only value
  const auto summaries = summarize_run(run);
  const std::string text = mc_report(run, summaries);
  EXPECT_NE(text.find("point"), std::string::npos);
  EXPECT_NE(text.find("19.00 !"), std::string::npos) << text;
  EXPECT_EQ(text.find("5.00 !"), std::string::npos) << text;
  EXPECT_NE(text.find("outside [P5, P95] (1 of 2)"), std::string::npos) << text;
  const auto j = nlohmann::json::parse(mc_json({{run, summaries}}));
  EXPECT_EQ(j["outputs"][0]["point"], 19.0);
  EXPECT_EQ(j["outputs"][0]["point_outside_band"], true);
  EXPECT_EQ(j["outputs"][1]["point_outside_band"], false);
  EXPECT_TRUE(j["outputs"][0].contains("p95"));  // the existing fields stay

  const McRun inside = two_output_run(10.0, 5.0);
  EXPECT_NE(mc_report(inside, summarize_run(inside)).find("every point lies within [P5, P95]"), std::string::npos);
}

TEST(PointBand, MonteCarloRecordsThePointForecast) {
  // A model y = 2 u over one uncertain input: the point is the model at the unperturbed input.
  Study s;
  s.scenario.name = "one";
  s.parameters.push_back({"deal.total", 3.0, 0.0, 10.0});
  UncertainInput u;
  u.field = ActorField::parameter;
  u.parameter = 0;
  u.distribution = {DistributionKind::uniform, 1.0, 2.0, 5.0, 0.0};
  s.uncertainty.push_back(u);
  TrialModel model;
  model.name = "double";
  model.outputs = {{"double.y", "double", "y", "", 0.0, 10.0}};
  model.run = [](const Study& sampled, std::uint64_t) { return std::vector<double>{2 * sampled.parameters[0].value}; };
  McOptions options;
  options.trials = 8;
  options.threads = 1;
  const McRun run = run_monte_carlo(s, model, options);
  ASSERT_EQ(run.point.size(), 1u);
  EXPECT_DOUBLE_EQ(run.point[0], 6.0);
  ASSERT_EQ(run.inputs.size(), 1u);
  EXPECT_DOUBLE_EQ(run.inputs[0].point, 3.0);
}

SobolResult one_index(double first, double first_low, double first_high) {
  SobolResult r;
  r.factors = {{"us-trump", {0}}};
  r.variance = {1.0};
  SobolIndex i;
  i.first = first, i.first_low = first_low, i.first_high = first_high;
  i.total = 0.6, i.total_low = 0.55, i.total_high = 0.65;
  r.index = {{i}};
  return r;
}

TEST(SobolCaveats, SmallSamplesAndIndicesAboveOneAreFlagged) {
  const std::vector<TrialOutput> outputs = {{"ktab.us-china-tariff", "ktab", "us-china-tariff", "%", 0, 100}};
  // Issue #13: S = 1.53 with interval up to 2.47, at pivot run's 64 samples.
  const auto caveats = sobol_caveats(one_index(1.53, 0.2, 2.47), outputs, 64);
  ASSERT_EQ(caveats.size(), 3u);
  EXPECT_NE(caveats[0].find("N = 64 base samples, fewer than the 500"), std::string::npos) << caveats[0];
  EXPECT_NE(caveats[1].find("1 indices lie outside [0, 1] (worst 1.53 for us-trump on ktab.us-china-tariff)"),
            std::string::npos)
      << caveats[1];
  EXPECT_NE(caveats[2].find("(widest 2.27, for us-trump"), std::string::npos) << caveats[2];  // 2.47 - 0.2
  // Enough samples, indices in [0, 1], intervals 0.1 wide: nothing to say.
  EXPECT_TRUE(sobol_caveats(one_index(0.5, 0.45, 0.55), outputs, 1000).empty());
  // A tiny negative (estimator noise on a factor with no effect) is within the slack.
  EXPECT_TRUE(sobol_caveats(one_index(-0.005, -0.05, 0.04), outputs, 1000).empty());
}

TEST(SobolCaveats, TextAndJsonCarryThemUnclipped) {
  SensitivityReport report;
  report.scenario = "hand";
  report.model = "ktab";
  report.samples = 64;
  report.outputs = {{"ktab.x", "ktab", "x", "%", 0, 100}};
  report.inputs.names = {"a"};
  report.inputs.distributions = {Distribution{}};
  report.sweep.base = {1.0};
  report.sweep.at_low = {{1.0}};
  report.sweep.at_high = {{2.0}};
  report.sobol = one_index(1.53, 0.2, 2.47);
  const std::string text = sensitivity_text(report, 5);
  EXPECT_NE(text.find("warning: these indices cannot be read as shares of variance yet"), std::string::npos) << text;
  EXPECT_NE(text.find("1.530"), std::string::npos);  // printed as estimated, not clipped to 1
  const auto j = nlohmann::json::parse(sensitivity_json({report}));
  EXPECT_EQ(j["analyses"][0]["sobol_reliable"], false);
  EXPECT_EQ(j["analyses"][0]["sobol_caveats"].size(), 3u);
  EXPECT_DOUBLE_EQ(j["analyses"][0]["outputs"][0]["sobol"][0]["first_order"].get<double>(), 1.53);
}

}  // namespace
