// One pass over the pure profiles accumulates every player's pure-strategy
// payoffs and their first derivatives in the other players' probabilities.
#include "games/mixed_payoffs.hpp"

namespace pivot::games {

DoubleGame double_game(const StrategicGame& game) {
  DoubleGame g;
  g.players = game.num_players();
  for (std::size_t p = 0; p < g.players; ++p) {
    g.offset.push_back(g.total);
    g.count.push_back(game.num_strategies(p));
    g.total += game.num_strategies(p);
  }
  g.payoff.reserve(game.num_profiles() * g.players);
  for (const auto& row : game.payoffs)
    for (const auto& v : row) g.payoff.push_back(v.get_d());
  return g;
}

void mixed_payoffs(const DoubleGame& g, const std::vector<double>& p, std::vector<double>& u, Eigen::MatrixXd* d) {
  const std::size_t n = g.players;
  u.assign(g.total, 0.0);
  if (d) d->setZero(static_cast<Eigen::Index>(g.total), static_cast<Eigen::Index>(g.total));
  std::vector<std::size_t> pure(n, 0), flat(n);
  std::vector<double> prob(n);
  const std::size_t profiles = g.payoff.size() / n;
  for (std::size_t index = 0; index < profiles; ++index) {
    for (std::size_t q = 0; q < n; ++q) {
      flat[q] = g.offset[q] + pure[q];
      prob[q] = p[flat[q]];
    }
    const double* pay = &g.payoff[index * n];
    for (std::size_t i = 0; i < n; ++i) {
      if (pay[i] == 0.0) continue;
      double others = pay[i];
      for (std::size_t q = 0; q < n; ++q)
        if (q != i) others *= prob[q];
      u[flat[i]] += others;
      if (!d) continue;
      for (std::size_t k = 0; k < n; ++k) {
        if (k == i) continue;
        double rest = pay[i];
        for (std::size_t q = 0; q < n; ++q)
          if (q != i && q != k) rest *= prob[q];
        (*d)(static_cast<Eigen::Index>(flat[i]), static_cast<Eigen::Index>(flat[k])) += rest;
      }
    }
    for (std::size_t q = 0; q < n; ++q) {  // next profile, first player fastest
      if (++pure[q] < g.count[q]) break;
      pure[q] = 0;
    }
  }
}

std::vector<std::vector<double>> unflatten(const DoubleGame& g, const std::vector<double>& flat) {
  std::vector<std::vector<double>> out;
  for (std::size_t q = 0; q < g.players; ++q)
    out.emplace_back(flat.begin() + static_cast<std::ptrdiff_t>(g.offset[q]),
                     flat.begin() + static_cast<std::ptrdiff_t>(g.offset[q] + g.count[q]));
  return out;
}

}  // namespace pivot::games
