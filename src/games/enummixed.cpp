// All extreme equilibria of a bimatrix game (A, B): after shifting payoffs to
// be positive, they are the complementary vertex pairs (x, y) of the
// best-response polytopes P = {x >= 0 : B^T x <= 1} and Q = {y >= 0 : A y <= 1},
// other than (0, 0), rescaled to probabilities (von Stengel 2002, Theorem 2.8;
// Avis et al. 2010 for degenerate games). Components: two extreme equilibria
// are in the same component when linked by a chain sharing x or y (Avis et al.
// 2010, section 4: the "interchangeable" bipartite graph).
#include <fmt/format.h>

#include <numeric>

#include "games/polytope_vertices.hpp"
#include "pivot/error.hpp"
#include "pivot/game.hpp"

namespace pivot {

namespace {

using Bits = std::vector<std::uint64_t>;

void set_bit(Bits& bits, std::size_t i) { bits[i / 64] |= std::uint64_t{1} << (i % 64); }
bool has_bit(const Bits& bits, std::size_t i) { return (bits[i / 64] >> (i % 64)) & 1; }

bool is_zero(const std::vector<Rational>& v) {
  for (const auto& x : v)
    if (x != 0) return false;
  return true;
}

std::vector<Rational> normalized(std::vector<Rational> v) {
  Rational total = 0;
  for (const auto& x : v) total += x;
  for (auto& x : v) x /= total;
  return v;
}

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

ExtremeEquilibria mixed_equilibria_2p(const StrategicGame& game) {
  if (game.num_players() != 2)
    throw UsageError(fmt::format("enummixed needs a two-player game; this one has {} players", game.num_players()));
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  Rational lowest = game.payoffs.front()[0];
  for (const auto& row : game.payoffs)
    for (const auto& v : row) lowest = std::min(lowest, v);
  const Rational shift = 1 - lowest;  // every shifted payoff >= 1
  auto a = [&](std::size_t i, std::size_t j) { return game.payoffs[game.profile_index({i, j})][0] + shift; };
  auto b = [&](std::size_t i, std::size_t j) { return game.payoffs[game.profile_index({i, j})][1] + shift; };

  std::vector<std::vector<Rational>> bt(n, std::vector<Rational>(m)), am(m, std::vector<Rational>(n));
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      bt[j][i] = b(i, j);
      am[i][j] = a(i, j);
    }
  const auto p_vertices = polytope_vertices(bt);  // labels already in game order: x_i=0 -> i, column j best -> m+j
  const auto q_vertices = polytope_vertices(am);  // y_j=0 -> j, row i best -> n+i; remapped below

  const std::size_t words = (m + n + 63) / 64;
  std::vector<Bits> q_labels;
  for (const auto& v : q_vertices) {
    Bits bits(words, 0);
    for (std::size_t j = 0; j < n; ++j)
      if (has_bit(v.labels, j)) set_bit(bits, m + j);
    for (std::size_t i = 0; i < m; ++i)
      if (has_bit(v.labels, n + i)) set_bit(bits, i);
    q_labels.push_back(std::move(bits));
  }
  Bits all(words, 0);
  for (std::size_t l = 0; l < m + n; ++l) set_bit(all, l);

  ExtremeEquilibria result;
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t px = 0; px < p_vertices.size(); ++px) {
    if (is_zero(p_vertices[px].point)) continue;
    for (std::size_t qy = 0; qy < q_vertices.size(); ++qy) {
      bool complementary = true;
      for (std::size_t w = 0; w < words && complementary; ++w)
        complementary = (p_vertices[px].labels[w] | q_labels[qy][w]) == all[w];
      if (!complementary || is_zero(q_vertices[qy].point)) continue;
      pairs.emplace_back(px, qy);
      result.equilibria.push_back({normalized(p_vertices[px].point), normalized(q_vertices[qy].point)});
    }
  }

  // Union-find over the bipartite graph: node px, node p_vertices.size() + qy.
  std::vector<std::size_t> parent(p_vertices.size() + q_vertices.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (auto [px, qy] : pairs) parent[find_root(parent, px)] = find_root(parent, p_vertices.size() + qy);
  std::vector<std::size_t> id_of_root(parent.size(), SIZE_MAX);
  std::size_t next_id = 0;
  for (auto [px, qy] : pairs) {
    std::size_t root = find_root(parent, px);
    if (id_of_root[root] == SIZE_MAX) id_of_root[root] = next_id++;
    result.component.push_back(id_of_root[root]);
  }
  return result;
}

}  // namespace pivot
