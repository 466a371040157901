// pivot: the command-line tool. Thin by design: it parses arguments, calls the
// library and writes what the library returns. Exit codes: 0 ok, 1 internal
// error, 2 bad input or usage.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "pivot/error.hpp"
#include "pivot/forecast.hpp"
#include "pivot/output.hpp"
#include "pivot/scenario.hpp"

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

struct RunArgs {
  std::string scenario;
  std::string out_dir;
  std::uint64_t seed = 0;
  int threads = 0;
};

pivot::ForecastOptions forecast_options(const pivot::Scenario& scenario, const std::string& model,
                                        std::uint64_t seed, int threads, const std::vector<std::string>& sets) {
  pivot::ForecastOptions options;
  options.seed = seed;
  options.threads = threads;
  auto it = scenario.model_settings.find(model);
  if (it != scenario.model_settings.end()) options.settings = it->second;
  for (const auto& kv : sets) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw pivot::UsageError(fmt::format("--set expects KEY=VALUE, got '{}'", kv));
    options.settings[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return options;
}

std::vector<pivot::ForecastResult> with_baselines(const pivot::Scenario& scenario,
                                                  std::vector<pivot::ForecastResult> models) {
  for (const char* name : {"mean", "median", "nbs"}) models.push_back(pivot::run_forecast(scenario, name, {}));
  return models;
}

int run_forecast_command(const ForecastArgs& args) {
  const pivot::Scenario scenario = pivot::load_scenario(args.scenario);
  const auto options = forecast_options(scenario, args.model, args.seed, args.threads, args.settings);
  auto results = with_baselines(scenario, {pivot::run_forecast(scenario, args.model, options)});
  const pivot::Manifest manifest = pivot::make_manifest("forecast", scenario, options, results.front());
  if (!args.json_path.empty()) pivot::write_file_atomic(args.json_path, pivot::forecast_json(scenario, results, manifest));
  if (!args.csv_dir.empty()) {
    std::filesystem::path dir(args.csv_dir);
    pivot::write_file_atomic(dir / "positions.csv", pivot::positions_csv(scenario, results.front()));
    pivot::write_file_atomic(dir / "outcome.csv", pivot::outcome_csv(scenario, results));
    pivot::write_file_atomic(dir / "manifest.json", pivot::manifest_json(manifest));
  }
  std::cout << pivot::forecast_table(scenario, results);
  return 0;
}

int run_run_command(const RunArgs& args) {
  const pivot::Scenario scenario = pivot::load_scenario(args.scenario);
  std::vector<pivot::ForecastResult> models;
  std::vector<pivot::ForecastOptions> used;
  for (const char* name : {"ktab", "bdm"}) {
    used.push_back(forecast_options(scenario, name, args.seed, args.threads, {}));
    models.push_back(pivot::run_forecast(scenario, name, used.back()));
  }
  auto results = with_baselines(scenario, std::move(models));
  const pivot::Manifest manifest = pivot::make_manifest("run", scenario, used.front(), results.front());
  const std::filesystem::path dir = args.out_dir.empty() ? std::filesystem::path("out") / scenario.name
                                                         : std::filesystem::path(args.out_dir);
  const std::string table = pivot::forecast_table(scenario, results);
  pivot::write_file_atomic(dir / "forecast.json", pivot::forecast_json(scenario, results, manifest));
  pivot::write_file_atomic(dir / "outcome.csv", pivot::outcome_csv(scenario, results));
  pivot::write_file_atomic(dir / "positions-ktab.csv", pivot::positions_csv(scenario, results[0]));
  pivot::write_file_atomic(dir / "positions-bdm.csv", pivot::positions_csv(scenario, results[1]));
  pivot::write_file_atomic(dir / "manifest.json", pivot::manifest_json(manifest));
  pivot::write_file_atomic(dir / "summary.txt", table);
  std::cout << table << fmt::format("\nwrote {}/ (forecast.json, outcome.csv, positions-*.csv, summary.txt)\n",
                                    dir.string());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"pivot: forecast, solve and price strategic bargaining between states"};
  app.set_version_flag("--version", pivot::version_string());
  app.require_subcommand(1);

  ForecastArgs fa;
  auto* forecast = app.add_subcommand("forecast", "Forecast where bargaining lands (ktab, bdm, baselines)");
  forecast->add_option("scenario", fa.scenario, "Scenario directory, KTAB/Predictioneer CSV, or built-in name")
      ->required();
  forecast->add_option("-m,--model", fa.model, "Model: ktab, bdm, mean, median, nbs")->capture_default_str();
  forecast->add_option("--json", fa.json_path, "Write the full trace as JSON to FILE");
  forecast->add_option("--csv", fa.csv_dir, "Write positions.csv, outcome.csv and manifest.json to DIR");
  forecast->add_option("--seed", fa.seed, "Seed for stochastic options")->capture_default_str();
  forecast->add_option("--threads", fa.threads, "Threads (0 = all cores)")->capture_default_str();
  forecast->add_option("--set", fa.settings, "Model option KEY=VALUE (repeatable; see docs/models/)");

  RunArgs ra;
  auto* run = app.add_subcommand("run", "Run every model on a scenario and write all outputs");
  run->add_option("scenario", ra.scenario, "Scenario directory or built-in name (e.g. korea-2025)")->required();
  run->add_option("-o,--out", ra.out_dir, "Output directory (default out/<scenario>)");
  run->add_option("--seed", ra.seed, "Seed for stochastic options")->capture_default_str();
  run->add_option("--threads", ra.threads, "Threads (0 = all cores)")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  try {
    if (*forecast) return run_forecast_command(fa);
    if (*run) return run_run_command(ra);
  } catch (const pivot::InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const pivot::UsageError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
