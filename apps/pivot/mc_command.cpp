// `pivot mc` (Monte Carlo over a scenario's uncertain inputs) and `pivot merge`
// (join the shards of one run). The library computes; this file parses, shows
// progress on a terminal, stops cleanly on Ctrl-C and writes the files.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "progress.hpp"
#include "pivot/core/error.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/uncertainty/mpi.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/output/mc_output.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/run_files.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot::cli {
namespace {

struct McArgs {
  std::string scenario;
  std::string model = "ktab";
  std::string csv_dir;
  std::string shard;
  std::uint64_t trials = 1000;
  std::uint64_t seed = 0;
  int threads = 0;
  std::vector<std::string> settings;
  std::vector<std::string> spreads;
};

struct MergeArgs {
  std::vector<std::string> dirs;
  std::string csv_dir;
};

void parse_shard(const std::string& text, McOptions& options) {
  if (text.empty()) return;
  int i = -1, n = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &i, &slash, &n, &extra) != 3 || slash != '/' || n < 1 || i < 0 || i >= n)
    throw UsageError(fmt::format("--shard expects i/n with 0 <= i < n (e.g. 0/4), got '{}'", text));
  options.shard_index = i, options.shard_count = n;
}

void write_run(const std::string& dir, const McRun& run, const std::vector<OutputSummary>& summaries) {
  OutputFiles out;
  out.add_in(dir, "--csv", "trials.csv", trials_csv(run));
  out.add_in(dir, "--csv", "summary.csv", summary_csv(summaries));
  out.add_in(dir, "--csv", "manifest.json", mc_manifest_json(run));
  out.write();
}

int monte_carlo(const McArgs& args) {
  const Scenario scenario = pipeline::load_study(args.scenario, {.spreads = args.spreads});
  McOptions options;
  options.seed = args.seed;
  options.trials = args.trials;
  options.threads = args.threads;
  parse_shard(args.shard, options);
  const TrialModel model = make_trial_model(
      scenario, args.model, pipeline::forecast_options(scenario, args.model, args.seed, 1, args.settings));

  SigintGuard sigint;
  options.stop = &sigint.flag();
  ProgressBar bar("trials");
  options.progress = bar.callback();
  const McRun run = run_monte_carlo_distributed(scenario, model, options);
  bar.finish();
  if (mpi_world().rank != 0) return run.interrupted ? 130 : 0;  // rank 0 holds the run and writes it
  if (run.interrupted) {
    std::cerr << "interrupted: stopped before all trials ran; nothing written\n";
    return 130;
  }
  const auto summaries = summarize_run(run);
  if (!args.csv_dir.empty()) write_run(args.csv_dir, run, summaries);
  std::cout << mc_report(run, summaries);
  return 0;
}

int merge(const MergeArgs& args) {
  std::vector<McRun> shards;
  for (const auto& dir : args.dirs) shards.push_back(read_mc_run(dir));
  const McRun run = merge_mc_runs(std::move(shards), args.dirs);
  const auto summaries = summarize_run(run);
  if (!args.csv_dir.empty()) write_run(args.csv_dir, run, summaries);
  std::cout << mc_report(run, summaries);
  return 0;
}

}  // namespace

Command add_mc_command(CLI::App& app) {
  auto args = std::make_shared<McArgs>();
  auto* cmd = app.add_subcommand("mc", "Monte Carlo: the distribution of outcomes over uncertain inputs");
  cmd->add_option("scenario", args->scenario, "Scenario directory or built-in name (needs [uncertainty] or uncertainty.csv)")
      ->required();
  cmd->add_option("-n,--trials", args->trials, "Number of trials (over all shards)")->check(non_negative())->capture_default_str();
  cmd->add_option("--seed", args->seed, "Seed: the same seed gives the same bytes")->check(non_negative())->capture_default_str();
  cmd->add_option("-m,--model", args->model, "Model: ktab, bdm, mean, median, nbs, deal (deal.toml), trade:NAME (trade/NAME.toml) or game:NAME (games/NAME.efg)")->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->check(non_negative())->capture_default_str();
  cmd->add_option("--shard", args->shard, "Compute only shard i of n (i/n); join with `pivot merge`");
  cmd->add_option("--csv", args->csv_dir, "Write trials.csv, summary.csv and manifest.json to DIR");
  cmd->add_option("--set", args->settings, "Model option KEY=VALUE (repeatable; see docs/models/)");
  cmd->add_option("--spread", args->spreads,
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
