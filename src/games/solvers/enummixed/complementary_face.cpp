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

namespace {

// The arithmetic of solve_square_words: Entry holds the matrix entries (every
// one a minor of F_SJ or f), Product a product of two entries and the sums of
// such products. Each operation that can fail returns false, and the solve
// then answers kOverflow (the caller retries one tier up).

// 64-bit entries, 128-bit products. The back substitution's running sums
// can pass 127 bits, so each step is checked; |INT64_MIN| has no 64-bit form.
struct Words64 {
  using Entry = std::int64_t;
  using Product = i128;
  using Divisor = ExactDivisor;
  static bool fits(std::size_t, std::size_t) { return true; }
  static Product multiply(Entry a, Entry b) { return static_cast<i128>(a) * b; }
  static Product difference(Product a, Product b) { return a - b; }
  static bool subtract_from(Product& sum, Product b) { return !__builtin_sub_overflow(sum, b, &sum); }
  static bool magnitude(Entry v, Entry& m) {
    if (v == INT64_MIN) return false;
    m = v < 0 ? -v : v;
    return true;
  }
  static Product magnitude_wide(Entry v) { return v < 0 ? -static_cast<i128>(v) : v; }
  // |F_ij|, f_i < 2^31 and w_j, |det| < 2^63: each sum stays far below 2^127.
  static void add_product(Product& sum, std::int64_t a, Entry w) { sum += static_cast<i128>(a) * w; }
  static bool exceeds(Product sum, std::int64_t rhs, Product scale) { return sum > rhs * scale; }
  static mpz_class to_integer(Entry v) { return static_cast<signed long>(v); }
};

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

// 128-bit entries below 2^120 (MidDivisor refuses larger quotients) and
// 256-bit products: sums of up to 2^15 products of two fit in 256 bits, so
// with s, cols <= 1000 no sum needs a check.
struct Words128 {
  using Entry = i128;
  using Product = I256;
  using Divisor = MidDivisor;
  static bool fits(std::size_t s, std::size_t cols) { return s <= 1000 && cols <= 1000; }
  static Product multiply(Entry a, Entry b) { return pivot::games::multiply(a, b); }
  static Product difference(const Product& a, const Product& b) { return subtract(a, b); }
  static bool subtract_from(Product& sum, const Product& b) {
    sum = subtract(sum, b);
    return true;
  }
  static bool magnitude(Entry v, Entry& m) {
    m = v < 0 ? -v : v;
    return true;
  }
  static Entry magnitude_wide(Entry v) { return v < 0 ? -v : v; }
  static void add_product(Product& sum, std::int64_t a, Entry w) { sum = subtract(sum, pivot::games::multiply(-a, w)); }
  static bool exceeds(const Product& sum, std::int64_t rhs, Entry scale) {
    return compare(sum, pivot::games::multiply(rhs, scale)) > 0;
  }
  static mpz_class to_integer(Entry v) { return to_mpz(v); }
};

}  // namespace

