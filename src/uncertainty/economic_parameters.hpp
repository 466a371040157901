// Economic parameters of a scenario (deal terms, trade elasticities and tariffs, game payoffs)
// read back from a scenario whose parameter values hold one trial's draws.
#pragma once

#include <string>

#include "pivot/econ/deal.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/scenario/study.hpp"

namespace pivot::uncertainty {

/// The deal terms the scenario's `deal.*` parameters hold (horizon from `base`). Throws UsageError if out of range.
deal::DealTerms deal_terms_of(const Study& study, const deal::DealTerms& base);

/// Writes the scenario's `trade.NAME.*` parameter values into every market of `model`.
void apply_trade_parameters(const Study& study, const std::string& name, trade::TradeModel& model);

/// The scenario's `ge.NAME.FIELD` parameter value (sigma, pass_through), or `fallback` if it has none.
double ge_parameter(const Study& study, const std::string& name, const std::string& field, double fallback);

/// Writes the scenario's `game.NAME.*` parameter values into the payoffs of `game` (games/NAME.efg).
void apply_game_parameters(const Study& study, const std::string& name, ExtensiveGame& game);

/// Throws UsageError unless some uncertain input of the scenario is a parameter named `prefix`...
/// (model `model` would otherwise run the same numbers in every trial).
void require_sampled(const Study& study, const std::string& prefix, const std::string& model);

}  // namespace pivot::uncertainty
