// lp: a two-player constant-sum game solved exactly by linear programming.
#pragma once

#include <cstddef>
#include <vector>

#include "pivot/games/nash.hpp"

namespace pivot {

/// A pair of optimal (minimax) strategies of a two-player constant-sum game and
/// the row player's value.
struct ZeroSumSolution {
  MixedProfile profile;
  Rational value;
};

/// Solves a two-player constant-sum game exactly; throws UsageError when the
/// payoffs do not sum to one constant in every cell.
ZeroSumSolution solve_zero_sum(const StrategicGame& game);

/// The method `lp` behind solve_game's common signature.
SolveResult solve_lp(const StrategicGame& game, const SolveOptions& options);

}  // namespace pivot
