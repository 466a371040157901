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

struct Tableau {
  std::size_t rows = 0, vars = 0;            // vars = d + k: z_0..z_{d-1}, s_0..s_{k-1}
  std::vector<std::vector<Rational>> entry;  // [row][var]
  std::vector<Rational> rhs;
  std::vector<std::size_t> basic;            // [row] -> var

  void pivot(std::size_t r, std::size_t c) {
    const Rational p = entry[r][c];
    for (auto& v : entry[r]) v /= p;
    rhs[r] /= p;
    for (std::size_t i = 0; i < rows; ++i) {
      if (i == r || entry[i][c] == 0) continue;
      const Rational f = entry[i][c];
      for (std::size_t j = 0; j < vars; ++j)
        if (entry[r][j] != 0) entry[i][j] -= f * entry[r][j];
      rhs[i] -= f * rhs[r];
    }
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
    std::vector<std::size_t> best;
    Rational best_ratio;
    for (std::size_t r = 0; r < t.rows; ++r) {
      if (t.entry[r][c] <= 0) continue;
      const Rational ratio = t.rhs[r] / t.entry[r][c];
      if (best.empty() || ratio < best_ratio) {
        best = {r};
        best_ratio = ratio;
      } else if (ratio == best_ratio) {
        best.push_back(r);
      }
    }
    for (auto r : best) moves.push_back({r, c});
  }
  return moves;
}

LabeledVertex vertex_of(const Tableau& t, std::size_t d) {
  LabeledVertex v;
  v.point.assign(d, 0);
  std::vector<Rational> value(t.vars, 0);
  for (std::size_t r = 0; r < t.rows; ++r) value[t.basic[r]] = t.rhs[r];
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
  t.entry.assign(k, std::vector<Rational>(d + k, 0));
  t.rhs.assign(k, 1);
  for (std::size_t r = 0; r < k; ++r) {
    for (std::size_t c = 0; c < d; ++c) t.entry[r][c] = m[r][c];
    t.entry[r][d + r] = 1;
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
