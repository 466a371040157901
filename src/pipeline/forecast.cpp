// Every model beside the baselines, as `pivot run`, `pivot report` and `pivot serve` show them.
#include <algorithm>

#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {

std::vector<ForecastResult> with_baselines(const Scenario& scenario, std::vector<ForecastResult> models) {
  // A baseline already run as the model (`--model mean`) keeps its one column.
  for (const char* name : {"mean", "median", "nbs"})
    if (std::none_of(models.begin(), models.end(), [&](const ForecastResult& r) { return r.model == name; }))
      models.push_back(run_forecast(scenario, name, {}));
  return models;
}

AllModels forecast_all_models(const Scenario& scenario, const std::string& command, std::uint64_t seed, int threads) {
  std::vector<ForecastResult> models;
  std::vector<ForecastOptions> used;
  for (const char* name : {"ktab", "bdm"}) {
    used.push_back(forecast_options(scenario, name, seed, threads));
    models.push_back(run_forecast(scenario, name, used.back()));
  }
  AllModels all;
  all.results = with_baselines(scenario, std::move(models));
  all.manifest = make_manifest(command, scenario, used.front(), all.results.front());
  return all;
}

}  // namespace pivot::pipeline
