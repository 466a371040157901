// Vertices of the face complementary to a vertex of the other polytope.
//
// When |S| = |J| (always so for a nondegenerate vertex) and F_SJ is
// nonsingular, the face is at most the single point F_SJ w_J = f_S: it is
// solved by fraction-free Gauss-Jordan elimination (Bareiss 1968; Edmonds
// 1967), then checked for w >= 0 and the remaining rows F_i w <= f_i; in
// 64-bit integers while the minors fit (exact_division.hpp), then in 128-bit
// ones (wide_division.hpp), else with GMP.
// Otherwise (degenerate vertex or singular F_SJ) the face may have several
// vertices: they are the vertices of {w_J >= 0 : F_J w_J <= f} on which
// every row of S is tight, enumerated exactly by for_each_vertex.
#include "games/solvers/enummixed/complementary_face.hpp"

#include <algorithm>

#include "games/exact_division.hpp"
#include "games/solvers/enummixed/polytope_vertices.hpp"

namespace pivot::games {

ComplementaryFace::ComplementaryFace(const IntegerPolytope& polytope) : polytope_(polytope) {
  auto small = [](const mpz_class& x) { return mpz_sizeinbase(x.get_mpz_t(), 2) <= 30; };
  small_data_ = std::all_of(polytope.a.begin(), polytope.a.end(), small) &&
                std::all_of(polytope.rhs.begin(), polytope.rhs.end(), small);
  if (!small_data_) return;
  for (const auto& x : polytope.a) small_a_.push_back(x.get_si());
  for (const auto& x : polytope.rhs) small_rhs_.push_back(x.get_si());
}

std::vector<std::vector<mpz_class>> ComplementaryFace::vertices(const std::vector<std::size_t>& tight_rows,
                                                                const std::vector<std::size_t>& free_cols) {
  std::vector<std::vector<mpz_class>> out;
  if (tight_rows.size() == free_cols.size()) {
    auto small = small_data_ ? solve_square_small(tight_rows, free_cols, out) : SmallSolve::kOverflow;
    if (small == SmallSolve::kOverflow && small_data_) small = solve_square_mid(tight_rows, free_cols, out);
    if (small == SmallSolve::kDone) return out;
    if (small == SmallSolve::kOverflow && solve_square(tight_rows, free_cols, out)) return out;
  }
  enumerate_face(tight_rows, free_cols, out);
  return out;
}

// The same system as solve_square below, in 64-bit integers with 128-bit
// products, but by fraction-free forward elimination only (Bareiss 1968:
// after step k every entry of rows > k is a minor of order k + 2) and then
// back substitution of X = D w, D the last pivot (Cramer: every X_j is a
// minor too): about two thirds of Gauss-Jordan's work, and most faces are
// found empty (some w_j < 0) before the back substitution ends.
ComplementaryFace::SmallSolve ComplementaryFace::solve_square_small(const std::vector<std::size_t>& tight_rows,
                                                                    const std::vector<std::size_t>& free_cols,
                                                                    std::vector<std::vector<mpz_class>>& out) {
  const std::size_t s = tight_rows.size(), width = s + 1, cols = polytope_.cols;
  small_work_.resize(s * width);
  std::int64_t* x = small_work_.data();
  for (std::size_t i = 0; i < s; ++i) {
    for (std::size_t k = 0; k < s; ++k) x[i * width + k] = small_a_[tight_rows[i] * cols + free_cols[k]];
    x[i * width + s] = small_rhs_[tight_rows[i]];
  }
  std::int64_t previous_pivot = 1;
  for (std::size_t k = 0; k < s; ++k) {
    std::size_t pivot_row = k;
    while (pivot_row < s && x[pivot_row * width + k] == 0) ++pivot_row;
    if (pivot_row == s) return SmallSolve::kSingular;
    if (pivot_row != k)
      for (std::size_t j = k; j < width; ++j) std::swap(x[k * width + j], x[pivot_row * width + j]);
    const std::int64_t p = x[k * width + k];
    const ExactDivisor previous(previous_pivot);
    for (std::size_t i = k + 1; i < s; ++i) {
      const std::int64_t f = x[i * width + k];
      for (std::size_t j = k + 1; j < width; ++j)
        if (!previous.divide(static_cast<i128>(x[i * width + j]) * p - static_cast<i128>(f) * x[k * width + j],
                             x[i * width + j]))
          return SmallSolve::kOverflow;
    }
    previous_pivot = p;
  }
  // Row i reads sum_{j >= i} x_ij w_j = x_is; times D: x_ii X_i = D x_is - sum_{j > i} x_ij X_j.
  const std::int64_t det = previous_pivot;
  small_solution_.assign(s, 0);
  std::int64_t* solution = small_solution_.data();
  for (std::size_t i = s; i-- > 0;) {
    i128 sum = static_cast<i128>(det) * x[i * width + s];
    for (std::size_t j = i + 1; j < s; ++j)
      if (__builtin_sub_overflow(sum, static_cast<i128>(x[i * width + j]) * solution[j], &sum))
        return SmallSolve::kOverflow;
    if (!ExactDivisor(x[i * width + i]).divide(sum, solution[i])) return SmallSolve::kOverflow;
    const std::int64_t v = solution[i];
    if (v != 0 && (v < 0) != (det < 0)) return SmallSolve::kDone;  // outside w >= 0: the face is empty
  }
  // w_J = X / D; the common factor |D| is dropped.
  std::vector<std::int64_t> w(cols, 0);
  for (std::size_t k = 0; k < s; ++k) {
    const std::int64_t v = solution[k];
    if (v == INT64_MIN) return SmallSolve::kOverflow;
    w[free_cols[k]] = v < 0 ? -v : v;
  }
  const i128 scale = det < 0 ? -static_cast<i128>(det) : det;
  in_rows_.assign(polytope_.rows, 0);
  for (auto i : tight_rows) in_rows_[i] = 1;
  // |F_ij|, f_i < 2^31 and w_j, |det| < 2^63: each sum stays far below 2^127.
  for (std::size_t i = 0; i < polytope_.rows; ++i) {
    if (in_rows_[i]) continue;
    i128 sum = 0;
    for (auto j : free_cols) sum += static_cast<i128>(small_a_[i * cols + j]) * w[j];
    if (sum > small_rhs_[i] * scale) return SmallSolve::kDone;
  }
  std::vector<mpz_class> exact(cols, 0);
  for (std::size_t j = 0; j < cols; ++j) exact[j] = static_cast<signed long>(w[j]);
  out.push_back(std::move(exact));
  return SmallSolve::kDone;
}

namespace {

constexpr i128 kMidBound = i128(1) << 120;
bool within_mid_bound(i128 v) { return v < kMidBound && v > -kMidBound; }

// t / d for nonzero d dividing t, when the quotient is within kMidBound.
class MidDivisor {
 public:
  explicit MidDivisor(i128 d) : negative_(d < 0), divisor_(d < 0 ? -d : d) {}
  bool divide(const I256& t, i128& q) const {
    return divisor_.divide(negative_ ? negate(t) : t, q) && within_mid_bound(q);
  }

