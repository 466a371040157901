// `pivot run`: every analysis the scenario supports, as documents. Each part is
// one step below; a step computes through the library, adds its documents and
// its lines to the summary. The report, last, reads the JSON documents the
// steps made, so steps stay independent. The CLI writes the documents into one
// directory only when every step has succeeded.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "pivot/core/error.hpp"
#include "pivot/econ/deal.hpp"
#include "pivot/econ/ge_scenario.hpp"
#include "pivot/econ/linkage.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/scenario_games.hpp"
#include "pivot/output/deal_output.hpp"
#include "pivot/output/ge_scenario_output.hpp"
#include "pivot/output/mc_output.hpp"
#include "pivot/output/sensitivity_output.hpp"
#include "pivot/output/trade_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/report.hpp"
#include "pivot/uncertainty/analysis.hpp"
#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot::pipeline {
namespace {

/// What the steps share: the inputs, and the documents made so far.
struct RunContext {
  const Study& study;
  std::filesystem::path out_dir;  // names the documents in the report's errors
  std::uint64_t seed = 0;
  int threads = 0;
  const RunSettings& settings;
  const StudyControl& control;
  std::map<std::string, std::vector<std::string>> sets;  // --set, per model
  Documents documents;                                   // text: summary.txt, also printed

  void write(const std::string& name, std::string content) { documents.files.emplace_back(name, std::move(content)); }

