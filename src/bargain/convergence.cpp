// Convergence diagnostics: rounds to settle, cycles and drifts, from the
// positions a model recorded round by round. Both ktab and bdm can stop at
// their round limit without settling, and a forecast read off a cycle depends
// on the round the limit happened to cut it at: an analyst must know which.
#include "pivot/bargain/convergence.hpp"

#include <algorithm>
#include <cmath>

namespace pivot {
namespace {

// positions[t][actor] on one issue, for rounds 0..rounds.
using Track = std::vector<std::vector<double>>;

Track issue_track(const ForecastResult& result, std::size_t issue, int rounds) {
  Track track;
  for (int t = 0; t <= rounds && t < static_cast<int>(result.rounds.size()); ++t) {
    std::vector<double> at;
    for (const auto& actor : result.rounds[static_cast<std::size_t>(t)].positions) at.push_back(actor[issue]);
    track.push_back(std::move(at));
  }
  return track;
}

double largest_gap(const std::vector<double>& a, const std::vector<double>& b) {
  double gap = 0;
  for (std::size_t i = 0; i < a.size(); ++i) gap = std::max(gap, std::abs(a[i] - b[i]));
  return gap;
}

// The first round from which every later round stays within `tolerance` of the last.
int settle_round(const Track& track, double tolerance) {
  int round = static_cast<int>(track.size()) - 1;
  while (round > 0 && largest_gap(track[static_cast<std::size_t>(round - 1)], track.back()) <= tolerance) --round;
  return round;
}

// The smallest period the last rounds repeat with, 0 when none.
int cycle_period(const Track& track, double tolerance) {
  const int last = static_cast<int>(track.size()) - 1;
  for (int p = 2; p <= kMaxCyclePeriod; ++p) {
    const int window = std::max(3 * p, 6);
    if (last < window) break;
    bool repeats = true;
    for (int t = last - window + p; t <= last && repeats; ++t)
      repeats = largest_gap(track[static_cast<std::size_t>(t)], track[static_cast<std::size_t>(t - p)]) <= tolerance;
    if (repeats) return p;
  }
  return 0;
}

// The actor that swings most over the last `span` rounds, and by how much.
std::pair<int, double> largest_swing(const Track& track, int span) {
  const int last = static_cast<int>(track.size()) - 1;
  std::pair<int, double> best{-1, 0.0};
  for (std::size_t i = 0; i < track.back().size(); ++i) {
    double lo = track.back()[i], hi = lo;
    for (int t = std::max(0, last - span); t <= last; ++t) {
      lo = std::min(lo, track[static_cast<std::size_t>(t)][i]);
      hi = std::max(hi, track[static_cast<std::size_t>(t)][i]);
    }
    if (hi - lo > best.second) best = {static_cast<int>(i), hi - lo};
  }
  return best;
}

IssueConvergence diagnose(const Issue& issue, const Track& track, int rounds) {
  IssueConvergence out;
  out.rounds = rounds;
  const double tolerance = kSettleShareOfRange * std::max(issue.max - issue.min, 1e-12);
  const int settled = settle_round(track, tolerance);
  // Settled: the last round moved nobody (or there was only the input).
  if (settled < rounds || rounds == 0) {
    out.settled_round = settled;
    return out;
  }
  out.period = cycle_period(track, tolerance);
  out.verdict = out.period > 0 ? IssueConvergence::Verdict::oscillates : IssueConvergence::Verdict::still_moving;
  std::tie(out.swinging_actor, out.amplitude) = largest_swing(track, out.period > 0 ? out.period : 3);
  return out;
}

}  // namespace

std::string verdict_name(IssueConvergence::Verdict verdict) {
  switch (verdict) {
    case IssueConvergence::Verdict::settled:
      return "settled";
    case IssueConvergence::Verdict::oscillates:
      return "oscillates";
    case IssueConvergence::Verdict::still_moving:
      return "still moving";
  }
  return "settled";
}

std::vector<IssueConvergence> convergence_diagnostics(const Scenario& scenario, const ForecastResult& result) {
  std::vector<IssueConvergence> out;
  if (result.rounds.size() < 2) return out;
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    const int rounds = k < result.rounds_used.size() ? result.rounds_used[k] : 0;
    out.push_back(diagnose(scenario.issues[k], issue_track(result, k, rounds), rounds));
  }
  return out;
}

}  // namespace pivot
