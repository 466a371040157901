// KTAB's Spatial Model of Politics (SMP), as run by KTAB's `smpc` with its
// default parameters: Proportional voting, Linear victory probability,
// Conditional PCE, Mid risk range, One-third risk adjustment, semi-committed
// third parties, S2P2 bargains with initiator-only interpolation.
// docs/models/ktab.md gives every formula with its source. Arithmetic follows
// smpc's order of operations, so a deterministic run reproduces smpc's
// positions except in knife-edge cases: bargains are rounded to 4 decimals,
// so a last-bit difference next to a .5 boundary can show.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <Random123/philox.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "bargain/ktab_kernels.hpp"
#include "bargain/models.hpp"
#include "pivot/core/error.hpp"

namespace pivot::bargain {
namespace {

using ktab::risk_utility;

constexpr double kMinChallengeCoalition = 1e-10;  // smpc probEduChlg: an empty coalition
constexpr double kMinCoalition = 1e-8;            // smpc Model::coalitions
constexpr double kMinBargainWeight = 1e-6;        // smpc interpBrgnSnPm
constexpr double kMinSignificantGain = 1e-5;      // smpc bestChallenge
constexpr double kMinSignificantDelta = 1e-4;     // smpc stop rule guard against 0/0
constexpr int kExactSumLimit = 250;               // smpc's actor cap; above it, sums are incremental

struct KtabSettings {
  int max_turns = 100;
  int min_turns = 2;
  double min_delta_ratio = 0.02;
  bool stochastic = false;
  bool given_risk = false;
  std::uint64_t seed = 0;
};

// The scenario on the model's 0..1 scales, row-major [actor][dim].
struct SmpProblem {
  int actors = 0;
  int dims = 0;
  std::vector<double> salience;        // s_ik
  std::vector<double> total_salience;  // S_i
  std::vector<double> capability;      // c_i
  std::vector<double> given_risk;      // actor's risk attitude where set, else NaN
};

using Positions = std::vector<double>;  // [actor * dims + k]

struct Bargain {
  int initiator = -1;  // == receiver for a status quo
  int receiver = -1;
  std::vector<double> initiator_position;
  std::vector<double> receiver_position;
};

struct ChallengeChoice {
  int target = -1;
  double win_probability = 0.0;
  double gain = -1.0;
};

// smpc estNRA, OneThirdRA: h's estimate of i's risk attitude.
inline double estimated_risk(double r_h, double r_i) { return ((2.0 * r_h) + r_i) / 3.0; }

// smpc round4: half up to 4 decimals through an int cast.
inline double round4(double x) { return static_cast<double>(static_cast<int>(0.5 + x * 10000.0)) / 10000.0; }

// smpc bvDiff: actor i's salience-weighted RMS distance from `ideal` to `point`.
double weighted_distance(const SmpProblem& p, int i, const double* ideal, const double* point) {
  double ds_sqr = 0.0, s_sqr = 0.0;
  for (int k = 0; k < p.dims; ++k) {
    const double s = p.salience[i * p.dims + k];
    const double ds = (ideal[k] - point[k]) * s;
    ds_sqr = ds_sqr + (ds * ds);
    s_sqr = s_sqr + (s * s);
  }
  return s_sqr > 0.0 ? std::sqrt(ds_sqr / s_sqr) : 0.0;
}

// Coalition strengths for every ordered pair of options (smpc Model::coalitions,
// Proportional votes). utility[option * voters + voter]; result[a * options + b]
// is the strength of the coalition for a against b.
std::vector<double> coalition_strengths(int voters, int options, const std::vector<double>& weight,
                                        const std::vector<double>& utility) {
  std::vector<double> c(static_cast<std::size_t>(options) * options, kMinCoalition);
  for (int a = 0; a < options; ++a) {
    const double* ua = &utility[static_cast<std::size_t>(a) * voters];
    for (int b = 0; b < a; ++b) {
      const double* ub = &utility[static_cast<std::size_t>(b) * voters];
      double c_ab = kMinCoalition, c_ba = kMinCoalition;
      for (int k = 0; k < voters; ++k) {
        const double v = weight[k] * (ua[k] - ub[k]);
        if (v > 0) c_ab = c_ab + v;
        if (v < 0) c_ba = c_ba - v;
      }
      c[static_cast<std::size_t>(a) * options + b] = c_ab;
      c[static_cast<std::size_t>(b) * options + a] = c_ba;
    }
  }
  return c;
}

// Linear victory probabilities (0.5 on the diagonal) and the conditional PCE:
// p_a proportional to the product over b of P(a beats b) (smpc vProb + condPCE).
std::vector<double> condorcet_probabilities(int options, const std::vector<double>& c) {
  auto pairwise = [&](int a, int b) {
    if (a == b) return 0.5;
    const double c_ab = c[static_cast<std::size_t>(a) * options + b];
    const double c_ba = c[static_cast<std::size_t>(b) * options + a];
    return c_ab / (c_ab + c_ba);
  };
  std::vector<double> p(options);
  bool underflow = false;
  for (int a = 0; a < options; ++a) {
    double pa = 1.0;
    for (int b = 0; b < options; ++b) pa = pa * pairwise(a, b);
    p[a] = pa;
    underflow = underflow || pa < 1e-280;
  }
  if (underflow) {
    // smpc caps scenarios at 250 actors, where the products stay representable;
    // beyond, the same quantity in log space.
    double best = -INFINITY;
    for (int a = 0; a < options; ++a) {
      double s = 0.0;
      for (int b = 0; b < options; ++b) s += std::log(pairwise(a, b));
      p[a] = s;
      best = std::max(best, s);
    }
    for (double& v : p) v = std::exp(v - best);
  }
  double total = 0.0;
  for (double v : p) total = total + v;
  for (double& v : p) v = v / total;
  return p;
}

// One state of the model: positions, distances, risk attitudes.
class SmpState {
 public:
  SmpState(const SmpProblem& problem, Positions positions, const KtabSettings& settings)
      : p_(problem), x_(std::move(positions)) {
    const int n = p_.actors;
    dist_.resize(static_cast<std::size_t>(n) * n);
    dist_t_.resize(dist_.size());
    tbb::parallel_for(0, n, [&](int i) {
      for (int j = 0; j < n; ++j) {
        double d = weighted_distance(p_, i, &x_[i * p_.dims], &x_[j * p_.dims]);
        dist_[static_cast<std::size_t>(i) * n + j] = d;
      }
    });
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        dist_t_[static_cast<std::size_t>(j) * n + i] = dist_[static_cast<std::size_t>(i) * n + j];
    risk_ = settings.given_risk ? given_or_inferred_risk() : inferred_risk();
  }

