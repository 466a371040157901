// Bueno de Mesquita's expected-utility group decision model (the "EUM"), as
// reconstructed by Scholz, Calbert & Smith (2011), "Unravelling Bueno De
// Mesquita's group decision model". One issue at a time: every round each
// actor weighs challenging every other actor (expected utility of a challenge
// against the status quo), classifies each dyad into the conflict /
// compromise / compel / stalemate octants of the paper's Figure 6, accepts at
// most one offer, and moves. See docs/models/bdm.md for the equations, the
// ambiguities of the paper and the option that settles each one.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "bargain/models.hpp"
#include "bargain/weights.hpp"
#include "pivot/core/error.hpp"

namespace pivot::bargain {
namespace {

constexpr const char* kModel = "bdm";

// ---------------------------------------------------------------------------
// Options: one per ambiguity of the paper, defaults = the reading that
// reproduces the paper's published figures and Table 2 (docs/models/bdm.md).

// The multi-valued options as enums, so the model code switches instead of
// comparing strings in its inner loops. Each k*Names array lists the option's
// text in enum order: read_settings parses it once, and `applied` (the
// manifest) prints it back, so the text is only at this edge.
enum class TRule { Cases, Zero, Half, One };                 // t
enum class Probability { AllPairs, Pairwise };               // probability
enum class Risk { Endogenous, Neutral, Given };              // risk
enum class OfferOrder { Category, LeastMove, Enforceable };  // offer_order
enum class Range { Initial, Current, Issue };                // range
enum class Dyads { All, Challenges, None };                  // dyads

constexpr std::array kTRuleNames = {"cases", "0", "0.5", "1"};
constexpr std::array kProbabilityNames = {"all_pairs", "pairwise"};
constexpr std::array kRiskNames = {"endogenous", "neutral", "given"};
constexpr std::array kOfferOrderNames = {"category", "least_move", "enforceable"};
constexpr std::array kRangeNames = {"initial", "current", "issue"};
constexpr std::array kDyadsNames = {"all", "challenges", "none"};

template <class E, std::size_t N>
std::string text_of(const std::array<const char*, N>& names, E value) {
  return names[static_cast<std::size_t>(value)];
}

// setting_choice over the option's names (same errors), mapped to its enum.
template <class E, std::size_t N>
E setting_enum(const ForecastOptions& options, const std::string& key, const std::array<const char*, N>& names,
               E fallback) {
  const std::vector<std::string> allowed(names.begin(), names.end());
  const std::string text = setting_choice(options, kModel, key, allowed, text_of(names, fallback));
  return static_cast<E>(std::find(allowed.begin(), allowed.end(), text) - allowed.begin());
}

struct Settings {
  int rounds = 10;                                  // Appendix step 13: a fixed number of rounds tau
  double tolerance = 0.0;                           // stop early once no actor moves more than this (unit scale)
  double q = 1.0;                                   // probability of the status quo (Sec. 7: "We chose Q=1.0")
  TRule t = TRule::Cases;                           // T: figures 1-4 cases, or a fixed 0 / 0.5 / 1
  Probability probability = Probability::AllPairs;  // eq. 31 denominator: all dyads (their program) or this dyad
  bool vote_risk = true;                            // votes for P use each voter's risk exponent in the second pass
  bool perception_own = true;                       // E^i(U_ji) uses i's exponent (Figs 7-10) or j's own
  bool reply_salience_target = true;                // eq. 25b: salience of the target (i) or of j as printed
  bool security_challengers = true;                 // security = sum_j E(U_ji) (BDM 1985) or sum_j E(U_ij) (BDM 1997)
  Risk risk = Risk::Endogenous;                     // endogenous / neutral / given
  bool first_pass_neutral = true;                   // the first pass of each round uses r = 1
  bool risk_sequential = false;                     // exponents updated one actor at a time, in input order
  bool risk_every_round = true;                     // recompute exponents every round, or keep round 1's
  OfferOrder offer_order = OfferOrder::Category;    // category / least_move / enforceable
  bool compromise_pick_weighted = true;             // within compromises: lowest weighted position
  bool compromise_ratio = true;                     // eqs. 35-36, or a weighted average
  bool conflict_moves = true;                       // Confrontation-: the weaker side moves
  Range range = Range::Initial;                     // initial / current / issue
  bool forecast_median = true;                      // median voter (BDM) or weighted mean
  Dyads dyads = Dyads::All;                         // all / challenges / none

