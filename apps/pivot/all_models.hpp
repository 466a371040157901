// Every forecast model on a scenario, beside the baselines: what `pivot run`
// writes as forecast.json and what `pivot report` draws when it runs alone.
#pragma once

#include <string>
#include <vector>

#include "pivot/forecast.hpp"
#include "pivot/output.hpp"
#include "pivot/scenario.hpp"

namespace pivot::cli {

struct AllModels {
  std::vector<ForecastResult> results;  // ktab, bdm, then the mean, median and nbs baselines
  Manifest manifest;                    // of the first model, with `command` as given
};

/// Runs ktab and bdm with the scenario's model settings and adds the baselines.
AllModels forecast_all_models(const Scenario& scenario, const std::string& command, std::uint64_t seed, int threads);

}  // namespace pivot::cli
