// Lemke–Howson for bimatrix games, exact: integer pivoting on GMP integers
// (every entry is the basis determinant times the rational tableau entry, so
// each update divides exactly by the previous pivot) and the lexicographic
// minimum-ratio test, which makes the method correct on degenerate games
// (Lemke & Howson 1964; von Stengel 2002, sections 3.3-3.5 and 6).
#include <fmt/format.h>

#include <deque>
#include <set>
#include <stdexcept>

#include "games/bimatrix.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/solvers/lcp.hpp"

namespace pivot {

using games::integer_bimatrix;
using games::IntegerBimatrix;

namespace {

// One side of the pair of best-response polytopes as a tableau over the m+n
// labels. Side 0 (x): Bᵀx + s = 1, variables x_i (label i) and s_j (label
// m+j). Side 1 (y): r + Ay = 1, variables r_i (label i) and y_j (label m+j).
// Basic columns are unit vectors times `det` and are not stored.
struct Tableau {
  std::size_t rows = 0, vars = 0;
  std::vector<mpz_class> cells;        // rows x (vars + 1); the last column is the right-hand side
  std::vector<std::size_t> basis;      // [row] variable basic in that row
  std::vector<std::ptrdiff_t> row_of;  // [variable] its row when basic, else -1
  std::vector<std::size_t> slacks;     // the initial basis, in row order: the lexicographic columns
  mpz_class det = 1;                   // the last pivot element (basis determinant)

