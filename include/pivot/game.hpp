// Strategic-form games with exact rational payoffs, the equilibrium solvers
// that take them, and Gambit's .nfg format. Solvers never print; I/O lives in
// src/games/io/, algorithms in src/games/.
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <filesystem>
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

/// Each player's regret: best pure-reply payoff minus the profile's payoff (exact).
/// Throws UsageError when the profile's shape does not match the game.
std::vector<Rational> regrets(const StrategicGame& game, const MixedProfile& profile);

/// True when the profile is a probability vector per player and every regret is exactly 0.
bool is_nash_equilibrium(const StrategicGame& game, const MixedProfile& profile);

/// All pure-strategy Nash equilibria, any number of players, in profile-index order.
std::vector<MixedProfile> pure_equilibria(const StrategicGame& game);

/// Every extreme Nash equilibrium of a two-player game, with the connected
/// component each belongs to (Avis, Rosenberg, Savani & von Stengel 2010).
struct ExtremeEquilibria {
  std::vector<MixedProfile> equilibria;
  std::vector<std::size_t> component;  // [equilibrium] component id, 0-based
};

/// All extreme equilibria of a two-player game, exact: vertex enumeration of one
/// best-response polytope, each vertex's complementary face solved in the other;
/// correct on degenerate games. Sorted by x, then y. Throws UsageError
/// for games with other than two players.
ExtremeEquilibria mixed_equilibria_2p(const StrategicGame& game);

/// Parses Gambit .nfg text (payoff or outcome form); `file` names it in errors.
/// Throws InputError with line and column.
StrategicGame parse_nfg(std::string_view text, const std::string& file);

/// Reads a Gambit .nfg file. Throws InputError.
StrategicGame read_nfg_file(const std::filesystem::path& path);

/// Writes the game in Gambit's .nfg payoff form (exact rationals).
std::string write_nfg(const StrategicGame& game);

/// Gambit's `NE,p1,p2,...` line: probabilities in strategy order, exact
/// rationals when digits < 0, else decimals with that many digits.
std::string ne_csv_line(const MixedProfile& profile, int digits = -1);

/// Parses a Gambit NE line or a bare comma-separated list of probabilities
/// (rationals or decimals) into a profile shaped like the game. Throws UsageError.
MixedProfile parse_profile(const StrategicGame& game, std::string_view text);

/// The equilibria a method found, each verified (exact regret 0) before it is returned.
struct SolveResult {
  std::string method;
  std::vector<MixedProfile> equilibria;
  std::vector<std::size_t> component;  // enummixed only; empty otherwise
};

/// Runs `method` ("enumpure" or "enummixed") and verifies every profile;
/// throws UsageError for an unknown method, std::logic_error if a profile fails verification.
SolveResult solve_game(const StrategicGame& game, const std::string& method);

/// The result as JSON: game title, players, strategies, and per equilibrium
/// its exact probabilities, payoffs and component.
std::string solve_result_json(const StrategicGame& game, const SolveResult& result);

}  // namespace pivot
