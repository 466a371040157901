// A condensed simplex dictionary over the integers for a polytope
// {z >= 0 : M z <= c} with integer M and positive integer c. Only the
// nonbasic columns are stored (basic ones are det times a unit vector), and
// pivots are integer pivots (Edmonds 1967; von Stengel 2002, section 2.5;
// the dictionary form of lrs, Avis 2000): every entry is a subdeterminant,
// the division by the previous pivot is exact, and the dictionary is a
// function of the basis alone, so pivoting back restores it exactly.
//
// Entries live in 64-bit integers while they fit (checked exactly on every
// pivot), then in 128-bit integers (256-bit products, wide_division.hpp),
// and in GMP integers only beyond that, switching both ways as the basis
// changes: most bases of a random game have small subdeterminants (on random
// 20 x 20 games, below 2^96 at every basis measured).
//
// Besides the constraint rows the dictionary carries a cost row for the
// objective "minimise sum z" (pivoted like the others, never leaving), which
// the reverse search of polytope_vertices.cpp needs (Avis & Fukuda 1992).
#pragma once

#include <gmpxx.h>

#include "games/wide_division.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pivot::games {

/// {z in R^cols : z >= 0, a z <= rhs}: a is rows x cols, row-major, integer; rhs > 0.
struct IntegerPolytope {
  std::size_t rows = 0, cols = 0;
  std::vector<mpz_class> a;    // [row * cols + col]
  std::vector<mpz_class> rhs;  // [row]
};

/// Variables are numbered 0..cols-1 for z and cols + r for the slack of row r.
/// Row r reads: det * basic[r] + sum_c entry(r, c) * nonbasic[c] = rhs(r).
class IntegerDictionary {
 public:
  /// The slack basis (z = 0) of the polytope.
  explicit IntegerDictionary(const IntegerPolytope& polytope);

  std::size_t rows = 0, cols = 0;
  std::vector<std::size_t> basic, nonbasic;

  std::size_t num_vars() const { return rows + cols; }
  /// Sign of row r's right-hand side (the basic variable's value times det > 0).
  int rhs_sign(std::size_t r) const;
  /// Row r's right-hand side: the basic variable's value times det.
  mpz_class rhs_value(std::size_t r) const;

  /// Exchanges basic[r] and nonbasic[c]; entry (r, c) must be positive.
  void pivot(std::size_t r, std::size_t c);
  /// The same pivot, keeping a copy of the dictionary before it (while the
  /// copies take less than about 32 MB) so that undo_pivot can restore it
  /// without pivoting back; returns whether the copy was kept.
  bool pivot_keeping(std::size_t r, std::size_t c);
  /// Undoes the last pivot_keeping(r, c) that returned true.
  void undo_pivot(std::size_t r, std::size_t c);

  /// The row that leaves when column c enters under the lexicographic
  /// minimum-ratio test, or `rows` when no entry of column c is positive. Ties
  /// in rhs/entry are broken by the rows of the full tableau, variables in
  /// index order (entry(r, c') for nonbasic ones, det for the row's own basic
  /// variable, 0 for the others), each divided by entry(r, c): the
  /// perturbation z_i >= -eps^i of every variable (Dantzig, Orden & Wolfe
  /// 1955), under which every basis is nondegenerate.
  std::size_t lex_leaving_row(std::size_t c) const;

  /// Sign of the cost row's entry in column c: positive when raising
  /// nonbasic[c] from 0 increases sum z (det * sum z = cost rhs - sum_c cost(c) x_c
  /// with the opposite sign convention, see integer_dictionary.cpp).
  int cost_sign(std::size_t c) const;
  /// Sign of column j's cost entry after a pivot on (r, s) (the new det is
  /// positive): sign(cost(j) * entry(r, s) - cost(s) * entry(r, j)).
  int cost_sign_after(std::size_t r, std::size_t s, std::size_t j) const;
  /// True when entry (r, c) is zero.
  bool entry_is_zero(std::size_t r, std::size_t c) const;

 private:
  std::size_t width() const { return cols + 1; }  // column `cols` holds the right-hand side
  // Row `rows` of the storage is the cost row (its right-hand side column unused).
  std::size_t stored_rows() const { return rows + 1; }
  int compare_ratio(std::size_t a, std::size_t b, std::size_t c) const;
  int lex_tiebreak(std::size_t a, std::size_t b, std::size_t c) const;
  bool pivot_small(std::size_t r, std::size_t c);
  bool pivot_mid(std::size_t r, std::size_t c);
  void pivot_big(std::size_t r, std::size_t c);
  void small_to_mid();
  void mid_to_big();
  void big_to_smaller();

  enum class Tier { kSmall, kMid, kBig };
  struct Kept {
    Tier tier;
    std::vector<std::int64_t> small;
    std::vector<i128> mid;
    std::vector<mpz_class> big;
    std::int64_t small_det;
    i128 mid_det;
    mpz_class big_det;
  };
  std::vector<Kept> kept_;
  std::size_t kept_depth_ = 0, max_kept_ = 0;
  Tier tier_ = Tier::kBig;
  bool small_ = false;                              // tier_ == kSmall
  std::vector<std::int64_t> small_cell_, scratch_;  // [row * width() + col]
  std::int64_t small_det_ = 1;
  std::vector<i128> mid_cell_, mid_scratch_;
  i128 mid_det_ = 1;
  std::vector<mpz_class> cell_;
  mpz_class det_ = 1;  // stays positive: pivots are on positive elements
  mpz_class pivot_copy_, factor_;
};

}  // namespace pivot::games
