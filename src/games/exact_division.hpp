// Exact division of a 128-bit integer by a 64-bit one with a 64-bit result,
// without a division instruction: multiply by the inverse of the divisor's
// odd part modulo 2^64 (Granlund & Montgomery 1994, section 9; Jebelean
// 1993). The low 64 bits of the product are the quotient whenever the
// quotient fits, and one multiplication checks that it does.
#pragma once

#include <bit>
#include <cstdint>

namespace pivot::games {

__extension__ typedef __int128 i128;  // GCC and Clang; -Wpedantic otherwise warns

class ExactDivisor {
 public:
  /// d must be nonzero.
  explicit ExactDivisor(std::int64_t d)
      : negative_(d < 0), magnitude_(d < 0 ? 0 - static_cast<std::uint64_t>(d) : static_cast<std::uint64_t>(d)) {
    shift_ = std::countr_zero(magnitude_);
    odd_ = magnitude_ >> shift_;
    inverse_ = odd_;  // correct to 3 bits; each Newton step doubles that
    for (int step = 0; step < 5; ++step) inverse_ *= 2 - odd_ * inverse_;
    limit_ = 61 + (64 - std::countl_zero(magnitude_));
  }

  /// q = t / d when d divides t and the quotient fits in 64 bits; false otherwise
  /// (then q is meaningless). Assumes d's factor 2^k (k = trailing zero bits of d)
  /// divides t: the shift drops t's low bits unchecked, so an odd multiple of the
  /// odd part with t not divisible by 2^k would pass. Every caller divides exact
  /// multiples (fraction-free elimination, Cramer's rule).
  bool divide(i128 t, std::int64_t& q) const {
    t >>= shift_;  // exact: 2^shift divides t
    const auto low = static_cast<std::int64_t>(static_cast<std::uint64_t>(t) * inverse_);
    if (static_cast<i128>(low) * static_cast<i128>(odd_) != t) return false;
    if (negative_) {
      if (low == INT64_MIN) return false;
      q = -low;
    } else {
      q = low;
    }
    return true;
  }

  /// q = t / d when d is known to divide t (integer pivoting and fraction-free
  /// elimination, where every quotient is a minor), and false when the
  /// quotient might not fit: |t| < 2^limit with limit = 61 + bitlength(|d|)
  /// bounds |q| below 2^62. (One-sided: a quotient between 2^62 and 2^63 may
  /// be refused.) Cheaper than divide: a shift instead of a product.
  bool divide_exact(i128 t, std::int64_t& q) const {
    // bitlength(t ^ smear) + 1 >= bitlength(|t|); need it <= limit.
    if (((t ^ (t >> 127)) >> (limit_ - 1)) != 0) return false;
    const auto low = static_cast<std::int64_t>(static_cast<std::uint64_t>(t >> shift_) * inverse_);
    q = negative_ ? -low : low;
    return true;
  }

 private:
  bool negative_;
  std::uint64_t magnitude_, odd_, inverse_;
  int shift_, limit_;
};

}  // namespace pivot::games
