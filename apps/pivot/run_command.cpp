// `pivot run`: every analysis the scenario supports (pipeline::run_study),
// written into one output directory. The files appear there only when every
// step has succeeded: they are staged beside it and renamed into place.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "pivot/core/error.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "progress.hpp"

namespace pivot::cli {
namespace {

struct RunArgs {
  std::string scenario;
  std::string out_dir;
  pipeline::RunSettings settings;
  bool no_mc = false;
  bool quiet = false;
};

int run(RunArgs args) {
  args.settings.monte_carlo = !args.no_mc;
  if (args.out_dir == "-") throw UsageError("-o names a directory; '-' (standard output) cannot hold files");
  Study study = pipeline::load_study(args.scenario);
  const std::filesystem::path out_dir =
      args.out_dir.empty() ? std::filesystem::path("out") / study.scenario.name : std::filesystem::path(args.out_dir);
  StagedDirectory staged(out_dir);
  SigintGuard sigint;
  StageBars bars(progress_style(args.quiet));
  pipeline::Documents documents;
  try {
    documents =
        pipeline::run_study(std::move(study), args.settings, out_dir, {.stage = bars.stage(), .stop = &sigint.flag()});
  } catch (const pipeline::StudyInterrupted&) {
    bars.finish();
    std::cerr << "interrupted: stopped before every step ran; nothing written\n";
    return 130;
  }
  bars.finish();
  std::vector<std::string> written;
  for (const auto& [name, content] : documents.files) {
    write_file_atomic(staged.path() / name, content);
    written.push_back(name);
  }
  staged.commit();
  if (!args.quiet) std::cout << documents.text << "\n";
  std::cout << fmt::format("wrote {}/ ({})\n", out_dir.string(), fmt::join(written, ", "));
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Run every model on a scenario and write all outputs");
  cmd->add_option("scenario", args->scenario, "Scenario directory or built-in name (e.g. korea-2025)")->required();
  cmd->add_option("-o,--out", args->out_dir, "Output directory (default out/<scenario>)");
  add_seed_option(cmd, args->settings.seed, "Seed for stochastic options and the Monte Carlo");
  add_threads_option(cmd, args->settings.threads);
  cmd->add_option("-n,--trials", args->settings.trials, "Monte Carlo trials per model")
      ->check(non_negative())
      ->capture_default_str();
  cmd->add_flag("--no-mc", args->no_mc, "Skip the Monte Carlo and sensitivity analysis");
  cmd->add_option("--set", args->settings.sets,
                  "Model option KEY=VALUE (every model that reads KEY) or MODEL.KEY=VALUE, e.g. ktab.max_turns=50 "
                  "(repeatable; see docs/models/)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary; only the line naming what was written");
  return {cmd, [args] { return run(*args); }};
}

}  // namespace pivot::cli
