// `pivot run`: every analysis the scenario supports, written into one output
// directory. Each part is one step below; a step computes through the library,
// writes its files and adds its lines to the summary. The report, last, reads
// the JSON files the steps wrote, so steps stay independent.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "all_models.hpp"
#include "commands.hpp"
#include "pivot/extensive_game.hpp"
#include "pivot/output.hpp"
#include "pivot/report.hpp"

namespace pivot::cli {
namespace {

struct RunArgs {
  std::string scenario;
  std::string out_dir;
  std::uint64_t seed = 0;
  int threads = 0;
};

/// What the steps share: the inputs, and what has been written so far.
struct RunContext {
  const Scenario& scenario;
  std::filesystem::path scenario_dir;  // empty when the scenario is not a directory
  std::filesystem::path dir;
  std::uint64_t seed = 0;
  int threads = 0;
  std::vector<std::string> written;  // file names relative to dir, in order
  std::string summary;               // summary.txt, also printed

  void write(const std::string& name, const std::string& content) {
    write_file_atomic(dir / name, content);
    written.push_back(name);
  }
};

void forecast_step(RunContext& run) {
  const AllModels all = forecast_all_models(run.scenario, "run", run.seed, run.threads);
  const auto& results = all.results;
  run.write("forecast.json", forecast_json(run.scenario, results, all.manifest));
  run.write("outcome.csv", outcome_csv(run.scenario, results));
  run.write("positions-ktab.csv", positions_csv(run.scenario, results[0]));
  run.write("positions-bdm.csv", positions_csv(run.scenario, results[1]));
  run.write("manifest.json", manifest_json(all.manifest));
  run.summary += forecast_table(run.scenario, results);
}

// The games the scenario ships in games/ (none: no file, no lines).
void games_step(RunContext& run) {
  if (run.scenario_dir.empty()) return;
  const ScenarioGames games = solve_scenario_games(run.scenario_dir);
  if (games.count == 0) return;
  run.write("games.json", games.json);
  run.summary += games.summary;
}

// The directory a scenario argument names, if it names one (built-in names included).
std::filesystem::path scenario_directory(const std::string& name_or_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path path = name_or_path;
  if (fs::is_directory(path, ec)) return path;
  if (path.filename() == "scenario.toml") return path.parent_path();
  if (fs::is_directory(builtin_scenario_root() / path, ec)) return builtin_scenario_root() / path;
  return {};
}

// Last: the report draws every JSON document the steps above wrote.
void report_step(RunContext& run) {
  run.write("report.html", render_report(read_report_inputs(run.scenario, run.dir)));
}

int run(const RunArgs& args) {
  const Scenario scenario = load_scenario(args.scenario);
  RunContext run{scenario,
                 scenario_directory(args.scenario),
                 args.out_dir.empty() ? std::filesystem::path("out") / scenario.name
                                      : std::filesystem::path(args.out_dir),
                 args.seed, args.threads, {}, {}};
  // Steps in the order their results are read: later steps may use earlier files.
  forecast_step(run);
  games_step(run);
  report_step(run);
  run.write("summary.txt", run.summary);
  std::cout << run.summary << fmt::format("\nwrote {}/ ({})\n", run.dir.string(), fmt::join(run.written, ", "));
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Run every model on a scenario and write all outputs");
  cmd->add_option("scenario", args->scenario, "Scenario directory or built-in name (e.g. korea-2025)")->required();
  cmd->add_option("-o,--out", args->out_dir, "Output directory (default out/<scenario>)");
  cmd->add_option("--seed", args->seed, "Seed for stochastic options")->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->capture_default_str();
  return {cmd, [args] { return run(*args); }};
}

}  // namespace pivot::cli
