// Writing deal results: the readable report, the schedule and sweep CSVs, JSON.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "pivot/econ/deal.hpp"
#include "pivot/output/deal_output.hpp"

namespace pivot::deal {
namespace {

std::string number(double x) {
  if (x == 0) return "0";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{:.12g}", x);
}

// The break-even line as a sentence: "never" is not a number of years.
std::string break_even(double years, int horizon) {
  if (std::isinf(years))
    return "break-even: the avoided tariff never repays the package within the horizon, nor after it\n";
  return fmt::format("break-even: the package is worth {:.2f} years of avoided tariff{}\n", years,
                     years > horizon ? fmt::format(" (beyond the {}-year horizon)", horizon) : std::string());
}

}  // namespace

std::string deal_table(const DealTerms& t, const DealResult& r) {
  std::string out;
  // Money with two decimals throughout, as the PVs below.
  out += fmt::format("package {:.2f}: {:.0f}% cash/equity over {:g} years{}, {:.0f}% loans/guarantees\n", t.total,
                     t.cash_share, t.payment_years,
                     t.annual_cap > 0 ? fmt::format(" (cap {:.2f}/year)", t.annual_cap) : std::string(),
                     100 - t.cash_share);
  out +=
      fmt::format("profit to payer {:g}%{}; project return {:g}%/year; discount rate {:g}%; horizon {} years\n",
                  t.payer_profit_share,
                  t.payer_profit_share_after >= 0 ? fmt::format(", {:g}% after recoupment", t.payer_profit_share_after)
                                                  : std::string(),
                  t.project_return, t.discount_rate, t.horizon);
  out += fmt::format("PV cost to payer            {:>10.2f}\n", r.payer_cost_pv);
  out += fmt::format("PV cost to receiver         {:>10.2f}  (tariff forgone less its profit share; < 0 = gain)\n",
                     r.receiver_cost_pv);
  out += fmt::format("PV of tariff avoided        {:>10.2f}  ({:.2f} a year)\n", r.tariff_saved_pv, t.tariff_saved);
  out += fmt::format("peak reserve outflow        {:>10.2f}  in year {}", r.peak_outflow, r.peak_year);
  if (t.fx_reserves > 0) out += fmt::format(" = {:.1f}% of FX reserves", r.peak_share_of_reserves);
  if (t.current_account_surplus > 0)
    out += fmt::format(", {:.1f}% of the current-account surplus", r.peak_share_of_current_account);
  out += "\n";
  out += break_even(r.break_even_years, t.horizon);
  if (r.recouped_year > 0) out += fmt::format("payer's cash recouped from profits in year {}\n", r.recouped_year);
  if (r.unpaid_at_horizon > 0)
    out += fmt::format("warning: {:.2f} still unpaid when the horizon ends\n", r.unpaid_at_horizon);
  out += fmt::format("{:>4} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "year", "cash", "loans", "reserves", "profit",
                     "payer", "tariff");
  for (const auto& y : r.schedule) {
    if (y.cash_paid == 0 && y.loans_disbursed == 0 && y.year > r.peak_year + 2 && y.year != t.horizon) continue;
    out += fmt::format("{:>4} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f}\n", y.year, y.cash_paid,
                       y.loans_disbursed, y.reserve_outflow, y.profit, y.payer_profit, y.tariff_saved);
  }
  return out;
}

std::string deal_schedule_csv(const DealResult& r) {
  std::string out =
      "year,cash_paid,loans_disbursed,reserve_outflow,profit,payer_profit,receiver_profit,guarantee_loss,"
      "tariff_saved\n";
  for (const auto& y : r.schedule)
    out += fmt::format("{},{},{},{},{},{},{},{},{}\n", y.year, number(y.cash_paid), number(y.loans_disbursed),
                       number(y.reserve_outflow), number(y.profit), number(y.payer_profit), number(y.receiver_profit),
                       number(y.guarantee_loss), number(y.tariff_saved));
  return out;
}

std::string deal_sweep_csv(const Sweep& sweep, const std::vector<DealResult>& results) {
  std::string out = sweep.term +
                    ",payer_cost_pv,receiver_cost_pv,tariff_saved_pv,peak_outflow,peak_year,"
                    "peak_share_of_reserves,peak_share_of_current_account,break_even_years,recouped_year\n";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const DealResult& r = results[i];
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", number(sweep.values[i]), number(r.payer_cost_pv),
                       number(r.receiver_cost_pv), number(r.tariff_saved_pv), number(r.peak_outflow), r.peak_year,
                       number(r.peak_share_of_reserves), number(r.peak_share_of_current_account),
                       number(r.break_even_years), r.recouped_year);
  }
  return out;
}

