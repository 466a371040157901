// `pivot deal`: a package priced as `pivot run` prices it, with terms set and swept.
#include <fmt/format.h>

#include <filesystem>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/econ/linkage.hpp"
#include "pivot/output/deal_output.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {
namespace {

// When the deal file is the one a scenario's [linkage] prices by its trade model, the
// avoided tariff is that price, as `pivot run` has it: one figure for both commands.
std::optional<deal::TariffPricing> scenario_pricing(const std::string& deal_file) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(deal_file).parent_path(), toml = dir / "scenario.toml";
  std::error_code ec;
  if (!fs::exists(toml, ec)) return std::nullopt;
  Study study = parse_scenario_toml(read_text_file(toml), toml.string());
  study.scenario.directory = dir;
  const std::string linked = study.linkage.deal.empty() ? "deal.toml" : study.linkage.deal;
  if (!fs::exists(dir / linked, ec) || !fs::equivalent(dir / linked, deal_file, ec)) return std::nullopt;
  return linkage::linked_tariff_pricing(study);
}

double term_value(const std::string& text, const std::string& key_value) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size()) return value;
  } catch (const std::logic_error&) {
  }
  throw UsageError(fmt::format("--set {}: expected a number", key_value));
}

}  // namespace

Documents deal_study(const std::string& deal_or_scenario, const std::vector<std::string>& sets,
                     const std::string& sweep_text) {
  std::string file;
  const std::filesystem::path directory = scenario_directory(deal_or_scenario);
  deal::DealTerms terms = deal::load_deal(directory.empty() ? deal_or_scenario : directory.string(), &file);
  const std::optional<deal::TariffPricing> pricing = scenario_pricing(file);
  if (pricing) terms.tariff_saved = pricing->annual;
  bool tariff_set = false;
  for (const auto& text : sets) {
    const auto [term, value] = split_key_value(text, "--set");
    deal::set_term(terms, term, term_value(value, text));
    tariff_set = tariff_set || term == "tariff-saved" || term == "tariff_saved";
  }
  const deal::DealResult base = deal::price_deal(terms);
  Documents out;
  out.text = deal::deal_table(terms, base);
  if (tariff_set)
    out.text += fmt::format("tariff_saved {:.2f} set by --set\n", terms.tariff_saved);
  else if (pricing)
    out.text += fmt::format("tariff_saved {:.2f} {}\n", pricing->annual, linkage::describe(*pricing));
  else
    out.text += fmt::format("tariff_saved {:.2f} from {}\n", terms.tariff_saved, file);

  // deal.json as `pivot run` writes it, so both say where the tariff figure came from.
  deal::PricedDeal priced;
  priced.terms = terms;
  priced.result = base;
  if (tariff_set) {
    priced.set_by = "--set";
  } else if (pricing) {
    priced.pricing = pricing;
    deal::DealTerms as_given = terms;
    as_given.tariff_saved = pricing->given;
    priced.as_given = deal::price_deal(as_given);
  }
  out.files.emplace_back("deal.json", deal::deal_run_json(priced, version_string(), "deal"));
  out.files.emplace_back("schedule.csv", deal::deal_schedule_csv(base));
  if (!sweep_text.empty()) {
    const deal::Sweep sweep = deal::parse_sweep(sweep_text);
    std::vector<deal::DealResult> results;
    for (double value : sweep.values) {
      deal::DealTerms varied = terms;
      deal::set_term(varied, sweep.term, value);
      results.push_back(deal::price_deal(varied));
    }
    const std::string sweep_csv = deal::deal_sweep_csv(sweep, results);
    out.text += "\nsweep of " + sweep.term + ":\n" + sweep_csv;
    out.files.emplace_back("sweep.csv", sweep_csv);
  }
  return out;
}

}  // namespace pivot::pipeline
