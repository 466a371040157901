// One entry point for the CLI: run a method, then check each profile exactly
// so that nothing unverified ever reaches a user.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "games/rational_text.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/solvers/enummixed.hpp"
#include "pivot/games/solvers/enumpoly.hpp"
#include "pivot/games/solvers/enumpure.hpp"
#include "pivot/games/solvers/lcp.hpp"
#include "pivot/games/solvers/logit.hpp"
#include "pivot/games/solvers/lp.hpp"

namespace pivot {

using games::rational_text;

const std::vector<StrategicMethod>& strategic_methods() {
  static const std::vector<StrategicMethod> methods{
      {"enumpure", solve_enumpure, false}, {"enummixed", solve_enummixed, false},
      {"lcp", solve_lcp, false},           {"lp", solve_lp, false},
      {"logit", solve_logit, true},        {"enumpoly", solve_enumpoly, true}};
  return methods;
}

const std::vector<std::string>& solve_methods() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& m : strategic_methods()) out.emplace_back(m.name);
    return out;
  }();
  return names;
}

SolveResult solve_game(const StrategicGame& game, const std::string& method, const SolveOptions& options) {
  const auto& methods = strategic_methods();
  const auto found =
      std::find_if(methods.begin(), methods.end(), [&](const StrategicMethod& m) { return method == m.name; });
  if (found == methods.end())
    throw UsageError(fmt::format("unknown method '{}': expected one of {}", method, fmt::join(solve_methods(), ", ")));
  SolveResult result = found->solve(game, options);
  for (const auto& profile : result.equilibria) {
    const bool exact = is_nash_equilibrium(game, profile);
    bool valid = exact;
    if (!exact && found->approximate) {
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
    // The same as numbers, for readers without a rational parser (null beyond the double range).
    ordered_json values = ordered_json::array();
    for (const auto& mix : profile) {
      ordered_json row = ordered_json::array();
      for (const auto& p : mix) row.push_back(p.get_d());
      values.push_back(row);
    }
    item["profile_values"] = values;
    ordered_json payoffs = ordered_json::array(), payoff_values = ordered_json::array();
    for (const auto& v : expected_payoffs(game, profile)) {
      payoffs.push_back(rational_text(v));
      payoff_values.push_back(v.get_d());
    }
    item["payoffs"] = payoffs;
    item["payoff_values"] = payoff_values;
    if (!result.component.empty()) item["component"] = result.component[e];
    item["exact"] = static_cast<bool>(result.exact[e]);
    list.push_back(item);
  }
  j["equilibria"] = list;
  if (result.value) j["value"] = rational_text(*result.value);
  return j.dump(2) + "\n";
}

}  // namespace pivot
