// Economic parameters of a scenario (deal terms, trade elasticities and tariffs)
// read back from a scenario whose parameter values hold one trial's draws.
#pragma once

#include <string>

#include "pivot/deal.hpp"
#include "pivot/scenario.hpp"
#include "pivot/trade.hpp"

namespace pivot::uncertainty_detail {

/// The deal terms the scenario's `deal.*` parameters hold (horizon from `base`). Throws UsageError if out of range.
deal::DealTerms deal_terms_of(const Scenario& scenario, const deal::DealTerms& base);

/// Writes the scenario's `trade.NAME.*` parameter values into every market of `model`.
void apply_trade_parameters(const Scenario& scenario, const std::string& name, trade::TradeModel& model);

}  // namespace pivot::uncertainty_detail
