// From an approximate equilibrium (a point far out on the logit path, or a
// Newton solution) to a verified one. Supports are read off the approximate
// probabilities; for two players the indifference conditions on those supports
// are linear and are solved exactly in rationals, for more players they are
// polynomial and solved by Newton, then rounded to nearby small fractions and
// checked exactly. A profile is returned only when its regret is exactly 0, or,
// for equilibria with irrational probabilities, at most the tolerance.
#include <cmath>
#include <optional>
#include <set>

#include "games/mixed_payoffs.hpp"
#include "games/nearby_fraction.hpp"
#include "games/solvers/enumpoly/support_newton.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/solvers/enumpoly.hpp"

namespace pivot {

using games::double_game;
using games::DoubleGame;
using games::nearby_fraction;
using games::solve_support_newton;
using games::SupportFlags;

namespace {

// Exact solution of M v = rhs (rationals); free unknowns take the values in
// `guess`. nullopt when the system is inconsistent.
std::optional<std::vector<Rational>> solve_linear(std::vector<std::vector<Rational>> m, std::vector<Rational> rhs,
                                                  const std::vector<Rational>& guess) {
  const std::size_t rows = m.size(), cols = guess.size();
  std::vector<std::size_t> pivot_col;
  std::size_t r = 0;
  for (std::size_t c = 0; c < cols && r < rows; ++c) {
    std::size_t pick = r;
    while (pick < rows && m[pick][c] == 0) ++pick;
    if (pick == rows) continue;
    std::swap(m[pick], m[r]);
    std::swap(rhs[pick], rhs[r]);
    for (std::size_t i = 0; i < rows; ++i) {
      if (i == r || m[i][c] == 0) continue;
      const Rational factor = m[i][c] / m[r][c];
      for (std::size_t k = c; k < cols; ++k) m[i][k] -= factor * m[r][k];
      rhs[i] -= factor * rhs[r];
    }
    pivot_col.push_back(c);
    ++r;
  }
  for (std::size_t i = r; i < rows; ++i)
    if (rhs[i] != 0) return std::nullopt;
  std::vector<Rational> v = guess;
  std::vector<bool> is_pivot(cols, false);
  for (std::size_t c : pivot_col) is_pivot[c] = true;
  for (std::size_t i = 0; i < r; ++i) {
    const std::size_t c = pivot_col[i];
    Rational value = rhs[i];
    for (std::size_t k = 0; k < cols; ++k)
      if (!is_pivot[k]) value -= m[i][k] * v[k];
    v[c] = value / m[i][c];
  }
  return v;
}

// Two players: player `mover`'s mixture on its support making the other
// player indifferent over the other's support: sum_i x_i U_ij = v, sum x = 1.
std::optional<std::vector<Rational>> exact_mixture(const StrategicGame& game, std::size_t mover,
                                                   const std::vector<bool>& own, const std::vector<bool>& other,
                                                   const std::vector<double>& approx) {
  const std::size_t other_player = 1 - mover;
  std::vector<std::size_t> mine;
  for (std::size_t s = 0; s < own.size(); ++s)
    if (own[s]) mine.push_back(s);
  std::vector<std::vector<Rational>> m;
  std::vector<Rational> rhs;
  for (std::size_t t = 0; t < other.size(); ++t) {
    if (!other[t]) continue;
    std::vector<Rational> row;
    for (std::size_t s : mine) {
      std::vector<std::size_t> pure(2);
      pure[mover] = s;
      pure[other_player] = t;
      row.push_back(game.payoffs[game.profile_index(pure)][other_player]);
    }
    row.push_back(-1);  // the common value v
    m.push_back(row);
    rhs.push_back(0);
  }
  std::vector<Rational> sum(mine.size(), 1);
  sum.push_back(0);
  m.push_back(sum);
  rhs.push_back(1);
  std::vector<Rational> guess;
  for (std::size_t s : mine) guess.push_back(nearby_fraction(approx[s], 1000000));
  guess.push_back(0);
  auto v = solve_linear(m, rhs, guess);
  if (!v) return std::nullopt;
  std::vector<Rational> mix(own.size(), 0);
  for (std::size_t k = 0; k < mine.size(); ++k) mix[mine[k]] = (*v)[k];
  return mix;
}

// Doubles to a profile: nearby small fractions when they verify exactly,
// else the doubles themselves (exactly), the last supported entry closing the sum.
std::optional<MixedProfile> to_verified(const StrategicGame& game, const DoubleGame& g, const std::vector<double>& flat,
                                        double tolerance) {
  for (bool round : {true, false}) {
    MixedProfile profile;
    bool ok = true;
    for (std::size_t i = 0; i < g.players && ok; ++i) {
      std::vector<Rational> mix;
      Rational total = 0;
      std::size_t last = 0;
      for (std::size_t j = 0; j < g.count[i]; ++j) {
        const double x = flat[g.offset[i] + j];
        Rational q = std::abs(x) < 1e-14 ? Rational(0) : (round ? nearby_fraction(x, 1000000) : Rational(x));
        if (q != 0) last = j;
        total += q;
        mix.push_back(q);
      }
      mix[last] += 1 - total;
      for (const auto& q : mix) ok = ok && q >= 0;
      profile.push_back(mix);
    }
    if (!ok) continue;
    if (is_nash_equilibrium(game, profile)) return profile;
    if (!round && max_regret(game, profile) <= Rational(tolerance)) return profile;
  }
  return std::nullopt;
}

}  // namespace

Rational max_regret(const StrategicGame& game, const MixedProfile& profile) {
  Rational worst = 0;
  for (const auto& r : regrets(game, profile))
    if (r > worst) worst = r;
  return worst;
}

std::optional<MixedProfile> refine_equilibrium(const StrategicGame& game,
                                               const std::vector<std::vector<double>>& approximate, double tolerance) {
  const DoubleGame g = double_game(game);
  std::set<SupportFlags> tried;
  for (double threshold : {1e-2, 1e-3, 1e-4, 1e-6, 1e-8, 1e-11}) {
    SupportFlags support(g.total, false);
    std::vector<double> start(g.total, 0.0);
    for (std::size_t i = 0; i < g.players; ++i) {
      double top = 0, kept = 0;
      for (double x : approximate[i]) top = std::max(top, x);
      for (std::size_t j = 0; j < g.count[i]; ++j)
        if (approximate[i][j] >= threshold * top) {
          support[g.offset[i] + j] = true;
          kept += approximate[i][j];
        }
      for (std::size_t j = 0; j < g.count[i]; ++j)
        if (support[g.offset[i] + j]) start[g.offset[i] + j] = approximate[i][j] / kept;
    }
    if (!tried.insert(support).second) continue;
    if (g.players == 2) {
      const std::vector<bool> s0(support.begin(), support.begin() + static_cast<std::ptrdiff_t>(g.count[0]));
      const std::vector<bool> s1(support.begin() + static_cast<std::ptrdiff_t>(g.count[0]), support.end());
      auto x = exact_mixture(game, 0, s0, s1, approximate[0]);
      auto y = exact_mixture(game, 1, s1, s0, approximate[1]);
      if (x && y) {
        MixedProfile profile{*x, *y};
        if (is_nash_equilibrium(game, profile)) return profile;
      }
    }
    if (auto solved = solve_support_newton(g, support, start))
      if (auto verified = to_verified(game, g, *solved, tolerance)) return verified;
  }
  return std::nullopt;
}

}  // namespace pivot
