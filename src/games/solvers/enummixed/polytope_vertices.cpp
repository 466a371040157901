// Vertex enumeration by reverse search (Avis & Fukuda 1992; Avis 2000, the
// method of lrs) over the feasible bases of {z >= 0 : M z <= c}.
//
// Every variable's bound is perturbed lexicographically (z_i >= -eps^i, the
// slacks included): the perturbed polytope is simple, its bases are the
// "lex-positive" bases of the original one, and the lexicographic ratio test
// (IntegerDictionary::lex_leaving_row) moves between them. Minimising sum z
// from any of them by the simplex method with Bland's entering rule (the
// least-index improving variable) and the lexicographic leaving rule never
// cycles and ends at the slack basis (z = 0, the unique optimum): this
// defines a parent for every other basis, and the bases form a tree rooted at
// the slack basis. The walk visits that tree depth first, recognising a
// child B' of B without pivoting (pivot (r, s) leads to a child when, in B',
// the variable that left is the least-index improving one). Nothing is
// remembered but the path back to the root, so memory stays that of one
// dictionary however many bases a degenerate polytope has; integer pivoting
// makes pivoting back on the same element restore the parent exactly.
//
// A degenerate vertex has several lex-positive bases; it is reported at one
// only: its least basis in index order, recognised locally (no degenerate
// basic variable can be exchanged for a smaller nonbasic one; the bases of
// a vertex are those of a matroid, where local and global minimum agree).
// Under the perturbation above that basis is lex-positive: in a degenerate
// row of it every nonbasic variable of smaller index than the row's basic
// variable has entry 0, so the row's first nonzero is det > 0.
#include "games/solvers/enummixed/polytope_vertices.hpp"

#include <cstdint>

namespace pivot::games {

namespace {

// Lex-min basis of its vertex: no degenerate basic variable can leave for a
// nonbasic variable of smaller index.
bool is_least_basis_of_vertex(const IntegerDictionary& dict) {
  for (std::size_t r = 0; r < dict.rows; ++r) {
    if (dict.rhs_sign(r) != 0) continue;
    for (std::size_t c = 0; c < dict.cols; ++c)
      if (dict.nonbasic[c] < dict.basic[r] && !dict.entry_is_zero(r, c)) return false;
  }
  return true;
}

// Pivot (r, s) with cost(s) > 0 leads to a child: in the new basis the
// leaving variable v = basic[r] has cost -cost(s) < 0, and no nonbasic
// variable of smaller index improves.
bool leads_to_child(const IntegerDictionary& dict, std::size_t r, std::size_t s) {
  const std::size_t v = dict.basic[r];
  for (std::size_t j = 0; j < dict.cols; ++j)
    if (j != s && dict.nonbasic[j] < v && dict.cost_sign_after(r, s, j) < 0) return false;
  return true;
}

struct Step {
  std::size_t row, col;  // the pivot that led here; pivoting on it again goes back
  bool kept;             // the dictionary before it was kept: undo_pivot restores it
};

}  // namespace

bool is_zero_var(const IntegerDictionary& dict, std::size_t v) {
  for (std::size_t r = 0; r < dict.rows; ++r)
    if (dict.basic[r] == v) return dict.rhs_sign(r) == 0;
  return true;
}

void for_each_vertex(const IntegerPolytope& polytope, const std::function<void(const IntegerDictionary&)>& visit) {
  IntegerDictionary dict(polytope);
  visit(dict);  // the slack basis: z = 0, nondegenerate since c > 0
  std::vector<Step> path;
  std::size_t next_col = 0;
  for (;;) {
    bool descended = false;
    for (std::size_t s = next_col; s < dict.cols; ++s) {
      if (dict.cost_sign(s) <= 0) continue;
      const std::size_t r = dict.lex_leaving_row(s);
      if (r == dict.rows || !leads_to_child(dict, r, s)) continue;
      const bool kept = dict.pivot_keeping(r, s);
      path.push_back({r, s, kept});
      if (is_least_basis_of_vertex(dict)) visit(dict);
      next_col = 0;
      descended = true;
      break;
    }
    if (descended) continue;
    if (path.empty()) return;
    const Step back = path.back();
    path.pop_back();
    if (back.kept)
      dict.undo_pivot(back.row, back.col);
    else
      dict.pivot(back.row, back.col);
    next_col = back.col + 1;
  }
}

}  // namespace pivot::games
