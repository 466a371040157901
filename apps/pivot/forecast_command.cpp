// `pivot forecast`: one model beside the baselines.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/core/error.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::cli {

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
  const Scenario scenario = pipeline::load_scenario(args.scenario);
  const auto options = pipeline::forecast_options(scenario, args.model, args.seed, args.threads, args.settings);
  auto results = pipeline::with_baselines(scenario, {run_forecast(scenario, args.model, options)});
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
  cmd->add_option("--seed", args->seed, "Seed for stochastic options")->check(non_negative())->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->check(non_negative())->capture_default_str();
  cmd->add_option("--set", args->settings, "Model option KEY=VALUE (repeatable; see docs/models/)");
  return {cmd, [args] { return forecast(*args); }};
}

}  // namespace pivot::cli
