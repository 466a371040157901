// Deal arithmetic against hand calculations written out beside each value.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "pivot/core/error.hpp"
#include "pivot/econ/deal.hpp"

namespace {

using pivot::deal::DealTerms;

TEST(Deal, AllCashUpFront) {
  // 350 in cash in year 1, no returns, 5% discount, reserves 410, current-account surplus 100:
  //   PV = 350 / 1.05 = 333.3333...; peak 350 = 85.3659% of 410 and 350% of 100.
  // Break-even with 20 a year of avoided tariff: 20 (1 - 1.05^-N)/0.05 = 333.333
  //   => 1.05^-N = 1 - 0.8333 = 1/6 => N = ln 6 / ln 1.05 = 1.7917595 / 0.0487902 = 36.723784 (python3)
  DealTerms t;
  t.total = 350;
  t.cash_share = 100;
  t.payment_years = 1;
  t.discount_rate = 5;
  t.tariff_saved = 20;
  t.fx_reserves = 410;
  t.current_account_surplus = 100;
  const auto r = pivot::deal::price_deal(t);
  EXPECT_NEAR(r.payer_cost_pv, 350 / 1.05, 1e-10);
  EXPECT_DOUBLE_EQ(r.peak_outflow, 350);
  EXPECT_EQ(r.peak_year, 1);
  EXPECT_NEAR(r.peak_share_of_reserves, 85.36585365853658, 1e-10);
  EXPECT_NEAR(r.peak_share_of_current_account, 350, 1e-10);
  EXPECT_NEAR(r.break_even_years, std::log(6.0) / std::log(1.05), 1e-10);
  EXPECT_NEAR(r.break_even_years, 36.723784, 1e-6);
  // Receiver: forgoes 20 a year for 20 years, gets no profit: 20 (1 - 1.05^-20)/0.05 = 249.244...
  EXPECT_NEAR(r.receiver_cost_pv, 20 * (1 - std::pow(1.05, -20)) / 0.05, 1e-9);
  EXPECT_NEAR(r.receiver_cost_pv, 249.2442, 1e-4);
}

TEST(Deal, FractionalYearsAndAnnualCap) {
  // 350 cash over 3.5 years: 100, 100, 100, 50.
  DealTerms t;
  t.total = 350;
  t.payment_years = 3.5;
  auto r = pivot::deal::price_deal(t);
  EXPECT_DOUBLE_EQ(r.schedule[0].cash_paid, 100);
  EXPECT_DOUBLE_EQ(r.schedule[2].cash_paid, 100);
  EXPECT_DOUBLE_EQ(r.schedule[3].cash_paid, 50);
  EXPECT_DOUBLE_EQ(r.schedule[4].cash_paid, 0);
  // 20% cash = 70 over 2 years would be 35 a year; a cap of 20 stretches it to 20, 20, 20, 10.
  // Loans (280) are disbursed over the 2 years, 140 each; with 50% drawn on reserves the
  // reserve outflow in year 1 is 20 + 70 = 90.
  t.cash_share = 20;
  t.payment_years = 2;
  t.annual_cap = 20;
  t.loan_reserve_share = 50;
  r = pivot::deal::price_deal(t);
  EXPECT_DOUBLE_EQ(r.schedule[0].cash_paid, 20);
  EXPECT_DOUBLE_EQ(r.schedule[3].cash_paid, 10);
  EXPECT_DOUBLE_EQ(r.schedule[4].cash_paid, 0);
  EXPECT_DOUBLE_EQ(r.schedule[1].loans_disbursed, 140);
  EXPECT_DOUBLE_EQ(r.peak_outflow, 90);
}

TEST(Deal, ProfitSplitSwitchesAfterRecoupment) {
  // 100 cash in year 1 earning 10% from year 2: profit 10 a year. Payer gets 50% (5 a year)
  // until its 100 is back: 20 years of 5, years 2..21, so recouped in year 21; then 10%.
  DealTerms t;
  t.total = 100;
  t.project_return = 10;
  t.payer_profit_share = 50;
  t.payer_profit_share_after = 10;
  t.discount_rate = 0;
  t.horizon = 25;
  const auto r = pivot::deal::price_deal(t);
  EXPECT_EQ(r.recouped_year, 21);
  EXPECT_DOUBLE_EQ(r.schedule[1].payer_profit, 5);   // year 2
  EXPECT_DOUBLE_EQ(r.schedule[21].payer_profit, 1);  // year 22
  // Undiscounted payer cost: 100 - (20 * 5 + 4 * 1) = -4 (years 22..25 at 10%).
  EXPECT_NEAR(r.payer_cost_pv, -4, 1e-9);
  // Receiver: tariff 0, profit 20 * 5 + 4 * 9 = 136 -> cost -136.
  EXPECT_NEAR(r.receiver_cost_pv, -136, 1e-9);
  EXPECT_EQ(r.break_even_years, 0);  // nothing to recover
}

TEST(Deal, RecoupmentMidYearSplitsThatYearsProfit) {
  // 100 cash, profit 30 a year from year 2, payer 50% then 10%: 15, 15, 15, ... recoupment needs
  // 100: after years 2..7 it has 90; year 8 needs 10 more = 50% of 20 of the 30, the other 10 at 10% = 1:
  // payer's year-8 profit = 10 + 1 = 11.
  DealTerms t;
  t.total = 100;
  t.project_return = 30;
  t.payer_profit_share = 50;
  t.payer_profit_share_after = 10;
  const auto r = pivot::deal::price_deal(t);
  EXPECT_EQ(r.recouped_year, 8);
  EXPECT_NEAR(r.schedule[7].payer_profit, 11, 1e-12);
}

TEST(Deal, BreakEvenNeverWhenAPerpetuityFallsShort) {
  // Cost 333.33 at 5%: a perpetuity of S is worth S / 0.05, so S = 10 (worth 200) never pays it back.
  DealTerms t;
  t.total = 350;
  t.tariff_saved = 10;
  const auto r = pivot::deal::price_deal(t);
  EXPECT_TRUE(std::isinf(r.break_even_years));
}

TEST(Deal, SweepAndTerms) {
  const auto sweep = pivot::deal::parse_sweep("cash-share=0:100:10");
  ASSERT_EQ(sweep.values.size(), 11u);
  EXPECT_DOUBLE_EQ(sweep.values[3], 30);
  EXPECT_DOUBLE_EQ(sweep.values[10], 100);
  EXPECT_THROW(pivot::deal::parse_sweep("cash-share=0:100"), pivot::UsageError);
  EXPECT_THROW(pivot::deal::parse_sweep("cash-share=10:0:1"), pivot::UsageError);
  EXPECT_THROW(pivot::deal::parse_sweep("cash=0:1:1"), pivot::UsageError);
  DealTerms t;
  EXPECT_THROW(pivot::deal::set_term(t, "cash-share", 120), pivot::UsageError);
  pivot::deal::set_term(t, "payment_years", 8);
  EXPECT_EQ(t.payment_years, 8);
}

TEST(Deal, LoaderNamesFileLineAndTerm) {
  const auto dir = std::filesystem::temp_directory_path() / "pivot_deal_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "deal.toml") << "total = 350\ncash_share = 150\n";
  try {
    pivot::deal::load_deal((dir / "deal.toml").string());
    FAIL() << "expected an error";
  } catch (const pivot::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("deal.toml:2:14: cash_share: expected a percentage in [0, 100]"),
              std::string::npos)
        << e.what();
  }
  std::ofstream(dir / "deal.toml", std::ios::trunc) << "total = 350\ncash_shares = 50\n";
  EXPECT_THROW(pivot::deal::load_deal(dir.string()), pivot::InputError);
  std::filesystem::remove_all(dir);
}

}  // namespace

