// Integer pivoting in a condensed dictionary (see integer_dictionary.hpp).
// This loop is where enummixed spends its time. In 64-bit mode each new
// entry (x p - f y) / det is formed in 128 bits and divided exactly
// (exact_division.hpp); on overflow the pivot is redone in 128-bit mode,
// where the products take 256 bits (wide_division.hpp), and on overflow
// there with GMP.
#include "games/solvers/enummixed/integer_dictionary.hpp"

#include "games/exact_division.hpp"

#include <cmath>
#include <utility>

namespace pivot::games {

namespace {

bool fits_int64(const mpz_class& x) { return mpz_fits_slong_p(x.get_mpz_t()) != 0; }
// |x| < 2^126, so that sums and differences of two such values fit too.
bool fits_mid(const mpz_class& x) { return mpz_sizeinbase(x.get_mpz_t(), 2) <= 126; }
bool fits_int64(i128 x) { return x == static_cast<std::int64_t>(x); }

i128 to_mid(const mpz_class& x) {  // x must satisfy fits_mid
  static_assert(sizeof(mp_limb_t) == 8);
  const mpz_srcptr z = x.get_mpz_t();
  const u128 m = static_cast<u128>(mpz_getlimbn(z, 0)) | (static_cast<u128>(mpz_getlimbn(z, 1)) << 64);
  return sgn(x) < 0 ? -static_cast<i128>(m) : static_cast<i128>(m);
}

}  // namespace

// The cost row reads det * w + sum_c cost(c) x_c = cost rhs for w = -sum z:
// at the slack basis every cost entry is 1 on a z column, so z = 0 is the
// unique optimum, and cost(c) < 0 marks a column whose entry improves w.
IntegerDictionary::IntegerDictionary(const IntegerPolytope& polytope)
    : rows(polytope.rows), cols(polytope.cols), cell_((polytope.rows + 1) * (polytope.cols + 1)) {
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) cell_[r * width() + c] = polytope.a[r * cols + c];
    cell_[r * width() + cols] = polytope.rhs[r];
    basic.push_back(cols + r);
  }
  for (std::size_t c = 0; c < cols; ++c) cell_[rows * width() + c] = 1;
  for (std::size_t c = 0; c < cols; ++c) nonbasic.push_back(c);
  big_to_smaller();
  // Each kept copy costs up to about 48 bytes an entry (GMP's header and two limbs).
  max_kept_ = (std::size_t{32} << 20) / (48 * cell_.size());
}

int IntegerDictionary::rhs_sign(std::size_t r) const {
  if (small_) {
    const std::int64_t x = small_cell_[r * width() + cols];
    return (x > 0) - (x < 0);
  }
  if (tier_ == Tier::kMid) {
    const i128 x = mid_cell_[r * width() + cols];
    return (x > 0) - (x < 0);
  }
  return sgn(cell_[r * width() + cols]);
}

mpz_class IntegerDictionary::rhs_value(std::size_t r) const {
  if (small_) return mpz_class(static_cast<signed long>(small_cell_[r * width() + cols]));
  if (tier_ == Tier::kMid) return to_mpz(mid_cell_[r * width() + cols]);
  return cell_[r * width() + cols];
}

void IntegerDictionary::pivot(std::size_t r, std::size_t c) {
  if (tier_ == Tier::kSmall) {
    if (pivot_small(r, c)) return;
    small_to_mid();
  }
  if (tier_ == Tier::kMid) {
    if (pivot_mid(r, c)) return;
    mid_to_big();
  }
  pivot_big(r, c);
  big_to_smaller();
}

bool IntegerDictionary::pivot_keeping(std::size_t r, std::size_t c) {
  if (kept_depth_ >= max_kept_) {
    pivot(r, c);
    return false;
  }
  if (kept_depth_ == kept_.size()) kept_.emplace_back();
  Kept& k = kept_[kept_depth_++];
  k.tier = tier_;
  switch (tier_) {
    case Tier::kSmall:
      k.small = small_cell_;
      k.small_det = small_det_;
      break;
    case Tier::kMid:
      k.mid = mid_cell_;
      k.mid_det = mid_det_;
      break;
    case Tier::kBig:
      k.big.resize(cell_.size());
      for (std::size_t i = 0; i < cell_.size(); ++i) mpz_set(k.big[i].get_mpz_t(), cell_[i].get_mpz_t());
      k.big_det = det_;
      break;
  }
  pivot(r, c);
  return true;
}

