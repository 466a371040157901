// `pivot sensitivity`: which uncertain inputs move the forecast, by a
// one-at-a-time sweep (tornado) and by Sobol indices (pipeline::sensitivity_study),
// with a progress bar on a terminal and a clean stop on Ctrl-C.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "progress.hpp"

namespace pivot::cli {
namespace {

struct SensitivityArgs {
  std::string scenario;
  pipeline::SensitivityStudySettings settings;
  std::string csv_dir;
  bool quiet = false;
};

int sensitivity(const SensitivityArgs& args) {
  SigintGuard sigint;
  StageBars bars(progress_style(args.quiet));
  const pipeline::SensitivityStudy study =
      pipeline::sensitivity_study(args.scenario, args.settings, {.stage = bars.stage(), .stop = &sigint.flag()});
  bars.finish();
  if (study.interrupted) {
    std::cerr << "interrupted: stopped before all runs finished; nothing written\n";
    return 130;
  }
  if (!args.csv_dir.empty()) {
    OutputFiles out;
    for (const auto& [name, content] : study.documents.files) out.add_in(args.csv_dir, "--csv", name, content);
    out.write();
  }
  std::cout << study.documents.text;
  return 0;
}

}  // namespace

Command add_sensitivity_command(CLI::App& app) {
  auto args = std::make_shared<SensitivityArgs>();
  auto* cmd = app.add_subcommand("sensitivity", "Which uncertain inputs move the forecast (tornado, Sobol indices)");
  cmd->add_option("scenario", args->scenario,
                  "Scenario directory or built-in name (needs [uncertainty] or uncertainty.csv)")
      ->required();
  cmd->add_option(
         "-m,--model", args->settings.model,
         "Model: ktab, bdm, exchange, mean, median, nbs, deal (deal.toml), trade:NAME (trade/NAME.toml), ge:NAME "
         "(trade/NAME.toml in general equilibrium, ge/ge.toml) or game:NAME (games/NAME.efg)")
      ->capture_default_str();
  cmd->add_option("--samples", args->settings.samples,
                  "Sobol base samples N (N x (factors + 2) runs; 0 = tornado only)")
      ->check(non_negative())
      ->capture_default_str();
  cmd->add_option("--by", args->settings.by, "Sobol factors: input, actor or issue")->capture_default_str();
  cmd->add_option("--top", args->settings.top, "Rows per issue in the printed tables")
      ->check(non_negative())
      ->capture_default_str();
  add_seed_option(cmd, args->settings.seed, "Seed: the same seed gives the same bytes");
  add_threads_option(cmd, args->settings.threads);
  cmd->add_option("--csv", args->csv_dir, "Write tornado.csv and sobol.csv to DIR");
  cmd->add_option("--set", args->settings.sets, "Model option KEY=VALUE (repeatable; see docs/models/)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress on standard error");
  cmd->add_option("--spread", args->settings.spreads,
                  "Uncertainty default KEY=VALUE, as in [uncertainty]: position=10, salience=10, capability=20 (%), "
                  "position.ISSUE=2, distribution=pert (repeatable)");
  return {cmd, [args] { return sensitivity(*args); }};
}

}  // namespace pivot::cli
