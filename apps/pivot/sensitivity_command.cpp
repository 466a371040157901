// `pivot sensitivity`: which uncertain inputs move the forecast, by a
// one-at-a-time sweep (tornado) and by Sobol indices.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/core/error.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/output/sensitivity_output.hpp"
#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/trial_model.hpp"
#include "progress.hpp"

namespace pivot::cli {
namespace {

struct SensitivityArgs {
  std::string scenario;
  std::string model = "ktab";
  std::string by = "actor";
  std::string csv_dir;
  std::uint64_t samples = 512;
  std::uint64_t seed = 0;
  std::size_t top = 10;
  int threads = 0;
  std::vector<std::string> settings;
  std::vector<std::string> spreads;
};

int sensitivity(const SensitivityArgs& args) {
  const Scenario scenario = pipeline::load_study(args.scenario, {.spreads = args.spreads});
  if (scenario.uncertainty.empty())
    throw UsageError(fmt::format("scenario '{}' has no uncertain inputs: add an [uncertainty] table to scenario.toml "
                                 "or an uncertainty.csv (see docs/uncertainty.md)",
                                 scenario.name));
  const TrialModel model = make_trial_model(
      scenario, args.model, pipeline::forecast_options(scenario, args.model, args.seed, 1, args.settings));
  const auto factors = scenario_factors(scenario, args.by);

  SensitivityReport report = sensitivity_report(scenario, model, args.by, args.seed, args.samples);
  const VectorModel vector_model = scenario_vector_model(scenario, model);

  SigintGuard sigint;
  RunControl control;
  control.seed = args.seed;
  control.threads = args.threads;
  control.stop = &sigint.flag();
  {
    ProgressBar bar("one-at-a-time runs");
    control.progress = bar.callback();
    report.sweep = one_at_a_time(report.inputs, vector_model, control);
    bar.finish();
  }
  if (!report.sweep.interrupted && args.samples > 0) {
    ProgressBar bar("Sobol runs");
    control.progress = bar.callback();
    report.sobol = sobol_indices(report.inputs, factors, model.outputs.size(), vector_model, args.samples, control);
    bar.finish();
  }
  if (report.sweep.interrupted || report.sobol.interrupted) {
    std::cerr << "interrupted: stopped before all runs finished; nothing written\n";
    return 130;
  }
  if (!args.csv_dir.empty()) {
    OutputFiles out;
    out.add_in(args.csv_dir, "--csv", "tornado.csv", tornado_csv(report));
    if (args.samples > 0) out.add_in(args.csv_dir, "--csv", "sobol.csv", sobol_csv(report));
    out.write();
  }
  std::cout << sensitivity_text(report, args.top);
  return 0;
}

}  // namespace

Command add_sensitivity_command(CLI::App& app) {
  auto args = std::make_shared<SensitivityArgs>();
  auto* cmd = app.add_subcommand("sensitivity", "Which uncertain inputs move the forecast (tornado, Sobol indices)");
  cmd->add_option("scenario", args->scenario, "Scenario directory or built-in name (needs [uncertainty] or uncertainty.csv)")
      ->required();
  cmd->add_option("-m,--model", args->model, "Model: ktab, bdm, mean, median, nbs, deal (deal.toml), trade:NAME (trade/NAME.toml) or game:NAME (games/NAME.efg)")->capture_default_str();
  cmd->add_option("--samples", args->samples, "Sobol base samples N (N x (factors + 2) runs; 0 = tornado only)")->check(non_negative())
      ->capture_default_str();
  cmd->add_option("--by", args->by, "Sobol factors: input, actor or issue")->capture_default_str();
  cmd->add_option("--top", args->top, "Rows per issue in the printed tables")->check(non_negative())->capture_default_str();
  cmd->add_option("--seed", args->seed, "Seed: the same seed gives the same bytes")->check(non_negative())->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->check(non_negative())->capture_default_str();
  cmd->add_option("--csv", args->csv_dir, "Write tornado.csv and sobol.csv to DIR");
  cmd->add_option("--set", args->settings, "Model option KEY=VALUE (repeatable; see docs/models/)");
  cmd->add_option("--spread", args->spreads,
                  "Uncertainty default KEY=VALUE, as in [uncertainty]: position=10, salience=10, capability=20 (%), "
                  "position.ISSUE=2, distribution=pert (repeatable)");
  return {cmd, [args] { return sensitivity(*args); }};
}

}  // namespace pivot::cli
