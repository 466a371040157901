// Vertex enumeration by a depth-first search over feasible bases of the
// slack system M z + s = 1 (von Stengel 2002, section 3). Every pivot that
// the minimum-ratio test allows, ties included, leads to a neighbouring
// feasible basis, so the walk reaches every basis of every vertex, degenerate
// ones included. Pivoting back on the same element restores the parent
// tableau exactly, so only one tableau is kept.
#include "games/polytope_vertices.hpp"

#include <map>
#include <string>
#include <unordered_set>

namespace pivot {

namespace {

// Integer pivoting (Edmonds; von Stengel 2002, section 2.5): entries stay
// integers, each the previous entry times the pivot minus a cross product,
// divided exactly by the previous pivot `det`. The tableau is then a function
// of the basis alone, which is what makes pivoting back exact.
struct Tableau {
  std::size_t rows = 0, vars = 0;             // vars = d + k: z_0..z_{d-1}, s_0..s_{k-1}
  std::vector<std::vector<mpz_class>> entry;  // [row][var]
  std::vector<mpz_class> rhs;                 // basic value of row r = rhs[r] / det
  std::vector<std::size_t> basic;             // [row] -> var
  mpz_class det = 1;

  void pivot(std::size_t r, std::size_t c) {
    const mpz_class p = entry[r][c];
    mpz_class t;
    for (std::size_t i = 0; i < rows; ++i) {
      if (i == r) continue;
      const mpz_class f = entry[i][c];
      for (std::size_t j = 0; j < vars; ++j) {
        t = entry[i][j] * p;
        if (f != 0) t -= f * entry[r][j];
        mpz_divexact(entry[i][j].get_mpz_t(), t.get_mpz_t(), det.get_mpz_t());
      }
      t = rhs[i] * p;
      if (f != 0) t -= f * rhs[r];
      mpz_divexact(rhs[i].get_mpz_t(), t.get_mpz_t(), det.get_mpz_t());
    }
    det = p;
    basic[r] = c;
  }
};

struct Move {
  std::size_t row, col;
};

std::string basis_key(const std::vector<std::size_t>& basic, std::size_t vars) {
  std::string key(vars, '0');
  for (auto v : basic) key[v] = '1';
  return key;
}

std::vector<Move> moves_from(const Tableau& t) {
  std::vector<bool> is_basic(t.vars, false);
  for (auto v : t.basic) is_basic[v] = true;
  std::vector<Move> moves;
  for (std::size_t c = 0; c < t.vars; ++c) {
    if (is_basic[c]) continue;
    // Minimum of rhs[r] / entry[r][c] over positive entries, compared by cross products.
    std::vector<std::size_t> best;
    for (std::size_t r = 0; r < t.rows; ++r) {
      if (sgn(t.entry[r][c]) <= 0) continue;
      if (best.empty()) {
        best = {r};
        continue;
      }
      const std::size_t b = best.front();
      const int order = cmp(t.rhs[r] * t.entry[b][c], t.rhs[b] * t.entry[r][c]);
      if (order < 0)
        best = {r};
      else if (order == 0)
        best.push_back(r);
    }
    for (auto r : best) moves.push_back({r, c});
  }
  return moves;
}

LabeledVertex vertex_of(const Tableau& t, std::size_t d) {
  LabeledVertex v;
  v.point.assign(d, 0);
  std::vector<Rational> value(t.vars, 0);
  for (std::size_t r = 0; r < t.rows; ++r) {
    value[t.basic[r]] = Rational(t.rhs[r], t.det);
    value[t.basic[r]].canonicalize();
  }
  for (std::size_t i = 0; i < d; ++i) v.point[i] = value[i];
  v.labels.assign((t.vars + 63) / 64, 0);
  for (std::size_t i = 0; i < t.vars; ++i)
    if (value[i] == 0) v.labels[i / 64] |= std::uint64_t{1} << (i % 64);
  return v;
}

}  // namespace

std::vector<LabeledVertex> polytope_vertices(const std::vector<std::vector<Rational>>& m) {
  const std::size_t k = m.size(), d = m.empty() ? 0 : m.front().size();
  Tableau t;
  t.rows = k;
  t.vars = d + k;
  // Scale each row of M z <= 1 by the lcm of its denominators: same polytope, integer data.
  t.entry.assign(k, std::vector<mpz_class>(d + k, 0));
  t.rhs.assign(k, 1);
  for (std::size_t r = 0; r < k; ++r) {
    mpz_class scale = 1;
    for (std::size_t c = 0; c < d; ++c) mpz_lcm(scale.get_mpz_t(), scale.get_mpz_t(), m[r][c].get_den_mpz_t());
    for (std::size_t c = 0; c < d; ++c) t.entry[r][c] = m[r][c].get_num() * (scale / m[r][c].get_den());
    t.entry[r][d + r] = 1;  // the slack of the scaled row; zero exactly when the original slack is
    t.rhs[r] = scale;
    t.basic.push_back(d + r);
  }

  std::map<std::vector<Rational>, LabeledVertex> vertices;  // ordered: deterministic output
  auto record = [&] {
    auto v = vertex_of(t, d);
    vertices.try_emplace(v.point, std::move(v));
  };
  std::unordered_set<std::string> seen{basis_key(t.basic, t.vars)};
  record();

  struct Frame {
    std::vector<Move> moves;
    std::size_t next = 0;
    Move undo{0, 0};
    bool has_undo = false;
  };
  std::vector<Frame> stack;
  stack.push_back({moves_from(t), 0, {0, 0}, false});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.moves.size()) {
      if (top.has_undo) t.pivot(top.undo.row, top.undo.col);
      stack.pop_back();
      continue;
    }
    const Move move = top.moves[top.next++];
    auto next_basic = t.basic;
    const std::size_t leaving = next_basic[move.row];
    next_basic[move.row] = move.col;
    if (!seen.insert(basis_key(next_basic, t.vars)).second) continue;
    t.pivot(move.row, move.col);
    record();
    stack.push_back({moves_from(t), 0, {move.row, leaving}, true});
  }

  std::vector<LabeledVertex> out;
  out.reserve(vertices.size());
  for (auto& [point, v] : vertices) out.push_back(std::move(v));
  return out;
}

}  // namespace pivot