namespace {

nlohmann::json deal_json_object(const DealTerms& t, const DealResult& r, const std::string& version) {
  nlohmann::json j;
  j["manifest"] = {{"tool", "pivot"}, {"version", version}, {"command", "deal"}};
  j["terms"] = {{"total", t.total},
                {"cash_share", t.cash_share},
                {"payment_years", t.payment_years},
                {"annual_cap", t.annual_cap},
                {"guarantee_loss", t.guarantee_loss},
                {"loan_reserve_share", t.loan_reserve_share},
                {"project_return", t.project_return},
                {"payer_profit_share", t.payer_profit_share},
                {"payer_profit_share_after", t.payer_profit_share_after},
                {"discount_rate", t.discount_rate},
                {"tariff_saved", t.tariff_saved},
                {"fx_reserves", t.fx_reserves},
                {"current_account_surplus", t.current_account_surplus},
                {"horizon", t.horizon}};
  j["result"] = {{"payer_cost_pv", r.payer_cost_pv},
                 {"receiver_cost_pv", r.receiver_cost_pv},
                 {"tariff_saved_pv", r.tariff_saved_pv},
                 {"peak_outflow", r.peak_outflow},
                 {"peak_year", r.peak_year},
                 {"peak_share_of_reserves", r.peak_share_of_reserves},
                 {"peak_share_of_current_account", r.peak_share_of_current_account},
                 {"break_even_years",
                  std::isinf(r.break_even_years) ? nlohmann::json(nullptr) : nlohmann::json(r.break_even_years)},
                 {"recouped_year", r.recouped_year},
                 {"unpaid_at_horizon", r.unpaid_at_horizon}};
  j["schedule"] = nlohmann::json::array();
  for (const auto& y : r.schedule)
    j["schedule"].push_back({{"year", y.year},
                             {"cash_paid", y.cash_paid},
                             {"loans_disbursed", y.loans_disbursed},
                             {"reserve_outflow", y.reserve_outflow},
                             {"profit", y.profit},
                             {"payer_profit", y.payer_profit},
                             {"receiver_profit", y.receiver_profit},
                             {"guarantee_loss", y.guarantee_loss},
                             {"tariff_saved", y.tariff_saved}});
  return j;
}

nlohmann::json results_json(const DealResult& r) {
  return {{"payer_cost_pv", r.payer_cost_pv},
          {"receiver_cost_pv", r.receiver_cost_pv},
          {"tariff_saved_pv", r.tariff_saved_pv},
          {"break_even_years",
           std::isinf(r.break_even_years) ? nlohmann::json(nullptr) : nlohmann::json(r.break_even_years)}};
}

}  // namespace

std::string deal_json(const DealTerms& t, const DealResult& r, const std::string& version) {
  return deal_json_object(t, r, version).dump(2) + "\n";
}

std::string deal_run_json(const PricedDeal& deal, const std::string& version, const std::string& command) {
  nlohmann::json j = deal_json_object(deal.terms, deal.result, version);
  j["manifest"]["command"] = command;
  if (!deal.set_by.empty()) {
    j["tariff_saved_source"] = {{"from", deal.set_by}, {"annual", deal.terms.tariff_saved}};
  } else if (const auto& pricing = deal.pricing) {
    j["tariff_saved_source"] = {{"from", "trade model"},     {"file", pricing->file},
                                {"region", pricing->region}, {"measure", pricing->measure},
                                {"annual", pricing->annual}, {"deal_toml_value", pricing->given}};
  } else {
    j["tariff_saved_source"] = {{"from", "deal.toml"}, {"annual", deal.terms.tariff_saved}};
  }
  if (deal.as_given) j["as_given"] = results_json(*deal.as_given);
  return j.dump(2) + "\n";
}

}  // namespace pivot::deal
