// Expected payoffs of a mixed profile in floating point, with the derivatives
// the continuation and Newton methods need. Strategies are numbered flat:
// player 0's first, then player 1's, ...
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <vector>

#include "pivot/games/game.hpp"

namespace pivot::games {

/// The game's payoffs as doubles with the flat strategy numbering.
struct DoubleGame {
  std::size_t players = 0;
  std::vector<std::size_t> count;   // [player] strategies
  std::vector<std::size_t> offset;  // [player] flat index of its first strategy
  std::size_t total = 0;            // strategies in all
  std::vector<double> payoff;       // [profile * players + player]
};

DoubleGame double_game(const StrategicGame& game);

/// u[flat (i,j)] = player i's expected payoff from pure j against the others'
/// mixtures in `p` (flat). When `d` is given it receives du_ij/dp_kl for k != i
/// (zero for k == i), a total x total matrix.
void mixed_payoffs(const DoubleGame& g, const std::vector<double>& p, std::vector<double>& u, Eigen::MatrixXd* d);

/// Splits a flat vector into one vector per player.
std::vector<std::vector<double>> unflatten(const DoubleGame& g, const std::vector<double>& flat);

}  // namespace pivot::games
