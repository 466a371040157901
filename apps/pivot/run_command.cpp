// `pivot run`: every analysis the scenario supports, written into one output
// directory. Each part is one step below; a step computes through the library,
// writes its files and adds its lines to the summary. The report, last, reads
// the JSON files the steps wrote, so steps stay independent. The files appear
// in the output directory only when every step has succeeded (StagedDirectory).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "all_models.hpp"
#include "commands.hpp"
#include "pivot/deal.hpp"
#include "pivot/extensive_game.hpp"
#include "pivot/linkage.hpp"
#include "pivot/output.hpp"
#include "pivot/report.hpp"
#include "pivot/trade.hpp"
#include "pivot/uncertainty.hpp"

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

// Few enough trials and Sobol samples that `make demo` stays quick (about a second
// each for korea-2025 on one core); `pivot mc` and `pivot sensitivity` go further.
constexpr std::uint64_t kRunTrials = 1000;
constexpr std::uint64_t kRunSobolSamples = 64;

void mc_step(RunContext& run) {
  if (run.scenario.uncertainty.empty()) {
    run.summary += "\nno uncertain inputs: Monte Carlo and sensitivity skipped (see docs/uncertainty.md)\n";
    return;
  }
  const std::vector<TrialModel> models =
      sampled_models(run.scenario, "ktab", forecast_options(run.scenario, "ktab", run.seed, 1, {}));
  RunControl control;
  control.seed = run.seed;
  control.threads = run.threads;
  // Games come last and get the Monte Carlo only: their sensitivity runs would double the
  // step's time (docs/performance.md); `pivot sensitivity --model game:NAME` gives it.
  const auto games = std::count_if(models.begin(), models.end(),
                                   [](const TrialModel& m) { return m.name.rfind("game:", 0) == 0; });
  const UncertaintyAnalysis analysis = analyse_uncertainty(run.scenario, models, kRunTrials, kRunSobolSamples,
                                                           "actor", control, models.size() - games);
  run.write("mc.json", mc_json(analysis.runs, &analysis.sensitivity.front()));
  run.write("sensitivity.json", sensitivity_json(analysis.sensitivity));
  for (const auto& [mc, summaries] : analysis.runs) run.summary += "\n" + mc_report(mc, summaries);
}

void trade_step(RunContext& run, trade::ScenarioTrade& trades) {
  trades = trade::solve_scenario_trade(run.scenario.directory, run.scenario.linkage.trade, run.threads);
  if (trades.models.empty()) return;
  for (std::size_t i = 0; i < trades.models.size(); ++i) {
    run.summary += fmt::format("\nTrade: {} ({})\n", trades.names[i], trades.models[i].title);
    run.summary += trade::trade_table(trades.models[i], trades.results[i]);
  }
  run.write("trade.json", trade::trade_run_json(trades, version_string()));
}

// Returns the trade model's pricing of the avoided tariff, which the Monte Carlo step then samples around.
std::optional<deal::TariffPricing> deal_step(RunContext& run, const trade::ScenarioTrade& trades) {
  std::error_code ec;
  const Linkage& link = run.scenario.linkage;
  const auto deal_file = run.scenario.directory / (link.deal.empty() ? std::string("deal.toml") : link.deal);
  if (run.scenario.directory.empty() || !std::filesystem::exists(deal_file, ec)) return std::nullopt;
  const deal::PricedDeal deal = deal::price_deal(deal::load_deal(deal_file.string()), linkage::avoided_tariff(trades, link));
  run.write("deal.json", deal::deal_run_json(deal, version_string()));
  run.summary += "\n" + deal::deal_table(deal.terms, deal.result);
  if (const auto& pricing = deal.pricing)
    run.summary += fmt::format("tariff_saved {:.2f} {}\n", pricing->annual, linkage::describe(*pricing));
  return deal.pricing;
}

// Last: the report draws every JSON document the steps above wrote.
void report_step(RunContext& run) {
  run.write("report.html", render_report(read_report_inputs(run.scenario, run.dir)));
}

int run(const RunArgs& args) {
  if (args.out_dir == "-") throw UsageError("-o names a directory; '-' (standard output) cannot hold files");
  Scenario scenario = load_scenario(args.scenario);
  const std::filesystem::path out_dir =
      args.out_dir.empty() ? std::filesystem::path("out") / scenario.name : std::filesystem::path(args.out_dir);
  // Every step writes into a staging directory; the files move into out_dir only once
  // all steps succeeded, so bad input found by a late step leaves out_dir as it was.
  StagedDirectory staged(out_dir);
  RunContext run{scenario, scenario_directory(args.scenario), staged.path(), args.seed, args.threads, {}, {}};
  // Steps in the order their results are read: later steps may use earlier files.
  forecast_step(run);
  trade::ScenarioTrade trades;
  trade_step(run, trades);
  // One figure for the avoided tariff: the Monte Carlo samples around the price the deal used.
  if (const auto pricing = deal_step(run, trades)) linkage::apply_tariff_pricing(scenario, *pricing);
  games_step(run);
  mc_step(run);
  report_step(run);
  run.write("summary.txt", run.summary);
  staged.commit();
  std::cout << run.summary << fmt::format("\nwrote {}/ ({})\n", out_dir.string(), fmt::join(run.written, ", "));
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Run every model on a scenario and write all outputs");
  cmd->add_option("scenario", args->scenario, "Scenario directory or built-in name (e.g. korea-2025)")->required();
  cmd->add_option("-o,--out", args->out_dir, "Output directory (default out/<scenario>)");
  cmd->add_option("--seed", args->seed, "Seed for stochastic options")->check(non_negative())->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->check(non_negative())->capture_default_str();
  return {cmd, [args] { return run(*args); }};
}

}  // namespace pivot::cli
