// enumpure: every pure-strategy equilibrium, any number of players.
#pragma once

#include <cstddef>
#include <vector>

#include "pivot/games/nash.hpp"

namespace pivot {

/// All pure-strategy Nash equilibria, any number of players, in profile-index order.
std::vector<MixedProfile> pure_equilibria(const StrategicGame& game);

/// The method `enumpure` behind solve_game's common signature.
SolveResult solve_enumpure(const StrategicGame& game, const SolveOptions& options);

}  // namespace pivot
