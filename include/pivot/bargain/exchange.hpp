// Stokman's equal-gain exchange model (Stokman & Van Oosten 1994), as Decide's
// public implementations run it: the settings that tell their behaviours apart,
// and the record of one realised exchange. See docs/models/exchange.md.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pivot {

/// What a realised exchange does to the actors outside it (Dijkstra, van Assen & Stokman 2008):
/// for every other actor taking part in both issues, the salience-weighted change in its
/// distance to each issue's outcome, s_p (|o_p - x_p| - |o'_p - x_p|) + s_q (|o_q - x_q| - |o'_q - x_q|)
/// (positive: the outcomes came closer to it), summed by whether the actor is in one of the
/// two exchanging actors' groups for the issue pair (inner) or not (outer), and by sign (zero
/// counts as negative, as in Decide). `own` is the exchanging actors' gains (2 x gain).
struct ExchangeExternalities {
  double inner_positive = 0.0, inner_negative = 0.0, outer_positive = 0.0, outer_negative = 0.0, own = 0.0;
};

/// One realised exchange: actor_a gives way on issue_a (from_a -> to_a, native units)
/// in return for actor_b giving way on issue_b. Indices into the scenario.
struct ExchangeRecord {
  int round = 0;  // 1-based
  int rank = 0;   // 1 = the first exchange realised in its round
  int actor_a = -1, issue_a = -1;
  double from_a = 0.0, to_a = 0.0;
  int actor_b = -1, issue_b = -1;
  double from_b = 0.0, to_b = 0.0;
  double gain = 0.0;  // the equal expected-utility gain of both actors (0..100 scale x salience)
  // rate=random: each actor's own gain (gain is then the smaller of the two). Equal to gain otherwise.
  double gain_a = 0.0, gain_b = 0.0;
  // With externalities=on (Dijkstra, van Assen & Stokman 2008): what the exchange did to every
  // other actor on both issues, summed by kind (exchange_externalities). Zero otherwise.
  ExchangeExternalities externalities{};
};

/// How ties among the highest gains are broken.
enum class ExchangeTies {
  first,   // the first in Decide's enumeration order (Decide with its coin flip off)
  random,  // a draw with pivot's seeded generator (Decide flips an unseeded coin)
};

/// The exchange rate: how far one issue's outcome moves per unit the other's moves.
enum class ExchangeRate {
  equal,   // the rate that makes both actors' gains equal (Stokman & Van Oosten 1994)
  random,  // drawn uniformly between the two actors' break-even rates (Dijkstra, van Assen & Stokman 2008)
};

/// Which public implementation's rules the model follows where they differ.
enum class ExchangeCompat {
  decide,     // foarsitter/decide-exchange-model (Python), the default
  equalgain,  // foarsitter/equal-gain (R): its order, its validity checks, no cap, one shared position table
};

/// Whether a move may carry the issue's outcome past the demanding actor's position.
enum class ExchangeCap {
  demand_position,  // Decide (Python): the supplier moves only as far as puts the outcome at that position
  none,             // equal-gain (R): no cap
};

/// Which moves the "moves sum to at most 100" check adds up.
enum class ExchangeMoveSum {
  first_calculated,  // Decide (Python): the first move calculated for the pair plus the latest one
  realised,          // the moves the actor has realised on the issue this round plus the latest one
};

struct ExchangeSettings {
  int rounds = 10;
  double fixed_weight = 0.1;  // Decide's new start position: x + (0.1 + 0.4 (1 - s)) (y - x)
  double salience_weight = 0.4;
  ExchangeTies ties = ExchangeTies::first;
  ExchangeRate rate = ExchangeRate::equal;
  int tie_digits = 12;  // gains are compared rounded to this many significant digits; equal ones tie
  ExchangeCompat compat = ExchangeCompat::decide;
  ExchangeCap cap = ExchangeCap::demand_position;
  ExchangeMoveSum move_sum = ExchangeMoveSum::first_calculated;
  std::uint64_t seed = 0;
  bool externalities = false;  // fill ExchangeRecord::externalities
  int tie_draws = 20;          // reruns with ties=random when a run broke ties (pivot run); 0: none
};

/// The model's inputs on Decide's 0..100 scale: per actor and issue, whether the
/// actor takes part, its position (0..100), salience (0..1) and power.
struct ExchangeInput {
  int actors = 0, issues = 0;
  std::vector<char> present;     // [actor * issues + issue]
  std::vector<double> position;  // 0..100
  std::vector<double> salience;  // 0..1
  std::vector<double> power;     // per actor
};

/// Exchanges of one round and the positions they leave.
struct ExchangeRound {
  std::vector<ExchangeRecord> exchanges;  // positions on the 0..100 scale
  std::vector<double> voting;             // [actor * issues + issue] after the exchanges
  std::vector<double> next_start;         // the next round's start: part-way to the voting position
  std::vector<double> voting_outcome;     // per issue: capability x salience weighted mean of `voting`
  int candidates = 0;                     // exchanges enumerated at the round's start
  int ties = 0;                           // realisations where more than one exchange had the highest gain
};

/// How far the forecast moves across tie draws: the model rerun `draws` times with
/// ties=random, the n-th draw (n = 1..draws) seeded by SplitMix64(seed + n); per issue the
/// lowest and highest forecast (native units). `draws` 0: not run.
struct ExchangeTieDraws {
  int draws = 0;
  std::vector<double> min, max;
};

struct Scenario;

/// A scenario's actors on Decide's scale: positions mapped from each issue's range to
/// 0..100, saliences from 0..100 to 0..1, capability as power; an actor without a
/// position on an issue takes no part in it.
ExchangeInput exchange_input(const Scenario& scenario);

/// Fills the externalities of a round's exchanges, realised in this order from `start`
/// ([actor * issues + issue], 0..100): the outcomes before and after each exchange are
/// capability x salience weighted means of the round's positions with every earlier
/// exchange of the round applied; the third actors' positions and groups (their side of
/// each issue's outcome) are those at the round's start.
void exchange_externalities(const ExchangeInput& input, const std::vector<double>& start,
                            std::vector<ExchangeRecord>& exchanges);

/// Runs the rounds on the 0..100 scale. Deterministic for given settings and seed.
std::vector<ExchangeRound> run_exchange_rounds(const ExchangeInput& input, const ExchangeSettings& settings);

}  // namespace pivot
