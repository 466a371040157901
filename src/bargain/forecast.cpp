// Model dispatch: one entry point for every forecasting model.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "bargain/models.hpp"
#include "pivot/core/error.hpp"

namespace pivot {
namespace {

ForecastResult static_outcome(const Scenario& s, const std::string& model, std::vector<double> predicted) {
  ForecastResult r;
  r.model = model;
  Round round;
  for (const Actor& a : s.actors) round.positions.push_back(a.position);
  r.rounds.push_back(std::move(round));
  r.predicted = std::move(predicted);
  r.rounds_used.assign(s.issues.size(), 0);
  r.converged.assign(s.issues.size(), true);
  r.options = {{"weights", "capability*salience"}};
  return r;
}

}  // namespace

std::vector<std::string> forecast_model_names() { return {"ktab", "bdm", "exchange", "mean", "median", "nbs"}; }

std::vector<std::string> forecast_option_names(const std::string& model) {
  if (model == "ktab") return bargain::ktab_option_names();
  if (model == "bdm") return bargain::bdm_option_names();
  if (model == "exchange") return bargain::exchange_option_names();
  if (model == "mean" || model == "median" || model == "nbs") return {};
  throw UsageError(
      fmt::format("unknown model '{}' (expected one of: {})", model, fmt::join(forecast_model_names(), ", ")));
}

namespace {

// "" when the model reads `key`, else why not.
std::string unknown_option(const std::string& model, const std::string& key) {
  const std::vector<std::string> known = forecast_option_names(model);
  if (std::find(known.begin(), known.end(), key) != known.end()) return "";
  if (known.empty()) return fmt::format("unknown option '{}' ({} takes no options)", key, model);
  return fmt::format("unknown option '{}' (expected one of: {})", key, fmt::join(known, ", "));
}

}  // namespace

void check_model_settings(const Scenario& scenario) {
  const std::vector<std::string> models = forecast_model_names();
  auto at = [&](const std::string& key) {
    auto it = scenario.model_setting_at.find(key);
    return it == scenario.model_setting_at.end() ? SourcePosition{"scenario.toml", 0, 0, "models." + key} : it->second;
  };
  for (const auto& [model, settings] : scenario.model_settings) {
    if (std::find(models.begin(), models.end(), model) == models.end())
      throw InputError(at(model), fmt::format("unknown model (expected one of: {})", fmt::join(models, ", ")));
    for (const auto& [key, value] : settings)
      if (const std::string why = unknown_option(model, key); !why.empty())
        throw InputError(at(model + "." + key), why);
  }
}

ForecastResult run_forecast(const Scenario& scenario, const std::string& model, const ForecastOptions& options) {
  forecast_option_names(model);  // an unknown model first, before its options
  for (const auto& [key, value] : options.settings)
    if (const std::string why = unknown_option(model, key); !why.empty()) throw UsageError(model + ": " + why);
  if (model == "ktab") return bargain::run_ktab(scenario, options);
  if (model == "bdm") return bargain::run_bdm(scenario, options);
  if (model == "exchange") return bargain::run_exchange(scenario, options);
  if (model == "mean") return static_outcome(scenario, model, weighted_mean_outcome(scenario));
  if (model == "median") return static_outcome(scenario, model, weighted_median_outcome(scenario));
  if (model == "nbs") return static_outcome(scenario, model, nash_bargaining_outcome(scenario));
  throw UsageError(
      fmt::format("unknown model '{}' (expected one of: {})", model, fmt::join(forecast_model_names(), ", ")));
}

}  // namespace pivot
