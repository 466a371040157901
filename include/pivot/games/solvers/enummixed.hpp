// enummixed: every extreme equilibrium of a two-player game, exact, with its
// connected component.
#pragma once

#include <cstddef>
#include <vector>

#include "pivot/games/nash.hpp"

namespace pivot {

/// Every extreme Nash equilibrium of a two-player game, with the connected
/// component each belongs to (Avis, Rosenberg, Savani & von Stengel 2010).
struct ExtremeEquilibria {
  std::vector<MixedProfile> equilibria;
  std::vector<std::size_t> component;  // [equilibrium] component id, 0-based
};

/// All extreme equilibria of a two-player game, exact: vertex enumeration of one
/// best-response polytope, each vertex's complementary face solved in the other;
/// correct on degenerate games. Sorted by x, then y. Throws UsageError
/// for games with other than two players.
ExtremeEquilibria mixed_equilibria_2p(const StrategicGame& game);

/// The method `enummixed` behind solve_game's common signature.
SolveResult solve_enummixed(const StrategicGame& game, const SolveOptions& options);

}  // namespace pivot
