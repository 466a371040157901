// `pivot deal SCENARIO_OR_DEAL.toml`: the price of an investment-for-tariff package.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/deal.hpp"
#include "pivot/error.hpp"
#include "pivot/output.hpp"

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
  deal::DealTerms terms = deal::load_deal(args.deal);
  for (const auto& kv : args.sets) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("--set expects TERM=VALUE, got '{}'", kv));
    double value = 0;
    try {
      std::size_t used = 0;
      value = std::stod(kv.substr(eq + 1), &used);
      if (used != kv.size() - eq - 1) throw std::invalid_argument("trailing");
    } catch (const std::logic_error&) {
      throw UsageError(fmt::format("--set {}: expected a number", kv));
    }
    deal::set_term(terms, kv.substr(0, eq), value);
  }
  const deal::DealResult base = deal::price_deal(terms);
  std::string table = deal::deal_table(terms, base);
  std::string sweep_csv;
  if (!args.sweep.empty()) {
    const deal::Sweep sweep = deal::parse_sweep(args.sweep);
    std::vector<deal::DealResult> results;
    for (double value : sweep.values) {
      deal::DealTerms varied = terms;
      deal::set_term(varied, sweep.term, value);
      results.push_back(deal::price_deal(varied));
    }
    sweep_csv = deal::deal_sweep_csv(sweep, results);
    table += "\nsweep of " + sweep.term + ":\n" + sweep_csv;
  }
  const std::string json = args.json_path.empty() ? "" : deal::deal_json(terms, base, version_string());
  const std::string schedule = deal::deal_schedule_csv(base);
  OutputFiles out;
  out.add(args.json_path, json);
  out.add_in(args.csv_dir, "--csv", "schedule.csv", schedule);
  if (!sweep_csv.empty()) out.add_in(args.csv_dir, "--csv", "sweep.csv", sweep_csv);
  out.write();
  if (!out.uses_stdout()) std::cout << table;
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
