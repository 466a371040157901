// Year-by-year arithmetic of an investment-for-tariff package: the cash
// schedule (even instalments, an optional annual cap), loans and guarantees,
// project profits split with a switch once the payer has recouped its cash,
// discounting, and the break-even number of years of avoided tariff.
#include <algorithm>
#include <cmath>
#include <limits>

#include "pivot/econ/deal.hpp"

namespace pivot::deal {
namespace {

// Years of an annuity S a year whose present value at rate r equals C:
//   S (1 - (1+r)^-N) / r = C  =>  N = -ln(1 - C r / S) / ln(1 + r);  N = C / S when r = 0.
double annuity_years(double cost, double annual, double rate) {
  if (cost <= 0) return 0;
  if (annual <= 0) return std::numeric_limits<double>::infinity();
  if (rate == 0) return cost / annual;
  const double k = cost * rate / annual;
  if (k >= 1) return std::numeric_limits<double>::infinity();  // even a perpetuity is worth less
  return -std::log1p(-k) / std::log1p(rate);
}

}  // namespace

DealResult price_deal(const DealTerms& t) {
  DealResult result;
  const double cash = t.total * t.cash_share / 100;
  const double loans = t.total - cash;
  double instalment = cash / t.payment_years;
  if (t.annual_cap > 0) instalment = std::min(instalment, t.annual_cap);
  const double loan_instalment = loans / t.payment_years;
  const double r = t.discount_rate / 100;
  const double before_share = t.payer_profit_share / 100;
  const double after_share = t.payer_profit_share_after < 0 ? before_share : t.payer_profit_share_after / 100;

  double cash_left = cash, loans_left = loans, invested = 0, payer_cumulative = 0;
  bool recouped = cash <= 0;
  for (int year = 1; year <= t.horizon; ++year) {
    DealYear y;
    y.year = year;
    // Profit on cash invested in earlier years.
    y.profit = invested * t.project_return / 100;
    double at_before = recouped ? 0.0 : y.profit;  // profit shared at the pre-recoupment split
    if (!recouped && before_share > 0 && payer_cumulative + before_share * y.profit >= cash) {
      at_before = (cash - payer_cumulative) / before_share;  // the part that completes recoupment
      recouped = true;
      result.recouped_year = year;
    }
    y.payer_profit = before_share * at_before + after_share * (y.profit - at_before);
    y.receiver_profit = y.profit - y.payer_profit;
    payer_cumulative += y.payer_profit;

    y.cash_paid = std::min(instalment, cash_left);
    cash_left -= y.cash_paid;
    if (cash_left < 1e-12 * std::max(1.0, cash)) cash_left = 0;
    invested += y.cash_paid;
    y.loans_disbursed = std::min(loan_instalment, loans_left);
    loans_left -= y.loans_disbursed;
    if (loans_left < 1e-12 * std::max(1.0, loans)) loans_left = 0;
    y.guarantee_loss = y.loans_disbursed * t.guarantee_loss / 100;
    y.reserve_outflow = y.cash_paid + y.loans_disbursed * t.loan_reserve_share / 100;
    y.tariff_saved = t.tariff_saved;

    const double discount = std::pow(1 + r, -year);  // flows at the end of each year
    result.payer_cost_pv += discount * (y.cash_paid + y.guarantee_loss - y.payer_profit);
    result.receiver_cost_pv += discount * (y.tariff_saved - y.receiver_profit);
    result.tariff_saved_pv += discount * y.tariff_saved;
    if (y.reserve_outflow > result.peak_outflow) {
      result.peak_outflow = y.reserve_outflow;
      result.peak_year = year;
    }
    result.schedule.push_back(y);
  }
  result.unpaid_at_horizon = cash_left + loans_left;
  if (t.fx_reserves > 0) result.peak_share_of_reserves = 100 * result.peak_outflow / t.fx_reserves;
  if (t.current_account_surplus > 0)
    result.peak_share_of_current_account = 100 * result.peak_outflow / t.current_account_surplus;
  result.break_even_years = annuity_years(result.payer_cost_pv, t.tariff_saved, r);
  return result;
}

PricedDeal price_deal(DealTerms terms, std::optional<TariffPricing> pricing) {
  PricedDeal deal;
  if (pricing) {
    pricing->given = terms.tariff_saved;
    deal.as_given = price_deal(terms);
    terms.tariff_saved = pricing->annual;
  }
  deal.result = price_deal(terms);
  deal.terms = std::move(terms);
  deal.pricing = std::move(pricing);
  return deal;
}

}  // namespace pivot::deal
