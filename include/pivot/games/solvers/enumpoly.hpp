// enumpoly: support enumeration with Newton's method on the indifference
// conditions, any number of players; and the refinement of an approximate
// equilibrium into a verified one, which logit uses too.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "pivot/games/nash.hpp"

namespace pivot {

/// Turns an approximate equilibrium into a verified one: guesses the supports,
/// solves the indifference conditions (exactly for two players, by Newton
/// otherwise) and returns the profile only when its regret is exactly 0 or, for
/// irrational equilibria, at most `tolerance`; nullopt when nothing verifies.
std::optional<MixedProfile> refine_equilibrium(const StrategicGame& game,
                                               const std::vector<std::vector<double>>& approximate,
                                               double tolerance = 1e-9);

/// Equilibria of a game with any number of players by enumerating support
/// profiles and solving each one's indifference conditions by Newton's method;
/// at most one (verified) equilibrium per support profile; not guaranteed complete.
std::vector<MixedProfile> support_enumeration_equilibria(const StrategicGame& game, double tolerance = 1e-9);

/// The method `enumpoly` behind solve_game's common signature.
SolveResult solve_enumpoly(const StrategicGame& game, const SolveOptions& options);

}  // namespace pivot