  std::vector<std::pair<std::string, std::string>> applied;
};

std::string number_text(double v) { return fmt::format("{}", v); }

Settings read_settings(const ForecastOptions& options) {
  Settings s;
  const double rounds = setting_number(options, kModel, "rounds", 10.0);
  if (rounds < 1.0 || rounds > 100000.0 || rounds != std::floor(rounds))
    throw UsageError(fmt::format("{}: option rounds expects a whole number from 1 to 100000, got {}", kModel, rounds));
  s.rounds = static_cast<int>(rounds);
  s.tolerance = setting_number(options, kModel, "tolerance", 0.0);
  if (s.tolerance < 0.0 || s.tolerance >= 1.0)
    throw UsageError(fmt::format("{}: option tolerance expects a number in [0, 1), got {}", kModel, s.tolerance));
  s.q = setting_number(options, kModel, "q", 1.0);
  if (s.q < 0.0 || s.q > 1.0)
    throw UsageError(fmt::format("{}: option q expects a probability in [0, 1], got {}", kModel, s.q));
  s.t = setting_enum(options, "t", kTRuleNames, TRule::Cases);
  s.probability = setting_enum(options, "probability", kProbabilityNames, Probability::AllPairs);
  s.vote_risk = setting_choice(options, kModel, "vote_risk", {"on", "off"}, "on") == "on";
  s.perception_own = setting_choice(options, kModel, "perception", {"own", "actual"}, "own") == "own";
  s.reply_salience_target =
      setting_choice(options, kModel, "reply_salience", {"target", "printed"}, "target") == "target";
  s.security_challengers =
      setting_choice(options, kModel, "security", {"challengers", "own"}, "challengers") == "challengers";
  s.risk = setting_enum(options, "risk", kRiskNames, Risk::Endogenous);
  s.first_pass_neutral =
      setting_choice(options, kModel, "risk_first_pass", {"neutral", "previous"}, "neutral") == "neutral";
  s.risk_sequential =
      setting_choice(options, kModel, "risk_update", {"simultaneous", "sequential"}, "simultaneous") == "sequential";
  s.risk_every_round = setting_choice(options, kModel, "risk_rounds", {"every", "first"}, "every") == "every";
  s.offer_order = setting_enum(options, "offer_order", kOfferOrderNames, OfferOrder::Category);
  s.compromise_pick_weighted = setting_choice(options, kModel, "compromise_pick", {"weighted_position", "least_move"},
                                              "weighted_position") == "weighted_position";
  s.compromise_ratio = setting_choice(options, kModel, "compromise", {"ratio", "weighted_average"}, "ratio") == "ratio";
  s.conflict_moves =
      setting_choice(options, kModel, "conflict", {"loser_moves", "no_move"}, "loser_moves") == "loser_moves";
  s.range = setting_enum(options, "range", kRangeNames, Range::Initial);
  s.forecast_median = setting_choice(options, kModel, "forecast", {"median", "mean"}, "median") == "median";
  s.dyads = setting_enum(options, "dyads", kDyadsNames, Dyads::All);

  s.applied = {
      {"rounds", std::to_string(s.rounds)},
      {"tolerance", number_text(s.tolerance)},
      {"q", number_text(s.q)},
      {"t", text_of(kTRuleNames, s.t)},
      {"probability", text_of(kProbabilityNames, s.probability)},
      {"vote_risk", s.vote_risk ? "on" : "off"},
      {"perception", s.perception_own ? "own" : "actual"},
      {"reply_salience", s.reply_salience_target ? "target" : "printed"},
      {"security", s.security_challengers ? "challengers" : "own"},
      {"risk", text_of(kRiskNames, s.risk)},
      {"risk_first_pass", s.first_pass_neutral ? "neutral" : "previous"},
      {"risk_update", s.risk_sequential ? "sequential" : "simultaneous"},
      {"risk_rounds", s.risk_every_round ? "every" : "first"},
      {"offer_order", text_of(kOfferOrderNames, s.offer_order)},
      {"compromise_pick", s.compromise_pick_weighted ? "weighted_position" : "least_move"},
      {"compromise", s.compromise_ratio ? "ratio" : "weighted_average"},
      {"conflict", s.conflict_moves ? "loser_moves" : "no_move"},
      {"range", text_of(kRangeNames, s.range)},
      {"forecast", s.forecast_median ? "median" : "mean"},
      {"dyads", text_of(kDyadsNames, s.dyads)},
  };
  return s;
}

// ---------------------------------------------------------------------------
// Small numeric helpers.

// 2 - 4 * base^r with the base kept out of the negative range (pow of a negative
// base with a fractional exponent is undefined; bases are in [0, 1] for positions
// within the normalising range).
inline double bdm_utility(double base, double r) { return 2.0 - 4.0 * std::pow(std::max(base, 0.0), r); }

// Scholz eq. 33: R in [-1, 1] -> r in [0.5, 2].
inline double risk_exponent(double big_r) { return (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0); }

// ---------------------------------------------------------------------------
// One issue.

enum class Octant { Agree, Stalemate, Conflict, Compromise, Compel };

const char* octant_name(Octant o) {
  switch (o) {
    case Octant::Agree:
      return "agree";
    case Octant::Stalemate:
      return "stalemate";
    case Octant::Conflict:
      return "conflict";
    case Octant::Compromise:
      return "compromise";
    case Octant::Compel:
      return "compel";
  }
  return "stalemate";
}

// Where i (the receiver) would move on j's offer, from i's viewpoint (a = E^i(U_ij),
// b = i's estimate of E(U_ji)); Figure 6 read from i's side.
struct Offer {
  int from = -1;  // proposer j
  Octant kind = Octant::Stalemate;
  double a = 0.0, b = 0.0;
  double position = 0.0;  // unit scale
};

struct RoundRecord {
  std::vector<Challenge> challenges;
  std::vector<Move> moves;
};

struct IssueOutcome {
  std::vector<RoundRecord> rounds;  // rounds 1..rounds_used
  int rounds_used = 0;
  bool converged = false;
  double predicted_unit = 0.0;
};

class IssueModel {
 public:
  IssueModel(const Scenario& scenario, std::size_t issue, const Settings& settings)
      : sc_(scenario), issue_(issue), st_(settings), n_(scenario.actors.size()) {
    const Issue& is = scenario.issues[issue];
    x_.resize(n_);
    c_.resize(n_);
    s_.resize(n_);
    given_.assign(n_, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < n_; ++i) {
      const Actor& a = scenario.actors[i];
      x_[i] = is.max > is.min ? is.to_unit(a.position[issue]) : 0.5;
      c_[i] = a.capability;
      s_[i] = std::clamp(a.salience[issue] / 100.0, 0.0, 1.0);
      if (a.risk) given_[i] = std::clamp(*a.risk, -1.0, 1.0);
    }
    w_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) w_[i] = c_[i] * s_[i];
    initial_range_ = spread();
    r_.assign(n_, 1.0);
  }

