// Newton's method on the indifference conditions of a support profile, the
// shared step of logit refinement and polynomial support enumeration.
#pragma once

#include <optional>
#include <vector>

#include "games/mixed_payoffs.hpp"

namespace pivot::games {

/// Supports as flags per flat strategy.
using SupportFlags = std::vector<bool>;

/// Solves, from `start` (flat, zero off the support), the system "each player's
/// supported pure strategies earn equal payoffs and its probabilities sum to 1"
/// by Newton steps with a least-squares (minimum-norm) solve, so non-isolated
/// solutions are reached too; nullopt unless the residual falls below 1e-13 times the largest payoff.
std::optional<std::vector<double>> solve_support_newton(const DoubleGame& g, const SupportFlags& support,
                                                        std::vector<double> start);

}  // namespace pivot::games
