// The avoided tariff priced by the trade model becomes the one figure the Monte Carlo
// samples around (issue #13, item 1). Expected values from korea-2025's files:
// deal.toml tariff_saved = 13.15; uncertainty.csv's deal.tariff_saved row is
// triangular, low 6.575, mode empty (= the point, 13.15), high 13.15.
#include <gtest/gtest.h>

#include <algorithm>

#include "pivot/econ/deal.hpp"
#include "pivot/econ/linkage.hpp"
#include "pivot/output/deal_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"

namespace {

using namespace pivot;

const UncertainInput& tariff_input(const Study& s) {
  const int p = parameter_index(s, "deal.tariff_saved");
  const auto it = std::find_if(s.uncertainty.begin(), s.uncertainty.end(), [&](const UncertainInput& u) {
    return u.field == ActorField::parameter && u.parameter == p;
  });
  EXPECT_NE(it, s.uncertainty.end());
  return *it;
}

deal::TariffPricing pricing_of(double annual) {
  deal::TariffPricing p;
  p.annual = annual;
  p.given = 13.15;
  p.file = "trade/model.toml";
  p.region = "KOR";
  p.measure = "-net_welfare_change (nonlinear)";
  return p;
}

TEST(TariffPricing, ScalesTheRangeToThePricedFigure) {
  Study s = pipeline::load_study("korea-2025");
  const Distribution as_given = tariff_input(s).distribution;
  ASSERT_DOUBLE_EQ(as_given.low, 6.575);
  ASSERT_DOUBLE_EQ(as_given.high, 13.15);
  linkage::apply_tariff_pricing(s, pricing_of(6.0));
  const EconomicParameter& p = s.parameters[static_cast<std::size_t>(parameter_index(s, "deal.tariff_saved"))];
  EXPECT_DOUBLE_EQ(p.value, 6.0);
  EXPECT_NE(p.source.find("priced by the trade model trade/model.toml (KOR"), std::string::npos) << p.source;
  // 6.575 x 6 / 13.15 = 3 (a floor of half the figure stays half); the mode and top follow the point.
  const Distribution& d = tariff_input(s).distribution;
  EXPECT_NEAR(d.low, 3.0, 1e-12);
  EXPECT_NEAR(d.mode, 6.0, 1e-12);
  EXPECT_NEAR(d.high, 6.0, 1e-12);
  EXPECT_EQ(d.kind, as_given.kind);
  // Applied twice, it scales once.
  linkage::apply_tariff_pricing(s, pricing_of(6.0));
  EXPECT_NEAR(tariff_input(s).distribution.low, 3.0, 1e-12);
}

TEST(TariffPricing, AZeroPriceMovesTheRangeInsideTheParameterBounds) {
  Study s = pipeline::load_study("korea-2025");
  linkage::apply_tariff_pricing(s, pricing_of(0.0));
  // Shifted by 0 - 13.15: low 6.575 - 13.15 < 0 is clipped to the term's floor 0; top 0.
  const Distribution& d = tariff_input(s).distribution;
  EXPECT_DOUBLE_EQ(d.low, 0.0);
  EXPECT_DOUBLE_EQ(d.mode, 0.0);
  EXPECT_DOUBLE_EQ(d.high, 0.0);
}

TEST(TariffPricing, LinkedScenarioIsPricedByItsTradeModel) {
  const Study s = pipeline::load_study("korea-2025");
  const auto pricing = linkage::linked_tariff_pricing(s, 1);
  ASSERT_TRUE(pricing);
  EXPECT_EQ(pricing->file, "trade/us-tariff-25-vs-15.toml");
  EXPECT_EQ(pricing->region, "KOR");
  EXPECT_DOUBLE_EQ(pricing->given, 13.15);
  // The same model solved directly gives the same figure: minus KOR's welfare change.
  const trade::TradeModel model = trade::load_trade_model(s.scenario.directory / "trade/us-tariff-25-vs-15.toml");
  const trade::TradeResult result = trade::solve_trade(model, 1);
  EXPECT_DOUBLE_EQ(pricing->annual, -trade::region_total(result, "KOR", model.report).net_welfare_change);
  // Without [linkage] there is nothing to price.
  Study unlinked = s;
  unlinked.linkage = {};
  EXPECT_FALSE(linkage::linked_tariff_pricing(unlinked));
}

TEST(DealText, NeverIsASentenceAndMoneyHasOnePrecision) {
  // Cost 333.33 at 5%: a perpetuity of 10 is worth 200, so the tariff never repays it.
  deal::DealTerms t;
  t.total = 350;
  t.tariff_saved = 10;
  const std::string text = deal::deal_table(t, deal::price_deal(t));
  EXPECT_NE(text.find("break-even: the avoided tariff never repays the package within the horizon"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("never years"), std::string::npos);
  EXPECT_NE(text.find("package 350.00:"), std::string::npos) << text;
  EXPECT_NE(text.find("(10.00 a year)"), std::string::npos) << text;
  // 20 a year: 20 (1 - 1.05^-N) / 0.05 = 333.33 => N = ln 6 / ln 1.05 = 36.72 (tests/econ/deal_test.cpp), past 20
  // years.
  t.tariff_saved = 20;
  const std::string finite = deal::deal_table(t, deal::price_deal(t));
  EXPECT_NE(finite.find("worth 36.72 years of avoided tariff (beyond the 20-year horizon)"), std::string::npos)
      << finite;
}

}  // namespace
