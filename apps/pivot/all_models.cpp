#include "all_models.hpp"

#include "commands.hpp"

namespace pivot::cli {

AllModels forecast_all_models(const Scenario& scenario, const std::string& command, std::uint64_t seed, int threads) {
  std::vector<ForecastResult> models;
  std::vector<ForecastOptions> used;
  for (const char* name : {"ktab", "bdm"}) {
    used.push_back(forecast_options(scenario, name, seed, threads, {}));
    models.push_back(run_forecast(scenario, name, used.back()));
  }
  AllModels all;
  all.results = with_baselines(scenario, std::move(models));
  all.manifest = make_manifest(command, scenario, used.front(), all.results.front());
  return all;
}

}  // namespace pivot::cli
