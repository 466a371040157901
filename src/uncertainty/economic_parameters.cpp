// Economic parameters: the numbers of the deal and trade models that ship with a
// scenario, named so uncertainty.csv can give them distributions, and written
// back into the models' inputs for each trial. See docs/uncertainty.md.
#include "uncertainty/economic_parameters.hpp"
#include "pivot/uncertainty/parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <utility>

#include "pivot/core/error.hpp"
#include "pivot/econ/ge_scenario.hpp"

namespace pivot {
namespace {

constexpr double kMaxMoney = 1e12;
constexpr double kMaxElasticity = 1e3;

struct DealParameter {
  const char* name;
  double deal::DealTerms::*member;
  double min, max;  // what deal::set_term accepts
};

// Every numeric deal term but the horizon (a whole number of years, not a judgement to sample).
const DealParameter kDealParameters[] = {
    {"total", &deal::DealTerms::total, 0, kMaxMoney},
    {"cash_share", &deal::DealTerms::cash_share, 0, 100},
    {"payment_years", &deal::DealTerms::payment_years, 1e-6, 200},
    {"annual_cap", &deal::DealTerms::annual_cap, 0, kMaxMoney},
    {"guarantee_loss", &deal::DealTerms::guarantee_loss, 0, 100},
    {"loan_reserve_share", &deal::DealTerms::loan_reserve_share, 0, 100},
    {"project_return", &deal::DealTerms::project_return, -100, 1000},
    {"payer_profit_share", &deal::DealTerms::payer_profit_share, 0, 100},
    {"payer_profit_share_after", &deal::DealTerms::payer_profit_share_after, 0, 100},
    {"discount_rate", &deal::DealTerms::discount_rate, -99, 1000},
    {"tariff_saved", &deal::DealTerms::tariff_saved, 0, kMaxMoney},
    {"fx_reserves", &deal::DealTerms::fx_reserves, 0, kMaxMoney},
    {"current_account_surplus", &deal::DealTerms::current_account_surplus, 0, kMaxMoney},
};

void add_parameter(Study& study, EconomicParameter parameter) {
  if (parameter_index(study, parameter.name) >= 0) return;  // the first market's value names it
  study.parameters.push_back(std::move(parameter));
}

enum class TradeField { import_demand, export_supply, substitution };

const char* trade_field_name(TradeField field) {
  switch (field) {
    case TradeField::import_demand:
      return "import_demand";
    case TradeField::export_supply:
      return "export_supply";
    case TradeField::substitution:
      return "substitution";
  }
  return "?";
}

double& elasticity(trade::Elasticities& e, TradeField field) {
  switch (field) {
    case TradeField::import_demand:
      return e.import_demand;
    case TradeField::export_supply:
      return e.export_supply;
    case TradeField::substitution:
      break;
  }
  return e.substitution;
}

// The range validate_market accepts for each elasticity: Em < 0, Ex > 0, Es >= 0.
std::pair<double, double> elasticity_range(TradeField field) {
  switch (field) {
    case TradeField::import_demand:
      return {-kMaxElasticity, -1e-9};
    case TradeField::export_supply:
      return {1e-9, kMaxElasticity};
    case TradeField::substitution:
      break;
  }
  return {0.0, kMaxElasticity};
}

// Calls visit(parameter name, value reference, range) for every parameter of a model file named `stem`.
template <class Model, class Visit>
void for_each_trade_parameter(Model& model, const std::string& stem, Visit visit) {
  const std::string prefix = "trade." + stem + ".";
  for (auto& market : model.markets) {
    for (std::size_t i = 0; i < market.importers.size(); ++i)
      for (TradeField f : {TradeField::import_demand, TradeField::substitution})
        visit(prefix + market.importers[i] + "." + trade_field_name(f), elasticity(market.importer_elasticities[i], f),
              elasticity_range(f), false);
    for (std::size_t e = 0; e < market.exporters.size(); ++e)
      visit(prefix + market.exporters[e] + "." + trade_field_name(TradeField::export_supply),
            elasticity(market.exporter_elasticities[e], TradeField::export_supply),
            elasticity_range(TradeField::export_supply), false);
    for (std::size_t e = 0; e < market.exporters.size(); ++e)
      for (std::size_t i = 0; i < market.importers.size(); ++i)
        visit(prefix + market.exporters[e] + "." + market.importers[i] + ".tariff",
              market.tariffs_after[market.index(e, i)], std::pair<double, double>{-99.0, 1e4}, true);
  }
}

}  // namespace

void add_deal_parameters(Study& study, const std::filesystem::path& deal_toml) {
  const deal::DealTerms terms = deal::load_deal(deal_toml.string());
  for (const DealParameter& p : kDealParameters) {
    // payer_profit_share_after = -1 means "no switch": nothing to sample.
    if (p.member == &deal::DealTerms::payer_profit_share_after && terms.*p.member < 0) continue;
    add_parameter(study, {std::string("deal.") + p.name, terms.*p.member, p.min, p.max});
  }
}

void add_trade_parameters(Study& study, const std::filesystem::path& trade_toml) {
  trade::TradeModel model = trade::load_trade_model(trade_toml);
  for_each_trade_parameter(
      model, trade_toml.stem().string(),
      [&](const std::string& name, double value, std::pair<double, double> range, bool tariff) {
        // Tariffs as percent ad valorem (T = 1 + t/100), as people quote them.
        add_parameter(study, {name, tariff ? 100.0 * (value - 1.0) : value, range.first, range.second});
      });
}

void add_ge_parameters(Study& study, const std::filesystem::path& ge_toml) {
  const std::filesystem::path scenario = ge_toml.parent_path().parent_path();
  const std::optional<gravity::GeView> view = gravity::load_ge_view(scenario);
  if (!view) return;
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(scenario / "trade", ec))
    if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    add_parameter(study, {"ge." + name + ".sigma", view->sigma, 1.0 + 1e-6, kMaxElasticity});
    add_parameter(study, {"ge." + name + ".pass_through", view->pass_through, 0.0, 1.0});
  }
}

