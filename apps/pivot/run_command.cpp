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

namespace pivot::cli {
namespace {

struct RunArgs {
  std::string scenario;
  std::string out_dir;
  std::uint64_t seed = 0;
  int threads = 0;
};

int run(const RunArgs& args) {
  if (args.out_dir == "-") throw UsageError("-o names a directory; '-' (standard output) cannot hold files");
  const std::filesystem::path out_dir = args.out_dir.empty()
                                            ? std::filesystem::path("out") / pipeline::load_scenario(args.scenario).name
                                            : std::filesystem::path(args.out_dir);
  StagedDirectory staged(out_dir);
  const pipeline::Documents documents = pipeline::run_study(args.scenario, {args.seed, args.threads}, out_dir);
  std::vector<std::string> written;
  for (const auto& [name, content] : documents.files) {
    write_file_atomic(staged.path() / name, content);
    written.push_back(name);
  }
  staged.commit();
  std::cout << documents.text << fmt::format("\nwrote {}/ ({})\n", out_dir.string(), fmt::join(written, ", "));
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
