// `pivot trade MODEL.toml`: the GSIM/SMART tariff model.
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/output/trade_output.hpp"

namespace pivot::cli {
namespace {

struct TradeArgs {
  std::string model_file;
  std::string json_path;
  std::string csv_dir;
  int threads = 0;
};

int trade(const TradeArgs& args) {
  const trade::TradeModel model = trade::load_trade_model(args.model_file);
  const trade::TradeResult result = trade::solve_trade(model, args.threads);
  // Render everything before writing anything, so a failure leaves no partial output.
  const std::string table = trade::trade_table(model, result);
  std::string json, regions, flows, by_product;
  if (!args.json_path.empty()) json = trade::trade_json(model, result, version_string());
  if (!args.csv_dir.empty()) {
    regions = trade::regions_csv(model, result);
    flows = trade::flows_csv(model, result);
    by_product = trade::regions_by_product_csv(result);
  }
  OutputFiles out;
  out.add(args.json_path, std::move(json));
  out.add_in(args.csv_dir, "--csv", "regions.csv", std::move(regions));
  out.add_in(args.csv_dir, "--csv", "flows.csv", std::move(flows));
  out.add_in(args.csv_dir, "--csv", "regions-by-product.csv", std::move(by_product));
  out.write();
  if (!out.uses_stdout()) std::cout << table;
  return 0;
}

}  // namespace

Command add_trade_command(CLI::App& app) {
  auto args = std::make_shared<TradeArgs>();
  auto* cmd = app.add_subcommand("trade", "Tariff effects by region: GSIM (multi-region) or SMART (one importer)");
  cmd->add_option("model", args->model_file, "Trade model TOML file (see docs/economics.md)")->required();
  cmd->add_option("--json", args->json_path, "Write both solutions and their differences as JSON to FILE");
  cmd->add_option("--csv", args->csv_dir, "Write regions.csv, flows.csv and regions-by-product.csv to DIR");
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores)")->check(non_negative())->capture_default_str();
  return {cmd, [args] { return trade(*args); }};
}

}  // namespace pivot::cli