void IntegerDictionary::undo_pivot(std::size_t r, std::size_t c) {
  Kept& k = kept_[--kept_depth_];
  tier_ = k.tier;
  small_ = tier_ == Tier::kSmall;
  switch (tier_) {
    case Tier::kSmall:
      small_cell_.swap(k.small);
      small_det_ = k.small_det;
      break;
    case Tier::kMid:
      mid_cell_.swap(k.mid);
      mid_det_ = k.mid_det;
      break;
    case Tier::kBig:
      cell_.swap(k.big);
      det_ = k.big_det;
      break;
  }
  std::swap(basic[r], nonbasic[c]);
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
  for (std::size_t i = 0; i < stored_rows(); ++i) {
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
      if (!det.divide_exact(static_cast<i128>(row[j]) * p - static_cast<i128>(f) * pivot_row[j], out[j])) return false;
    }
    out[c] = -f;
  }
  small_cell_.swap(scratch_);
  small_det_ = p;
  std::swap(basic[r], nonbasic[c]);
  return true;
}

// The same pivot with 128-bit entries and 256-bit products; afterwards the
// dictionary drops to 64-bit mode when every entry fits there.
bool IntegerDictionary::pivot_mid(std::size_t r, std::size_t c) {
  const std::size_t w = width();
  const i128 p = mid_cell_[r * w + c];
  const ExactDivisor128 det(mid_det_);
  mid_scratch_.resize(mid_cell_.size());
  const i128* pivot_row = &mid_cell_[r * w];
  bool all_small = fits_int64(p) && fits_int64(mid_det_);
  for (std::size_t i = 0; i < stored_rows(); ++i) {
    const i128* row = &mid_cell_[i * w];
    i128* out = &mid_scratch_[i * w];
    if (i == r) {
      for (std::size_t j = 0; j < w; ++j) {
        out[j] = row[j];
        all_small = all_small && fits_int64(row[j]);
      }
      out[c] = mid_det_;
      continue;
    }
    const i128 f = row[c];
    for (std::size_t j = 0; j < w; ++j) {
      if (j == c) continue;
      // |x p|, |f y| < 2^252, so the difference fits in 256 bits.
      if (!det.divide_exact(subtract(multiply(row[j], p), multiply(f, pivot_row[j])), out[j])) return false;
      all_small = all_small && fits_int64(out[j]);
    }
    out[c] = -f;
    all_small = all_small && fits_int64(out[c]);
  }
  mid_cell_.swap(mid_scratch_);
  mid_det_ = p;
  std::swap(basic[r], nonbasic[c]);
  if (all_small) {
    small_cell_.resize(mid_cell_.size());
    for (std::size_t k = 0; k < mid_cell_.size(); ++k) small_cell_[k] = static_cast<std::int64_t>(mid_cell_[k]);
    small_det_ = static_cast<std::int64_t>(mid_det_);
    tier_ = Tier::kSmall;
    small_ = true;
  }
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
  for (std::size_t i = 0; i < stored_rows(); ++i) {
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

void IntegerDictionary::small_to_mid() {
  mid_cell_.assign(small_cell_.begin(), small_cell_.end());
  mid_det_ = small_det_;
  tier_ = Tier::kMid;
  small_ = false;
}

void IntegerDictionary::mid_to_big() {
  cell_.resize(mid_cell_.size());
  for (std::size_t k = 0; k < mid_cell_.size(); ++k) cell_[k] = to_mpz(mid_cell_[k]);
  det_ = to_mpz(mid_det_);
  tier_ = Tier::kBig;
  small_ = false;
}

// After a GMP pivot: the smallest tier that holds every entry.
void IntegerDictionary::big_to_smaller() {
  bool small = fits_int64(det_), mid = fits_mid(det_);
  for (const auto& x : cell_) {
    if (!mid) break;
    small = small && fits_int64(x);
    mid = fits_mid(x);
  }
  if (small) {
    small_cell_.resize(cell_.size());
    for (std::size_t k = 0; k < cell_.size(); ++k) small_cell_[k] = cell_[k].get_si();
    small_det_ = det_.get_si();
    tier_ = Tier::kSmall;
    small_ = true;
  } else if (mid) {
    mid_cell_.resize(cell_.size());
    for (std::size_t k = 0; k < cell_.size(); ++k) mid_cell_[k] = to_mid(cell_[k]);
    mid_det_ = to_mid(det_);
    tier_ = Tier::kMid;
  }
}

int IntegerDictionary::cost_sign(std::size_t c) const {
  if (small_) {
    const std::int64_t x = small_cell_[rows * width() + c];
    return (x > 0) - (x < 0);
  }
  if (tier_ == Tier::kMid) {
    const i128 x = mid_cell_[rows * width() + c];
    return (x > 0) - (x < 0);
  }
  return sgn(cell_[rows * width() + c]);
}

bool IntegerDictionary::entry_is_zero(std::size_t r, std::size_t c) const {
  if (small_) return small_cell_[r * width() + c] == 0;
  if (tier_ == Tier::kMid) return mid_cell_[r * width() + c] == 0;
  return sgn(cell_[r * width() + c]) == 0;
}

int IntegerDictionary::cost_sign_after(std::size_t r, std::size_t s, std::size_t j) const {
  const std::size_t w = width();
  if (small_) {
    const i128 d = static_cast<i128>(small_cell_[rows * w + j]) * small_cell_[r * w + s] -
                   static_cast<i128>(small_cell_[rows * w + s]) * small_cell_[r * w + j];
    return (d > 0) - (d < 0);
  }
  if (tier_ == Tier::kMid)
    return compare(multiply(mid_cell_[rows * w + j], mid_cell_[r * w + s]),
                   multiply(mid_cell_[rows * w + s], mid_cell_[r * w + j]));
  return cmp(cell_[rows * w + j] * cell_[r * w + s], cell_[rows * w + s] * cell_[r * w + j]);
}

namespace {

// sign(a_value / a_entry - b_value / b_entry) for positive entries.
int ratio_order(std::int64_t a_value, std::int64_t a_entry, std::int64_t b_value, std::int64_t b_entry) {
  const i128 lhs = static_cast<i128>(a_value) * b_entry, rhs = static_cast<i128>(b_value) * a_entry;
  return (lhs > rhs) - (lhs < rhs);
}
int ratio_order(i128 a_value, i128 a_entry, i128 b_value, i128 b_entry) {
  return compare(multiply(a_value, b_entry), multiply(b_value, a_entry));
}
int ratio_order(const mpz_class& a_value, const mpz_class& a_entry, const mpz_class& b_value,
                const mpz_class& b_entry) {
  const int order = cmp(a_value * b_entry, b_value * a_entry);
  return (order > 0) - (order < 0);
}

}  // namespace

// Rows a and b (entries in column c positive) with equal rhs ratios: compare
// their full-tableau rows, variable by variable, divided by the entries in c.
// Two rows of the full tableau are never proportional (their basic variables
// differ), so this never returns 0 for a != b.
int IntegerDictionary::lex_tiebreak(std::size_t a, std::size_t b, std::size_t c) const {
  const std::size_t w = width(), n = num_vars();
  std::vector<std::size_t> column(n, SIZE_MAX);
  for (std::size_t k = 0; k < cols; ++k) column[nonbasic[k]] = k;
  for (std::size_t v = 0; v < n; ++v) {
    if (small_) {
      auto coef = [&](std::size_t r) -> std::int64_t {
        if (basic[r] == v) return small_det_;
        return column[v] == SIZE_MAX ? 0 : small_cell_[r * w + column[v]];
      };
      if (int order = ratio_order(coef(a), small_cell_[a * w + c], coef(b), small_cell_[b * w + c])) return order;
    } else if (tier_ == Tier::kMid) {
      auto coef = [&](std::size_t r) -> i128 {
        if (basic[r] == v) return mid_det_;
        return column[v] == SIZE_MAX ? 0 : mid_cell_[r * w + column[v]];
      };
      if (int order = ratio_order(coef(a), mid_cell_[a * w + c], coef(b), mid_cell_[b * w + c])) return order;
    } else {
      const mpz_class zero = 0;
      auto coef = [&](std::size_t r) -> const mpz_class& {
        if (basic[r] == v) return det_;
        return column[v] == SIZE_MAX ? zero : cell_[r * w + column[v]];
      };
      if (int order = ratio_order(coef(a), cell_[a * w + c], coef(b), cell_[b * w + c])) return order;
    }
  }
  return 0;
}

// sign(rhs_a / x_ac - rhs_b / x_bc) for positive x_ac, x_bc: exactly in 128
// bits in 64-bit mode; with GMP, doubles decide first when they are clearly
// apart (mpz_get_d truncates, relative error below 2^-52 each).
int IntegerDictionary::compare_ratio(std::size_t a, std::size_t b, std::size_t c) const {
  const std::size_t w = width();
  if (small_)
    return ratio_order(small_cell_[a * w + cols], small_cell_[a * w + c], small_cell_[b * w + cols],
                       small_cell_[b * w + c]);
  if (tier_ == Tier::kMid)
    return ratio_order(mid_cell_[a * w + cols], mid_cell_[a * w + c], mid_cell_[b * w + cols], mid_cell_[b * w + c]);
  const mpz_class &va = cell_[a * w + cols], &xa = cell_[a * w + c], &vb = cell_[b * w + cols], &xb = cell_[b * w + c];
  // Beyond the double range mpz_get_d gives infinity, and a finite value over an
  // infinite x would read as ratio 0: such a ratio is NaN here, so cmp decides.
  const double va_d = mpz_get_d(va.get_mpz_t()), xa_d = mpz_get_d(xa.get_mpz_t());
  const double vb_d = mpz_get_d(vb.get_mpz_t()), xb_d = mpz_get_d(xb.get_mpz_t());
  const double ra = std::isfinite(va_d) && std::isfinite(xa_d) ? va_d / xa_d : std::nan("");
  const double rb = std::isfinite(vb_d) && std::isfinite(xb_d) ? vb_d / xb_d : std::nan("");
  if (std::isfinite(ra) && std::isfinite(rb) && std::fabs(ra - rb) > 1e-9 * std::fabs(rb)) return ra < rb ? -1 : 1;
  return ratio_order(va, xa, vb, xb);
}

std::size_t IntegerDictionary::lex_leaving_row(std::size_t c) const {
  const std::size_t w = width();
  std::size_t best = rows;
  if (small_) {  // the common case, kept free of calls: 128-bit cross products
    std::int64_t best_value = 0, best_entry = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::int64_t x = small_cell_[r * w + c];
      if (x <= 0) continue;
      const std::int64_t value = small_cell_[r * w + cols];
      if (best != rows) {
        const i128 lhs = static_cast<i128>(value) * best_entry, rhs = static_cast<i128>(best_value) * x;
        if (lhs > rhs || (lhs == rhs && lex_tiebreak(r, best, c) > 0)) continue;
      }
      best = r;
      best_value = value;
      best_entry = x;
    }
    return best;
  }
  if (tier_ == Tier::kMid) {  // the same with 256-bit cross products
    i128 best_value = 0, best_entry = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const i128 x = mid_cell_[r * w + c];
      if (x <= 0) continue;
      const i128 value = mid_cell_[r * w + cols];
      if (best != rows) {
        const int order = compare(multiply(value, best_entry), multiply(best_value, x));
        if (order > 0 || (order == 0 && lex_tiebreak(r, best, c) > 0)) continue;
      }
      best = r;
      best_value = value;
      best_entry = x;
    }
    return best;
  }
  for (std::size_t r = 0; r < rows; ++r) {
    if (sgn(cell_[r * w + c]) <= 0) continue;
    if (best == rows) {
      best = r;
      continue;
    }
    int order = compare_ratio(r, best, c);
    if (order == 0) order = lex_tiebreak(r, best, c);
    if (order < 0) best = r;
  }
  return best;
}

}  // namespace pivot::games
