// Two-player constant-sum games: by the minimax theorem every Nash equilibrium
// is a pair of optimal strategies and the row player's equilibrium payoff is
// the value (von Neumann 1928). The linear programs max v s.t. xᵀA ≥ v·1 and
// its dual are solved through their complementarity form, Lemke–Howson with
// exact integer pivoting (von Stengel 2002, section 2.3 and 3).
#include <fmt/format.h>

#include "games/rational_text.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/solvers/lcp.hpp"
#include "pivot/games/solvers/lp.hpp"

namespace pivot {

using games::rational_text;

ZeroSumSolution solve_zero_sum(const StrategicGame& game) {
  if (game.num_players() != 2)
    throw UsageError(fmt::format("lp needs a two-player game; the game has {} players", game.num_players()));
  const Rational total = game.payoffs.at(0)[0] + game.payoffs.at(0)[1];
  for (std::size_t i = 0; i < game.num_strategies(0); ++i)
    for (std::size_t j = 0; j < game.num_strategies(1); ++j) {
      const auto& cell = game.payoffs[game.profile_index({i, j})];
      if (cell[0] + cell[1] != total)
        throw UsageError(fmt::format(
            "lp needs a zero-sum (constant-sum) game: payoffs at row {} column {} sum to {}, at row 1 column 1 to {}",
            i + 1, j + 1, rational_text(cell[0] + cell[1]), rational_text(total)));
    }
  ZeroSumSolution solution;
  solution.profile = lemke_howson_any(game);
  solution.value = 0;
  for (std::size_t i = 0; i < game.num_strategies(0); ++i)
    for (std::size_t j = 0; j < game.num_strategies(1); ++j)
      solution.value += solution.profile[0][i] * solution.profile[1][j] * game.payoffs[game.profile_index({i, j})][0];
  return solution;
}

SolveResult solve_lp(const StrategicGame& game, const SolveOptions&) {
  ZeroSumSolution solution = solve_zero_sum(game);
  return {.method = "lp", .equilibria = {std::move(solution.profile)}, .value = solution.value};
}

}  // namespace pivot