// The same system as solve_square below, in fixed-width integers (Words64,
// then Words128), but by fraction-free forward elimination only (Bareiss 1968:
// after step k every entry of rows > k is a minor of order k + 2) and then
// back substitution of X = D w, D the last pivot (Cramer: every X_j is a
// minor too): about two thirds of Gauss-Jordan's work, and most faces are
// found empty (some w_j < 0) before the back substitution ends.
template <class Words>
ComplementaryFace::SmallSolve ComplementaryFace::solve_square_words(const std::vector<std::size_t>& tight_rows,
                                                                    const std::vector<std::size_t>& free_cols,
                                                                    std::vector<typename Words::Entry>& work,
                                                                    std::vector<typename Words::Entry>& solution_buffer,
                                                                    std::vector<std::vector<mpz_class>>& out) {
  using Entry = typename Words::Entry;
  using Product = typename Words::Product;
  const std::size_t s = tight_rows.size(), width = s + 1, cols = polytope_.cols;
  if (!Words::fits(s, cols)) return SmallSolve::kOverflow;
  work.resize(s * width);
  Entry* x = work.data();
  for (std::size_t i = 0; i < s; ++i) {
    for (std::size_t k = 0; k < s; ++k) x[i * width + k] = small_a_[tight_rows[i] * cols + free_cols[k]];
    x[i * width + s] = small_rhs_[tight_rows[i]];
  }
  Entry previous_pivot = 1;
  for (std::size_t k = 0; k < s; ++k) {
    std::size_t pivot_row = k;
    while (pivot_row < s && x[pivot_row * width + k] == 0) ++pivot_row;
    if (pivot_row == s) return SmallSolve::kSingular;
    if (pivot_row != k)
      for (std::size_t j = k; j < width; ++j) std::swap(x[k * width + j], x[pivot_row * width + j]);
    const Entry p = x[k * width + k];
    const typename Words::Divisor previous(previous_pivot);
    for (std::size_t i = k + 1; i < s; ++i) {
      const Entry f = x[i * width + k];
      for (std::size_t j = k + 1; j < width; ++j)
        if (!previous.divide(
                Words::difference(Words::multiply(x[i * width + j], p), Words::multiply(f, x[k * width + j])),
                x[i * width + j]))
          return SmallSolve::kOverflow;
    }
    previous_pivot = p;
  }
  // Row i reads sum_{j >= i} x_ij w_j = x_is; times D: x_ii X_i = D x_is - sum_{j > i} x_ij X_j.
  const Entry det = previous_pivot;
  solution_buffer.assign(s, 0);
  Entry* solution = solution_buffer.data();
  for (std::size_t i = s; i-- > 0;) {
    Product sum = Words::multiply(det, x[i * width + s]);
    for (std::size_t j = i + 1; j < s; ++j)
      if (!Words::subtract_from(sum, Words::multiply(x[i * width + j], solution[j]))) return SmallSolve::kOverflow;
    if (!typename Words::Divisor(x[i * width + i]).divide(sum, solution[i])) return SmallSolve::kOverflow;
    const Entry v = solution[i];
    if (v != 0 && (v < 0) != (det < 0)) return SmallSolve::kDone;  // outside w >= 0: the face is empty
  }
  // w_J = X / D; the common factor |D| is dropped.
  std::vector<Entry> w(cols, 0);
  for (std::size_t k = 0; k < s; ++k)
    if (!Words::magnitude(solution[k], w[free_cols[k]])) return SmallSolve::kOverflow;
  const auto scale = Words::magnitude_wide(det);
  in_rows_.assign(polytope_.rows, 0);
  for (auto i : tight_rows) in_rows_[i] = 1;
  // Row i of F w <= f, multiplied by |D|: sum_j F_ij w_j <= f_i |D|.
  for (std::size_t i = 0; i < polytope_.rows; ++i) {
    if (in_rows_[i]) continue;
    Product sum{};
    for (auto j : free_cols) Words::add_product(sum, small_a_[i * cols + j], w[j]);
    if (Words::exceeds(sum, small_rhs_[i], scale)) return SmallSolve::kDone;
  }
  std::vector<mpz_class> exact(cols);
  for (std::size_t j = 0; j < cols; ++j) exact[j] = Words::to_integer(w[j]);
  out.push_back(std::move(exact));
  return SmallSolve::kDone;
}

std::vector<std::vector<mpz_class>> ComplementaryFace::vertices(const std::vector<std::size_t>& tight_rows,
                                                                const std::vector<std::size_t>& free_cols) {
  std::vector<std::vector<mpz_class>> out;
  if (tight_rows.size() == free_cols.size()) {
    auto small = small_data_ ? solve_square_words<Words64>(tight_rows, free_cols, small_work_, small_solution_, out)
                             : SmallSolve::kOverflow;
    if (small == SmallSolve::kOverflow && small_data_)
      small = solve_square_words<Words128>(tight_rows, free_cols, mid_work_, mid_solution_, out);
    if (small == SmallSolve::kDone) return out;
    if (small == SmallSolve::kOverflow && solve_square(tight_rows, free_cols, out)) return out;
  }
  enumerate_face(tight_rows, free_cols, out);
  return out;
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
