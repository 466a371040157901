// A two-player game as a pair of positive integer matrices, the form the
// pivoting methods (Lemke–Howson, zero-sum) work on.
#pragma once

#include <cstddef>
#include <vector>

#include "pivot/games/game.hpp"

namespace pivot::games {

/// Row player's payoffs `a` and column player's `b`, row-major m x n, each
/// scaled by a positive factor and shifted so every entry is at least 1:
/// a positive affine change per player, which keeps the equilibria.
struct IntegerBimatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<mpz_class> a, b;
};

/// Throws UsageError unless the game has exactly two players, each with a strategy.
IntegerBimatrix integer_bimatrix(const StrategicGame& game);

}  // namespace pivot::games
