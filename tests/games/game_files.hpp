// What the strategic-game tests share: the games in tests/data/games, random
// bimatrix games, and a set of equilibria as Gambit's NE lines, to compare
// without caring for order.
#pragma once

#include <random>
#include <set>
#include <string>
#include <vector>

#include "pivot/games/game.hpp"
#include "pivot/games/io/nfg.hpp"

namespace pivot_test {

/// tests/data/games/NAME read as a Gambit .nfg file.
inline pivot::StrategicGame game_file(const std::string& name) {
  return pivot::read_nfg_file(std::string(PIVOT_TEST_DATA) + "/games/" + name);
}

/// The profiles as exact "NE,..." lines.
inline std::set<std::string> ne_set(const std::vector<pivot::MixedProfile>& profiles) {
  std::set<std::string> out;
  for (const auto& p : profiles) out.insert(pivot::ne_csv_line(p));
  return out;
}

/// An m x n two-player game with payoffs drawn uniformly from the integers [low, high].
inline pivot::StrategicGame random_bimatrix(std::size_t m, std::size_t n, int low, int high, std::mt19937& rng) {
  std::uniform_int_distribution<int> payoff(low, high);
  pivot::StrategicGame game;
  game.players = {"1", "2"};
  game.strategies = {std::vector<std::string>(m, "s"), std::vector<std::string>(n, "t")};
  game.payoffs.assign(m * n, {0, 0});
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) game.payoffs[game.profile_index({i, j})] = {payoff(rng), payoff(rng)};
  return game;
}

}  // namespace pivot_test
