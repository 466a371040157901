// Pricing a tariff outcome for one region: the bridge from the trade model to
// the games' payoffs and the bargaining actors' stakes (docs/economics.md).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pivot/core/error.hpp"
#include "pivot/econ/trade.hpp"

namespace pivot::trade {

RegionOutcome region_total(const TradeResult& result, const std::string& region, Solver solver) {
  const auto& totals = solver == Solver::linear ? result.total_linear : result.total_nonlinear;
  for (const auto& row : totals)
    if (row.region == region) return row;
  throw UsageError(fmt::format("region '{}' is not in the trade model", region));
}

RegionOutcome price_tariff_outcome(const TradeModel& model, const std::vector<TariffSetting>& outcome,
                                   const std::string& region, Solver solver) {
  TradeModel changed = model;
  for (auto& market : changed.markets) market.tariffs_after = market.tariffs_before;
  for (const auto& setting : outcome) {
    if (!(setting.percent > -100) || !std::isfinite(setting.percent))
      throw UsageError(fmt::format("tariff {}% on {} -> {}: expected a finite rate > -100%", setting.percent,
                                   setting.exporter, setting.importer));
    bool matched = false;
    for (auto& market : changed.markets) {
      if (!setting.product.empty() && market.product != setting.product) continue;
      const auto e = std::find(market.exporters.begin(), market.exporters.end(), setting.exporter);
      const auto i = std::find(market.importers.begin(), market.importers.end(), setting.importer);
      if (e == market.exporters.end() || i == market.importers.end()) continue;
      market.tariffs_after[market.index(e - market.exporters.begin(), i - market.importers.begin())] =
          1.0 + setting.percent / 100.0;
      matched = true;
    }
    if (!matched)
      throw UsageError(fmt::format("no trade route {} -> {}{} in the trade model", setting.exporter, setting.importer,
                                   setting.product.empty() ? "" : " for product '" + setting.product + "'"));
  }
  // One thread: each call is small, and callers (game payoff tables) may run many in parallel.
  return region_total(solve_trade(changed, 1), region, solver);
}

}  // namespace pivot::trade
