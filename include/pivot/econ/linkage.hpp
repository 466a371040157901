// The link from prices to bargaining: the trade model and the deal pricing
// turn an issue's range into money for each actor, and those stakes set the
// actors' relative saliences on the priced issues. Mapping: docs/economics.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pivot/econ/deal.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/scenario/study.hpp"

namespace pivot::linkage {

/// One stake, priced: the measure at the issue's two ends and their gap (money).
struct PricedStake {
  double at_min = 0;
  double at_max = 0;
  double stake = 0;  // |at_max - at_min|
};

/// Prices one `[[linkage.stakes]]` row: a trade measure with the issue's rate
/// on the row's route (every product), or a deal measure with the row's term
/// set to the issue's ends. `trade`/`deal` may be null when the row needs neither.
PricedStake price_stake(const LinkageStake& row, const Issue& issue, const trade::TradeModel* trade,
                        const deal::DealTerms* deal);

/// Shares an actor's salience budget (the sum of its saliences on the priced
/// issues) out in proportion to the stakes, capping at 100 and passing the
/// excess to the others (evenly to zero-stake issues once every staked one is
/// full), so the budget is kept. All stakes zero: the saliences are returned unchanged.
std::vector<double> redistribute_salience(const std::vector<double>& saliences, const std::vector<double>& stakes);

/// Applies `[linkage]` to a loaded study: prices every stake (files relative
/// to the scenario's directory), replaces the saliences and records each one in
/// study.derived and the scenario's sources. Throws InputError naming scenario.toml.
void derive_saliences(Study& study);

/// The deal's annual avoided tariff priced by a solved trade model: minus
/// `region`'s net welfare change (reported solver), with where it came from.
deal::TariffPricing avoided_tariff(const trade::TradeModel& model, const trade::TradeResult& result,
                                   const std::string& region, const std::string& file);

/// The same, by the scenario's linked model (`trade.linked`, which
/// solve_scenario_trade found from `link`) for its payer region; nothing when
/// `link` names no trade model or payer region, or no model has that name.
std::optional<deal::TariffPricing> avoided_tariff(const trade::ScenarioTrade& trade, const Linkage& link);

/// The same for a loaded study, solving only the linked model (the trade/*.toml
/// whose stem [linkage] trade names, as solve_scenario_trade finds it), with `given`
/// set to deal.toml's own figure. Nothing when the study does not link the two.
/// `pivot deal`, `pivot mc` and `pivot sensitivity` price the deal as `pivot run` does through this.
std::optional<deal::TariffPricing> linked_tariff_pricing(const Study& study, int threads = 0);

/// Makes the study's `deal.tariff_saved` parameter agree with `pricing`: its point
/// value becomes the priced figure and its distribution (if uncertainty.csv gives one)
/// is scaled by priced / deal.toml's figure, so its bounds keep their meaning relative
/// to the point (e.g. "half of it as a floor") and the point stays inside the support.
/// The parameter's `source` records where the point came from. No parameter: nothing.
/// Rule: docs/uncertainty.md ("One source per number").
void apply_tariff_pricing(Study& study, const deal::TariffPricing& pricing);

/// Where a priced tariff came from, in words (for summaries and JSON).
std::string describe(const deal::TariffPricing& pricing);

}  // namespace pivot::linkage
