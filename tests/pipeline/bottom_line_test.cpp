// The bottom line (src/pipeline/bottom_line.cpp) from documents written by hand:
// every number asserted below follows from the documents by arithmetic done here.
#include <gtest/gtest.h>

#include <cmath>

#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/report.hpp"

namespace pivot {
namespace {

Scenario one_issue() {
  Scenario s;
  s.name = "t";
  s.issues.push_back(Issue{"usfk", "USFK flexibility", "index", 0, 100, "", "", 35.0});
  for (const char* id : {"us", "kr"}) {
    Actor a;
    a.id = id;
    a.name = std::string(id) + " name";
    s.actors.push_back(a);
  }
  OutcomeRule rule;
  rule.name = "flexible";
  rule.issue = 0;
  rule.op = ">=";
  rule.threshold = 50;
  rule.condition = "usfk >= 50";
  s.outcomes.push_back(rule);
  return s;
}

// ktab 60 and bdm 0 (60% of the range apart); bdm cycles with period 2.
const char* kForecast = R"({"models": [
  {"model": "ktab", "outcome": {"usfk": {"predicted": 60, "rounds": 31, "converged": true,
     "convergence": {"verdict": "settled", "settled_round": 12}}}},
  {"model": "bdm", "outcome": {"usfk": {"predicted": 0, "rounds": 10, "converged": false,
     "convergence": {"verdict": "oscillates", "period": 2, "amplitude": 20, "swinging_actor": "kr"}}}},
  {"model": "mean", "outcome": {"usfk": {"predicted": 39, "rounds": 0, "converged": true}}},
  {"model": "median", "outcome": {"usfk": {"predicted": 35, "rounds": 0, "converged": true}}}]})";

// Point 60 above P95 58; swings 3, 1 and 1 plus a fourth of 0.5: the first holds 9 / 11.25 = 80%.
const char* kMc = R"({"model": "ktab", "trials": 1000,
  "outputs": [{"issue": "usfk", "p5": 40, "p50": 50, "p95": 58, "point": 60}],
  "outcomes": [{"name": "flexible", "condition": "usfk >= 50", "probability": 0.21}],
  "tornado": [{"issue": "usfk", "bars": [
     {"input": "us.usfk.position", "output_low": 57, "output_high": 60},
     {"input": "kr.usfk.salience", "output_low": 60, "output_high": 59},
     {"input": "kr.capability", "output_low": 59.5, "output_high": 60.5},
     {"input": "us.capability", "output_low": 60, "output_high": 60.5}]}]})";

ReportInputs inputs(bool with_mc) {
  ReportInputs in;
  in.study.scenario = one_issue();
  in.forecast = parse_report_document(kForecast, "forecast.json");
  if (with_mc) in.mc = parse_report_document(kMc, "mc.json");
  return in;
}

bool has_flag(const IssueBottomLine& line, const std::string& kind) {
  for (const auto& f : line.flags)
    if (f.kind == kind) return true;
  return false;
}

TEST(BottomLine, ForecastsModelsFirstWithTheirDirection) {
  const BottomLine b = pipeline::bottom_line(inputs(false));
  ASSERT_EQ(b.issues.size(), 1u);
  const auto& line = b.issues[0];
  ASSERT_EQ(line.forecasts.size(), 4u);
  EXPECT_EQ(line.forecasts[0].model, "ktab");
  EXPECT_FALSE(line.forecasts[1].baseline);
  EXPECT_TRUE(line.forecasts[2].baseline);
  EXPECT_EQ(direction_from(60, 35, 100), "up");
  EXPECT_EQ(direction_from(0, 35, 100), "down");
  EXPECT_EQ(direction_from(35.4, 35, 100), "no change");  // within 0.5% of the range
  EXPECT_FALSE(line.band.has_value());
  EXPECT_FALSE(b.monte_carlo);
}

TEST(BottomLine, FlagsDisagreementAndTheCycle) {
  const auto line = pipeline::bottom_line(inputs(false)).issues[0];
  EXPECT_TRUE(has_flag(line, "models-disagree"));
  EXPECT_TRUE(has_flag(line, "oscillates"));
  EXPECT_FALSE(has_flag(line, "not-converged"));
  for (const auto& f : line.flags) {
    if (f.kind == "models-disagree") {
      EXPECT_NE(f.text.find("ktab 60.00 vs bdm 0.00 (60% of the range apart)"), std::string::npos) << f.text;
      EXPECT_NE(f.text.find("span 35.00–39.00"), std::string::npos) << f.text;
    }
    if (f.kind == "oscillates") {
      EXPECT_NE(f.text.find("cycle of 2 rounds"), std::string::npos) << f.text;
      EXPECT_NE(f.text.find("kr name"), std::string::npos) << f.text;
    }
  }
}

TEST(BottomLine, BandOutcomesMoversAndOneJudgement) {
  const auto line = pipeline::bottom_line(inputs(true)).issues[0];
  ASSERT_TRUE(line.band.has_value());
  EXPECT_DOUBLE_EQ(line.band->p5, 40);
  EXPECT_DOUBLE_EQ(line.band->point, 60);
  EXPECT_TRUE(has_flag(line, "point-outside-band"));
  ASSERT_EQ(line.outcomes.size(), 1u);
  EXPECT_NEAR(line.outcomes[0].standard_error, std::sqrt(0.21 * 0.79 / 1000), 1e-15);  // 0.01288
  ASSERT_EQ(line.movers.size(), 3u);
  EXPECT_EQ(line.movers[0].input, "us.usfk.position");
  EXPECT_DOUBLE_EQ(line.movers[0].swing, 3);
  EXPECT_TRUE(has_flag(line, "one-judgement"));
  for (const auto& f : line.flags)
    if (f.kind == "one-judgement") {
      EXPECT_NE(f.text.find("80%"), std::string::npos) << f.text;
    }
}

TEST(BottomLine, TextNamesEveryIssueAndFlag) {
  const std::string text = pipeline::bottom_line_text(pipeline::bottom_line(inputs(true)));
  EXPECT_NE(text.find("usfk (index), status quo 35.00"), std::string::npos) << text;
  EXPECT_NE(text.find("ktab 60.00 up · bdm 0.00 down · mean 39.00 up · median 35.00 no change"), std::string::npos)
      << text;
  EXPECT_NE(text.find("outcome flexible (usfk >= 50): 21.0% ± 1.3%"), std::string::npos) << text;
  EXPECT_NE(text.find("ktab band P5 40.00 – P95 58.00 (P50 50.00), point 60.00 OUTSIDE"), std::string::npos) << text;
}

TEST(BottomLine, SetsGoToTheModelsThatReadThem) {
  const auto by_model = pipeline::sets_by_model({"max_turns=50", "bdm.rounds=3"}, {"ktab", "bdm"});
  ASSERT_EQ(by_model.count("ktab"), 1u);
  EXPECT_EQ(by_model.at("ktab"), std::vector<std::string>{"max_turns=50"});
  EXPECT_EQ(by_model.at("bdm"), std::vector<std::string>{"rounds=3"});
  EXPECT_THROW(pipeline::sets_by_model({"nope=1"}, {"ktab", "bdm"}), UsageError);
  EXPECT_THROW(pipeline::sets_by_model({"lda.x=1"}, {"ktab", "bdm"}), UsageError);
  EXPECT_THROW(pipeline::sets_by_model({"max_turns"}, {"ktab", "bdm"}), UsageError);
}

}  // namespace
}  // namespace pivot