  double forecast(const std::vector<double>& x) const {
    return st_.forecast_median ? median_voter(x, w_) : weighted_mean(x, w_);
  }

  IssueOutcome run() {
    IssueOutcome out;
    for (int t = 1; t <= st_.rounds; ++t) {
      RoundRecord rec;
      const double moved = step(rec);
      out.rounds.push_back(std::move(rec));
      out.rounds_used = t;
      if (moved <= st_.tolerance) {
        out.converged = true;
        break;
      }
    }
    out.predicted_unit = forecast(x_);
    return out;
  }

 private:
  double spread() const {
    const auto [lo, hi] = std::minmax_element(x_.begin(), x_.end());
    return *hi - *lo;
  }

  // Normalising range x_max - x_min of eqs. 14-23 on the unit scale.
  double norm_range() const {
    const double r = st_.range == Range::Initial ? initial_range_ : st_.range == Range::Current ? spread() : 1.0;
    return r > 1e-12 ? r : 1.0;
  }

  // P[i][j]: i's probability of prevailing over j (eqs. 30-31). The numerator sums
  // the votes of i's supporters; the denominator is either this dyad's total
  // |votes| (eq. 31 as printed, P_ij + P_ji = 1) or the |votes| of every voter
  // over every ordered dyad of actors (what the authors' program does; it is the
  // reading their Figures 7-10 and Table 2 need).
  std::vector<double> probabilities(double range, const std::vector<double>& rv) const {
    std::vector<double> P(n_ * n_, 0.0);
    // u[k][a] = voter k's (risk-adjusted) distance to actor a's position.
    std::vector<double> u(n_ * n_);
    for (std::size_t k = 0; k < n_; ++k)
      for (std::size_t a = 0; a < n_; ++a) {
        const double d = std::fabs(x_[k] - x_[a]) / range;
        u[k * n_ + a] = rv[k] == 1.0 ? d : std::pow(d, rv[k]);
      }
    double all_pairs = 0.0;
    if (st_.probability == Probability::AllPairs) {
      std::vector<double> sorted(n_);
      for (std::size_t k = 0; k < n_; ++k) {
        if (w_[k] == 0.0) continue;
        std::copy(u.begin() + static_cast<std::ptrdiff_t>(k * n_),
                  u.begin() + static_cast<std::ptrdiff_t>((k + 1) * n_), sorted.begin());
        std::sort(sorted.begin(), sorted.end());
        // sum over ordered pairs (a, b) of |u_a - u_b| = 2 * sum_m u_(m) * (2m - n + 1)
        double acc = 0.0;
        for (std::size_t m = 0; m < n_; ++m)
          acc += sorted[m] * (2.0 * static_cast<double>(m) - static_cast<double>(n_) + 1.0);
        all_pairs += w_[k] * 2.0 * acc;
      }
    }
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j) {
        if (i == j || x_[i] == x_[j]) continue;
        double num = 0.0, dyad = 0.0;
        for (std::size_t k = 0; k < n_; ++k) {
          const double v = w_[k] * (u[k * n_ + j] - u[k * n_ + i]);  // k's vote for i over j
          if (v > 0.0) num += v;
          dyad += std::fabs(v);
        }
        const double den = st_.probability == Probability::AllPairs ? all_pairs : dyad;
        P[i * n_ + j] = den > 0.0 ? num / den : 0.0;
      }
    return P;
  }

