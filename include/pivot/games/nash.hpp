// Solving a game: every method behind one signature, as Gambit's nash.h has it.
// A strategic method is a function `SolveResult (const StrategicGame&, const
// SolveOptions&)` (solvers/*.hpp, one per method); solve_game picks it by name
// and verifies every profile it returns, so nothing unverified reaches a user.
// Extensive games go through solve_extensive_game, which runs the tree methods
// or a strategic method on the reduced strategic form.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "pivot/games/extensive_game.hpp"
#include "pivot/games/game.hpp"

namespace pivot {

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

/// One point of the logit quantal response equilibrium path: precision lambda
/// and each player's choice probabilities.
struct LogitPoint {
  double lambda = 0;
  std::vector<std::vector<double>> profile;
};

/// The equilibria a method found, each verified before it is returned: exact
/// regret 0, or (where `exact` is false) regret at most the tolerance.
struct SolveResult {
  std::string method;
  std::vector<MixedProfile> equilibria{};
  std::vector<bool> exact{};             // [equilibrium] regret exactly 0
  std::vector<std::size_t> component{};  // enummixed only; empty otherwise
  std::optional<Rational> value{};       // lp: the row player's value
  std::vector<LogitPoint> path{};        // logit with options.trace
};

/// What every strategic method is: the game and the settings in, the profiles it
/// found out (unverified: solve_game checks them).
using StrategicSolver = SolveResult (*)(const StrategicGame& game, const SolveOptions& options);

/// A strategic method by name. `approximate`: it may return irrational equilibria
/// as decimals, accepted with regret at most the tolerance (logit, enumpoly).
struct StrategicMethod {
  const char* name;
  StrategicSolver solve;
  bool approximate;
};

/// Every strategic method, in the order the CLI lists them.
const std::vector<StrategicMethod>& strategic_methods();

/// Their names, in the same order.
const std::vector<std::string>& solve_methods();

/// Runs `method` (see solve_methods()) and verifies every profile; throws
/// UsageError for an unknown method or a game the method cannot take,
/// std::logic_error if a profile fails verification.
SolveResult solve_game(const StrategicGame& game, const std::string& method, const SolveOptions& options = {});

/// The result as JSON: game title, players, strategies, and per equilibrium
/// its exact probabilities, payoffs and component.
std::string solve_result_json(const StrategicGame& game, const SolveResult& result);

/// Equilibria found on the reduced strategic form of a game without perfect
/// recall: mixed profiles, each with its realisation-equivalent behaviour
/// profile where one exists.
struct MixedEquilibria {
  StrategicGame form;
  std::vector<MixedProfile> mixed;
  std::vector<std::optional<BehaviourProfile>> behaviour;  // [equilibrium]
  std::vector<bool> exact;                                 // [equilibrium] regret exactly 0
};

/// The equilibria one method found on an extensive game, each verified before
/// it is returned: exact regret 0, or (logit, enumpoly, where `exact` is
/// false) regret at most the tolerance.
struct ExtensiveSolveResult {
  std::string method;
  std::vector<BehaviourProfile> equilibria;  // games with perfect recall
  std::vector<bool> exact;                   // [equilibrium]
  bool ties = false;                         // backward induction only
  std::optional<MixedEquilibria> mixed;      // games without perfect recall
  double lambda = 0;                         // logit on the tree: the precision where the path was left
};

/// The method `solve_extensive_game` uses when none is given: backward
/// induction for perfect information, else the sequence form ("lcp") with two
/// players and perfect recall, else the reduced strategic form (enummixed with
/// two players, enumpure otherwise).
std::string default_extensive_method(const ExtensiveGame& game);

/// Runs "backward", "lcp", "logit" (agent QRE on the tree with perfect recall,
/// on the reduced strategic form without), "enumpure", "enummixed" or
/// "enumpoly" (on the reduced strategic form; with perfect recall the results
/// as behaviour strategies, duplicates removed) and verifies each profile.
/// Throws UsageError for an unknown method or one that does not apply, naming those that do.
ExtensiveSolveResult solve_extensive_game(const ExtensiveGame& game, const std::string& method,
                                          const SolveOptions& options = {});

/// The result as JSON: title, players, information
/// sets with actions, method, and per equilibrium its probabilities and payoffs.
std::string extensive_result_json(const ExtensiveGame& game, const ExtensiveSolveResult& result);

}  // namespace pivot
