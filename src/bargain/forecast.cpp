// Model dispatch: one entry point for every forecasting model.
#include <fmt/format.h>

#include "bargain/models.hpp"
#include "pivot/error.hpp"

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

std::vector<std::string> forecast_model_names() { return {"ktab", "bdm", "mean", "median", "nbs"}; }

ForecastResult run_forecast(const Scenario& scenario, const std::string& model, const ForecastOptions& options) {
  if (model == "ktab") return bargain::run_ktab(scenario, options);
  if (model == "bdm") return bargain::run_bdm(scenario, options);
  if (model == "mean") return static_outcome(scenario, model, weighted_mean_outcome(scenario));
  if (model == "median") return static_outcome(scenario, model, weighted_median_outcome(scenario));
  if (model == "nbs") return static_outcome(scenario, model, nash_bargaining_outcome(scenario));
  throw UsageError(fmt::format("unknown model '{}' (expected one of: {})", model,
                               fmt::join(forecast_model_names(), ", ")));
}

}  // namespace pivot