  const Positions& positions() const { return x_; }
  const std::vector<double>& risk() const { return risk_; }
  double distance(int i, int j) const { return dist_[static_cast<std::size_t>(i) * p_.actors + j]; }

  // Utility to a of b's position, as estimated by h (smpc aUtil[h](a, b)).
  double utility(int h, int a, int b) const { return risk_utility(distance(a, b), estimated_risk(risk_[h], risk_[a])); }

  // Actor i's most advantageous challenge, from its own perspective (smpc bestChallenge).
  ChallengeChoice best_challenge(int i) const {
    const int n = p_.actors;
    std::vector<double> r(n), u_i(n), w(n);
    for (int m = 0; m < n; ++m) {
      r[m] = estimated_risk(risk_[i], risk_[m]);
      u_i[m] = risk_utility(dist_t_[static_cast<std::size_t>(i) * n + m], r[m]);  // U(m, i)
      w[m] = p_.total_salience[m] * p_.capability[m];
    }
    // With U(i,i) = 1 the gain is (1 - U(i,j)) (1 - 2 S_j (1 - P)) <= 1 - U(i,j): visit
    // targets by that bound and stop once no target left can beat the best. The
    // choice is smpc's (largest gain, lowest index on ties); the margin covers rounding.
    std::vector<std::pair<double, int>> by_bound;
    by_bound.reserve(n);
    for (int j = 0; j < n; ++j)
      if (j != i) by_bound.emplace_back(1.0 - risk_utility(distance(i, j), r[i]), j);
    std::sort(by_bound.begin(), by_bound.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    std::vector<double> w_third = w;  // third parties' weights: the principals' zeroed
    w_third[i] = 0.0;
    ChallengeChoice best;
    for (const auto& [bound, j] : by_bound) {
      if (bound < std::max(best.gain, kMinSignificantGain) - 1e-12) break;
      const double* d_j = &dist_t_[static_cast<std::size_t>(j) * n];  // d(m, j) for every m
      w_third[j] = 0.0;
      auto [p_win, gain] = challenge_value(i, j, r, u_i, d_j, w, w_third);
      w_third[j] = w[j];
      if (kMinSignificantGain < gain && (best.gain < gain || (best.gain == gain && j < best.target)))
        best = {j, p_win, gain};
    }
    if (best.gain <= kMinSignificantGain) best = {};
    return best;
  }

  // Voter m's mean utility over all positions after `b` (smpc brgnUtil).
  double bargain_utility(const Bargain& b, int m, const std::vector<double>& row_sum) const {
    const int n = p_.actors;
    const double r = estimated_risk(risk_[m], risk_[m]);
    const double* dm = &dist_[static_cast<std::size_t>(m) * n];
    if (b.initiator == b.receiver) {
      if (n > kExactSumLimit) return row_sum[m] / n;
      double sum = 0.0;
      for (int q = 0; q < n; ++q) sum = sum + risk_utility(dm[q], r);
      return sum / n;
    }
    const double* ideal = &x_[m * p_.dims];
    double sum = 0.0;
    sum = sum + risk_utility(weighted_distance(p_, m, ideal, b.initiator_position.data()), risk_[m]);
    sum = sum + risk_utility(weighted_distance(p_, m, ideal, b.receiver_position.data()), risk_[m]);
    if (n > kExactSumLimit) {
      return (sum + row_sum[m] - risk_utility(dm[b.initiator], r) - risk_utility(dm[b.receiver], r)) / n;
    }
    for (int q = 0; q < n; ++q)
      if (q != b.initiator && q != b.receiver) sum = sum + risk_utility(dm[q], r);
    return sum / n;
  }

  // Sum over all positions of each voter's own utility; used above smpc's actor cap.
  std::vector<double> own_utility_row_sums() const {
    const int n = p_.actors;
    std::vector<double> sums(n, 0.0);
    if (n <= kExactSumLimit) return sums;
    tbb::parallel_for(0, n, [&](int m) {
      const double r = estimated_risk(risk_[m], risk_[m]);
      double s = 0.0;
      for (int q = 0; q < n; ++q) s += risk_utility(dist_[static_cast<std::size_t>(m) * n + q], r);
      sums[m] = s;
    });
    return sums;
  }

 private:
  // Risk attitudes from how likely each actor's position is to prevail (smpc setAllAUtil, Mid range).
  std::vector<double> inferred_risk() const {
    const int n = p_.actors;
    std::vector<double> utility(static_cast<std::size_t>(n) * n);  // [option a][voter k] = 1 - d(k, a)
    for (int a = 0; a < n; ++a)
      for (int k = 0; k < n; ++k) utility[static_cast<std::size_t>(a) * n + k] = risk_utility(distance(k, a), 0.0);
    std::vector<double> c(static_cast<std::size_t>(n) * n, kMinCoalition);
    tbb::parallel_for(0, n, [&](int a) {
      const double* ua = &utility[static_cast<std::size_t>(a) * n];
      for (int b = 0; b < a; ++b) {
        const double* ub = &utility[static_cast<std::size_t>(b) * n];
        double c_ab = kMinCoalition, c_ba = kMinCoalition;
        if (n <= kExactSumLimit) {
          for (int k = 0; k < n; ++k) {
            const double v = p_.capability[k] * (ua[k] - ub[k]);
            if (v > 0) c_ab = c_ab + v;
            if (v < 0) c_ba = c_ba - v;
          }
        } else {
          ktab::vote_lane_sums(n, p_.capability.data(), ua, ub, c_ab, c_ba);
        }
        c[static_cast<std::size_t>(a) * n + b] = c_ab;
        c[static_cast<std::size_t>(b) * n + a] = c_ba;
      }
    });
    std::vector<double> prob = condorcet_probabilities(n, c);
    double p_min = 1.0, p_max = 0.0;
    for (double v : prob) {
      p_min = std::min(p_min, v);
      p_max = std::max(p_max, v);
    }
    std::vector<double> r(n, 0.0);
    if (p_max > p_min)
      for (int a = 0; a < n; ++a) r[a] = (3 * prob[a] - (p_max + 2 * p_min)) / (2 * (p_max - p_min));
    return r;
  }

  std::vector<double> given_or_inferred_risk() const {
    std::vector<double> r = inferred_risk();
    for (int a = 0; a < p_.actors; ++a)
      if (!std::isnan(p_.given_risk[a])) r[a] = p_.given_risk[a];
    return r;
  }

  // i's estimate of P(i beats j) and of its gain from challenging j (smpc probEduChlg(i, i, i, j)).
  std::pair<double, double> challenge_value(int i, int j, const std::vector<double>& r, const std::vector<double>& u_i,
                                            const double* d_j, const std::vector<double>& w,
                                            const std::vector<double>& w_third) const {
    // U(m, j) as h = i estimates it is risk_utility(d_j[m], r[m]).
    const double uii = u_i[i], uij = risk_utility(d_j[i], r[i]), uji = u_i[j], ujj = risk_utility(d_j[j], r[j]);
    const double eu_status_quo = uii + uij;
    const double eu_victory = uii + uii;
    const double eu_defeat = uij + uij;
    const double s_j = p_.total_salience[j];

    const double contrib_i = w[i] * (uii - uij);
    const double contrib_j = w[j] * (uji - ujj);
    double c_ij = kMinChallengeCoalition, c_ji = kMinChallengeCoalition;
    if (contrib_i > 0.0) c_ij = c_ij + contrib_i;
    if (contrib_i < 0.0) c_ji = c_ji - contrib_i;
    if (contrib_j > 0.0) c_ij = c_ij + contrib_j;
    if (contrib_j < 0.0) c_ji = c_ji - contrib_j;
    const double principal_i = c_ij, principal_j = c_ji;

    const int n = p_.actors;
    // Third party m's vote, given the principals' coalitions (smpc vProbLittle + thirdPartyVoteSU, SemiCommit).
    auto third_party_vote = [&](int m) {
      const double umi = u_i[m], umj = risk_utility(d_j[m], r[m]), umm = risk_utility(0.0, r[m]);
      const double v = w[m] * (umi - umj);
      const double cmi = v > 0 ? principal_i + v : principal_i;
      const double cmj = v < 0 ? principal_j - v : principal_j;
      const double p_i = cmi / (cmi + cmj);  // m's chance of being on the winning side with i
      const double p_j = 1.0 - p_i;
      const double join_i_wins = umi + umi + umm, join_i_loses = umj + umj + umj;
      const double join_j_wins = umi + umi + umi, join_j_loses = umj + umj + umm;
      const double eu_join_i = (p_i * join_i_wins) + (p_j * join_i_loses);
      const double eu_join_j = (p_i * join_j_wins) + (p_j * join_j_loses);
      return w[m] * (eu_join_i - eu_join_j);
    };
    if (n <= kExactSumLimit) {
      // smpc's order of summation, for bit-for-bit agreement.
      for (int m = 0; m < n; ++m) {
        if (m == i || m == j) continue;
        const double vote = third_party_vote(m);
        if (vote > 0) c_ij = c_ij + vote;
        if (vote < 0) c_ji = c_ji - vote;
      }
    } else {
      ktab::third_party_lane_sums(n, u_i.data(), d_j, r.data(), w_third.data(), principal_i, principal_j, c_ij, c_ji);
    }
    const double p_ij = c_ij / (c_ij + c_ji);
    const double p_ji = c_ji / (c_ij + c_ji);
    const double eu_contest = p_ij * eu_victory + p_ji * eu_defeat;
    const double eu_challenge = (1 - s_j) * eu_victory + s_j * eu_contest;
    return {p_ij, eu_challenge - eu_status_quo};
  }

  const SmpProblem& p_;
  Positions x_;
  std::vector<double> dist_;    // [i][j]: i's distance to j's position
  std::vector<double> dist_t_;  // [j][i]
  std::vector<double> risk_;
};

// smpc interpBrgnSnPm(2, 2): the bargain i offers j when i expects to win with probability p.
Bargain interpolate_bargain(const SmpProblem& p, const Positions& x, int i, int j, double p_i) {
  Bargain b{i, j, std::vector<double>(p.dims), std::vector<double>(p.dims)};
  const double p_j = 1 - p_i;
  for (int k = 0; k < p.dims; ++k) {
    const double t_i = x[i * p.dims + k], t_j = x[j * p.dims + k];
    const double s_i = p.salience[i * p.dims + k], s_j = p.salience[j * p.dims + k];
    const double w_i = std::pow(s_i, 2) * std::pow(p_i, 2);
    const double w_j = std::pow(s_j, 2) * std::pow(p_j, 2);
    b.initiator_position[k] = round4(((w_i + kMinBargainWeight) * t_i + w_j * t_j) / (w_i + kMinBargainWeight + w_j));
    b.receiver_position[k] = round4((w_i * t_i + (kMinBargainWeight + w_j) * t_j) / (w_i + kMinBargainWeight + w_j));
  }
  return b;
}

double state_distance(const Positions& a, const Positions& b, int dims) {
  double total = 0.0;
  for (std::size_t i = 0; i < a.size() / dims; ++i) {
    double sq = 0.0;
    for (int k = 0; k < dims; ++k) {
      const double d = a[i * dims + k] - b[i * dims + k];
      sq = sq + d * d;
    }
    total = total + std::sqrt(sq);
  }
  return total;
}

// A uniform draw in [0, 1) keyed by (seed, turn, actor): the same whatever the thread count.
double keyed_uniform(std::uint64_t seed, int turn, int actor) {
  r123::Philox4x32 rng;
  r123::Philox4x32::ctr_type ctr = {
      {static_cast<std::uint32_t>(turn), static_cast<std::uint32_t>(actor), 0x6b746162u, 0}};
  r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  auto out = rng(ctr, key);
  const std::uint64_t bits = (static_cast<std::uint64_t>(out[0]) << 21) ^ out[1];
  return static_cast<double>(bits & ((1ULL << 53) - 1)) / static_cast<double>(1ULL << 53);
}

std::vector<double> to_native(const Scenario& s, const double* unit) {
  std::vector<double> out(s.issues.size());
  for (std::size_t k = 0; k < s.issues.size(); ++k) out[k] = s.issues[k].from_unit(unit[k]);
  return out;
}

Round make_round(const Scenario& s, int index, const Positions& x) {
  Round round;
  round.index = index;
  const int dims = static_cast<int>(s.issues.size());
  for (std::size_t a = 0; a < s.actors.size(); ++a) round.positions.push_back(to_native(s, &x[a * dims]));
  return round;
}

SmpProblem make_problem(const Scenario& s) {
  SmpProblem p;
  p.actors = static_cast<int>(s.actors.size());
  p.dims = static_cast<int>(s.issues.size());
  for (const Actor& a : s.actors) {
    double total = 0.0;
    for (double v : a.salience) total += v;
    // smpc requires an actor's saliences to sum to at most 100; larger sums are scaled down to 100.
    const double scale = total > 100.0 ? 100.0 / total : 1.0;
    for (double v : a.salience) p.salience.push_back(v * scale / 100.0);
    double s_i = 0.0;
    for (int k = 0; k < p.dims; ++k) s_i = s_i + p.salience[p.salience.size() - p.dims + k];
    p.total_salience.push_back(s_i);
    p.capability.push_back(a.capability);
    p.given_risk.push_back(a.risk ? *a.risk : NAN);
  }
  return p;
}

KtabSettings read_settings(const ForecastOptions& options) {
  // ktab_option_names() lists exactly the keys read here.
  KtabSettings s;
  s.max_turns = static_cast<int>(setting_number(options, "ktab", "max_turns", 100));
  if (s.max_turns < 1) throw UsageError("ktab: max_turns must be at least 1");
  s.min_delta_ratio = setting_number(options, "ktab", "min_delta_ratio", 0.02);
  s.stochastic =
      setting_choice(options, "ktab", "transition", {"deterministic", "stochastic"}, "deterministic") == "stochastic";
  s.given_risk = setting_choice(options, "ktab", "risk", {"inferred", "given"}, "inferred") == "given";
  s.seed = options.seed;
  return s;
}

// The final-state position most likely to prevail: the PCE over actors'
// positions, with positions within 1e-3 of each other pooled (as smpc reports).
std::vector<double> most_likely_outcome(const SmpProblem& p, const SmpState& state) {
  const int n = p.actors;
  std::vector<double> utility(static_cast<std::size_t>(n) * n);
  for (int a = 0; a < n; ++a)
    for (int k = 0; k < n; ++k) utility[static_cast<std::size_t>(a) * n + k] = state.utility(k, k, a);
  auto prob = condorcet_probabilities(n, coalition_strengths(n, n, p.capability, utility));
  const Positions& x = state.positions();
  std::vector<double> pooled(n, 0.0);
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b) {
      double d = 0.0;
      for (int k = 0; k < p.dims; ++k) d += std::pow(x[a * p.dims + k] - x[b * p.dims + k], 2);
      if (std::sqrt(d) < 1e-3) pooled[a] += prob[b];
    }
  int best = static_cast<int>(std::max_element(pooled.begin(), pooled.end()) - pooled.begin());
  return std::vector<double>(x.begin() + best * p.dims, x.begin() + (best + 1) * p.dims);
}

// ---------------------------------------------------------------------------
// One turn, in the steps of docs/models/ktab.md ("One turn"); steps 1-3
// (distances, utilities, risk attitudes) are SmpState's constructor.

// The options as the manifest records them: the four settable ones, then
// smpc's fixed defaults that this model implements.
std::vector<std::pair<std::string, std::string>> applied_options(const KtabSettings& settings) {
  return {{"max_turns", std::to_string(settings.max_turns)},
          {"min_delta_ratio", fmt::format("{}", settings.min_delta_ratio)},
          {"transition", settings.stochastic ? "stochastic" : "deterministic"},
          {"risk", settings.given_risk ? "given" : "inferred"},
          {"voting_rule", "proportional"},
          {"victory_probability", "linear"},
          {"pce", "conditional"},
          {"big_r_range", "mid"},
          {"big_r_adjust", "one-third"},
          {"third_party_commit", "semi"},
          {"bargain_interpolation", "S2P2"},
          {"bargain_model", "initiator-only"}};
}

Positions initial_positions(const Scenario& scenario) {
  Positions x0;
  for (const Actor& a : scenario.actors)
    for (std::size_t k = 0; k < scenario.issues.size(); ++k) x0.push_back(scenario.issues[k].to_unit(a.position[k]));
  return x0;
}

// Step 4: every actor's best challenge, each from its own perspective.
std::vector<ChallengeChoice> choose_challenges(const SmpState& state, int n) {
  std::vector<ChallengeChoice> choice(n);
  tbb::parallel_for(0, n, [&](int i) { choice[i] = state.best_challenge(i); });
  return choice;
}

// Step 5 and the options of step 6: every bargain, and each actor's list of
// options (indices into `bargains`): its status quo, then every bargain it
// initiated or received, by initiator.
struct TurnOptions {
  std::vector<Bargain> bargains;
  std::vector<std::vector<int>> held;
};

TurnOptions propose_bargains(const SmpProblem& problem, const Positions& x,
                             const std::vector<ChallengeChoice>& choice) {
  const int n = problem.actors;
  TurnOptions t;
  std::vector<Bargain>& bargains = t.bargains;
  std::vector<std::vector<int>>& held = t.held;
  held.resize(n);
  for (int i = 0; i < n; ++i) {
    bargains.push_back({i, i, {}, {}});
    held[i].push_back(static_cast<int>(bargains.size()) - 1);
  }
  for (int i = 0; i < n; ++i) {
    if (choice[i].target < 0) continue;
    bargains.push_back(interpolate_bargain(problem, x, i, choice[i].target, choice[i].win_probability));
    held[i].push_back(static_cast<int>(bargains.size()) - 1);
    held[choice[i].target].push_back(static_cast<int>(bargains.size()) - 1);
  }
  for (auto& list : held)
    std::sort(list.begin() + 1, list.end(),
              [&](int a, int b) { return bargains[a].initiator < bargains[b].initiator; });
  return t;
}

// Step 6, values: every voter's valuation of every bargain, computed once
// though several actors' lists hold the same bargain. value[bargain][voter].
std::vector<std::vector<double>> value_bargains(const SmpState& state, const std::vector<Bargain>& bargains, int n) {
  const std::vector<double> row_sum = state.own_utility_row_sums();
  std::vector<std::vector<double>> value(bargains.size());
  tbb::parallel_for(0, static_cast<int>(bargains.size()), [&](int b) {
    value[b].resize(n);
    for (int m = 0; m < n; ++m) value[b][m] = state.bargain_utility(bargains[b], m, row_sum);
  });
  return value;
}

// Step 6, choice: each actor's vote over its options and the bargain it takes
// (the likeliest, or a keyed draw); `next` gets the positions after the turn.
struct TurnChoice {
  Positions next;
  std::vector<Vote> votes;
  std::vector<int> chosen;  // index into the turn's bargains
};

TurnChoice choose_bargains(const SmpProblem& problem, const KtabSettings& settings, int turn, const Positions& x,
                           const TurnOptions& options, const std::vector<std::vector<double>>& value) {
  const int n = problem.actors, dims = problem.dims;
  const std::vector<Bargain>& bargains = options.bargains;
  TurnChoice t{x, std::vector<Vote>(n), std::vector<int>(n)};
  tbb::parallel_for(0, n, [&](int k) {
    const auto& list = options.held[k];
    const int options_k = static_cast<int>(list.size());
    std::vector<double> utility;
    utility.reserve(static_cast<std::size_t>(options_k) * n);
    for (int b : list) utility.insert(utility.end(), value[b].begin(), value[b].end());
    auto prob = condorcet_probabilities(options_k, coalition_strengths(n, options_k, problem.capability, utility));
    int pick = 0;
    if (settings.stochastic) {
      double u = keyed_uniform(settings.seed, turn, k), acc = 0.0;
      pick = options_k - 1;
      for (int m = 0; m < options_k; ++m) {
        acc += prob[m];
        if (u < acc) {
          pick = m;
          break;
        }
      }
    } else {
      double best = -1.0;
      for (int m = 0; m < options_k; ++m)
        if (best < std::fabs(prob[m])) best = std::fabs(prob[m]), pick = m;
    }
    t.chosen[k] = list[pick];
    const Bargain& b = bargains[list[pick]];
    if (b.initiator != b.receiver) {
      const auto& to = b.initiator == k ? b.initiator_position : b.receiver_position;
      std::copy(to.begin(), to.end(), t.next.begin() + k * dims);
    }
    Vote& vote = t.votes[k];
    vote.actor = k;
    vote.chosen = pick;
    vote.probabilities = prob;
    for (int idx : list) {
      vote.initiators.push_back(bargains[idx].initiator == bargains[idx].receiver ? -1 : bargains[idx].initiator);
      vote.receivers.push_back(bargains[idx].initiator == bargains[idx].receiver ? -1 : bargains[idx].receiver);
    }
  });
  return t;
}

// The turn for people: challenges, votes and moves, each move with its reason.
Round record_turn(const Scenario& scenario, int turn, const Positions& x, const std::vector<ChallengeChoice>& choice,
                  const std::vector<Bargain>& bargains, TurnChoice&& taken) {
  const int n = static_cast<int>(scenario.actors.size()), dims = static_cast<int>(scenario.issues.size());
  const Positions& next = taken.next;
  const std::vector<Vote>& votes = taken.votes;
  Round record = make_round(scenario, turn, next);
  for (int i = 0; i < n; ++i) {
    Challenge c;
    c.challenger = i;
    c.target = choice[i].target;
    c.kind = c.target < 0 ? "none" : "bargain";
    if (c.target >= 0) {
      c.expected_gain = choice[i].gain;
      c.win_probability = choice[i].win_probability;
      const Bargain* b = nullptr;
      for (const auto& cand : bargains)
        if (cand.initiator == i && cand.receiver == c.target) b = &cand;
      c.challenger_offer = to_native(scenario, b->initiator_position.data());
      c.target_offer = to_native(scenario, b->receiver_position.data());
    }
    record.challenges.push_back(std::move(c));
  }
  for (int k = 0; k < n; ++k) {
    const Bargain& b = bargains[taken.chosen[k]];
    Move move;
    move.actor = k;
    move.from = to_native(scenario, &x[k * dims]);
    move.to = to_native(scenario, &next[k * dims]);
    const double p_chosen = votes[k].probabilities[votes[k].chosen];
    if (b.initiator == b.receiver) {
      move.reason = fmt::format("kept its position: the status quo was the likeliest of its {} options (p={:.3f})",
                                votes[k].probabilities.size(), p_chosen);
    } else {
      move.partner = b.initiator == k ? b.receiver : b.initiator;
      const std::string& partner = scenario.actors[move.partner].name;
      const ChallengeChoice& c = choice[b.initiator];
      move.reason = b.initiator == k
                        ? fmt::format(
                              "challenged {} (expected gain {:.3f}, P(win) {:.2f}) and took its side of the "
                              "bargain, the likeliest of its {} options (p={:.3f})",
                              partner, c.gain, c.win_probability, votes[k].probabilities.size(), p_chosen)
                        : fmt::format(
                              "accepted the bargain {} offered (its P(win) {:.2f}), the likeliest of its {} "
                              "options (p={:.3f})",
                              partner, c.win_probability, votes[k].probabilities.size(), p_chosen);
    }
    record.moves.push_back(std::move(move));
  }
  record.votes = std::move(taken.votes);
  return record;
}

// Step 7's quiet test: the last turn's moves against the first turn's (plus a
// guard against 0/0). history[t] holds the positions after turn t.
bool quiet_after(const std::vector<Positions>& history, int turn, int dims, const KtabSettings& settings) {
  const double d01 = state_distance(history[0], history[1], dims) + kMinSignificantDelta;
  const double dxy = state_distance(history[turn - 1], history[turn], dims);
  return dxy / d01 < settings.min_delta_ratio;
}

ForecastResult run_ktab_here(const Scenario& scenario, const ForecastOptions& options) {
  const KtabSettings settings = read_settings(options);
  const SmpProblem problem = make_problem(scenario);
  if (problem.actors < 2) throw UsageError("ktab: needs at least 2 actors");

  ForecastResult result;
  result.model = "ktab";
  result.options = applied_options(settings);

  const int n = problem.actors, dims = problem.dims;
  const Positions x0 = initial_positions(scenario);
  std::vector<Positions> history = {x0};
  result.rounds.push_back(make_round(scenario, 0, x0));
  auto state = std::make_unique<SmpState>(problem, x0, settings);
  bool quiet = false;
  int turn = 0;
  while (true) {
    ++turn;
    const Positions& x = state->positions();
    const std::vector<ChallengeChoice> choice = choose_challenges(*state, n);
    const TurnOptions turn_options = propose_bargains(problem, x, choice);
    const std::vector<std::vector<double>> value = value_bargains(*state, turn_options.bargains, n);
    TurnChoice taken = choose_bargains(problem, settings, turn, x, turn_options, value);
    history.push_back(taken.next);
    result.rounds.push_back(record_turn(scenario, turn, x, choice, turn_options.bargains, std::move(taken)));

    state = std::make_unique<SmpState>(problem, history.back(), settings);
    quiet = quiet_after(history, turn, dims, settings);
    if (turn >= settings.max_turns || (turn >= settings.min_turns && quiet)) break;
  }

  const std::vector<double> outcome = most_likely_outcome(problem, *state);
  result.predicted = to_native(scenario, outcome.data());
  result.rounds_used.assign(dims, turn);
  result.converged.assign(dims, quiet);
  return result;
}

}  // namespace

std::vector<std::string> ktab_option_names() { return {"max_turns", "min_delta_ratio", "transition", "risk"}; }

ForecastResult run_ktab(const Scenario& scenario, const ForecastOptions& options) {
  if (options.threads <= 0) return run_ktab_here(scenario, options);
  // A local arena, not tbb::global_control: a process-wide cap would also throttle
  // callers that run many single-threaded forecasts side by side (Monte Carlo trials).
  tbb::task_arena arena(options.threads);
  return arena.execute([&] { return run_ktab_here(scenario, options); });
}

}  // namespace pivot::bargain
