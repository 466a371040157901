// Turning points: the moves that shifted an issue's weighted mean most.
#include "pivot/bargain/key_moves.hpp"

#include <algorithm>
#include <cmath>

namespace pivot {

bool move_on_issue(const Move& move, std::size_t issue, double& from, double& to) {
  if (move.issue < 0 && issue < move.from.size() && issue < move.to.size()) {
    from = move.from[issue], to = move.to[issue];
    return true;
  }
  if (move.issue == static_cast<int>(issue) && !move.from.empty() && !move.to.empty()) {
    from = move.from.front(), to = move.to.front();
    return true;
  }
  return false;
}

std::vector<std::vector<KeyMove>> key_moves(const Scenario& scenario, const ForecastResult& result, std::size_t count) {
  std::vector<std::vector<KeyMove>> out(scenario.issues.size());
  if (result.rounds.size() < 2) return out;
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    const Issue& issue = scenario.issues[k];
    double total_weight = 0;
    for (const Actor& a : scenario.actors) total_weight += a.capability * a.salience[k];
    const double smallest = 0.005 * (issue.max - issue.min);
    std::vector<KeyMove>& moves = out[k];
    for (const Round& round : result.rounds)
      for (const Move& move : round.moves) {
        double from = 0, to = 0;
        if (!move_on_issue(move, k, from, to) || std::abs(to - from) < smallest) continue;
        const Actor& a = scenario.actors[static_cast<std::size_t>(move.actor)];
        const double shift = total_weight > 0 ? a.capability * a.salience[k] * (to - from) / total_weight : 0.0;
        moves.push_back({round.index, move.actor, move.partner, from, to, shift, move.reason});
      }
    std::stable_sort(moves.begin(), moves.end(),
                     [](const KeyMove& a, const KeyMove& b) { return std::abs(a.shift) > std::abs(b.shift); });
    if (moves.size() > count) moves.resize(count);
    std::stable_sort(moves.begin(), moves.end(), [](const KeyMove& a, const KeyMove& b) { return a.round < b.round; });
  }
  return out;
}

}  // namespace pivot
