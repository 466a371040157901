// Strategy profiles as text, the way Gambit prints them: "NE," then every
// probability, comma-separated, player by player. Shared by the strategic
// (mixed) and extensive (behaviour) profiles.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pivot/games/game.hpp"

namespace pivot::games {

/// One probability: exact ("1/3") when digits < 0, else with `digits` decimals.
std::string probability_text(const Rational& p, int digits);

/// `text` (optionally after "NE,") cut into groups of the given sizes; throws
/// UsageError naming a bad entry, or the count when it is not the sizes' sum
/// (`what` names the things counted, e.g. "strategies").
std::vector<std::vector<Rational>> parse_profile_groups(std::string_view text, const std::vector<std::size_t>& sizes,
                                                        const std::string& what);

}  // namespace pivot::games
