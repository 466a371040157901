// The fixed-width arithmetic tiers of enummixed (exact_division.hpp,
// wide_division.hpp) against GMP as the independent oracle: 256-bit products,
// differences and comparisons, and exact division with its size checks.
#include <gmpxx.h>
#include <gtest/gtest.h>

#include <random>

#include "games/exact_division.hpp"
#include "games/wide_division.hpp"

namespace {

using pivot::games::compare;
using pivot::games::ExactDivisor;
using pivot::games::ExactDivisor128;
using pivot::games::i128;
using pivot::games::I256;
using pivot::games::multiply;
using pivot::games::subtract;
using pivot::games::to_mpz;
using pivot::games::u128;

mpz_class to_mpz(const I256& x) {
  mpz_class out = to_mpz(x.hi);
  out <<= 128;
  mpz_class low = static_cast<unsigned long>(x.lo >> 64);
  low <<= 64;
  low += static_cast<unsigned long>(static_cast<std::uint64_t>(x.lo));
  return out + low;
}

// A random value of about `bits` bits, either sign (bits <= 127).
i128 random_value(std::mt19937_64& rng, int bits) {
  const u128 raw = (static_cast<u128>(rng()) << 64) | rng();
  const u128 magnitude = bits >= 128 ? raw >> 1 : raw >> (128 - bits);
  return (rng() & 1) ? -static_cast<i128>(magnitude) : static_cast<i128>(magnitude);
}

TEST(WideDivision, ProductsDifferencesAndComparisonsMatchGmp) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 20000; ++trial) {
    const i128 a = random_value(rng, 1 + trial % 127), b = random_value(rng, 1 + (trial * 7) % 127);
    const i128 c = random_value(rng, 1 + (trial * 3) % 127), d = random_value(rng, 1 + (trial * 5) % 127);
    const I256 ab = multiply(a, b), cd = multiply(c, d);
    ASSERT_EQ(to_mpz(ab), to_mpz(a) * to_mpz(b));
    ASSERT_EQ(to_mpz(subtract(ab, cd)), to_mpz(a) * to_mpz(b) - to_mpz(c) * to_mpz(d));
    ASSERT_EQ(compare(ab, cd), sgn(mpz_class(to_mpz(a) * to_mpz(b) - to_mpz(c) * to_mpz(d))));
  }
}

// t = q d for known q and d: divide returns q whenever it fits; divide_exact
// (which trusts that d divides t) accepts every quotient below 2^124 and never
// returns a wrong value (it refuses, or the value is right).
TEST(WideDivision, ExactDivisionReturnsTheQuotientOrRefuses) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 20000; ++trial) {
    const i128 d = random_value(rng, 1 + trial % 127);
    const i128 divisor = d > 0 ? d : (d < 0 ? -d : 1);
    const i128 q = random_value(rng, 1 + (trial * 13) % 127);
    const ExactDivisor128 exact(divisor);
    const I256 t = multiply(q, divisor);
    i128 out = 0;
    ASSERT_TRUE(exact.divide(t, out));
    ASSERT_EQ(out, q);
    if (exact.divide_exact(t, out)) {
      ASSERT_EQ(out, q);
    }
    // below 2^124 the size check must accept
    const i128 small_q = q / 8;
    ASSERT_TRUE(exact.divide_exact(multiply(small_q, divisor), out));
    ASSERT_EQ(out, small_q);
  }
  // a quotient of 2^127 or more does not fit: refused
  const ExactDivisor128 three(3);
  const I256 big = multiply(i128(1) << 126, 6);  // 3 * 2^127
  i128 out = 0;
  EXPECT_FALSE(three.divide(big, out));
  EXPECT_FALSE(three.divide_exact(big, out));
}

TEST(WideDivision, SixtyFourBitExactDivision) {
  std::mt19937_64 rng(13);
  for (int trial = 0; trial < 20000; ++trial) {
    auto d = static_cast<std::int64_t>(rng() >> (1 + trial % 63));
    if (d == 0) d = 1;
    if (trial % 2) d = -d;
    const auto q = static_cast<std::int64_t>(rng() >> (4 + trial % 60)) * ((trial / 2) % 2 ? -1 : 1);
    const ExactDivisor exact(d);
    const i128 t = static_cast<i128>(q) * d;
    std::int64_t out = 0;
    ASSERT_TRUE(exact.divide(t, out));
    ASSERT_EQ(out, q);
    ASSERT_TRUE(exact.divide_exact(t, out));  // |q| < 2^60 is always accepted
    ASSERT_EQ(out, q);
  }
  const ExactDivisor five(5);
  std::int64_t out = 0;
  EXPECT_FALSE(five.divide_exact(static_cast<i128>(INT64_MAX) * 5, out));
  EXPECT_FALSE(five.divide(static_cast<i128>(INT64_MAX) * 10, out));
}

}  // namespace
