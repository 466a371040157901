// The pipeline: how pivot runs a study, step by step. The command line, the
// `pivot serve` API and the Python module call these functions and nothing
// else computes; they only parse their own input and write what comes back.
//
//   load_scenario   scenario files -> Scenario, with the derived inputs in place
//   load_study      the same, with the steps a command adds (spreads, tariff pricing)
//   forecast_*      model options, every model beside the baselines
//   run_study       everything `pivot run` writes, as documents in memory
//   deal_study      the deal as `pivot deal` prices it
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pivot/econ/deal.hpp"
#include "pivot/bargain/forecast.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot::pipeline {

// ---------------------------------------------------------------------------
// Options as people write them.

/// "KEY=VALUE" split at the first '='; UsageError naming `option` otherwise.
std::pair<std::string, std::string> split_key_value(const std::string& text, const std::string& option);

/// Model options: the scenario's [models.NAME] table (checked against the models),
/// then `sets` ("KEY=VALUE", as --set gives them) on top.
ForecastOptions forecast_options(const Scenario& scenario, const std::string& model, std::uint64_t seed, int threads,
                                 const std::vector<std::string>& sets = {});

// ---------------------------------------------------------------------------
// Loading.

/// Directory holding the built-in scenarios (next to the binary or the source tree).
std::filesystem::path builtin_scenario_root();

/// A scenario directory with its derived inputs: saliences priced by [linkage],
/// the model files' uncertain parameters registered, uncertainty.csv resolved.
Scenario load_scenario_directory(const std::filesystem::path& dir);

/// A scenario directory, a KTAB SMP CSV, a Predictioneer-style CSV, or a built-in
/// scenario name (e.g. "korea-2025"). Throws InputError on bad input.
Scenario load_scenario(const std::string& name_or_path);

/// A game file named on the command line: a path, or SCENARIO:NAME for
/// games/NAME.efg (or .nfg) of a scenario directory or built-in scenario.
std::filesystem::path resolve_game_file(const std::string& spec);

/// How to prepare a scenario beyond its files.
struct StudySettings {
  std::vector<std::string> spreads;  // --spread KEY=VALUE: uncertainty defaults
  bool price_tariff = true;          // the deal's avoided tariff priced by the linked trade model
};

/// The scenario NAME_OR_PATH names (a directory, scenario.toml, a KTAB or
/// Predictioneer CSV, or a built-in name) with the steps every command shares:
/// the spreads applied, then the avoided tariff priced by the trade model where
/// [linkage] links one (docs/uncertainty.md, "One source per number").
Scenario load_study(const std::string& name_or_path, const StudySettings& settings = {});

/// The directory a scenario argument names, built-in names included; empty for a single file.
std::filesystem::path scenario_directory(const std::string& name_or_path);

// ---------------------------------------------------------------------------
// Forecasts.

/// `models` followed by the mean, median and nbs baselines (a baseline already among them is not repeated).
std::vector<ForecastResult> with_baselines(const Scenario& scenario, std::vector<ForecastResult> models);

/// ktab and bdm with the scenario's model settings, then the baselines; the manifest is ktab's.
struct AllModels {
  std::vector<ForecastResult> results;
  Manifest manifest;
};
AllModels forecast_all_models(const Scenario& scenario, const std::string& command, std::uint64_t seed, int threads);

// ---------------------------------------------------------------------------
// Whole commands, as documents.

/// What a command produces: text for people and named documents (file name -> bytes).
struct Documents {
  std::string text;
  std::vector<std::pair<std::string, std::string>> files;  // in the order they were made
};

struct RunSettings {
  std::uint64_t seed = 0;
  int threads = 0;
};

/// `pivot run`: every analysis the scenario supports (forecast, trade, deal, games,
/// Monte Carlo and sensitivity, report, summary.txt). `out_dir` only names the
/// documents in the report's error messages; nothing is written.
Documents run_study(const std::string& name_or_path, const RunSettings& settings,
                    const std::filesystem::path& out_dir);

/// `pivot deal`: deal.toml (or a scenario's) priced, with `sets` ("TERM=VALUE") applied and
/// an optional `sweep` ("TERM=FROM:TO:STEP"). Files: deal.json, schedule.csv, sweep.csv.
Documents deal_study(const std::string& deal_or_scenario, const std::vector<std::string>& sets,
                     const std::string& sweep);

}  // namespace pivot::pipeline
