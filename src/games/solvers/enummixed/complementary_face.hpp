// The face of a best-response polytope {w >= 0 : F w <= f} that is
// complementary to a vertex of the other player's polytope: rows S tight
// (strategies the vertex plays are best replies) and w_j = 0 off J (strategies
// that are not best replies to the vertex are not played). Its vertices are
// exactly the vertices completing the given one to an extreme equilibrium
// (Avis, Rosenberg, Savani & von Stengel 2010; the lrsnash method).
#pragma once

#include <cstdint>
#include <vector>

#include "games/solvers/enummixed/integer_dictionary.hpp"
#include "games/wide_division.hpp"

namespace pivot::games {

class ComplementaryFace {
 public:
  explicit ComplementaryFace(const IntegerPolytope& polytope);

  /// Every vertex w of {w >= 0 : F w <= f, F_i w = f_i for i in tight_rows,
  /// w_j = 0 for j not in free_cols}, scaled to integers (w times a positive
  /// common factor, so only ratios are meaningful). tight_rows must be nonempty.
  std::vector<std::vector<mpz_class>> vertices(const std::vector<std::size_t>& tight_rows,
                                               const std::vector<std::size_t>& free_cols);

 private:
  enum class SmallSolve { kOverflow, kSingular, kDone };
  // The square system in fixed-width integers; Words (complementary_face.cpp)
  // is the arithmetic: 64-bit entries with 128-bit products, or 128-bit ones
  // with 256-bit products. work and solution are the tier's reused buffers.
  template <class Words>
  SmallSolve solve_square_words(const std::vector<std::size_t>& tight_rows, const std::vector<std::size_t>& free_cols,
                                std::vector<typename Words::Entry>& work, std::vector<typename Words::Entry>& solution,
                                std::vector<std::vector<mpz_class>>& out);
  bool solve_square(const std::vector<std::size_t>& tight_rows, const std::vector<std::size_t>& free_cols,
                    std::vector<std::vector<mpz_class>>& out);
  void enumerate_face(const std::vector<std::size_t>& tight_rows, const std::vector<std::size_t>& free_cols,
                      std::vector<std::vector<mpz_class>>& out);

  const IntegerPolytope& polytope_;
  std::vector<mpz_class> work_;  // the square system's augmented matrix, reused
  bool small_data_ = false;      // every entry of F and f below 2^31 in magnitude
  std::vector<std::int64_t> small_a_, small_rhs_, small_work_, small_solution_;
  std::vector<i128> mid_work_, mid_solution_;
  std::vector<char> in_rows_;
  mpz_class det_, factor_, sum_;
};

}  // namespace pivot::games
