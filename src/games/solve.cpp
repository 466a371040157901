// One entry point for the CLI: run a method, then check each profile exactly
// so that nothing unverified ever reaches a user.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "games/rational_text.hpp"
#include "pivot/error.hpp"
#include "pivot/game.hpp"

namespace pivot {

SolveResult solve_game(const StrategicGame& game, const std::string& method) {
  SolveResult result;
  result.method = method;
  if (method == "enumpure") {
    result.equilibria = pure_equilibria(game);
  } else if (method == "enummixed") {
    auto found = mixed_equilibria_2p(game);
    result.equilibria = std::move(found.equilibria);
    result.component = std::move(found.component);
  } else {
    throw UsageError(fmt::format("unknown method '{}': expected enumpure or enummixed", method));
  }
  for (const auto& profile : result.equilibria)
    if (!is_nash_equilibrium(game, profile))
      throw std::logic_error(fmt::format("{} produced a profile that is not an equilibrium: {}", method,
                                         ne_csv_line(profile)));
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
    // Payoff of each player = its best pure-reply value minus regret (0), computed exactly.
    ordered_json payoffs = ordered_json::array();
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      Rational value = 0;
      for (std::size_t index = 0; index < game.num_profiles(); ++index) {
        Rational weight = 1;
        std::size_t rest = index;
        for (std::size_t q = 0; q < game.num_players() && weight != 0; ++q) {
          weight *= profile[q][rest % game.num_strategies(q)];
          rest /= game.num_strategies(q);
        }
        if (weight != 0) value += weight * game.payoffs[index][p];
      }
      payoffs.push_back(rational_text(value));
    }
    item["payoffs"] = payoffs;
    if (!result.component.empty()) item["component"] = result.component[e];
    list.push_back(item);
  }
  j["equilibria"] = list;
  return j.dump(2) + "\n";
}

}  // namespace pivot
