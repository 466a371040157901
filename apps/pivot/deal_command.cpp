// `pivot deal SCENARIO_OR_DEAL.toml`: the price of an investment-for-tariff package
// (pipeline::deal_study), printed and written as the flags ask.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::cli {
namespace {

struct DealArgs {
  std::string deal;
  std::string json_path;
  std::string csv_dir;
  std::string sweep;
  std::vector<std::string> sets;
};

int deal(const DealArgs& args) {
  const pipeline::Documents documents = pipeline::deal_study(args.deal, args.sets, args.sweep);
  write_documents(documents, "deal.json", args.json_path, args.csv_dir);
  return 0;
}

}  // namespace

Command add_deal_command(CLI::App& app) {
  auto args = std::make_shared<DealArgs>();
  auto* cmd = app.add_subcommand("deal", "Price an investment-for-tariff package (PV, FX outflow, break-even)");
  cmd->add_option("deal", args->deal, "deal.toml, a scenario directory holding one, or a built-in scenario name")
      ->required();
  cmd->add_option("--sweep", args->sweep, "Vary one term: NAME=FROM:TO:STEP (e.g. cash-share=0:100:10)");
  cmd->add_option("--set", args->sets, "Override a term: NAME=VALUE (repeatable)");
  cmd->add_option("--json", args->json_path, "Write terms, results and schedule as JSON to FILE");
  cmd->add_option("--csv", args->csv_dir, "Write schedule.csv (and sweep.csv) to DIR");
  return {cmd, [args] { return deal(*args); }};
}

}  // namespace pivot::cli
