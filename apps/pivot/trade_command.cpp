// `pivot trade MODEL.toml`: the GSIM/SMART tariff model (pipeline::trade_study),
// printed and written as the flags ask.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "progress.hpp"

namespace pivot::cli {
namespace {

struct TradeArgs {
  std::string model_file;
  std::string json_path;
  std::string csv_dir;
  int threads = 0;
  bool quiet = false;
};

int trade(const TradeArgs& args) {
  // Rendered in full before anything is written, so a failure leaves no partial output.
  const pipeline::Documents documents = [&] {
    const Heartbeat heartbeat("solving " + args.model_file, progress_style(args.quiet));
    return pipeline::trade_study(args.model_file, args.threads);
  }();
  write_documents(documents, "trade.json", args.json_path, args.csv_dir);
  return 0;
}

}  // namespace

Command add_trade_command(CLI::App& app) {
  auto args = std::make_shared<TradeArgs>();
  auto* cmd = app.add_subcommand("trade", "Tariff effects by region: GSIM (multi-region) or SMART (one importer)");
  cmd->add_option("model", args->model_file, "Trade model TOML file (see docs/economics.md)")->required();
  cmd->add_option("--json", args->json_path, "Write both solutions and their differences as JSON to FILE");
  cmd->add_option("--csv", args->csv_dir, "Write regions.csv, flows.csv and regions-by-product.csv to DIR");
  add_threads_option(cmd, args->threads);
  cmd->add_flag("-q,--quiet", args->quiet, "No progress on standard error");
  return {cmd, [args] { return trade(*args); }};
}

}  // namespace pivot::cli