  double t_value(std::size_t i, std::size_t j, double mu) const {
    switch (st_.t) {
      case TRule::Zero:
        return 0.0;
      case TRule::Half:
        return 0.5;
      case TRule::One:
        return 1.0;
      case TRule::Cases:
        break;
    }
    // Figures 1-4: j drifts to the median mu. Cases 1 and 3A (mu closer to i than
    // j is) leave i better off, T = 1; cases 2 and 3B, T = 0.
    const double to_mu = std::fabs(x_[i] - mu), to_j = std::fabs(x_[i] - x_[j]);
    if (to_mu < to_j) return 1.0;
    if (to_mu > to_j) return 0.0;
    return 0.5;
  }

  // Expected utility of `challenger` challenging `target` (eqs. 5-7, 15-16, 22-25),
  // evaluated with exponent r (whose estimate it is). `resist` is the salience
  // weighting the target's resistance (s_target, or s_challenger under the
  // printed eq. 25b).
  double expected_utility(std::size_t challenger, std::size_t target, double r, double resist,
                          const std::vector<double>& P, double range, double mu) const {
    const double d = std::fabs(x_[challenger] - x_[target]) / range;
    const double us = bdm_utility(0.5 - 0.5 * d, r);
    const double uf = bdm_utility(0.5 + 0.5 * d, r);
    const double usq = bdm_utility(0.5, r);
    const double p = P[challenger * n_ + target];
    double eu = resist * (p * us + (1.0 - p) * uf) + (1.0 - resist) * us - st_.q * usq;
    if (st_.q < 1.0) {
      const double dm = (std::fabs(x_[challenger] - mu) + std::fabs(x_[challenger] - x_[target])) / range;
      const double ub = bdm_utility(0.5 - 0.25 * dm, r);
      const double uw = bdm_utility(0.5 + 0.25 * dm, r);
      const double t = t_value(challenger, target, mu);
      eu -= (1.0 - st_.q) * (t * ub + (1.0 - t) * uw);
    }
    return eu;
  }

