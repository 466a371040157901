// logit: the principal branch of the logit QRE path, traced and then refined
// into a verified equilibrium; on trees, the agent QRE.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "pivot/games/nash.hpp"

namespace pivot {

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

/// The agent quantal response equilibrium (McKelvey & Palfrey 1998) traced on
/// the tree from the centroid, as gambit-logit does for extensive games, then
/// refined into a Nash equilibrium: supports read off the path, the
/// indifference conditions solved by Newton's method, small-denominator
/// rationals tried first. Needs a game without absent-mindedness.
struct AgentLogitResult {
  std::optional<BehaviourProfile> profile;  // verified, or none
  bool exact = false;
  double lambda = 0;
  std::size_t steps = 0;
};
AgentLogitResult agent_logit(const ExtensiveGame& game, double tolerance = 1e-9);

/// The method `logit` behind solve_game's common signature.
SolveResult solve_logit(const StrategicGame& game, const SolveOptions& options);

}  // namespace pivot
