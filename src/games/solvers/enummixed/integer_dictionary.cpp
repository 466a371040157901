// Integer pivoting in a condensed dictionary (see integer_dictionary.hpp).
// This loop is where enummixed spends its time. In 64-bit mode each new
// entry (x p - f y) / det is formed in 128 bits and divided exactly
// (exact_division.hpp); on overflow the pivot is redone with GMP.
#include "games/solvers/enummixed/integer_dictionary.hpp"

#include "games/exact_division.hpp"

#include <cmath>
#include <utility>

namespace pivot::games {

namespace {

bool fits_int64(const mpz_class& x) { return mpz_fits_slong_p(x.get_mpz_t()) != 0; }

}  // namespace

IntegerDictionary::IntegerDictionary(const IntegerPolytope& polytope)
    : rows(polytope.rows), cols(polytope.cols), cell_(polytope.rows * (polytope.cols + 1)) {
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) cell_[r * width() + c] = polytope.a[r * cols + c];
    cell_[r * width() + cols] = polytope.rhs[r];
    basic.push_back(cols + r);
  }
  for (std::size_t c = 0; c < cols; ++c) nonbasic.push_back(c);
  try_to_small();
}

int IntegerDictionary::rhs_sign(std::size_t r) const {
  if (small_) {
    const std::int64_t x = small_cell_[r * width() + cols];
    return (x > 0) - (x < 0);
  }
  return sgn(cell_[r * width() + cols]);
}

mpz_class IntegerDictionary::rhs_value(std::size_t r) const {
  if (small_) return mpz_class(static_cast<signed long>(small_cell_[r * width() + cols]));
  return cell_[r * width() + cols];
}

void IntegerDictionary::pivot(std::size_t r, std::size_t c) {
  if (small_) {
    if (pivot_small(r, c)) return;
    to_big();
  }
  pivot_big(r, c);
  try_to_small();
}

// For i != r: x_ij <- (x_ij * p - x_ic * x_rj) / det for j != c, x_ic <- -x_ic;
// row r keeps its entries except x_rc <- det; then det <- p. This is the full
// tableau's integer pivot with the unit columns of the basic variables left out.
// Returns false, leaving the dictionary as it was, when an entry overflows.
bool IntegerDictionary::pivot_small(std::size_t r, std::size_t c) {
  const std::size_t w = width();
  const std::int64_t p = small_cell_[r * w + c];
  const ExactDivisor det(small_det_);
  scratch_.resize(small_cell_.size());
  const std::int64_t* pivot_row = &small_cell_[r * w];
  for (std::size_t i = 0; i < rows; ++i) {
    const std::int64_t* row = &small_cell_[i * w];
    std::int64_t* out = &scratch_[i * w];
    if (i == r) {
      for (std::size_t j = 0; j < w; ++j) out[j] = row[j];
      out[c] = small_det_;
      continue;
    }
    const std::int64_t f = row[c];
    if (f == INT64_MIN) return false;
    for (std::size_t j = 0; j < w; ++j) {
      if (j == c) continue;
      // |x p|, |f y| <= 2^126, so the difference fits in 128 bits.
      if (!det.divide(static_cast<i128>(row[j]) * p - static_cast<i128>(f) * pivot_row[j], out[j])) return false;
    }
    out[c] = -f;
  }
  small_cell_.swap(scratch_);
  small_det_ = p;
  std::swap(basic[r], nonbasic[c]);
  return true;
}

void IntegerDictionary::pivot_big(std::size_t r, std::size_t c) {
  const std::size_t w = width();
  pivot_copy_ = cell_[r * w + c];
  mpz_srcptr p = pivot_copy_.get_mpz_t();
  mpz_srcptr d = det_.get_mpz_t();
  const bool divide = mpz_cmp_ui(d, 1) != 0;
  mpz_ptr f = factor_.get_mpz_t();
  const mpz_class* pivot_row = &cell_[r * w];
  for (std::size_t i = 0; i < rows; ++i) {
    if (i == r) continue;
    mpz_class* row = &cell_[i * w];
    mpz_swap(f, row[c].get_mpz_t());
    const bool cross = mpz_sgn(f) != 0;
    for (std::size_t j = 0; j < w; ++j) {
      if (j == c) continue;
      mpz_ptr x = row[j].get_mpz_t();
      mpz_mul(x, x, p);
      if (cross) mpz_submul(x, f, pivot_row[j].get_mpz_t());
      if (divide) mpz_divexact(x, x, d);
    }
    mpz_neg(row[c].get_mpz_t(), f);
  }
  cell_[r * w + c] = det_;
  det_ = pivot_copy_;
  std::swap(basic[r], nonbasic[c]);
}

void IntegerDictionary::to_big() {
  cell_.resize(small_cell_.size());
  for (std::size_t k = 0; k < small_cell_.size(); ++k) cell_[k] = static_cast<signed long>(small_cell_[k]);
  det_ = static_cast<signed long>(small_det_);
  small_ = false;
}

void IntegerDictionary::try_to_small() {
  if (!fits_int64(det_)) return;
  for (const auto& x : cell_)
    if (!fits_int64(x)) return;
  small_cell_.resize(cell_.size());
  for (std::size_t k = 0; k < cell_.size(); ++k) small_cell_[k] = cell_[k].get_si();
  small_det_ = det_.get_si();
  small_ = true;
}

// rhs_r / x_rc is compared by cross products: exactly in 128 bits in 64-bit
// mode; with GMP, doubles decide first when they are clearly apart
// (mpz_get_d truncates, relative error below 2^-52 each).
void IntegerDictionary::leaving_rows(std::size_t c, std::vector<std::size_t>& out) const {
  const std::size_t first = out.size(), w = width();
  if (small_) {
    for (std::size_t r = 0; r < rows; ++r) {
      const std::int64_t x = small_cell_[r * w + c];
      if (x <= 0) continue;
      if (out.size() == first) {
        out.push_back(r);
        continue;
      }
      const std::size_t b = out[first];
      const i128 lhs = static_cast<i128>(small_cell_[r * w + cols]) * small_cell_[b * w + c];
      const i128 rhs = static_cast<i128>(small_cell_[b * w + cols]) * x;
      if (lhs < rhs) {
        out.resize(first);
        out.push_back(r);
      } else if (lhs == rhs) {
        out.push_back(r);
      }
    }
    return;
  }
  double best_ratio = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const mpz_class& x = cell_[r * w + c];
    if (sgn(x) <= 0) continue;
    const mpz_class& value = cell_[r * w + cols];
    // Beyond the double range mpz_get_d gives infinity, and a finite value over an
    // infinite x would read as ratio 0: such a ratio is NaN here, so cmp decides.
    const double value_d = mpz_get_d(value.get_mpz_t()), x_d = mpz_get_d(x.get_mpz_t());
    const double ratio = std::isfinite(value_d) && std::isfinite(x_d) ? value_d / x_d : std::nan("");
    if (out.size() == first) {
      out.push_back(r);
      best_ratio = ratio;
      continue;
    }
    int order;
    if (std::isfinite(ratio) && std::isfinite(best_ratio) &&
        std::fabs(ratio - best_ratio) > 1e-9 * std::fabs(best_ratio)) {
      order = ratio < best_ratio ? -1 : 1;
    } else {
      const std::size_t b = out[first];
      order = cmp(value * cell_[b * w + c], cell_[b * w + cols] * x);
    }
    if (order < 0) {
      out.resize(first);
      out.push_back(r);
      best_ratio = ratio;
    } else if (order == 0) {
      out.push_back(r);
    }
  }
}

}  // namespace pivot::games
