// Whether a bargaining model's positions settled, and if not, how they moved at
// the end: a cycle (period and amplitude) or a drift. Read from the rounds a
// model records (ForecastResult::rounds), so it works for ktab and bdm alike.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pivot/bargain/forecast.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {

/// How one issue's positions ended.
struct IssueConvergence {
  enum class Verdict { settled, oscillates, still_moving };
  Verdict verdict = Verdict::settled;
  int rounds = 0;                    // rounds the model ran on this issue
  std::optional<int> settled_round;  // from this round on no actor moved by more than the tolerance
  int period = 0;                    // oscillates: the positions repeat every `period` rounds
  double amplitude = 0.0;            // the largest swing of one actor over the last cycle (or the
                                     // last rounds when still moving), native units
  int swinging_actor = -1;           // the actor with that swing (-1 when settled)
};

/// "settled", "oscillates" or "still moving".
std::string verdict_name(IssueConvergence::Verdict verdict);

/// A move smaller than this share of an issue's range counts as standing still.
inline constexpr double kSettleShareOfRange = 0.005;

/// Longest cycle looked for.
inline constexpr int kMaxCyclePeriod = 8;

/// Per issue: how `result`'s positions ended (empty for a model without rounds, the baselines).
/// A cycle of period p (2 <= p <= kMaxCyclePeriod) is found when, over the last max(3p, 6)
/// rounds, every actor stands where it stood p rounds before, within the tolerance, and yet moves.
std::vector<IssueConvergence> convergence_diagnostics(const Scenario& scenario, const ForecastResult& result);

}  // namespace pivot