  // E^perceiver(U_challenger,target). `reply` marks eq. 25b (an actor's estimate
  // of what its counterpart expects from challenging it), where the paper prints
  // the challenger's own salience; reply_salience=target uses the target's, as
  // symmetry with eq. 25a requires.
  double eu_seen_by(std::size_t perceiver, std::size_t challenger, std::size_t target, bool reply,
                    const std::vector<double>& r, const std::vector<double>& P, double range, double mu) const {
    const double resist = (reply && !st_.reply_salience_target) ? s_[challenger] : s_[target];
    return expected_utility(challenger, target, r[perceiver], resist, P, range, mu);
  }

  // Security levels from the first pass (Appendix steps 7-8): the expected
  // utilities use the exponents `eu_r`, the votes behind P use `vote_r`.
  std::vector<double> security_levels(double range, double mu, const std::vector<double>& eu_r,
                                      const std::vector<double>& vote_r) const {
    const std::vector<double> P = probabilities(range, st_.vote_risk ? vote_r : std::vector<double>(n_, 1.0));
    std::vector<double> security(n_, 0.0);
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j) {
        if (i == j) continue;
        // BDM 1985: sum_j E^i(U_ji), what i's adversaries expect from challenging i;
        // BDM 1997 reverses the subscripts: sum_j E^i(U_ij).
        security[i] += st_.security_challengers ? eu_seen_by(i, j, i, false, eu_r, P, range, mu)
                                                : eu_seen_by(i, i, j, false, eu_r, P, range, mu);
      }
    return security;
  }

  // Actor i's exponent from the security levels (eqs. 33-34), or its given attitude.
  double exponent_of(std::size_t i, const std::vector<double>& security) const {
    if (st_.risk == Risk::Given && !std::isnan(given_[i])) return risk_exponent(given_[i]);
    const auto [lo, hi] = std::minmax_element(security.begin(), security.end());
    const double big_r = *hi > *lo ? (2.0 * security[i] - *hi - *lo) / (*hi - *lo) : 0.0;  // eq. 34
    return risk_exponent(big_r);                                                           // eq. 33
  }

  // Steps 2-9 of the Appendix: a first pass, then each actor's risk exponent.
  // risk_update=sequential updates the exponents one actor at a time in input
  // order, so the votes behind later actors' security levels already carry the
  // earlier actors' new exponents (D. Masad's replication does this).
  std::vector<double> risk_exponents(double range, double mu) const {
    if (st_.risk == Risk::Neutral) return std::vector<double>(n_, 1.0);
    const std::vector<double> r1 = st_.first_pass_neutral ? std::vector<double>(n_, 1.0) : r_;
    std::vector<double> r(n_, 1.0);
    if (!st_.risk_sequential) {
      const std::vector<double> security = security_levels(range, mu, r1, r1);
      for (std::size_t i = 0; i < n_; ++i) r[i] = exponent_of(i, security);
      return r;
    }
    r = r1;
    for (std::size_t i = 0; i < n_; ++i) r[i] = exponent_of(i, security_levels(range, mu, r1, r));
    return r;
  }

  const std::string& actor_name(std::size_t i) const {
    const Actor& a = sc_.actors[i];
    return a.name.empty() ? a.id : a.name;
  }

  double native(double unit) const {
    const Issue& is = sc_.issues[issue_];
    return is.max > is.min ? is.from_unit(unit) : is.min;
  }

  // i's reading of j's offer (Figure 6 from i's side): does i move, and where to.
  Offer classify_for_receiver(std::size_t i, std::size_t j, double a, double b) const {
    Offer o;
    o.from = static_cast<int>(j);
    o.a = a;
    o.b = b;
    o.position = x_[i];
    if (x_[i] == x_[j]) {
      o.kind = Octant::Agree;
    } else if (a > 0.0 && b > 0.0) {
      o.kind = Octant::Conflict;  // Confrontation-: i gives way when j expects more (b > a)
      if (st_.conflict_moves && b > a) o.position = x_[j];
    } else if (a < 0.0 && b > 0.0) {
      if (b > -a) {
        o.kind = Octant::Compromise;  // Compromise-: i moves part way to j (eq. 36)
        o.position = st_.compromise_ratio ? x_[i] + (x_[j] - x_[i]) * std::fabs(a / b)
                                          : (std::fabs(a) * x_[i] + b * x_[j]) / (std::fabs(a) + b);
      } else {
        o.kind = Octant::Compel;  // Compel-: i moves to j
        o.position = x_[j];
      }
    } else if (a > 0.0 && b < 0.0) {
      o.kind = -b < a ? Octant::Compromise : Octant::Compel;  // j would move (Compromise+ / Compel+)
    } else {
      o.kind = Octant::Stalemate;
    }
    return o;
  }

  // The offer i accepts (Sec. 6.2), or -1.
  int choose(std::size_t i, const std::vector<Offer>& offers) const {
    auto moves = [&](const Offer& o) { return o.position != x_[i]; };
    auto dist = [&](const Offer& o) { return std::fabs(o.position - x_[i]); };
    auto pick = [&](auto better) {
      int best = -1;
      for (std::size_t m = 0; m < offers.size(); ++m) {
        if (!moves(offers[m])) continue;
        if (best < 0 || better(offers[m], offers[static_cast<std::size_t>(best)])) best = static_cast<int>(m);
      }
      return best;
    };
    // Strict comparisons keep the earlier (lower-index) proposer on exact ties.
    auto least_move = [&](const Offer& p, const Offer& q) {
      if (dist(p) != dist(q)) return dist(p) < dist(q);
      return p.b > q.b;
    };
    switch (st_.offer_order) {
      case OfferOrder::LeastMove:
        return pick(least_move);
      case OfferOrder::Enforceable:
        return pick([&](const Offer& p, const Offer& q) {
          if (p.b != q.b) return p.b > q.b;
          return dist(p) < dist(q);
        });
      case OfferOrder::Category:
        break;
    }
    // "category": conflicts first, then compromises, then compulsion; within a
    // category the least move, except that compromises go by the lowest
    // EU-weighted average of the two positions (the authors' program).
    for (Octant kind : {Octant::Conflict, Octant::Compromise, Octant::Compel}) {
      int best = -1;
      for (std::size_t m = 0; m < offers.size(); ++m) {
        const Offer& o = offers[m];
        if (o.kind != kind || !moves(o)) continue;
        if (best < 0) {
          best = static_cast<int>(m);
          continue;
        }
        const Offer& cur = offers[static_cast<std::size_t>(best)];
        bool better = false;
        if (kind == Octant::Compromise && st_.compromise_pick_weighted) {
          auto key = [&](const Offer& z) {
            const double wa = std::fabs(z.a), wb = std::fabs(z.b);
            return (wa * x_[i] + wb * x_[static_cast<std::size_t>(z.from)]) / (wa + wb);
          };
          better = key(o) < key(cur);
        } else {
          better = least_move(o, cur);
        }
        if (better) best = static_cast<int>(m);
      }
      if (best >= 0) return best;
    }
    return -1;
  }

  std::string reason(const Offer& o) const {
    const std::string& who = actor_name(static_cast<std::size_t>(o.from));
    switch (o.kind) {
      case Octant::Conflict:
        return fmt::format("gave way to {} in a conflict it expected to lose", who);
      case Octant::Compromise:
        return fmt::format("accepted {}'s compromise offer", who);
      case Octant::Compel:
        return fmt::format("was compelled to adopt {}'s position", who);
      default:
        return fmt::format("moved towards {}", who);
    }
  }

  // Offers from i's own point of view as challenger (both sides' implied moves),
  // for the record.
  Challenge challenge_record(std::size_t i, std::size_t j, double a, double b, double p) const {
    Challenge ch;
    ch.challenger = static_cast<int>(i);
    ch.target = static_cast<int>(j);
    ch.issue = static_cast<int>(issue_);
    ch.expected_gain = a;
    ch.win_probability = p;
    double xi = x_[i], xj = x_[j];
    Octant kind = Octant::Stalemate;
    if (x_[i] == x_[j]) {
      kind = Octant::Agree;
    } else if (a > 0.0 && b > 0.0) {
      kind = Octant::Conflict;
      if (st_.conflict_moves) {
        if (a > b)
          xj = x_[i];  // Confrontation+: j moves to i
        else if (b > a)
          xi = x_[j];  // Confrontation-: i moves to j
      }
    } else if (a > 0.0 && b < 0.0) {
      if (a > -b) {
        kind = Octant::Compromise;  // Compromise+ (eq. 35): j moves part way to i
        xj = st_.compromise_ratio ? x_[j] + (x_[i] - x_[j]) * std::fabs(b / a)
                                  : (a * x_[i] + std::fabs(b) * x_[j]) / (a + std::fabs(b));
      } else {
        kind = Octant::Compel;  // Compel+: j moves to i
        xj = x_[i];
      }
    } else if (a < 0.0 && b > 0.0) {
      const Offer o = classify_for_receiver(i, j, a, b);
      kind = o.kind;
      xi = o.position;
    }
    ch.kind = octant_name(kind);
    ch.challenger_offer = {native(xi)};
    ch.target_offer = {native(xj)};
    return ch;
  }

  // One round (Appendix steps 3-11). Returns the largest move (unit scale).
  double step(RoundRecord& rec) {
    const double range = norm_range();
    const double mu = median_voter(x_, w_);  // step 3
    // Steps 2-9, or round 1's exponents again (risk_rounds=first: the Appendix
    // loops from step 13 back to step 3, past step 2's r = 1).
    const std::vector<double> r = st_.risk_every_round || !exponents_set_ ? risk_exponents(range, mu) : r_;
    r_ = r;
    exponents_set_ = true;
    const std::vector<double> P = probabilities(range, st_.vote_risk ? r : std::vector<double>(n_, 1.0));

    // Step 10 / second pass: every ordered dyad.
    std::vector<double> own(n_ * n_, 0.0), est(n_ * n_, 0.0);  // a = E^i(U_ij), b = i's E(U_ji)
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j) {
        if (i == j) continue;
        own[i * n_ + j] = eu_seen_by(i, i, j, false, r, P, range, mu);
        est[i * n_ + j] = eu_seen_by(st_.perception_own ? i : j, j, i, true, r, P, range, mu);
      }

    if (st_.dyads != Dyads::None)
      for (std::size_t i = 0; i < n_; ++i)
        for (std::size_t j = 0; j < n_; ++j) {
          if (i == j) continue;
          const double a = own[i * n_ + j];
          if (st_.dyads == Dyads::Challenges && !(a > 0.0 && x_[i] != x_[j])) continue;
          rec.challenges.push_back(challenge_record(i, j, a, est[i * n_ + j], P[i * n_ + j]));
        }

    // Step 11: each actor accepts at most one offer; everyone moves at once.
    std::vector<double> next = x_;
    double moved = 0.0;
    for (std::size_t i = 0; i < n_; ++i) {
      std::vector<Offer> offers;
      for (std::size_t j = 0; j < n_; ++j) {
        if (j == i || x_[j] == x_[i]) continue;
        offers.push_back(classify_for_receiver(i, j, own[i * n_ + j], est[i * n_ + j]));
      }
      const int pick = choose(i, offers);
      if (pick < 0) continue;
      const Offer& o = offers[static_cast<std::size_t>(pick)];
      next[i] = std::clamp(o.position, std::min(x_[i], x_[static_cast<std::size_t>(o.from)]),
                           std::max(x_[i], x_[static_cast<std::size_t>(o.from)]));
      moved = std::max(moved, std::fabs(next[i] - x_[i]));
      Move mv;
      mv.actor = static_cast<int>(i);
      mv.partner = o.from;
      mv.issue = static_cast<int>(issue_);
      mv.from = {native(x_[i])};
      mv.to = {native(next[i])};
      mv.reason = reason(o);
      rec.moves.push_back(std::move(mv));
    }
    x_ = std::move(next);
    return moved;
  }

  const Scenario& sc_;
  std::size_t issue_;
  const Settings& st_;
  std::size_t n_;
  std::vector<double> x_, c_, s_, w_, given_, r_;
  double initial_range_ = 1.0;
  bool exponents_set_ = false;  // risk exponents computed in an earlier round
};

}  // namespace

