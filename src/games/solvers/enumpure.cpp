// Pure-strategy equilibria by checking every profile: a profile is an
// equilibrium when no player has a strictly better unilateral deviation.
#include "pivot/games/solvers/enumpure.hpp"

namespace pivot {

std::vector<MixedProfile> pure_equilibria(const StrategicGame& game) {
  const std::size_t n = game.num_players();
  std::vector<MixedProfile> found;
  std::vector<std::size_t> pure(n, 0);
  for (std::size_t index = 0; index < game.num_profiles(); ++index) {
    bool stable = true;
    for (std::size_t p = 0; p < n && stable; ++p) {
      auto deviation = pure;
      for (std::size_t s = 0; s < game.num_strategies(p) && stable; ++s) {
        deviation[p] = s;
        if (game.payoffs[game.profile_index(deviation)][p] > game.payoffs[index][p]) stable = false;
      }
    }
    if (stable) {
      MixedProfile profile(n);
      for (std::size_t p = 0; p < n; ++p) {
        profile[p].assign(game.num_strategies(p), 0);
        profile[p][pure[p]] = 1;
      }
      found.push_back(std::move(profile));
    }
    for (std::size_t q = 0; q < n; ++q) {
      if (++pure[q] < game.num_strategies(q)) break;
      pure[q] = 0;
    }
  }
  return found;
}

SolveResult solve_enumpure(const StrategicGame& game, const SolveOptions&) {
  return {.method = "enumpure", .equilibria = pure_equilibria(game)};
}

}  // namespace pivot