namespace {

// Repricing the avoided tariff (pivot run's deal step): the priced figure
// replaces tariff_saved, deal.toml's own is kept as `given`, and `as_given`
// is the package priced with it; both by the same price_deal.
TEST(Deal, RepricedByATradeModelKeepsTheGivenFigure) {
  pivot::deal::DealTerms terms;
  terms.total = 100;
  terms.cash_share = 50;
  terms.tariff_saved = 4;
  pivot::deal::TariffPricing pricing;
  pricing.annual = 9;
  const auto deal = pivot::deal::price_deal(terms, pricing);
  ASSERT_TRUE(deal.pricing && deal.as_given);
  EXPECT_EQ(deal.pricing->given, 4);
  EXPECT_EQ(deal.terms.tariff_saved, 9);
  EXPECT_EQ(deal.as_given->tariff_saved_pv, pivot::deal::price_deal(terms).tariff_saved_pv);
  pivot::deal::DealTerms nine = terms;
  nine.tariff_saved = 9;
  EXPECT_EQ(deal.result.tariff_saved_pv, pivot::deal::price_deal(nine).tariff_saved_pv);
  EXPECT_GT(deal.result.tariff_saved_pv, deal.as_given->tariff_saved_pv);

  const auto unpriced = pivot::deal::price_deal(terms, std::nullopt);
  EXPECT_FALSE(unpriced.pricing || unpriced.as_given);
  EXPECT_EQ(unpriced.terms.tariff_saved, 4);
}

}  // namespace