 private:
  bool negative_;
  ExactDivisor128 divisor_;
};

}  // namespace

// solve_square_small with 128-bit entries (below 2^120, so that sums of up to
// 2^15 products of two fit in 256 bits) and 256-bit products.
ComplementaryFace::SmallSolve ComplementaryFace::solve_square_mid(const std::vector<std::size_t>& tight_rows,
                                                                  const std::vector<std::size_t>& free_cols,
                                                                  std::vector<std::vector<mpz_class>>& out) {
  const std::size_t s = tight_rows.size(), width = s + 1, cols = polytope_.cols;
  if (s > 1000 || cols > 1000) return SmallSolve::kOverflow;
  mid_work_.resize(s * width);
  i128* x = mid_work_.data();
  for (std::size_t i = 0; i < s; ++i) {
    for (std::size_t k = 0; k < s; ++k) x[i * width + k] = small_a_[tight_rows[i] * cols + free_cols[k]];
    x[i * width + s] = small_rhs_[tight_rows[i]];
  }
  i128 previous_pivot = 1;
  for (std::size_t k = 0; k < s; ++k) {
    std::size_t pivot_row = k;
    while (pivot_row < s && x[pivot_row * width + k] == 0) ++pivot_row;
    if (pivot_row == s) return SmallSolve::kSingular;
    if (pivot_row != k)
      for (std::size_t j = k; j < width; ++j) std::swap(x[k * width + j], x[pivot_row * width + j]);
    const i128 p = x[k * width + k];
    const MidDivisor previous(previous_pivot);
    for (std::size_t i = k + 1; i < s; ++i) {
      const i128 f = x[i * width + k];
      for (std::size_t j = k + 1; j < width; ++j)
        if (!previous.divide(subtract(multiply(x[i * width + j], p), multiply(f, x[k * width + j])), x[i * width + j]))
          return SmallSolve::kOverflow;
    }
    previous_pivot = p;
  }
  const i128 det = previous_pivot;
  mid_solution_.assign(s, 0);
  i128* solution = mid_solution_.data();
  for (std::size_t i = s; i-- > 0;) {
    I256 sum = multiply(det, x[i * width + s]);
    for (std::size_t j = i + 1; j < s; ++j) sum = subtract(sum, multiply(x[i * width + j], solution[j]));
    if (!MidDivisor(x[i * width + i]).divide(sum, solution[i])) return SmallSolve::kOverflow;
    const i128 v = solution[i];
    if (v != 0 && (v < 0) != (det < 0)) return SmallSolve::kDone;  // outside w >= 0: the face is empty
  }
  std::vector<i128> w(cols, 0);
  for (std::size_t k = 0; k < s; ++k) w[free_cols[k]] = solution[k] < 0 ? -solution[k] : solution[k];
  const i128 scale = det < 0 ? -det : det;
  in_rows_.assign(polytope_.rows, 0);
  for (auto i : tight_rows) in_rows_[i] = 1;
  for (std::size_t i = 0; i < polytope_.rows; ++i) {
    if (in_rows_[i]) continue;
    I256 sum;
    for (auto j : free_cols) sum = subtract(sum, multiply(-small_a_[i * cols + j], w[j]));
    if (compare(sum, multiply(small_rhs_[i], scale)) > 0) return SmallSolve::kDone;
  }
  std::vector<mpz_class> exact(cols);
  for (std::size_t j = 0; j < cols; ++j) exact[j] = to_mpz(w[j]);
  out.push_back(std::move(exact));
  return SmallSolve::kDone;
}

// Returns false when F_SJ is singular (the caller then enumerates the face).
bool ComplementaryFace::solve_square(const std::vector<std::size_t>& tight_rows,
                                     const std::vector<std::size_t>& free_cols,
                                     std::vector<std::vector<mpz_class>>& out) {
  const std::size_t s = tight_rows.size(), width = s + 1, cols = polytope_.cols;
  work_.resize(s * width);
  for (std::size_t i = 0; i < s; ++i) {
    for (std::size_t k = 0; k < s; ++k) work_[i * width + k] = polytope_.a[tight_rows[i] * cols + free_cols[k]];
    work_[i * width + s] = polytope_.rhs[tight_rows[i]];
  }
  // Integer Gauss-Jordan: after step k the matrix is det_k times [I | ...] on
  // the pivoted columns, every entry an integer (a minor of the input).
  det_ = 1;
  mpz_ptr f = factor_.get_mpz_t();
  for (std::size_t k = 0; k < s; ++k) {
    std::size_t pivot_row = k;
    while (pivot_row < s && sgn(work_[pivot_row * width + k]) == 0) ++pivot_row;
    if (pivot_row == s) return false;
    if (pivot_row != k)
      for (std::size_t j = 0; j < width; ++j)
        mpz_swap(work_[k * width + j].get_mpz_t(), work_[pivot_row * width + j].get_mpz_t());
    mpz_srcptr p = work_[k * width + k].get_mpz_t();
    for (std::size_t i = 0; i < s; ++i) {
      if (i == k) continue;
      mpz_set(f, work_[i * width + k].get_mpz_t());
      for (std::size_t j = k; j < width; ++j) {
        mpz_ptr x = work_[i * width + j].get_mpz_t();
        mpz_mul(x, x, p);
        mpz_submul(x, f, work_[k * width + j].get_mpz_t());
        mpz_divexact(x, x, det_.get_mpz_t());
      }
      // Columns before k in row i are zero except the diagonal, which scales too.
      if (i < k) {
        mpz_ptr x = work_[i * width + i].get_mpz_t();
        mpz_mul(x, x, p);
        mpz_divexact(x, x, det_.get_mpz_t());
      }
    }
    det_ = work_[k * width + k];
  }
  // w_J = rhs / det_; make the common factor positive.
  const int sign = sgn(det_);
  std::vector<mpz_class> w(cols, 0);
  for (std::size_t k = 0; k < s; ++k) {
    w[free_cols[k]] = work_[k * width + s];
    if (sign < 0) w[free_cols[k]] = -w[free_cols[k]];
    if (sgn(w[free_cols[k]]) < 0) return true;  // outside w >= 0: the face is empty
  }
  mpz_class scale = abs(det_);
  // Row i of F w <= f, multiplied by |det|: sum_j F_ij w_j <= f_i |det|.
  std::vector<bool> in_s(polytope_.rows, false);
  for (auto i : tight_rows) in_s[i] = true;
  for (std::size_t i = 0; i < polytope_.rows; ++i) {
    if (in_s[i]) continue;
    sum_ = 0;
    for (auto j : free_cols) mpz_addmul(sum_.get_mpz_t(), polytope_.a[i * cols + j].get_mpz_t(), w[j].get_mpz_t());
    if (sum_ > polytope_.rhs[i] * scale) return true;
  }
  out.push_back(std::move(w));
  return true;
}

void ComplementaryFace::enumerate_face(const std::vector<std::size_t>& tight_rows,
                                       const std::vector<std::size_t>& free_cols,
                                       std::vector<std::vector<mpz_class>>& out) {
  IntegerPolytope restricted;
  restricted.rows = polytope_.rows;
  restricted.cols = free_cols.size();
  for (std::size_t i = 0; i < polytope_.rows; ++i)
    for (auto j : free_cols) restricted.a.push_back(polytope_.a[i * polytope_.cols + j]);
  restricted.rhs = polytope_.rhs;
  for_each_vertex(restricted, [&](const IntegerDictionary& dict) {
    for (auto i : tight_rows)
      if (!is_zero_var(dict, restricted.cols + i)) return;
    std::vector<mpz_class> w(polytope_.cols, 0);
    for (std::size_t r = 0; r < dict.rows; ++r)
      if (dict.basic[r] < restricted.cols) w[free_cols[dict.basic[r]]] = dict.rhs_value(r);
    out.push_back(std::move(w));
  });
}

}  // namespace pivot::games
