// ge.json and the summary lines of a scenario's GE view, GSIM beside it.
#include "pivot/output/ge_scenario_output.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace pivot::gravity {

const char* const kGeVersusGsim =
    "They differ because general equilibrium lets factory-gate prices, incomes and trade with third countries adjust "
    "across the whole economy (output = GDP), whereas GSIM is partial equilibrium: each product market alone, with "
    "incomes and all other prices fixed (it also counts tariff revenue as a gain, where this GE model treats the "
    "tariff as a trade cost).";

namespace {

// GSIM's net welfare change of `region` in case k (the model's reported solver), 0 if the region is absent.
double gsim_welfare(const trade::ScenarioTrade& trades, std::size_t k, const std::string& region) {
  const auto& totals = trades.models[k].report == trade::Solver::linear ? trades.results[k].total_linear
                                                                        : trades.results[k].total_nonlinear;
  for (const auto& r : totals)
    if (r.region == region) return r.net_welfare_change;
  return 0.0;
}

}  // namespace

std::string ge_scenario_json(const ScenarioGe& ge, const trade::ScenarioTrade& trades, const std::string& version) {
  nlohmann::json j;
  if (!ge.view) return "{}\n";
  const GeView& v = *ge.view;
  j["manifest"] = {{"command", "run"},
                   {"version", version},
                   {"file", v.file},
                   {"gdp_file", v.gdp_file},
                   {"sigma", v.sigma},
                   {"pass_through", v.pass_through},
                   {"reference", v.reference},
                   {"closure", closure_name(v.closure)},
                   {"currency", trades.models.empty() ? std::string() : trades.models.front().currency}};
  j["title"] = v.title;
  j["why_they_differ"] = kGeVersusGsim;
  j["cases"] = nlohmann::json::array();
  const std::size_t n = v.regions.size();
  for (std::size_t k = 0; k < ge.cases.size(); ++k) {
    const GeCase& c = ge.cases[k];
    const GeResult& r = c.result;
    nlohmann::json one = {{"name", c.name}, {"title", c.title}, {"converged", r.converged}};
    one["rounds"] = static_cast<long long>(r.rounds.size());  // GEPPML rounds (0 under the hat closure)
    one["hat_iterations"] = r.hat_iterations;
    one["hat_residual"] = r.hat_residual;
    one["regions"] = nlohmann::json::array();
    for (std::size_t i = 0; i < n; ++i) {
      const double output = r.baseline.output[i];
      const double full = real_income_change_percent(c, i, true);
      const double welfare = gsim_welfare(trades, k, v.regions[i]);
      one["regions"].push_back(
          {{"region", v.regions[i]},
           {"output", output},
           {"domestic_sales", c.inputs.trade[i * n + i]},
           {"real_income_change_pct_conditional", real_income_change_percent(c, i, false)},
           {"real_income_change_pct_full", full},
           {"real_income_change_full", full / 100.0 * output},
           {"real_income_change_pct_hat", percent_change(r.baseline.real_output[i], r.hat.real_output[i])},
           {"factory_price_ratio", r.full.factory_price[i]},
           {"exports_change_pct_full", percent_change(r.baseline.exports[i], r.full.exports[i])},
           {"imports_change_pct_full", percent_change(r.baseline.imports[i], r.full.imports[i])},
           {"gsim_net_welfare_change", welfare},
           {"gsim_net_welfare_pct_output", 100.0 * welfare / output}});
    }
    nlohmann::json routes = nlohmann::json::array();  // the routes whose tariff changes
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b)
        if (a != b && c.tariff_before[a * n + b] != c.tariff_after[a * n + b])
          routes.push_back({{"exporter", v.regions[a]},
                            {"importer", v.regions[b]},
                            {"trade", c.inputs.trade[a * n + b]},
                            {"tariff_before_pct", c.tariff_before[a * n + b]},
                            {"tariff_after_pct", c.tariff_after[a * n + b]}});
    one["tariff_changes"] = std::move(routes);
    j["cases"].push_back(std::move(one));
  }
  return j.dump(2) + "\n";
}

std::string ge_scenario_table(const ScenarioGe& ge, const trade::ScenarioTrade& trades) {
  if (!ge.view) return "";
  const GeView& v = *ge.view;
  std::string out = fmt::format("\nGeneral equilibrium (sigma {}, pass-through {}): real income change, % of output\n",
                                v.sigma, v.pass_through);
  for (std::size_t k = 0; k < ge.cases.size(); ++k) {
    const GeCase& c = ge.cases[k];
    out += fmt::format("  {}\n  {:<8}{:>12}{:>12}\n", c.name, "region", "GE (full)", "GSIM");
    for (std::size_t i = 0; i < v.regions.size(); ++i)
      out += fmt::format("  {:<8}{:>12.4f}{:>12.4f}\n", v.regions[i], real_income_change_percent(c, i, true),
                         100.0 * gsim_welfare(trades, k, v.regions[i]) / c.result.baseline.output[i]);
  }
  return out;
}

}  // namespace pivot::gravity
