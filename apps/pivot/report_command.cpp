// `pivot report`: the HTML report of a scenario, from a previous `pivot run`
// directory (--from) or from a forecast computed here.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/report.hpp"

namespace pivot::cli {
namespace {

struct ReportArgs {
  std::string scenario;
  std::string out_file;
  std::string from_dir;
  std::uint64_t seed = 0;
  int threads = 0;
};

int run(const ReportArgs& args) {
  const std::string html = pipeline::report_study(args.scenario, args.from_dir, args.seed, args.threads);
  OutputFiles out;
  out.add(args.out_file, html);
  out.write();
  if (!out.uses_stdout()) std::cout << fmt::format("wrote {}\n", args.out_file);
  return 0;
}

}  // namespace

Command add_report_command(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand("report", "Write the scenario's self-contained HTML report");
  cmd->add_option("scenario", args->scenario, "Scenario directory or built-in name (e.g. korea-2025)")->required();
  cmd->add_option("-o,--out", args->out_file, "HTML file to write")->required();
  cmd->add_option("--from", args->from_dir,
                  "Draw from the JSON files of a `pivot run` directory instead of forecasting here");
  add_seed_option(cmd, args->seed, "Seed for stochastic options (without --from)");
  add_threads_option(cmd, args->threads, "Threads (0 = all cores; without --from)");
  return {cmd, [args] { return run(*args); }};
}

}  // namespace pivot::cli
