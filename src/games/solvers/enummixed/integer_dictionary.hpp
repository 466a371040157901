// A condensed simplex dictionary over the integers for a polytope
// {z >= 0 : M z <= c} with integer M and positive integer c. Only the
// nonbasic columns are stored (basic ones are det times a unit vector), and
// pivots are integer pivots (Edmonds 1967; von Stengel 2002, section 2.5;
// the dictionary form of lrs, Avis 2000): every entry is a subdeterminant,
// the division by the previous pivot is exact, and the dictionary is a
// function of the basis alone, so pivoting back restores it exactly.
//
// Entries live in 64-bit integers while they fit (checked exactly on every
// pivot) and in GMP integers otherwise, switching both ways as the basis
// changes: most bases of a random game have small subdeterminants.
#pragma once

#include <gmpxx.h>

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

  /// Rows that the minimum-ratio test allows to leave when column c enters
  /// (positive entries, least rhs/entry, every tie); appended to `out`.
  void leaving_rows(std::size_t c, std::vector<std::size_t>& out) const;

 private:
  std::size_t width() const { return cols + 1; }  // column `cols` holds the right-hand side
  bool pivot_small(std::size_t r, std::size_t c);
  void pivot_big(std::size_t r, std::size_t c);
  void to_big();
  void try_to_small();

  bool small_ = false;
  std::vector<std::int64_t> small_cell_, scratch_;  // [row * width() + col]
  std::int64_t small_det_ = 1;
  std::vector<mpz_class> cell_;
  mpz_class det_ = 1;  // stays positive: pivots are on positive elements
  mpz_class pivot_copy_, factor_;
};

}  // namespace pivot::games
