// All extreme equilibria of a bimatrix game (A, B): after shifting payoffs to
// be positive, they are the complementary vertex pairs (x, y) of the
// best-response polytopes P = {x >= 0 : B^T x <= 1} and Q = {y >= 0 : A y <= 1},
// other than (0, 0), rescaled to probabilities (von Stengel 2002, Theorem 2.8;
// Avis et al. 2010 for degenerate games).
//
// As lrsnash does (Avis et al. 2010), only one polytope is walked:
// that of the player with fewer strategies (fewer dimensions, fewer
// vertices). For each of its vertices u, the labels u lacks say which
// constraints of the other polytope must be tight, and the vertices of that
// complementary face are the partners of u (complementary_face.cpp).
//
// Components: two extreme equilibria are in the same component when linked by
// a chain sharing x or y (Avis et al. 2010, section 4: the bipartite graph of
// extreme equilibria).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "games/solvers/enummixed/complementary_face.hpp"
#include "games/solvers/enummixed/polytope_vertices.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/solvers/enummixed.hpp"

namespace pivot {

using games::ComplementaryFace;
using games::IntegerDictionary;
using games::IntegerPolytope;

namespace {

// Row r of {z >= 0 : M z <= 1} scaled by the lcm of its denominators: the
// same polytope with integer data and an integer right-hand side.
IntegerPolytope integer_polytope(const std::vector<std::vector<Rational>>& m) {
  IntegerPolytope polytope;
  polytope.rows = m.size();
  polytope.cols = m.empty() ? 0 : m.front().size();
  for (const auto& row : m) {
    mpz_class scale = 1;
    for (const auto& v : row) mpz_lcm(scale.get_mpz_t(), scale.get_mpz_t(), v.get_den_mpz_t());
    for (const auto& v : row) polytope.a.push_back(v.get_num() * (scale / v.get_den()));
    polytope.rhs.push_back(scale);
  }
  return polytope;
}

std::vector<Rational> probabilities(const std::vector<mpz_class>& weights) {
  mpz_class total = 0;
  for (const auto& w : weights) total += w;
  std::vector<Rational> out;
  out.reserve(weights.size());
  for (const auto& w : weights) {
    out.emplace_back(w, total);
    out.back().canonicalize();
  }
  return out;
}

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

// One extreme equilibrium found by the walk: its two vertices as probabilities.
struct VertexPair {
  std::vector<Rational> walked, partner;
};

}  // namespace

ExtremeEquilibria mixed_equilibria_2p(const StrategicGame& game) {
  if (game.num_players() != 2)
    throw UsageError(fmt::format("enummixed needs a two-player game; this one has {} players", game.num_players()));
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  Rational lowest = game.payoffs.front()[0];
  for (const auto& row : game.payoffs)
    for (const auto& v : row) lowest = std::min(lowest, v);
  const Rational shift = 1 - lowest;  // every shifted payoff >= 1

  // The walked player ("own") has the fewer strategies; its polytope is
  // {u >= 0 : E u <= 1} with E[r][c] = the other player's payoff when own
  // plays c and the other plays r; the other's is {w >= 0 : F w <= 1} with
  // F[r][c] = own payoff when own plays r and the other plays c.
  const std::size_t own = m <= n ? 0 : 1, other = 1 - own;
  const std::size_t own_n = own == 0 ? m : n, other_n = own == 0 ? n : m;
  auto payoff = [&](std::size_t player, std::size_t own_strategy, std::size_t other_strategy) {
    const std::size_t i = own == 0 ? own_strategy : other_strategy, j = own == 0 ? other_strategy : own_strategy;
    return Rational(game.payoffs[game.profile_index({i, j})][player] + shift);
  };
  std::vector<std::vector<Rational>> e(other_n, std::vector<Rational>(own_n)), f(own_n, std::vector<Rational>(other_n));
  for (std::size_t c = 0; c < own_n; ++c)
    for (std::size_t r = 0; r < other_n; ++r) {
      e[r][c] = payoff(other, c, r);
      f[c][r] = payoff(own, c, r);
    }
  const IntegerPolytope walked = integer_polytope(e), partner = integer_polytope(f);

  ComplementaryFace face(partner);
  std::vector<VertexPair> found;
  std::vector<std::size_t> support, best_replies;
  std::vector<mpz_class> u(own_n);
  for_each_vertex(walked, [&](const IntegerDictionary& dict) {
    support.clear();
    best_replies.clear();
    std::fill(u.begin(), u.end(), 0);
    for (std::size_t r = 0; r < dict.rows; ++r)
      if (dict.basic[r] < own_n && dict.rhs_sign(r) > 0) {
        support.push_back(dict.basic[r]);
        u[dict.basic[r]] = dict.rhs_value(r);
      }
    if (support.empty()) return;  // u = 0 pairs only with w = 0
    for (std::size_t j = 0; j < other_n; ++j)
      if (is_zero_var(dict, own_n + j)) best_replies.push_back(j);
    std::sort(support.begin(), support.end());
    auto partners = face.vertices(support, best_replies);
    if (partners.empty()) return;
    const auto u_prob = probabilities(u);
    for (const auto& w : partners) found.push_back({u_prob, probabilities(w)});
  });

  // Deterministic order: by x, then y (exact rationals).
  std::vector<std::pair<std::vector<Rational>, std::vector<Rational>>> pairs;
  for (auto& p : found)
    pairs.emplace_back(own == 0 ? std::move(p.walked) : std::move(p.partner),
                       own == 0 ? std::move(p.partner) : std::move(p.walked));
  std::sort(pairs.begin(), pairs.end());

  // Union-find over the bipartite graph of distinct x and y vertices.
  std::map<std::vector<Rational>, std::size_t> x_id, y_id;
  for (const auto& [x, y] : pairs) {
    x_id.try_emplace(x, x_id.size());
    y_id.try_emplace(y, y_id.size());
  }
  std::vector<std::size_t> parent(x_id.size() + y_id.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (const auto& [x, y] : pairs) parent[find_root(parent, x_id[x])] = find_root(parent, x_id.size() + y_id[y]);

  ExtremeEquilibria result;
  std::vector<std::size_t> id_of_root(parent.size(), SIZE_MAX);
  std::size_t next_id = 0;
  for (auto& [x, y] : pairs) {
    const std::size_t root = find_root(parent, x_id[x]);
    if (id_of_root[root] == SIZE_MAX) id_of_root[root] = next_id++;
    result.component.push_back(id_of_root[root]);
    result.equilibria.push_back({std::move(x), std::move(y)});
  }
  return result;
}

SolveResult solve_enummixed(const StrategicGame& game, const SolveOptions&) {
  ExtremeEquilibria found = mixed_equilibria_2p(game);
  return {.method = "enummixed", .equilibria = std::move(found.equilibria), .component = std::move(found.component)};
}

}  // namespace pivot
