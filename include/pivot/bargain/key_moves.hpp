// The turning points of a bargaining run: per issue, the moves that shifted the
// issue's centre of weight (positions weighted by capability × salience) most.
// The models' own forecasts are not recomputed round by round (ktab's costs a
// whole turn), so the weighted mean stands in for "the outcome" between rounds.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "pivot/bargain/forecast.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {

/// One actor's move on one issue, and how far it shifted the issue's weighted mean.
struct KeyMove {
  int round = 0;
  int actor = -1;
  int partner = -1;  // whose proposal it took (-1: none)
  double from = 0.0, to = 0.0;
  double shift = 0.0;  // w_actor (to - from) / sum of w, w = capability × salience on the issue
  std::string reason;  // the model's own sentence (Move::reason)
};

/// Per issue, up to `count` moves with the largest |shift|, in round order; moves smaller
/// than 0.5% of the issue's range are left out. Empty lists for a model without rounds.
std::vector<std::vector<KeyMove>> key_moves(const Scenario& scenario, const ForecastResult& result, std::size_t count);

/// The position an actor moved from and to on issue `issue` (ktab moves all issues at once,
/// bdm one); false when `move` does not touch the issue.
bool move_on_issue(const Move& move, std::size_t issue, double& from, double& to);

}  // namespace pivot
