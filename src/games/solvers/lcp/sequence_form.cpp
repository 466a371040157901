// One equilibrium of a two-player extensive game with perfect recall, from the
// sequence form (Koller, Megiddo & von Stengel 1996; von Stengel 1996).
//
// Realisation plans x, y satisfy Ex = e, Fy = f, x, y >= 0, where E and F
// have one row for the empty sequence and one per information set
// (-x(parent) + sum of x(parent, a) = 0). A and B hold, per pair of
// sequences, the chance-weighted payoffs of the leaves they reach. (x, y) is
// an equilibrium iff, for some free duals p, q:
//   E'p - Ay >= 0,  F'q - B'x >= 0,  x'(E'p - Ay) = 0,  y'(F'q - B'x) = 0.
// We write p = p+ - p-, q = q+ - q- and the equations Ex = e as the pair of
// inequalities e - Ex >= 0 (complementary to p+) and Ex - e >= 0
// (complementary to p-), which gives a standard LCP w = r + Mz >= 0, z >= 0,
// z'w = 0 with M skew-symmetric outside the payoff blocks. Payoffs are first
// shifted to be negative at every leaf (this changes each player's payoff by
// a constant, as realisation plans put total weight 1 on the leaves), and
// the LCP is solved by Lemke's algorithm (Lemke 1965) with covering vector
// 1, in exact rational arithmetic, with the lexicographic minimum-ratio rule
// so that degenerate games cannot make it cycle.
#include <fmt/format.h>

#include <optional>

#include "pivot/core/error.hpp"
#include "pivot/games/solvers/lcp.hpp"
#include "pivot/games/tree_index.hpp"

namespace pivot {

namespace {

using Matrix = std::vector<std::vector<Rational>>;

// Lemke's algorithm on w = r + M z + d z0. Returns z, or nothing on a ray.
class Lemke {
 public:
  Lemke(const Matrix& m, const std::vector<Rational>& r) : n_(r.size()), basis_(n_) {
    // Row i: w_i - sum_j M_ij z_j - z0 = r_i. Columns: w 0..n-1, z n..2n-1, z0 2n, rhs 2n+1.
    tableau_.assign(n_, std::vector<Rational>(2 * n_ + 2, 0));
    for (std::size_t i = 0; i < n_; ++i) {
      tableau_[i][i] = 1;
      for (std::size_t j = 0; j < n_; ++j)
        if (m[i][j] != 0) tableau_[i][n_ + j] = -m[i][j];
      tableau_[i][2 * n_] = -1;
      tableau_[i][2 * n_ + 1] = r[i];
      basis_[i] = i;
    }
  }

  std::optional<std::vector<Rational>> solve(std::size_t max_pivots) {
    const std::size_t z0 = 2 * n_, rhs = 2 * n_ + 1;
    // z0 enters at the level that makes every w non-negative: the row with the most
    // negative r leaves; among ties the last row (lexicographic perturbation r_i + eps^(i+1)).
    std::optional<std::size_t> row;
    for (std::size_t i = 0; i < n_; ++i)
      if (tableau_[i][rhs] < 0 && (!row || tableau_[i][rhs] <= tableau_[*row][rhs])) row = i;
    if (!row) return extract();  // r >= 0: z = 0 solves it
    std::size_t entering = z0;
    for (std::size_t step = 0; step < max_pivots; ++step) {
      const std::size_t leaving = basis_[*row];
      pivot(*row, entering);
      if (leaving == z0) return extract();
      entering = leaving < n_ ? leaving + n_ : leaving - n_;  // the complement
      row = ratio_test(entering);
      if (!row) return std::nullopt;
    }
    return std::nullopt;
  }

 private:
  // Lexicographic minimum ratio over rows with a positive entry in `column`:
  // compare (rhs, B^-1 row) / entry, where B^-1 is held in the w columns.
  std::optional<std::size_t> ratio_test(std::size_t column) const {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < n_; ++i) {
      if (tableau_[i][column] <= 0) continue;
      if (!best || lex_less(i, *best, column)) best = i;
    }
    return best;
  }

  bool lex_less(std::size_t a, std::size_t b, std::size_t column) const {
    const std::size_t rhs = 2 * n_ + 1;
    auto compare = [&](std::size_t col) -> Rational {
      return tableau_[a][col] * tableau_[b][column] - tableau_[b][col] * tableau_[a][column];
    };
    const Rational first = compare(rhs);
    if (first != 0) return first < 0;
    for (std::size_t k = 0; k < n_; ++k) {
      const Rational d = compare(k);
      if (d != 0) return d < 0;
    }
    return false;
  }

  void pivot(std::size_t row, std::size_t column) {
    auto& pivot_row = tableau_[row];
    const Rational inverse = 1 / pivot_row[column];
    for (auto& v : pivot_row)
      if (v != 0) v *= inverse;
    for (std::size_t i = 0; i < n_; ++i) {
      if (i == row || tableau_[i][column] == 0) continue;
      const Rational factor = tableau_[i][column];
      for (std::size_t k = 0; k < pivot_row.size(); ++k)
        if (pivot_row[k] != 0) tableau_[i][k] -= factor * pivot_row[k];
    }
    basis_[row] = column;
  }

