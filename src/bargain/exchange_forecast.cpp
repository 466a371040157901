// The exchange model as a forecast: options, the scenario on Decide's 0..100 scale,
// and the rounds back in native units.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "bargain/models.hpp"
#include "pivot/bargain/exchange.hpp"
#include "pivot/core/error.hpp"

namespace pivot::bargain {
namespace {

constexpr const char* kModel = "exchange";

ExchangeSettings exchange_settings(const ForecastOptions& options) {
  ExchangeSettings st;
  const double rounds = setting_number(options, kModel, "rounds", st.rounds);
  if (rounds < 1 || rounds > 1000 || rounds != std::floor(rounds))
    throw UsageError(fmt::format("{}: option rounds expects a whole number from 1 to 1000", kModel));
  st.rounds = static_cast<int>(rounds);
  st.ties = setting_choice(options, kModel, "ties", {"first", "random"}, "first") == "random" ? ExchangeTies::random
                                                                                              : ExchangeTies::first;
  const double digits = setting_number(options, kModel, "tie_digits", st.tie_digits);
  if (digits < 3 || digits > 17 || digits != std::floor(digits))
    throw UsageError(fmt::format("{}: option tie_digits expects a whole number from 3 to 17", kModel));
  st.tie_digits = static_cast<int>(digits);
  st.compat = setting_choice(options, kModel, "compat", {"decide", "equalgain"}, "decide") == "equalgain"
                  ? ExchangeCompat::equalgain
                  : ExchangeCompat::decide;
  st.cap = setting_choice(options, kModel, "cap", {"demand-position", "none"}, "demand-position") == "none"
               ? ExchangeCap::none
               : ExchangeCap::demand_position;
  st.move_sum =
      setting_choice(options, kModel, "move_sum", {"first-calculated", "realised"}, "first-calculated") == "realised"
          ? ExchangeMoveSum::realised
          : ExchangeMoveSum::first_calculated;
  st.fixed_weight = setting_number(options, kModel, "fixed_weight", st.fixed_weight);
  st.salience_weight = setting_number(options, kModel, "salience_weight", st.salience_weight);
  if (st.fixed_weight < 0 || st.salience_weight < 0 || st.fixed_weight + st.salience_weight > 1)
    throw UsageError(
        fmt::format("{}: options fixed_weight and salience_weight must be at least 0 and sum to at most 1", kModel));
  st.rate = setting_choice(options, kModel, "rate", {"equal", "random"}, "equal") == "random" ? ExchangeRate::random
                                                                                              : ExchangeRate::equal;
  if (st.rate == ExchangeRate::random && st.compat == ExchangeCompat::equalgain)
    throw UsageError(fmt::format("{}: option rate=random needs compat=decide", kModel));
  st.externalities = setting_choice(options, kModel, "externalities", {"off", "on"}, "off") == "on";
  const double tie_draws = setting_number(options, kModel, "tie_draws", st.tie_draws);
  if (tie_draws < 0 || tie_draws > 1000 || tie_draws != std::floor(tie_draws))
    throw UsageError(fmt::format("{}: option tie_draws expects a whole number from 0 to 1000", kModel));
  st.tie_draws = static_cast<int>(tie_draws);
  st.seed = options.seed;
  return st;
}

double native(const Scenario& s, int issue, double scaled) {
  return s.issues[static_cast<std::size_t>(issue)].from_unit(scaled / 100.0);
}

std::vector<std::vector<double>> native_positions(const Scenario& s, const std::vector<double>& scaled) {
  std::vector<std::vector<double>> out;
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    std::vector<double> row = s.actors[a].position;
    for (std::size_t k = 0; k < s.issues.size(); ++k)
      if (s.actors[a].takes_part.empty() || s.actors[a].takes_part[k])
        row[k] = native(s, static_cast<int>(k), scaled[a * s.issues.size() + k]);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

std::vector<std::string> exchange_option_names() {
  return {"rounds",   "ties",         "tie_digits",      "compat",        "cap",
          "move_sum", "fixed_weight", "salience_weight", "externalities", "rate", "tie_draws"};
}

ForecastResult run_exchange(const Scenario& scenario, const ForecastOptions& options) {
  const ExchangeSettings st = exchange_settings(options);
  const ExchangeInput input = exchange_input(scenario);
  const std::vector<ExchangeRound> rounds = run_exchange_rounds(input, st);
  ForecastResult r;
  r.model = kModel;
  Round start;
  for (const Actor& a : scenario.actors) start.positions.push_back(a.position);
  r.rounds.push_back(std::move(start));
  for (std::size_t n = 0; n < rounds.size(); ++n) {
    Round round;
    round.index = static_cast<int>(n) + 1;
    round.positions = native_positions(scenario, rounds[n].next_start);
    round.exchange_ties = rounds[n].ties;
    for (ExchangeRecord e : rounds[n].exchanges) {
      e.from_a = native(scenario, e.issue_a, e.from_a);
      e.to_a = native(scenario, e.issue_a, e.to_a);
      e.from_b = native(scenario, e.issue_b, e.from_b);
      e.to_b = native(scenario, e.issue_b, e.to_b);
      round.exchanges.push_back(e);
    }
    r.rounds.push_back(std::move(round));
  }
  // Decide's forecast: the weighted mean of the last round's voting positions.
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    r.predicted.push_back(native(scenario, static_cast<int>(k), rounds.back().voting_outcome[k]));
    const bool moved = std::any_of(
        rounds.back().exchanges.begin(), rounds.back().exchanges.end(),
        [&](const ExchangeRecord& e) { return e.issue_a == static_cast<int>(k) || e.issue_b == static_cast<int>(k); });
    r.converged.push_back(!moved);
  }
  r.rounds_used.assign(scenario.issues.size(), st.rounds);
  r.options = {{"rounds", std::to_string(st.rounds)},
               {"ties", st.ties == ExchangeTies::random ? "random" : "first"},
               {"tie_digits", std::to_string(st.tie_digits)},
               {"compat", st.compat == ExchangeCompat::equalgain ? "equalgain" : "decide"},
               {"cap", st.cap == ExchangeCap::none ? "none" : "demand-position"},
               {"move_sum", st.move_sum == ExchangeMoveSum::realised ? "realised" : "first-calculated"},
               {"fixed_weight", fmt::format("{}", st.fixed_weight)},
               {"salience_weight", fmt::format("{}", st.salience_weight)},
               {"externalities", st.externalities ? "on" : "off"},
               {"rate", st.rate == ExchangeRate::random ? "random" : "equal"},
               {"tie_draws", std::to_string(st.tie_draws)}};
  return r;
}

}  // namespace pivot::bargain

namespace pivot {

namespace {
// SplitMix64 (Steele, Lea & Flood 2014): a well-mixed seed per tie draw from the run's seed.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
}  // namespace

ExchangeTieDraws exchange_tie_draws(const Scenario& scenario, const ForecastOptions& options) {
  const int draws = bargain::exchange_settings(options).tie_draws;
  ExchangeTieDraws out;
  out.draws = draws;
  ForecastOptions draw = options;
  draw.settings["ties"] = "random";
  for (int n = 1; n <= draws; ++n) {
    draw.seed = splitmix64(options.seed + static_cast<std::uint64_t>(n));
    const std::vector<double> predicted = bargain::run_exchange(scenario, draw).predicted;
    if (n == 1) {
      out.min = out.max = predicted;
      continue;
    }
    for (std::size_t k = 0; k < predicted.size(); ++k) {
      out.min[k] = std::min(out.min[k], predicted[k]);
      out.max[k] = std::max(out.max[k], predicted[k]);
    }
  }
  return out;
}

ExchangeInput exchange_input(const Scenario& s) {
  ExchangeInput in;
  in.actors = static_cast<int>(s.actors.size());
  in.issues = static_cast<int>(s.issues.size());
  for (const Actor& a : s.actors) {
    in.power.push_back(a.capability);
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
      in.present.push_back(a.takes_part.empty() || a.takes_part[k]);
      in.position.push_back(100.0 * s.issues[k].to_unit(a.position[k]));
      in.salience.push_back(a.salience[k] / 100.0);
    }
  }
  return in;
}

}  // namespace pivot
