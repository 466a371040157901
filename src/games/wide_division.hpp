// 128-bit integers with 256-bit products, and exact division of a 256-bit
// integer by a 128-bit one with a 128-bit result: the middle arithmetic tier
// between 64-bit words (exact_division.hpp) and GMP. As there, the division
// multiplies by the inverse of the divisor's odd part modulo 2^128
// (Granlund & Montgomery 1994, section 9; Jebelean 1993) and one product
// checks that the quotient is exact and fits.
#pragma once

#include <gmpxx.h>

#include <bit>
#include <cstdint>

#include "games/exact_division.hpp"

namespace pivot::games {

__extension__ typedef unsigned __int128 u128;

/// A signed 256-bit integer in two's complement: value = hi * 2^128 + lo.
struct I256 {
  u128 lo = 0;
  i128 hi = 0;
};

inline bool operator==(const I256& a, const I256& b) { return a.lo == b.lo && a.hi == b.hi; }

/// Sign of a - b.
inline int compare(const I256& a, const I256& b) {
  if (a.hi != b.hi) return a.hi < b.hi ? -1 : 1;
  return (a.lo > b.lo) - (a.lo < b.lo);
}

inline u128 magnitude(i128 a) { return a < 0 ? u128(0) - static_cast<u128>(a) : static_cast<u128>(a); }

/// a * b exactly: the unsigned product of the two's complement words, less
/// b * 2^128 when a < 0 and a * 2^128 when b < 0 (modulo 2^256).
inline I256 multiply(i128 a, i128 b) {
  const auto x = static_cast<u128>(a), y = static_cast<u128>(b);
  const auto x0 = static_cast<std::uint64_t>(x), x1 = static_cast<std::uint64_t>(x >> 64);
  const auto y0 = static_cast<std::uint64_t>(y), y1 = static_cast<std::uint64_t>(y >> 64);
  const u128 p00 = static_cast<u128>(x0) * y0, p01 = static_cast<u128>(x0) * y1;
  const u128 p10 = static_cast<u128>(x1) * y0, p11 = static_cast<u128>(x1) * y1;
  const u128 mid = (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
  const u128 lo = (mid << 64) | static_cast<std::uint64_t>(p00);
  u128 hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  hi -= (a < 0 ? y : 0) + (b < 0 ? x : 0);
  return {lo, static_cast<i128>(hi)};
}

/// a - b (no overflow for differences of two products of 128-bit integers).
inline I256 subtract(const I256& a, const I256& b) {
  const u128 lo = a.lo - b.lo;
  const u128 hi = static_cast<u128>(a.hi) - static_cast<u128>(b.hi) - (a.lo < b.lo ? 1 : 0);
  return {lo, static_cast<i128>(hi)};
}

inline I256 negate(const I256& a) {
  const u128 lo = ~a.lo + 1;
  return {lo, static_cast<i128>(~static_cast<u128>(a.hi) + (lo == 0 ? 1 : 0))};
}

inline int sign(const I256& a) { return a.hi < 0 ? -1 : (a.hi > 0 || a.lo != 0 ? 1 : 0); }

/// x as a GMP integer.
inline mpz_class to_mpz(i128 x) {
  const u128 m = magnitude(x);
  mpz_class out = static_cast<unsigned long>(m >> 64);
  out <<= 64;
  out += static_cast<unsigned long>(static_cast<std::uint64_t>(m));
  return x < 0 ? mpz_class(-out) : out;
}

class ExactDivisor128 {
 public:
  /// d must be positive.
  explicit ExactDivisor128(i128 d) {
    const u128 m = static_cast<u128>(d);
    const auto low = static_cast<std::uint64_t>(m);
    shift_ = low != 0 ? std::countr_zero(low) : 64 + std::countr_zero(static_cast<std::uint64_t>(m >> 64));
    odd_ = static_cast<i128>(m >> shift_);
    inverse_ = static_cast<u128>(odd_);  // correct to 3 bits; each Newton step doubles that
    for (int step = 0; step < 6; ++step) inverse_ *= 2 - static_cast<u128>(odd_) * inverse_;
    const auto high = static_cast<std::uint64_t>(m >> 64);
    const int bits = high != 0 ? 128 - std::countl_zero(high) : 64 - std::countl_zero(static_cast<std::uint64_t>(m));
    limit_ = 125 + bits;
  }

  /// q = t / d when d divides t and the quotient fits in 127 bits and a sign;
  /// false otherwise (then q is meaningless). Assumes d's factor 2^k divides t, as
  /// ExactDivisor::divide does (the shift drops t's low bits unchecked).
  bool divide(const I256& t, i128& q) const {
    I256 shifted = t;
    if (shift_ != 0) {  // exact when d divides t
      shifted.lo = (t.lo >> shift_) | (static_cast<u128>(t.hi) << (128 - shift_));
      shifted.hi = t.hi >> shift_;
    }
    q = static_cast<i128>(shifted.lo * inverse_);
    return multiply(q, odd_) == shifted;
  }

  /// q = t / d when d is known to divide t (as in integer pivoting, where every
  /// quotient is a subdeterminant), and false when the quotient might not fit:
  /// |t| < 2^limit with limit = 125 + bitlength(d) bounds |q| below 2^126, so
  /// the low 128 bits of t / d are q itself. (The check is one-sided: a
  /// quotient between 2^126 and 2^127 may be refused.)
  bool divide_exact(const I256& t, i128& q) const {
    const i128 smear = t.hi >> 127;  // 0 or -1
    const u128 high = static_cast<u128>(t.hi ^ smear);
    if (limit_ >= 129) {
      // bitlength(t ^ smear) + 1 >= bitlength(|t|); need it <= limit.
      if ((high >> (limit_ - 129)) != 0) return false;
    } else if (high != 0 || ((t.lo ^ static_cast<u128>(smear)) >> (limit_ - 1)) != 0) {
      return false;
    }
    u128 low = t.lo;
    if (shift_ != 0) low = (t.lo >> shift_) | (static_cast<u128>(t.hi) << (128 - shift_));
    q = static_cast<i128>(low * inverse_);
    return true;
  }

 private:
  int shift_, limit_;
  i128 odd_;
  u128 inverse_;
};

}  // namespace pivot::games
