// One entry point for extensive games: run a method, turn its answer into
// behaviour strategies, and check each profile exactly before returning it.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "games/rational_text.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"

namespace pivot {

std::string default_extensive_method(const ExtensiveGame& game) {
  return has_perfect_information(game) ? "backward" : "lcp";
}

ExtensiveSolveResult solve_extensive_game(const ExtensiveGame& game, const std::string& method) {
  if (!has_perfect_recall(game))
    throw UsageError(fmt::format("'{}' has imperfect recall: pivot solves only games with perfect recall", game.title));
  ExtensiveSolveResult result;
  result.method = method;
  if (method == "backward") {
    auto found = backward_induction(game);
    result.equilibria.push_back(std::move(found.profile));
    result.ties = found.ties;
  } else if (method == "lcp") {
    auto found = sequence_form_equilibrium(game);
    if (!found.empty()) result.equilibria.push_back(std::move(found));
  } else if (method == "enumpure" || method == "enummixed") {
    const StrategicGame form = reduced_strategic_form(game);
    const auto mixed = method == "enumpure" ? pure_equilibria(form) : mixed_equilibria_2p(form).equilibria;
    // Several mixed equilibria can induce the same behaviour; print each behaviour once.
    for (const auto& profile : mixed) {
      auto behaviour = behaviour_from_mixed(game, profile);
      if (std::find(result.equilibria.begin(), result.equilibria.end(), behaviour) == result.equilibria.end())
        result.equilibria.push_back(std::move(behaviour));
    }
  } else {
    throw UsageError(fmt::format(
        "unknown method '{}' for an extensive game: expected backward, lcp, enumpure or enummixed", method));
  }
  for (const auto& profile : result.equilibria)
    if (!is_behaviour_equilibrium(game, profile))
      throw std::logic_error(
          fmt::format("{} produced a profile that is not an equilibrium: {}", method, ne_csv_line(profile)));
  return result;
}

std::string extensive_result_json(const ExtensiveGame& game, const ExtensiveSolveResult& result) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["title"] = game.title;
  j["form"] = "extensive";
  j["method"] = result.method;
  j["players"] = game.players;
  ordered_json sets = ordered_json::array();
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    ordered_json player = ordered_json::array();
    for (const auto& set : game.infosets[p]) player.push_back({{"label", set.label}, {"actions", set.actions}});
    sets.push_back(player);
  }
  j["information_sets"] = sets;
  ordered_json list = ordered_json::array();
  for (const auto& profile : result.equilibria) {
    ordered_json probs = ordered_json::array();
    for (const auto& player : profile) {
      ordered_json rows = ordered_json::array();
      for (const auto& mix : player) {
        ordered_json row = ordered_json::array();
        for (const auto& p : mix) row.push_back(rational_text(p));
        rows.push_back(row);
      }
      probs.push_back(rows);
    }
    ordered_json payoffs = ordered_json::array();
    for (const auto& v : expected_payoffs(game, profile)) payoffs.push_back(rational_text(v));
    list.push_back({{"behaviour", probs}, {"payoffs", payoffs}});
  }
  j["equilibria"] = list;
  if (result.method == "backward") j["ties"] = result.ties;
  // Labels come from user files: replace invalid UTF-8 rather than fail.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace pivot