std::vector<std::string> bdm_option_names() {
  std::vector<std::string> names;
  for (const auto& [name, value] : read_settings({}).applied) names.push_back(name);
  return names;
}

ForecastResult run_bdm(const Scenario& scenario, const ForecastOptions& options) {
  const Settings settings = read_settings(options);
  const std::size_t n_issues = scenario.issues.size();
  const std::size_t n = scenario.actors.size();

  ForecastResult result;
  result.model = "bdm";
  result.options = settings.applied;
  result.predicted.assign(n_issues, 0.0);
  result.rounds_used.assign(n_issues, 0);
  result.converged.assign(n_issues, true);

  Round round0;
  round0.index = 0;
  for (const Actor& a : scenario.actors) round0.positions.push_back(a.position);
  result.rounds.push_back(round0);

  std::vector<IssueOutcome> outcomes(n_issues);
  int max_rounds = 0;
  for (std::size_t k = 0; k < n_issues; ++k) {
    if (n < 2) {
      std::vector<double> x, w;
      for (const Actor& a : scenario.actors) {
        x.push_back(a.position[k]);
        w.push_back(a.capability * a.salience[k]);
      }
      result.predicted[k] = x.empty() ? 0.5 * (scenario.issues[k].min + scenario.issues[k].max)
                                      : (settings.forecast_median ? median_voter(x, w) : weighted_mean(x, w));
      continue;
    }
    IssueModel model(scenario, k, settings);
    outcomes[k] = model.run();
    const Issue& is = scenario.issues[k];
    result.predicted[k] = is.max > is.min ? is.from_unit(outcomes[k].predicted_unit) : is.min;
    result.rounds_used[k] = outcomes[k].rounds_used;
    result.converged[k] = outcomes[k].converged;
    max_rounds = std::max(max_rounds, outcomes[k].rounds_used);
  }

  // Rounds 1..max: issues that stopped earlier repeat their final positions.
  std::vector<std::vector<double>> positions = round0.positions;
  for (int t = 1; t <= max_rounds; ++t) {
    Round round;
    round.index = t;
    for (std::size_t k = 0; k < n_issues; ++k) {
      const IssueOutcome& out = outcomes[k];
      if (t > out.rounds_used) continue;
      const RoundRecord& rec = out.rounds[static_cast<std::size_t>(t - 1)];
      for (const Move& mv : rec.moves) positions[static_cast<std::size_t>(mv.actor)][k] = mv.to.front();
      round.challenges.insert(round.challenges.end(), rec.challenges.begin(), rec.challenges.end());
      round.moves.insert(round.moves.end(), rec.moves.begin(), rec.moves.end());
    }
    round.positions = positions;
    result.rounds.push_back(std::move(round));
  }
  return result;
}

}  // namespace pivot::bargain
