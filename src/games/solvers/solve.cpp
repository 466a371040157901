// One entry point for the CLI: run a method, then check each profile exactly
// so that nothing unverified ever reaches a user.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "games/rational_text.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/game.hpp"

namespace pivot {

using games::rational_text;


namespace {

// Logit: trace the principal branch; each time lambda times the payoff range
// doubles from 1000 on (earlier, refining large supports costs more than
// tracing), refine the current point. Stop when two successive refinements
// give the same verified equilibrium and the path is within 0.01 of it.
void solve_logit(const StrategicGame& game, const SolveOptions& options, SolveResult& result) {
  Rational low = game.payoffs.at(0).at(0), high = low;
  for (const auto& cell : game.payoffs)
    for (const auto& v : cell) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
  const double range = high > low ? Rational(high - low).get_d() : 1.0;
  LogitOptions settings;
  settings.keep_path = options.trace;
  double next_check = 1000.0 / range;
  std::optional<MixedProfile> previous, accepted;
  settings.stop = [&](const LogitPoint& point) {
    if (point.lambda < next_check) return false;
    while (next_check <= point.lambda) next_check *= 2.0;
    auto refined = refine_equilibrium(game, point.profile, options.tolerance);
    if (refined && previous && *refined == *previous) {
      double distance = 0;
      for (std::size_t i = 0; i < refined->size(); ++i)
        for (std::size_t j = 0; j < (*refined)[i].size(); ++j)
          distance = std::max(distance, std::abs((*refined)[i][j].get_d() - point.profile[i][j]));
      if (distance <= 0.01) accepted = refined;
    }
    previous = std::move(refined);
    return accepted.has_value();
  };
  LogitTrace trace = trace_logit(game, settings);
  if (!accepted) accepted = refine_equilibrium(game, trace.last.profile, options.tolerance);
  if (accepted) result.equilibria.push_back(std::move(*accepted));
  result.path = std::move(trace.path);
}

}  // namespace

const std::vector<std::string>& solve_methods() {
  static const std::vector<std::string> names{"enumpure", "enummixed", "lcp", "lp", "logit", "enumpoly"};
  return names;
}

SolveResult solve_game(const StrategicGame& game, const std::string& method, const SolveOptions& options) {
  SolveResult result;
  result.method = method;
  if (method == "enumpure") {
    result.equilibria = pure_equilibria(game);
  } else if (method == "enummixed") {
    auto found = mixed_equilibria_2p(game);
    result.equilibria = std::move(found.equilibria);
    result.component = std::move(found.component);
  } else if (method == "lcp") {
    if (options.label != 0)
      result.equilibria.push_back(lemke_howson(game, options.label));
    else if (options.max_equilibria == 1)
      result.equilibria.push_back(lemke_howson_any(game));
    else
      result.equilibria = lemke_howson_network(game, options.max_equilibria);
  } else if (method == "lp") {
    auto solution = solve_zero_sum(game);
    result.equilibria.push_back(std::move(solution.profile));
    result.value = solution.value;
  } else if (method == "logit") {
    solve_logit(game, options, result);
  } else if (method == "enumpoly") {
    result.equilibria = support_enumeration_equilibria(game, options.tolerance);
  } else {
    std::string names;
    for (const auto& name : solve_methods()) names += (names.empty() ? "" : ", ") + name;
    throw UsageError(fmt::format("unknown method '{}': expected one of {}", method, names));
  }
  for (const auto& profile : result.equilibria) {
    const bool exact = is_nash_equilibrium(game, profile);
    bool valid = exact;
    if (!exact && (method == "logit" || method == "enumpoly")) {
      valid = max_regret(game, profile) <= Rational(options.tolerance);
      for (const auto& mix : profile) {
        Rational total = 0;
        for (const auto& p : mix) {
          valid = valid && p >= 0;
          total += p;
        }
        valid = valid && total == 1;
      }
    }
    if (!valid)
      throw std::logic_error(
          fmt::format("{} produced a profile that is not an equilibrium: {}", method, ne_csv_line(profile)));
    result.exact.push_back(exact);
  }
  return result;
}

std::string solve_result_json(const StrategicGame& game, const SolveResult& result) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["title"] = game.title;
  j["method"] = result.method;
  j["players"] = game.players;
  j["strategies"] = game.strategies;
  ordered_json list = ordered_json::array();
  for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
    const auto& profile = result.equilibria[e];
    ordered_json item;
    ordered_json probs = ordered_json::array();
    for (const auto& mix : profile) {
      ordered_json row = ordered_json::array();
      for (const auto& p : mix) row.push_back(rational_text(p));
      probs.push_back(row);
    }
    item["profile"] = probs;
    ordered_json payoffs = ordered_json::array();
    for (const auto& v : expected_payoffs(game, profile)) payoffs.push_back(rational_text(v));
    item["payoffs"] = payoffs;
    if (!result.component.empty()) item["component"] = result.component[e];
    item["exact"] = static_cast<bool>(result.exact[e]);
    list.push_back(item);
  }
  j["equilibria"] = list;
  if (result.value) j["value"] = rational_text(*result.value);
  return j.dump(2) + "\n";
}

}  // namespace pivot
