// `pivot forecast`: one model beside the baselines.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/error.hpp"
#include "pivot/output.hpp"

namespace pivot::cli {

ForecastOptions forecast_options(const Scenario& scenario, const std::string& model, std::uint64_t seed,
                                 int threads, const std::vector<std::string>& sets) {
  check_model_settings(scenario);
  ForecastOptions options;
  options.seed = seed;
  options.threads = threads;
  auto it = scenario.model_settings.find(model);
  if (it != scenario.model_settings.end()) options.settings = it->second;
  for (const auto& kv : sets) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("--set expects KEY=VALUE, got '{}'", kv));
    options.settings[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return options;
}

std::vector<ForecastResult> with_baselines(const Scenario& scenario, std::vector<ForecastResult> models) {
  // A baseline already run as the model (`--model mean`) keeps its one column.
  for (const char* name : {"mean", "median", "nbs"})
    if (std::none_of(models.begin(), models.end(), [&](const ForecastResult& r) { return r.model == name; }))
      models.push_back(run_forecast(scenario, name, {}));
  return models;
}

namespace {

struct ForecastArgs {
  std::string scenario;
  std::string model = "ktab";
  std::string json_path;
  std::string csv_dir;
  std::uint64_t seed = 0;
  int threads = 0;
  std::vector<std::string> settings;
};

int forecast(const ForecastArgs& args) {
  const Scenario scenario = load_scenario(args.scenario);
  const auto options = forecast_options(scenario, args.model, args.seed, args.threads, args.settings);
  auto results = with_baselines(scenario, {run_forecast(scenario, args.model, options)});
  const Manifest manifest = make_manifest("forecast", scenario, options, results.front());
  OutputFiles out;
  if (!args.json_path.empty()) out.add(args.json_path, forecast_json(scenario, results, manifest));
  if (!args.csv_dir.empty()) {
    out.add_in(args.csv_dir, "--csv", "positions.csv", positions_csv(scenario, results.front()));
    out.add_in(args.csv_dir, "--csv", "outcome.csv", outcome_csv(scenario, results));
    out.add_in(args.csv_dir, "--csv", "manifest.json", manifest_json(manifest));
  }
  out.write();
  if (!out.uses_stdout()) std::cout << forecast_table(scenario, results);
  return 0;
}

}  // namespace

Command add_forecast_command(CLI::App& app) {
  auto args = std::make_shared<ForecastArgs>();
  auto* cmd = app.add_subcommand("forecast", "Forecast where bargaining lands (ktab, bdm, baselines)");
  cmd->add_option("scenario", args->scenario, "Scenario directory, KTAB/Predictioneer CSV, or built-in name")
      ->required();
  cmd->add_option("-m,--model", args->model, "Model: ktab, bdm, mean, median, nbs")->capture_default_str();
  cmd->add_option("--json", args->json_path, "Write the full trace as JSON to FILE");
  cmd->add_option("--csv", args->csv_dir, "Write positions.csv, outcome.csv and manifest.json to DIR");
  cmd->add_option("--seed", args->seed, "Seed for stochastic options")->check(non_negative())
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->check(non_negative())
      ->capture_default_str();
  cmd->add_option("--set", args->settings, "Model option KEY=VALUE (repeatable; see docs/models/)");
  return {cmd, [args] { return forecast(*args); }};
}

}  // namespace pivot::cli
