// Strategic-form games with exact rational payoffs, the equilibrium solvers
// that take them, and Gambit's .nfg format. Solvers never print; I/O lives in
// src/games/io/, algorithms in src/games/.
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
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

/// One equilibrium of a two-player game by exact Lemke–Howson from the
/// artificial equilibrium, dropping `label` (1-based: rows 1..m, then columns m+1..m+n).
MixedProfile lemke_howson(const StrategicGame& game, std::size_t label);

/// One equilibrium of a two-player game by exact Lemke–Howson, from the label
/// whose path is shortest: all labels are tried with a pivot budget that doubles.
MixedProfile lemke_howson_any(const StrategicGame& game);

/// The distinct equilibria reachable by Lemke–Howson paths for every label,
/// from the artificial equilibrium and then from each equilibrium found;
/// stops after `max_equilibria` (0 = no limit).
std::vector<MixedProfile> lemke_howson_network(const StrategicGame& game, std::size_t max_equilibria = 0);

/// A pair of optimal (minimax) strategies of a two-player constant-sum game and
/// the row player's value.
struct ZeroSumSolution {
  MixedProfile profile;
  Rational value;
};

/// Solves a two-player constant-sum game exactly; throws UsageError when the
/// payoffs do not sum to one constant in every cell.
ZeroSumSolution solve_zero_sum(const StrategicGame& game);

/// One point of the logit quantal response equilibrium path: precision lambda
/// and each player's choice probabilities.
struct LogitPoint {
  double lambda = 0;
  std::vector<std::vector<double>> profile;
};

/// Settings for tracing the logit QRE path.
struct LogitOptions {
  double max_lambda = 1e7;   // stop tracing here at the latest
  double first_step = 0.03;  // initial arc-length step
  bool keep_path = false;    // record every accepted point
  /// Called at every accepted point; tracing stops when it returns true.
  std::function<bool(const LogitPoint&)> stop;
};

/// The traced path (when kept) and its last point.
struct LogitTrace {
  std::vector<LogitPoint> path;
  LogitPoint last;
};

/// Traces the principal branch of the logit QRE correspondence from the
/// centroid (lambda = 0) by predictor–corrector continuation in (lambda, log p)
/// (Turocy 2005), any number of players.
LogitTrace trace_logit(const StrategicGame& game, const LogitOptions& options = {});

/// Turns an approximate equilibrium into a verified one: guesses the supports,
/// solves the indifference conditions (exactly for two players, by Newton
/// otherwise) and returns the profile only when its regret is exactly 0 or, for
/// irrational equilibria, at most `tolerance`; nullopt when nothing verifies.
std::optional<MixedProfile> refine_equilibrium(const StrategicGame& game,
                                               const std::vector<std::vector<double>>& approximate,
                                               double tolerance = 1e-9);

/// Largest regret of a profile given in doubles, computed exactly from its rational values.
Rational max_regret(const StrategicGame& game, const MixedProfile& profile);

/// Equilibria of a game with any number of players by enumerating support
/// profiles and solving each one's indifference conditions by Newton's method;
/// at most one (verified) equilibrium per support profile; not guaranteed complete.
std::vector<MixedProfile> support_enumeration_equilibria(const StrategicGame& game, double tolerance = 1e-9);

/// Parses Gambit .nfg text (payoff or outcome form); `file` names it in errors.
/// Throws InputError with line and column.
StrategicGame parse_nfg(std::string_view text, const std::string& file);

/// Reads a Gambit .nfg file. Throws InputError.
StrategicGame read_nfg_file(const std::filesystem::path& path);

/// Parses a bimatrix game from two CSV tables (row player's, column player's
/// payoffs): header = corner cell + column labels, then label + payoffs per row;
/// both tables with the same labels. Throws InputError with file:line:column.
StrategicGame parse_bimatrix_csv(std::string_view row_text, const std::string& row_file, std::string_view col_text,
                                 const std::string& col_file);

/// Reads the two CSV payoff tables of a bimatrix game. Throws InputError.
StrategicGame read_bimatrix_csv(const std::filesystem::path& row_payoffs, const std::filesystem::path& col_payoffs);

/// Writes the game in Gambit's .nfg payoff form (exact rationals).
std::string write_nfg(const StrategicGame& game);

/// Gambit's `NE,p1,p2,...` line: probabilities in strategy order, exact
/// rationals when digits < 0, else decimals with that many digits.
std::string ne_csv_line(const MixedProfile& profile, int digits = -1);

/// Parses a Gambit NE line or a bare comma-separated list of probabilities
/// (rationals or decimals) into a profile shaped like the game. Throws UsageError.
MixedProfile parse_profile(const StrategicGame& game, std::string_view text);

/// Settings of the methods that take any: `label` for lcp (1-based; 0 = the
/// whole path network), `max_equilibria` for lcp's network (0 = all it reaches),
/// `tolerance` the largest regret accepted for irrational equilibria (logit, enumpoly),
/// `trace` keeps logit's path.
struct SolveOptions {
  std::size_t label = 0;
  std::size_t max_equilibria = 0;
  double tolerance = 1e-9;
  bool trace = false;
};

/// The equilibria a method found, each verified before it is returned: exact
/// regret 0, or (where `exact` is false) regret at most the tolerance.
struct SolveResult {
  std::string method;
  std::vector<MixedProfile> equilibria;
  std::vector<bool> exact;             // [equilibrium] regret exactly 0
  std::vector<std::size_t> component;  // enummixed only; empty otherwise
  std::optional<Rational> value;       // lp: the row player's value
  std::vector<LogitPoint> path;        // logit with options.trace
};

/// The method names solve_game accepts, in the order the CLI lists them.
const std::vector<std::string>& solve_methods();

/// Runs `method` (see solve_methods()) and verifies every profile; throws
/// UsageError for an unknown method or a game the method cannot take,
/// std::logic_error if a profile fails verification.
SolveResult solve_game(const StrategicGame& game, const std::string& method, const SolveOptions& options = {});

/// The result as JSON: game title, players, strategies, and per equilibrium
/// its exact probabilities, payoffs and component.
std::string solve_result_json(const StrategicGame& game, const SolveResult& result);

}  // namespace pivot