  std::vector<Rational> extract() const {
    std::vector<Rational> z(n_, 0);
    for (std::size_t i = 0; i < n_; ++i)
      if (basis_[i] >= n_ && basis_[i] < 2 * n_) z[basis_[i] - n_] = tableau_[i][2 * n_ + 1];
    return z;
  }

  std::size_t n_;
  Matrix tableau_;
  std::vector<std::size_t> basis_;
};

// Constraint matrix of one player: row 0 fixes the empty sequence at 1, row h+1
// says the actions at information set h share the probability of its parent sequence.
Matrix constraints(const ExtensiveGame& game, const TreeIndex& index, std::size_t player) {
  const std::size_t sets = game.infosets[player].size();
  Matrix e(sets + 1, std::vector<Rational>(index.num_sequences[player], 0));
  e[0][0] = 1;
  for (std::size_t h = 0; h < sets; ++h) {
    e[h + 1][index.parent_sequence[player][h]] = -1;
    for (std::size_t a = 0; a < game.infosets[player][h].actions.size(); ++a)
      e[h + 1][index.sequence_of(player, h, a)] = 1;
  }
  return e;
}

}  // namespace

BehaviourProfile sequence_form_equilibrium(const ExtensiveGame& game) {
  if (game.num_players() != 2)
    throw UsageError(fmt::format("the sequence-form method needs two players; the game has {}", game.num_players()));
  const TreeIndex index = index_tree(game);
  if (!index.perfect_recall) throw UsageError("the sequence-form method needs a game with perfect recall");
  const std::size_t n1 = index.num_sequences[0], n2 = index.num_sequences[1];
  const std::size_t k1 = game.infosets[0].size() + 1, k2 = game.infosets[1].size() + 1;

  // Shift each player's leaf payoffs to be at most -1.
  std::vector<Rational> shift(2);
  bool first_leaf = true;
  for (std::size_t node = 0; node < game.nodes.size(); ++node) {
    if (!game.nodes[node].children.empty()) continue;
    for (std::size_t p = 0; p < 2; ++p)
      if (first_leaf || index.payoff[node][p] > shift[p]) shift[p] = index.payoff[node][p];
    first_leaf = false;
  }
  Matrix a(n1, std::vector<Rational>(n2, 0)), b(n1, std::vector<Rational>(n2, 0));
  for (std::size_t node = 0; node < game.nodes.size(); ++node) {
    if (!game.nodes[node].children.empty() || index.chance_reach[node] == 0) continue;
    const std::size_t s1 = index.sequence[node][0], s2 = index.sequence[node][1];
    a[s1][s2] += index.chance_reach[node] * (index.payoff[node][0] - shift[0] - 1);
    b[s1][s2] += index.chance_reach[node] * (index.payoff[node][1] - shift[1] - 1);
  }
  const Matrix e = constraints(game, index, 0), f = constraints(game, index, 1);

  // z = (x, y, p+, p-, q+, q-).
  const std::size_t ox = 0, oy = n1, opp = n1 + n2, opm = opp + k1, oqp = opm + k1, oqm = oqp + k2, size = oqm + k2;
  Matrix m(size, std::vector<Rational>(size, 0));
  std::vector<Rational> r(size, 0);
  for (std::size_t i = 0; i < n1; ++i)
    for (std::size_t j = 0; j < n2; ++j) {
      m[ox + i][oy + j] = -a[i][j];  // w_x = E'(p+ - p-) - A y
      m[oy + j][ox + i] = -b[i][j];  // w_y = F'(q+ - q-) - B'x
    }
  for (std::size_t h = 0; h < k1; ++h)
    for (std::size_t i = 0; i < n1; ++i) {
      if (e[h][i] == 0) continue;
      m[ox + i][opp + h] = e[h][i];
      m[ox + i][opm + h] = -e[h][i];
      m[opp + h][ox + i] = -e[h][i];  // w_p+ = e - E x
      m[opm + h][ox + i] = e[h][i];   // w_p- = E x - e
    }
  for (std::size_t h = 0; h < k2; ++h)
    for (std::size_t j = 0; j < n2; ++j) {
      if (f[h][j] == 0) continue;
      m[oy + j][oqp + h] = f[h][j];
      m[oy + j][oqm + h] = -f[h][j];
      m[oqp + h][oy + j] = -f[h][j];
      m[oqm + h][oy + j] = f[h][j];
    }
  r[opp] = 1;
  r[opm] = -1;
  r[oqp] = 1;
  r[oqm] = -1;

  Lemke lemke(m, r);
  const auto z = lemke.solve(100000);
  if (!z) return {};
  std::vector<std::vector<Rational>> plans(2);
  plans[0].assign(z->begin() + ox, z->begin() + ox + n1);
  plans[1].assign(z->begin() + oy, z->begin() + oy + n2);
  return behaviour_from_plans(game, index, plans);
}

}  // namespace pivot