  // Announces the next step to the caller, first checking whether it asked to stop.
  void start(const std::string& step) const {
    if (control.stop && control.stop->load()) throw StudyInterrupted();
    if (control.stage) control.stage(step);
  }
};

void forecast_step(RunContext& run) {
  run.start("forecast");
  const Scenario& scenario = run.study.scenario;
  const AllModels all = forecast_all_models(run.study, "run", run.seed, run.threads, run.sets);
  const auto& results = all.results;
  run.write("forecast.json", forecast_json(scenario, results, all.manifest));
  run.write("outcome.csv", outcome_csv(scenario, results));
  run.write("positions-ktab.csv", positions_csv(scenario, results[0]));
  run.write("positions-bdm.csv", positions_csv(scenario, results[1]));
  // The exchange model's trades, one row each (its JSON trace is in forecast.json).
  run.write("positions-exchange.csv", positions_csv(scenario, results[2]));
  run.write("exchanges.csv", exchanges_csv(scenario, results[2]));
  run.write("manifest.json", manifest_json(all.manifest));
  run.documents.text += forecast_table(scenario, results);
}

// The games the scenario ships in games/ (none: no file, no lines).
void games_step(RunContext& run) {
  const std::filesystem::path& directory = run.study.scenario.directory;  // empty for a KTAB or Predictioneer CSV
  if (directory.empty()) return;
  run.start("games");
  const ScenarioGames games = solve_scenario_games(directory);
  if (games.count == 0) return;
  run.write("games.json", games.json);
  run.documents.text += games.summary;
}

// Few enough Sobol samples that `make demo` stays quick (about a second for korea-2025
// on one core, as are the default 1,000 trials); `pivot sensitivity` goes further.
constexpr std::uint64_t kRunSobolSamples = 64;

void mc_step(RunContext& run) {
  if (!run.settings.monte_carlo) {
    run.documents.text += "\nMonte Carlo and sensitivity not run (--no-mc)\n";
    return;
  }
  if (run.study.uncertainty.empty()) {
    run.documents.text += "\nno uncertain inputs: Monte Carlo and sensitivity skipped (see docs/uncertainty.md)\n";
    return;
  }
  const auto ktab_sets = run.sets.find("ktab");
  std::vector<TrialModel> models =
      sampled_models(run.study, "ktab",
                     forecast_options(run.study.scenario, "ktab", run.seed, 1,
                                      ktab_sets == run.sets.end() ? std::vector<std::string>{} : ktab_sets->second));
  RunControl control;
  control.seed = run.seed;
  control.threads = run.threads;
  // Games come last and get the Monte Carlo only: their sensitivity runs would double the
  // step's time (docs/performance.md); `pivot sensitivity --model game:NAME` gives it.
  auto is_game = [](const TrialModel& m) { return m.name.rfind("game:", 0) == 0; };
  // Parameters are numbered deal, trade, games, ge: move the games behind every other model.
  std::stable_partition(models.begin(), models.end(), [&](const TrialModel& m) { return !is_game(m); });
  const auto games = std::count_if(models.begin(), models.end(), is_game);
  control.stop = run.control.stop;
  const UncertaintyAnalysis analysis = analyse_uncertainty(run.study, models, run.settings.trials, kRunSobolSamples,
                                                           "actor", control, models.size() - games, run.control.stage);
  if (analysis.interrupted) throw StudyInterrupted();
  run.write("mc.json", mc_json(analysis.runs, &analysis.sensitivity.front()));
  run.write("sensitivity.json", sensitivity_json(analysis.sensitivity));
  for (const auto& [mc, summaries] : analysis.runs) run.documents.text += "\n" + mc_report(mc, summaries);
}

void trade_step(RunContext& run, trade::ScenarioTrade& trades) {
  run.start("trade");
  trades = trade::solve_scenario_trade(run.study.scenario.directory, run.study.linkage.trade, run.threads);
  if (trades.models.empty()) return;
  for (std::size_t i = 0; i < trades.models.size(); ++i) {
    run.documents.text += fmt::format("\nTrade: {} ({})\n", trades.names[i], trades.models[i].title);
    run.documents.text += trade::trade_table(trades.models[i], trades.results[i]);
  }
  run.write("trade.json", trade::trade_run_json(trades, version_string()));
}

// The trade cases in general equilibrium, beside GSIM (a scenario with ge/ge.toml and trade models).
void ge_step(RunContext& run, const trade::ScenarioTrade& trades) {
  const std::filesystem::path& directory = run.study.scenario.directory;
  std::error_code ec;
  if (trades.models.empty() || directory.empty() || !std::filesystem::exists(directory / "ge" / "ge.toml", ec)) return;
  run.start("ge");
  const gravity::ScenarioGe ge = gravity::solve_scenario_ge(directory, trades);
  run.documents.text += gravity::ge_scenario_table(ge, trades);
  run.write("ge.json", gravity::ge_scenario_json(ge, trades, version_string()));
}

// Returns the trade model's pricing of the avoided tariff, which the Monte Carlo step then samples around.
std::optional<deal::TariffPricing> deal_step(RunContext& run, const trade::ScenarioTrade& trades) {
  std::error_code ec;
  const Linkage& link = run.study.linkage;
  const std::filesystem::path& directory = run.study.scenario.directory;
  const auto deal_file = directory / (link.deal.empty() ? std::string("deal.toml") : link.deal);
  if (directory.empty() || !std::filesystem::exists(deal_file, ec)) return std::nullopt;
  run.start("deal");
  const deal::PricedDeal deal =
      deal::price_deal(deal::load_deal(deal_file.string()), linkage::avoided_tariff(trades, link));
  run.write("deal.json", deal::deal_run_json(deal, version_string()));
  run.documents.text += "\n" + deal::deal_table(deal.terms, deal.result);
  if (const auto& pricing = deal.pricing)
    run.documents.text += fmt::format("tariff_saved {:.2f} {}\n", pricing->annual, linkage::describe(*pricing));
  return deal.pricing;
}

// Last: the report draws every JSON document the steps above wrote.
void report_step(RunContext& run) {
  run.start("report");
  const std::map<std::string, std::string> written(run.documents.files.begin(), run.documents.files.end());
  ReportInputs inputs = report_inputs_from(run.study, written, run.out_dir);
  inputs.bottom_line = bottom_line(inputs);
  // The bottom line ends what `pivot run` prints and summary.txt, as it opens the report.
  run.documents.text += bottom_line_text(*inputs.bottom_line);
  run.write("report.html", render_report(inputs));
}

}  // namespace

Documents run_study(const std::string& name_or_path, const RunSettings& settings,
                    const std::filesystem::path& out_dir) {
  return run_study(load_study(name_or_path), settings, out_dir, StudyControl{});
}

Documents run_study(Study study, const RunSettings& settings, const std::filesystem::path& out_dir,
                    const StudyControl& control) {
  if (settings.trials == 0) throw UsageError("--trials must be at least 1 (--no-mc skips the Monte Carlo)");
  RunContext run{study,
                 out_dir,
                 settings.seed,
                 settings.threads,
                 settings,
                 control,
                 sets_by_model(settings.sets, all_model_names()),
                 {}};
  // Steps in the order their results are read: later steps may use earlier documents.
  forecast_step(run);
  trade::ScenarioTrade trades;
  trade_step(run, trades);
  ge_step(run, trades);
  // One figure for the avoided tariff: the Monte Carlo samples around the price the deal used.
  if (const auto pricing = deal_step(run, trades)) linkage::apply_tariff_pricing(study, *pricing);
  games_step(run);
  mc_step(run);
  report_step(run);
  run.write("summary.txt", run.documents.text);
  return std::move(run.documents);
}

}  // namespace pivot::pipeline
