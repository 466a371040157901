// The best rational approximation of a double with a bounded denominator, by
// continued fractions (Khinchin 1964): the refinements try such fractions
// before the double's exact value, so that equilibria with small-denominator
// probabilities come out exact.
#pragma once

#include <cmath>

#include "pivot/games/game.hpp"

namespace pivot::games {

// Best rational approximation with denominator at most max_den (continued fractions).
inline Rational nearby_fraction(double x, long max_den) {
  const double sign = x < 0 ? -1.0 : 1.0;
  double rest = std::abs(x);
  mpz_class h0 = 0, h1 = 1, k0 = 1, k1 = 0;
  for (int depth = 0; depth < 40; ++depth) {
    const double whole = std::floor(rest);
    if (whole > 1e15) break;
    const mpz_class a(static_cast<unsigned long>(whole));
    const mpz_class h2 = a * h1 + h0, k2 = a * k1 + k0;
    if (k2 > max_den) break;
    h0 = h1, h1 = h2, k0 = k1, k1 = k2;
    const double frac = rest - whole;
    if (frac < 1e-15) break;
    rest = 1.0 / frac;
  }
  Rational r(h1 * static_cast<long>(sign), k1 == 0 ? mpz_class(1) : k1);
  r.canonicalize();
  return r;
}

}  // namespace pivot::games
