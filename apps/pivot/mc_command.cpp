// `pivot mc` (Monte Carlo over a scenario's uncertain inputs) and `pivot merge`
// (join the shards of one run): pipeline::monte_carlo_study and merge_study
// compute; this file parses, shows progress on a terminal, stops cleanly on
// Ctrl-C and writes the files.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "progress.hpp"

namespace pivot::cli {
namespace {

struct McArgs {
  std::string scenario;
  pipeline::McStudySettings settings;
  std::string csv_dir;
  bool quiet = false;
};

struct MergeArgs {
  std::vector<std::string> dirs;
  std::string csv_dir;
};

int write_run(const std::string& dir, const pipeline::McStudy& study) {
  if (!dir.empty()) {
    OutputFiles out;
    for (const auto& [name, content] : study.documents.files) out.add_in(dir, "--csv", name, content);
    out.write();
  }
  std::cout << study.documents.text;
  return 0;
}

int monte_carlo(const McArgs& args) {
  SigintGuard sigint;
  StageBars bars(progress_style(args.quiet));
  const pipeline::McStudy study =
      pipeline::monte_carlo_study(args.scenario, args.settings, {.stage = bars.stage(), .stop = &sigint.flag()});
  bars.finish();
  if (!study.holds_run) return study.run.interrupted ? 130 : 0;  // rank 0 holds the run and writes it
  if (study.run.interrupted) {
    std::cerr << "interrupted: stopped before all trials ran; nothing written\n";
    return 130;
  }
  return write_run(args.csv_dir, study);
}

int merge(const MergeArgs& args) { return write_run(args.csv_dir, pipeline::merge_study(args.dirs)); }

}  // namespace

Command add_mc_command(CLI::App& app) {
  auto args = std::make_shared<McArgs>();
  auto* cmd = app.add_subcommand("mc", "Monte Carlo: the distribution of outcomes over uncertain inputs");
  cmd->add_option("scenario", args->scenario,
                  "Scenario directory or built-in name (needs [uncertainty] or uncertainty.csv)")
      ->required();
  cmd->add_option("-n,--trials", args->settings.trials, "Number of trials (over all shards)")
      ->check(non_negative())
      ->capture_default_str();
  add_seed_option(cmd, args->settings.seed, "Seed: the same seed gives the same bytes");
  cmd->add_option(
         "-m,--model", args->settings.model,
         "Model: ktab, bdm, exchange, mean, median, nbs, deal (deal.toml), trade:NAME (trade/NAME.toml), ge:NAME "
         "(trade/NAME.toml in general equilibrium, ge/ge.toml) or game:NAME (games/NAME.efg)")
      ->capture_default_str();
  add_threads_option(cmd, args->settings.threads);
  cmd->add_option("--shard", args->settings.shard, "Compute only shard i of n (i/n); join with `pivot merge`");
  cmd->add_option("--csv", args->csv_dir, "Write trials.csv, summary.csv and manifest.json to DIR");
  cmd->add_option("--set", args->settings.sets, "Model option KEY=VALUE (repeatable; see docs/models/)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress on standard error");
  cmd->add_option("--spread", args->settings.spreads,
                  "Uncertainty default KEY=VALUE, as in [uncertainty]: position=10, salience=10, capability=20 (%), "
                  "position.ISSUE=2, distribution=pert (repeatable)");
  return {cmd, [args] { return monte_carlo(*args); }};
}

Command add_merge_command(CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  auto* cmd = app.add_subcommand("merge", "Join the shards of one `pivot mc` run (byte-identical to a single run)");
  cmd->add_option("dirs", args->dirs, "Shard directories written by `pivot mc --shard i/n --csv DIR`")->required();
  cmd->add_option("--csv", args->csv_dir, "Write the merged trials.csv, summary.csv and manifest.json to DIR");
  return {cmd, [args] { return merge(*args); }};
}

}  // namespace pivot::cli
