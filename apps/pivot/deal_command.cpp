// `pivot deal SCENARIO_OR_DEAL.toml`: the price of an investment-for-tariff package.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/deal.hpp"
#include "pivot/csv.hpp"
#include "pivot/error.hpp"
#include "pivot/linkage.hpp"
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

// When the deal file is the one a scenario's [linkage] prices by its trade model, the
// avoided tariff is that price, as `pivot run` has it: one figure for both commands.
std::optional<deal::TariffPricing> scenario_pricing(const std::string& deal_file) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(deal_file).parent_path(), toml = dir / "scenario.toml";
  std::error_code ec;
  if (!fs::exists(toml, ec)) return std::nullopt;
  Scenario scenario = parse_scenario_toml(read_text_file(toml), toml.string());
  scenario.directory = dir;
  const std::string linked = scenario.linkage.deal.empty() ? "deal.toml" : scenario.linkage.deal;
  if (!fs::exists(dir / linked, ec) || !fs::equivalent(dir / linked, deal_file, ec)) return std::nullopt;
  return linkage::linked_tariff_pricing(scenario);
}

int deal(const DealArgs& args) {
  std::string file;
  deal::DealTerms terms = deal::load_deal(args.deal, &file);
  const std::optional<deal::TariffPricing> pricing = scenario_pricing(file);
  if (pricing) terms.tariff_saved = pricing->annual;
  bool tariff_set = false;
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
    tariff_set = tariff_set || kv.substr(0, eq) == "tariff-saved" || kv.substr(0, eq) == "tariff_saved";
  }
  const deal::DealResult base = deal::price_deal(terms);
  std::string table = deal::deal_table(terms, base);
  if (tariff_set) table += fmt::format("tariff_saved {:.2f} set by --set\n", terms.tariff_saved);
  else if (pricing) table += fmt::format("tariff_saved {:.2f} {}\n", pricing->annual, linkage::describe(*pricing));
  else table += fmt::format("tariff_saved {:.2f} from {}\n", terms.tariff_saved, file);
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
  std::string json;
  if (!args.json_path.empty()) {
    // deal.json as `pivot run` writes it, so both say where the tariff figure came from.
    deal::PricedDeal priced;
    priced.terms = terms;
    priced.result = base;
    if (tariff_set) priced.set_by = "--set";
    else if (pricing) {
      priced.pricing = pricing;
      deal::DealTerms as_given = terms;
      as_given.tariff_saved = pricing->given;
      priced.as_given = deal::price_deal(as_given);
    }
    json = deal::deal_run_json(priced, version_string(), "deal");
  }
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
