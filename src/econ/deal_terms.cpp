// Deal terms: names, validation, sweeps and the TOML loader.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "pivot/core/error.hpp"
#include "pivot/econ/deal.hpp"
#include "pivot/scenario/scenario.hpp"
#include "pivot/scenario/toml_reader.hpp"

namespace pivot::deal {
namespace {

namespace fs = std::filesystem;

// Every numeric term by its TOML name (underscores).
std::map<std::string, double DealTerms::*> numeric_terms() {
  return {{"total", &DealTerms::total},
          {"cash_share", &DealTerms::cash_share},
          {"payment_years", &DealTerms::payment_years},
          {"annual_cap", &DealTerms::annual_cap},
          {"guarantee_loss", &DealTerms::guarantee_loss},
          {"loan_reserve_share", &DealTerms::loan_reserve_share},
          {"project_return", &DealTerms::project_return},
          {"payer_profit_share", &DealTerms::payer_profit_share},
          {"payer_profit_share_after", &DealTerms::payer_profit_share_after},
          {"discount_rate", &DealTerms::discount_rate},
          {"tariff_saved", &DealTerms::tariff_saved},
          {"fx_reserves", &DealTerms::fx_reserves},
          {"current_account_surplus", &DealTerms::current_account_surplus}};
}

std::string underscored(std::string name) {
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

// The first violated rule for a term's value, or "" if it is fine.
std::string rule_broken(const std::string& name, double value) {
  if (!std::isfinite(value)) return "expected a finite number";
  if (name == "payment_years" && !(value > 0)) return "expected a number of years > 0";
  if (name == "horizon" && (value < 1 || value > 200 || value != std::floor(value)))
    return "expected a whole number of years in [1, 200]";
  if (name == "payer_profit_share_after" && value == -1) return "";
  if ((name == "cash_share" || name == "guarantee_loss" || name == "loan_reserve_share" ||
       name == "payer_profit_share" || name == "payer_profit_share_after") &&
      (value < 0 || value > 100))
    return "expected a percentage in [0, 100]";
  if (name == "discount_rate" && !(value > -100)) return "expected a rate in percent > -100";
  if (name != "project_return" && name != "discount_rate" && value < 0) return "expected a number >= 0";
  return "";
}

}  // namespace

std::vector<std::string> term_names() {
  std::vector<std::string> names;
  for (const auto& [name, member] : numeric_terms()) {
    std::string dashed = name;
    for (char& c : dashed)
      if (c == '_') c = '-';
    names.push_back(dashed);
  }
  names.push_back("horizon");
  return names;
}

void set_term(DealTerms& terms, const std::string& name, double value) {
  const std::string key = underscored(name);
  if (key == "horizon") {
    terms.horizon = static_cast<int>(value);
  } else {
    const auto all = numeric_terms();
    const auto it = all.find(key);
    if (it == all.end()) {
      std::string known;
      for (const auto& n : term_names()) known += (known.empty() ? "" : ", ") + n;
      throw UsageError(fmt::format("unknown deal term '{}' (known: {})", name, known));
    }
    terms.*(it->second) = value;
  }
  if (auto broken = rule_broken(key, value); !broken.empty())
    throw UsageError(fmt::format("deal term {} = {}: {}", name, value, broken));
}

void validate_terms(const DealTerms& t, const std::string& file) {
  for (const auto& [name, member] : numeric_terms())
    if (auto broken = rule_broken(name, t.*member); !broken.empty()) throw InputError({file, 0, 0, name}, broken);
  if (auto broken = rule_broken("horizon", t.horizon); !broken.empty())
    throw InputError({file, 0, 0, "horizon"}, broken);
}

Sweep parse_sweep(const std::string& text) {
  const auto eq = text.find('=');
  const auto usage = [&] {
    return UsageError(fmt::format("--sweep expects NAME=FROM:TO:STEP (e.g. cash-share=0:100:10), got '{}'", text));
  };
  if (eq == std::string::npos || eq == 0) throw usage();
  Sweep sweep;
  sweep.term = text.substr(0, eq);
  DealTerms probe;
  set_term(probe, sweep.term, 1.0);  // rejects unknown names early
  double parts[3];
  std::size_t start = eq + 1;
  for (int i = 0; i < 3; ++i) {
    const auto colon = text.find(':', start);
    if ((i < 2) != (colon != std::string::npos)) throw usage();
    const std::string part = text.substr(start, i < 2 ? colon - start : std::string::npos);
    try {
      std::size_t used = 0;
      parts[i] = std::stod(part, &used);
      if (used != part.size() || !std::isfinite(parts[i])) throw usage();
    } catch (const std::logic_error&) {
      throw usage();
    }
    start = colon + 1;
  }
  const double from = parts[0], to = parts[1], step = parts[2];
  if (!(step > 0) || to < from) throw UsageError("--sweep: expected FROM <= TO and STEP > 0");
  const double count = std::floor((to - from) / step + 1e-9) + 1;
  if (count > 10001) throw UsageError("--sweep: at most 10,001 values");
  // from + i * step rather than repeated addition, so values do not drift.
  for (int i = 0; i < static_cast<int>(count); ++i) sweep.values.push_back(from + i * step);
  return sweep;
}

DealTerms load_deal(const std::string& path_or_name, std::string* file_used) {
  fs::path path(path_or_name);
  std::error_code ec;
  if (fs::is_directory(path, ec)) path /= "deal.toml";
  const std::string file = path.string();
  if (file_used) *file_used = file;
  const toml::table root = read_toml_file(path);
  const toml::table* table = toml_table(root, "deal", file);
  if (!table) table = &root;
  DealTerms terms;
  const auto all = numeric_terms();
  for (const auto& [key, node] : *table) {
    const std::string name(key.str());
    const SourcePosition where = toml_position(file, node, name);
    if (name == "title" || name == "as_of" || name == "currency" || name == "notes" || name == "deal" ||
        name == "sources")
      continue;
    if (name != "horizon" && !all.count(name))
      throw InputError({file, key.source().begin.line, key.source().begin.column, name}, "unknown deal term");
    if (!node.is_number()) throw InputError(where, "expected a number");
    const double value = *node.value<double>();
    if (auto broken = rule_broken(name, value); !broken.empty()) throw InputError(where, broken);
    if (name == "horizon")
      terms.horizon = static_cast<int>(value);
    else
      terms.*(all.at(name)) = value;
  }
  return terms;
}

}  // namespace pivot::deal
