// Forecasts as files and text: JSON traces, tidy CSV, the stdout table, and
// the manifest every output carries. Nothing here computes a model.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "pivot/bargain/forecast.hpp"
#include "pivot/core/atomic_file.hpp"
#include "pivot/core/version.hpp"
#include "pivot/scenario/scenario.hpp"
#include "pivot/scenario/study.hpp"

namespace pivot {

/// What produced an output: enough to reproduce it.
struct Manifest {
  std::string tool = "pivot";
  std::string version;   // e.g. "0.1.0+abc123def456"
  std::string command;   // e.g. "forecast"
  std::string scenario;  // name
  std::string input_hash;
  std::uint64_t seed = 0;
  std::vector<std::pair<std::string, std::string>> options;  // model options as applied
  std::vector<DerivedInput> derived;  // inputs [linkage] derived from prices, written as options `derived.*`
};

/// Builds the manifest for a study's scenario and a primary result, with the study's derived inputs.
Manifest make_manifest(const std::string& command, const Study& study, const ForecastOptions& options,
                       const ForecastResult& primary);

/// Full JSON trace: manifest, scenario (with the manifest's derived inputs), every model's
/// rounds (challenges, votes, moves) and outcomes.
std::string forecast_json(const Scenario& scenario, const std::vector<ForecastResult>& results,
                          const Manifest& manifest);

/// Tidy `round,actor,issue,position` rows of one model's trajectory (round 0 = input).
std::string positions_csv(const Scenario& scenario, const ForecastResult& result);

/// The exchange model's realised exchanges, one row each:
/// `round,rank,actor_a,issue_a,from_a,to_a,actor_b,issue_b,from_b,to_b,gain` (native units).
std::string exchanges_csv(const Scenario& scenario, const ForecastResult& result);

/// Tidy `issue,model,predicted` rows, one per issue and model.
std::string outcome_csv(const Scenario& scenario, const std::vector<ForecastResult>& results);

/// The manifest as pretty JSON text.
std::string manifest_json(const Manifest& manifest);

/// A readable table: per issue, each model's prediction, rounds and convergence.
std::string forecast_table(const Scenario& scenario, const std::vector<ForecastResult>& results);

}  // namespace pivot
