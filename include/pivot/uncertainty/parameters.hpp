// The numbers of a scenario's model files (deal.toml, trade/*.toml, games/*.efg)
// as parameters that uncertainty.csv can sample.
#pragma once

#include <filesystem>

#include "pivot/scenario/study.hpp"

namespace pivot {

/// Adds the terms of a deal TOML file as parameters `deal.TERM` (horizon excepted). Throws InputError.
void add_deal_parameters(Study& study, const std::filesystem::path& deal_toml);

/// Adds a trade model's elasticities and tariffs as parameters `trade.NAME.REGION.import_demand|
/// export_supply|substitution` and `trade.NAME.EXPORTER.IMPORTER.tariff` (percent, after the change),
/// NAME being the file's stem. Throws InputError.
void add_trade_parameters(Study& study, const std::filesystem::path& trade_toml);

/// Adds, for every trade/NAME.toml of the scenario whose GE view is `ge_toml` (ge/ge.toml), the
/// parameters `ge.NAME.sigma` and `ge.NAME.pass_through` at the view's values. Throws InputError.
void add_ge_parameters(Study& study, const std::filesystem::path& ge_toml);

/// Adds the payoffs of a game tree (games/NAME.efg) as parameters `game.NAME.OUTCOME.PLAYER`,
/// OUTCOME and PLAYER as outcome_ids and player_ids name them. Throws InputError.
void add_game_parameters(Study& study, const std::filesystem::path& efg);

}  // namespace pivot