  mpz_class& at(std::size_t r, std::size_t c) { return cells[r * (vars + 1) + c]; }
  const mpz_class& at(std::size_t r, std::size_t c) const { return cells[r * (vars + 1) + c]; }
  std::size_t rhs() const { return vars; }
  // Entry of any column, basic columns included (needed by the lexicographic test).
  mpz_class entry(std::size_t r, std::size_t c) const {
    if (c < vars && row_of[c] >= 0) return static_cast<std::size_t>(row_of[c]) == r ? det : mpz_class(0);
    return at(r, c);
  }
};

struct State {
  Tableau side[2];
};

// Side 0 rows come from B's columns, side 1 rows from A's rows; slacks start basic.
Tableau make_tableau(const IntegerBimatrix& g, int side) {
  const std::size_t m = g.rows, n = g.cols;
  Tableau t;
  t.vars = m + n;
  t.rows = side == 0 ? n : m;
  t.cells.assign(t.rows * (t.vars + 1), 0);
  t.row_of.assign(t.vars, -1);
  for (std::size_t r = 0; r < t.rows; ++r) {
    const std::size_t slack = side == 0 ? m + r : r;
    t.basis.push_back(slack);
    t.row_of[slack] = static_cast<std::ptrdiff_t>(r);
    t.slacks.push_back(slack);
    t.at(r, t.rhs()) = 1;
    if (side == 0)
      for (std::size_t i = 0; i < m; ++i) t.at(r, i) = g.b[i * n + r];
    else
      for (std::size_t j = 0; j < n; ++j) t.at(r, m + j) = g.a[r * n + j];
  }
  return t;
}

// True when row i's ratio vector (rhs, slack columns) / column e is
// lexicographically smaller than row k's. Denominators are positive.
bool lex_less(const Tableau& t, std::size_t i, std::size_t k, std::size_t e) {
  const mpz_class& di = t.at(i, e);
  const mpz_class& dk = t.at(k, e);
  const int c = cmp(t.at(i, t.rhs()) * dk, t.at(k, t.rhs()) * di);
  if (c != 0) return c < 0;
  for (std::size_t s : t.slacks) {
    const int d = cmp(t.entry(i, s) * dk, t.entry(k, s) * di);
    if (d != 0) return d < 0;
  }
  return false;  // identical rows cannot happen: the slack columns are independent
}

// Brings `entering` into the basis by the lexicographic minimum-ratio test and
// returns the variable that leaves.
std::size_t pivot_in(Tableau& t, std::size_t entering) {
  std::ptrdiff_t best = -1;
  for (std::size_t r = 0; r < t.rows; ++r)
    if (sgn(t.at(r, entering)) > 0 && (best < 0 || lex_less(t, r, static_cast<std::size_t>(best), entering)))
      best = static_cast<std::ptrdiff_t>(r);
  if (best < 0) throw std::logic_error("Lemke-Howson: unbounded ray (payoffs were not made positive)");
  const auto r = static_cast<std::size_t>(best);
  const std::size_t leaving = t.basis[r];
  const mpz_class p = t.at(r, entering);
  mpz_class tmp;
  // Columns to update: non-basic ones other than the entering, and the right-hand side.
  std::vector<std::size_t> columns;
  for (std::size_t c = 0; c < t.vars; ++c)
    if (t.row_of[c] < 0 && c != entering) columns.push_back(c);
  columns.push_back(t.rhs());
  for (std::size_t i = 0; i < t.rows; ++i) {
    if (i == r) continue;
    const mpz_class& f = t.at(i, entering);
    for (std::size_t c : columns) {
      mpz_class& cell = t.at(i, c);
      mpz_mul(cell.get_mpz_t(), cell.get_mpz_t(), p.get_mpz_t());
      if (sgn(f) != 0) mpz_submul(cell.get_mpz_t(), f.get_mpz_t(), t.at(r, c).get_mpz_t());
      mpz_divexact(cell.get_mpz_t(), cell.get_mpz_t(), t.det.get_mpz_t());
    }
    // The leaving column was det * e_r; after the pivot it reads -f here and det in row r.
    t.at(i, leaving) = -f;
  }
  t.at(r, leaving) = t.det;
  t.det = p;
  t.basis[r] = entering;
  t.row_of[entering] = best;
  t.row_of[leaving] = -1;
  return leaving;
}

// Follows the path that drops `label` (0-based) until it is picked up again;
// false if that takes more than `max_pivots` pivots (0 = no limit).
bool follow_path(State& s, std::size_t label, std::size_t max_pivots = 0) {
  std::size_t side = s.side[0].row_of[label] < 0 ? 0 : 1;  // where the label is present (non-basic)
  std::size_t entering = label;
  for (std::size_t pivots = 1;; ++pivots) {
    if (max_pivots != 0 && pivots > max_pivots) return false;
    const std::size_t leaving = pivot_in(s.side[side], entering);
    if (leaving == label) return true;
    side = 1 - side;
    entering = leaving;
  }
}

// The basic values of one side's variables [from, from+count), normalised to probabilities;
// empty when they are all zero (the artificial equilibrium).
std::vector<Rational> side_mixture(const Tableau& t, std::size_t from, std::size_t count) {
  std::vector<mpz_class> value(count, 0);  // det times the basic values; det cancels
  mpz_class total = 0;
  for (std::size_t k = 0; k < count; ++k)
    if (t.row_of[from + k] >= 0) {
      value[k] = t.at(static_cast<std::size_t>(t.row_of[from + k]), t.rhs());
      total += value[k];
    }
  if (total == 0) return {};
  std::vector<Rational> mix;
  for (const auto& v : value) {
    Rational p(v, total);
    p.canonicalize();
    mix.push_back(p);
  }
  return mix;
}

MixedProfile state_profile(const State& s, std::size_t m, std::size_t n) {
  auto x = side_mixture(s.side[0], 0, m);
  auto y = side_mixture(s.side[1], m, n);
  if (x.empty() || y.empty()) return {};
  return {std::move(x), std::move(y)};
}

std::vector<std::size_t> basis_key(const State& s) {
  std::vector<std::size_t> key;
  for (const auto& t : s.side) {
    std::vector<std::size_t> b = t.basis;
    std::sort(b.begin(), b.end());
    key.insert(key.end(), b.begin(), b.end());
    key.push_back(static_cast<std::size_t>(-1));
  }
  return key;
}

State artificial_state(const IntegerBimatrix& g) { return State{{make_tableau(g, 0), make_tableau(g, 1)}}; }

}  // namespace

MixedProfile lemke_howson(const StrategicGame& game, std::size_t label) {
  const IntegerBimatrix g = integer_bimatrix(game);
  if (label < 1 || label > g.rows + g.cols)
    throw UsageError(
        fmt::format("label {} is out of range: expected 1..{} (rows, then columns)", label, g.rows + g.cols));
  State s = artificial_state(g);
  follow_path(s, label - 1);
  return state_profile(s, g.rows, g.cols);
}

MixedProfile lemke_howson_any(const StrategicGame& game) {
  const IntegerBimatrix g = integer_bimatrix(game);
  const State start = artificial_state(g);
  // Path lengths differ wildly between labels (tens of pivots or thousands on
  // the same random game), so every label gets a budget that doubles each round.
  for (std::size_t budget = 32;; budget *= 2)
    for (std::size_t label = 0; label < g.rows + g.cols; ++label) {
      State s = start;
      if (follow_path(s, label, budget)) return state_profile(s, g.rows, g.cols);
    }
}

std::vector<MixedProfile> lemke_howson_network(const StrategicGame& game, std::size_t max_equilibria) {
  const IntegerBimatrix g = integer_bimatrix(game);
  const std::size_t labels = g.rows + g.cols;
  std::vector<MixedProfile> found;
  std::set<std::vector<Rational>> seen_profiles;
  std::set<std::vector<std::size_t>> seen_states;
  std::deque<State> queue{artificial_state(g)};
  seen_states.insert(basis_key(queue.front()));
  while (!queue.empty()) {
    const State from = std::move(queue.front());
    queue.pop_front();
    for (std::size_t label = 0; label < labels; ++label) {
      State s = from;
      follow_path(s, label);
      if (!seen_states.insert(basis_key(s)).second) continue;
      MixedProfile profile = state_profile(s, g.rows, g.cols);
      if (profile.empty()) continue;  // back at the artificial equilibrium
      std::vector<Rational> flat = profile[0];
      flat.insert(flat.end(), profile[1].begin(), profile[1].end());
      if (seen_profiles.insert(flat).second) {
        found.push_back(std::move(profile));
        if (max_equilibria != 0 && found.size() >= max_equilibria) return found;
      }
      queue.push_back(std::move(s));
    }
  }
  return found;
}

SolveResult solve_lcp(const StrategicGame& game, const SolveOptions& options) {
  SolveResult result{.method = "lcp"};
  if (options.label != 0)
    result.equilibria.push_back(lemke_howson(game, options.label));
  else if (options.max_equilibria == 1)
    result.equilibria.push_back(lemke_howson_any(game));
  else
    result.equilibria = lemke_howson_network(game, options.max_equilibria);
  return result;
}

}  // namespace pivot