namespace uncertainty {

double ge_parameter(const Study& study, const std::string& name, const std::string& field, double fallback) {
  const int index = parameter_index(study, "ge." + name + "." + field);
  return index < 0 ? fallback : study.parameters[index].value;
}

deal::DealTerms deal_terms_of(const Study& study, const deal::DealTerms& base) {
  deal::DealTerms terms = base;
  for (const DealParameter& p : kDealParameters) {
    const int index = parameter_index(study, std::string("deal.") + p.name);
    if (index >= 0) terms.*p.member = study.parameters[index].value;
  }
  return terms;
}

void apply_trade_parameters(const Study& study, const std::string& name, trade::TradeModel& model) {
  // Point values as registered: the first market where each parameter appears.
  std::map<std::string, double> point;
  for_each_trade_parameter(model, name,
                           [&](const std::string& parameter, double value, std::pair<double, double>, bool tariff) {
                             point.emplace(parameter, tariff ? 100.0 * (value - 1.0) : value);
                           });
  // A draw moves the parameter in every market by the same amount: elasticities by the
  // factor draw / point, tariffs by draw - point percentage points. So products keep
  // their own values, and at the point value every market is exactly the file's.
  for_each_trade_parameter(model, name,
                           [&](const std::string& parameter, double& value, std::pair<double, double>, bool tariff) {
                             const int index = parameter_index(study, parameter);
                             if (index < 0) return;
                             const double draw = study.parameters[index].value, at = point.at(parameter);
                             if (draw == at) return;
                             if (tariff)
                               value = 1.0 + (100.0 * (value - 1.0) + (draw - at)) / 100.0;
                             else
                               value = at != 0.0 ? value * (draw / at) : draw;
                           });
}

}  // namespace uncertainty
}  // namespace pivot
