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
  const pipeline::Documents documents = pipeline::forecast_study(
      args.scenario,
      {args.model, args.seed, args.threads, args.settings, !args.json_path.empty(), !args.csv_dir.empty()});
  write_documents(documents, "forecast.json", args.json_path, args.csv_dir);
  return 0;
}

}  // namespace

Command add_forecast_command(CLI::App& app) {
  auto args = std::make_shared<ForecastArgs>();
  auto* cmd = app.add_subcommand("forecast", "Forecast where bargaining lands (ktab, bdm, exchange, baselines)");
  cmd->add_option("scenario", args->scenario, "Scenario directory, KTAB/Predictioneer CSV, or built-in name")
      ->required();
  cmd->add_option("-m,--model", args->model, "Model: ktab, bdm, exchange, mean, median, nbs")->capture_default_str();
  cmd->add_option("--json", args->json_path, "Write the full trace as JSON to FILE");
  cmd->add_option("--csv", args->csv_dir,
                  "Write positions.csv, outcome.csv (exchanges.csv for --model exchange) and manifest.json to DIR");
  add_seed_option(cmd, args->seed, "Seed for stochastic options");
  add_threads_option(cmd, args->threads);
  cmd->add_option("--set", args->settings, "Model option KEY=VALUE (repeatable; see docs/models/)");
  return {cmd, [args] { return forecast(*args); }};
}

}  // namespace pivot::cli
