// Strategic-form games with exact rational payoffs: the game, mixed profiles,
// payoffs and regrets, and Gambit's `NE,` lines. The methods that solve them are
// in nash.hpp and solvers/, the file formats in io/.
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pivot {

using Rational = mpq_class;

/// An n-player game in strategic form. Profiles are indexed in Gambit's order:
/// the first player's strategy varies fastest.
struct StrategicGame {
  std::string title;
  std::string comment;
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;  // [player][strategy] labels
  std::vector<std::vector<Rational>> payoffs;        // [profile][player]

  std::size_t num_players() const { return players.size(); }
  std::size_t num_strategies(std::size_t player) const { return strategies[player].size(); }
  /// Number of pure-strategy profiles (product of the strategy counts).
  std::size_t num_profiles() const;
  /// Index of a pure profile (one strategy per player) in `payoffs`.
  std::size_t profile_index(const std::vector<std::size_t>& pure) const;
  /// A player's payoffs as doubles, [profile] (the double view for float solvers).
  std::vector<double> payoffs_as_double(std::size_t player) const;
};

/// One probability vector per player, in the player's strategy order.
using MixedProfile = std::vector<std::vector<Rational>>;

/// Each player's expected payoff under a mixed profile (exact). Throws UsageError
/// when the profile's shape does not match the game.
std::vector<Rational> expected_payoffs(const StrategicGame& game, const MixedProfile& profile);

/// Each player's regret: best pure-reply payoff minus the profile's payoff (exact).
/// Throws UsageError when the profile's shape does not match the game.
std::vector<Rational> regrets(const StrategicGame& game, const MixedProfile& profile);

/// True when the profile is a probability vector per player and every regret is exactly 0.
bool is_nash_equilibrium(const StrategicGame& game, const MixedProfile& profile);

/// Largest regret of a profile given in doubles, computed exactly from its rational values.
Rational max_regret(const StrategicGame& game, const MixedProfile& profile);

/// Gambit's `NE,p1,p2,...` line: probabilities in strategy order, exact
/// rationals when digits < 0, else decimals with that many digits.
std::string ne_csv_line(const MixedProfile& profile, int digits = -1);

/// Parses a Gambit NE line or a bare comma-separated list of probabilities
/// (rationals or decimals) into a profile shaped like the game. Throws UsageError.
MixedProfile parse_profile(const StrategicGame& game, std::string_view text);

}  // namespace pivot
