// The deal and trade models as TrialModels, so Monte Carlo and sensitivity runs
// treat them like the forecasts: each trial reads its sampled parameters back
// into the model's inputs and reports the headline numbers.
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "pivot/core/error.hpp"
#include "pivot/econ/ge_scenario.hpp"
#include "pivot/uncertainty/trial_model.hpp"
#include "uncertainty/economic_parameters.hpp"

namespace pivot {
namespace uncertainty {

void require_sampled(const Study& study, const std::string& prefix, const std::string& model) {
  for (const UncertainInput& u : study.uncertainty)
    if (u.field == ActorField::parameter && study.parameters[u.parameter].name.rfind(prefix, 0) == 0) return;
  throw UsageError(
      fmt::format("model {} has no uncertain input in scenario '{}': give a {}... field a "
                  "distribution in uncertainty.csv (see docs/uncertainty.md)",
                  model, study.scenario.name, prefix));
}

}  // namespace uncertainty

using uncertainty::require_sampled;

TrialModel deal_trial_model(const Study& study) {
  const auto path = study.scenario.directory / "deal.toml";
  std::error_code ec;
  if (study.scenario.directory.empty() || !std::filesystem::exists(path, ec))
    throw UsageError(fmt::format("scenario '{}' has no deal.toml for model deal", study.scenario.name));
  require_sampled(study, "deal.", "deal");
  const deal::DealTerms base = deal::load_deal(path.string());
  TrialModel model;
  model.name = "deal";
  auto output = [&](const std::string& key, const std::string& unit) {
    model.outputs.push_back({"deal." + key, "deal", key, unit, 0.0, 0.0});
  };
  output("payer-cost-pv", "money");
  output("receiver-cost-pv", "money");
  output("tariff-saved-pv", "money");
  output("peak-outflow", "money");
  output("peak-share-reserves", "% of reserves");
  output("peak-share-cur-acct", "% of cur. acct");
  model.run = [base, file = path.string()](const Study& sampled, std::uint64_t) {
    const deal::DealTerms terms = uncertainty::deal_terms_of(sampled, base);
    deal::validate_terms(terms, file);
    const deal::DealResult r = deal::price_deal(terms);
    return std::vector<double>{r.payer_cost_pv, r.receiver_cost_pv,       r.tariff_saved_pv,
                               r.peak_outflow,  r.peak_share_of_reserves, r.peak_share_of_current_account};
  };
  return model;
}

TrialModel trade_trial_model(const Study& study, const std::string& name) {
  const auto path = study.scenario.directory / "trade" / (name + ".toml");
  std::error_code ec;
  if (study.scenario.directory.empty() || !std::filesystem::exists(path, ec))
    throw UsageError(
        fmt::format("scenario '{}' has no trade/{}.toml for model trade:{}", study.scenario.name, name, name));
  require_sampled(study, "trade." + name + ".", "trade:" + name);
  auto base = std::make_shared<const trade::TradeModel>(trade::load_trade_model(path));
  const trade::TradeResult probe = trade::solve_trade(*base, 1);
  TrialModel model;
  model.name = "trade:" + name;
  const bool linear = base->report == trade::Solver::linear;
  model.options = {{"solver", linear ? "linear" : "nonlinear"}};
  const auto& regions = linear ? probe.total_linear : probe.total_nonlinear;
  for (const auto& region : regions)
    model.outputs.push_back({model.name + "." + region.region + ".welfare", model.name, region.region + ".welfare",
                             base->currency, 0.0, 0.0});
  for (const auto& region : regions)
    model.outputs.push_back({model.name + "." + region.region + ".world-price", model.name,
                             region.region + ".world-price", "% change", 0.0, 0.0});
  model.run = [base, name, linear](const Study& sampled, std::uint64_t) {
    trade::TradeModel trial = *base;
    uncertainty::apply_trade_parameters(sampled, name, trial);
    for (const auto& market : trial.markets) trade::validate_market(market, trial.file);
    const trade::TradeResult result = trade::solve_trade(trial, 1);
    const auto& totals = linear ? result.total_linear : result.total_nonlinear;
    std::vector<double> values;
    for (const auto& region : totals) values.push_back(region.net_welfare_change);
    for (const auto& region : totals) values.push_back(100.0 * region.world_price_change);
    return values;
  };
  return model;
}

TrialModel ge_trial_model(const Study& study, const std::string& name) {
  const std::filesystem::path& dir = study.scenario.directory;
  const auto path = dir / "trade" / (name + ".toml");
  std::error_code ec;
  const std::optional<gravity::GeView> view = dir.empty() ? std::nullopt : gravity::load_ge_view(dir);
  if (!view)
    throw UsageError(fmt::format("scenario '{}' has no ge/ge.toml for model ge:{}", study.scenario.name, name));
  if (!std::filesystem::exists(path, ec))
    throw UsageError(
        fmt::format("scenario '{}' has no trade/{}.toml for model ge:{}", study.scenario.name, name, name));
  require_sampled(study, "ge." + name + ".", "ge:" + name);
  auto base = std::make_shared<const trade::TradeModel>(trade::load_trade_model(path));
  auto settings = std::make_shared<const gravity::GeView>(*view);
  // A bad case (domestic sales <= 0, say) fails here, before any trial runs.
  gravity::solve_ge_case(*settings, *base, name, settings->sigma, settings->pass_through);
  TrialModel model;
  model.name = "ge:" + name;
  model.options = {{"closure", gravity::closure_name(settings->closure)}, {"reference", settings->reference}};
  for (const std::string& region : settings->regions)
    model.outputs.push_back(
        {model.name + "." + region + ".real-income", model.name, region + ".real-income", "% change", 0.0, 0.0});
  model.run = [base, settings, name](const Study& sampled, std::uint64_t) {
    const double sigma = uncertainty::ge_parameter(sampled, name, "sigma", settings->sigma);
    const double pass_through = uncertainty::ge_parameter(sampled, name, "pass_through", settings->pass_through);
    const gravity::GeCase c = gravity::solve_ge_case(*settings, *base, name, sigma, pass_through);
    std::vector<double> values;
    for (std::size_t i = 0; i < settings->regions.size(); ++i)
      values.push_back(gravity::real_income_change_percent(c, i, true));
    return values;
  };
  return model;
}

TrialModel make_trial_model(const Study& study, const std::string& model, const ForecastOptions& options) {
  if (model == "deal") return deal_trial_model(study);
  if (model.rfind("trade:", 0) == 0) return trade_trial_model(study, model.substr(6));
  if (model.rfind("ge:", 0) == 0) return ge_trial_model(study, model.substr(3));
  if (model.rfind("game:", 0) == 0) return game_trial_model(study, model.substr(5));
  return forecast_trial_model(study.scenario, model, options);
}

}  // namespace pivot
