// Rational payoffs to positive integers: multiply by the lcm of the
// denominators, then shift the minimum to 1 (each player separately).
#include "games/bimatrix.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pivot/core/error.hpp"

namespace pivot::games {

namespace {

std::vector<mpz_class> positive_integers(const StrategicGame& game, std::size_t player) {
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  mpz_class scale = 1;
  for (const auto& row : game.payoffs) mpz_lcm(scale.get_mpz_t(), scale.get_mpz_t(), row[player].get_den_mpz_t());
  std::vector<mpz_class> out(m * n);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const Rational scaled = game.payoffs[game.profile_index({i, j})][player] * scale;
      out[i * n + j] = scaled.get_num();  // an integer after scaling by the lcm
    }
  const mpz_class low = *std::min_element(out.begin(), out.end());
  for (auto& v : out) v = v - low + 1;
  return out;
}

}  // namespace

IntegerBimatrix integer_bimatrix(const StrategicGame& game) {
  if (game.num_players() != 2)
    throw UsageError(fmt::format("this method needs a two-player game; the game has {} players", game.num_players()));
  if (game.num_strategies(0) == 0 || game.num_strategies(1) == 0)
    throw UsageError("each player needs at least one strategy");
  IntegerBimatrix g;
  g.rows = game.num_strategies(0);
  g.cols = game.num_strategies(1);
  g.a = positive_integers(game, 0);
  g.b = positive_integers(game, 1);
  return g;
}

}  // namespace pivot::games
