// Exact rationals to and from text: "3", "-1/3", "0.25", "1.5e-3" (decimals are read exactly).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pivot/games/game.hpp"

namespace pivot::games {

/// Parses an integer, a fraction a/b (b > 0) or a decimal with optional exponent, exactly.
std::optional<Rational> parse_rational(std::string_view text);

/// "p" or "p/q" in lowest terms.
std::string rational_text(const Rational& value);

}  // namespace pivot::games
