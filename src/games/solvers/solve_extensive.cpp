// One entry point for extensive games: run a method, turn its answer into
// behaviour strategies, and check each profile exactly before returning it.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "games/rational_text.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/game_structure.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/solvers/backward.hpp"
#include "pivot/games/solvers/lcp.hpp"
#include "pivot/games/solvers/logit.hpp"

namespace pivot {

using games::rational_text;

std::string default_extensive_method(const ExtensiveGame& game) {
  if (has_perfect_information(game)) return "backward";
  if (game.num_players() == 2) return has_perfect_recall(game) ? "lcp" : "enummixed";
  return "enumpure";
}

namespace {

bool is_strategic_method(const std::string& method) {
  return method == "enumpure" || method == "enummixed" || method == "enumpoly";
}

std::string method_list(const ExtensiveGame& game) {
  std::string out;
  for (const auto& m : applicable_methods(game)) out += (out.empty() ? "" : ", ") + m;
  return out;
}

// Games without perfect recall: every method runs on the reduced strategic
// form, which is well defined for them (planning-stage pure strategies), and
// each equilibrium comes with its equivalent behaviour profile where one exists.
MixedEquilibria solve_on_strategic_form(const ExtensiveGame& game, const std::string& method,
                                        const SolveOptions& options) {
  MixedEquilibria out;
  out.form = reduced_strategic_form(game);
  SolveResult found = solve_game(out.form, method, options);  // verified there
  out.mixed = std::move(found.equilibria);
  out.exact = std::move(found.exact);
  for (const auto& profile : out.mixed) out.behaviour.push_back(equivalent_behaviour(game, profile));
  return out;
}

}  // namespace

ExtensiveSolveResult solve_extensive_game(const ExtensiveGame& game, const std::string& method,
                                          const SolveOptions& options) {
  const auto methods = applicable_methods(game);
  const bool known = method == "backward" || method == "lcp" || method == "logit" || is_strategic_method(method);
  if (!known)
    throw UsageError(fmt::format("unknown method '{}' for an extensive game: expected one of {}", method,
                                 "backward, lcp, logit, enumpure, enummixed, enumpoly"));
  if (std::find(methods.begin(), methods.end(), method) == methods.end()) {
    const bool recall = has_perfect_recall(game);
    std::string why = method == "backward" ? "needs perfect information"
                      : method == "lcp"    ? "needs two players and perfect recall (the sequence form)"
                                           : "needs two players";
    const bool players_fit = method != "enummixed" || game.num_players() == 2;
    if ((is_strategic_method(method) && players_fit) || (method == "logit" && !recall))
      if (auto refusal = strategic_form_refusal(game)) why = "needs the reduced strategic form, and " + *refusal;
    const std::string list = method_list(game);
    throw UsageError(fmt::format("'{}': method {} {}{}; methods that apply: {}", game.title, method, why,
                                 recall ? "" : " (this game has imperfect recall)", list.empty() ? "none" : list));
  }
  ExtensiveSolveResult result;
  result.method = method;
  if (!has_perfect_recall(game)) {
    result.mixed = solve_on_strategic_form(game, method, options);
    return result;
  }
  if (method == "backward") {
    auto found = backward_induction(game);
    result.equilibria.push_back(std::move(found.profile));
    result.ties = found.ties;
  } else if (method == "lcp") {
    auto found = sequence_form_equilibrium(game);
    if (!found.empty()) result.equilibria.push_back(std::move(found));
  } else if (method == "logit") {
    auto found = agent_logit(game, options.tolerance);
    result.lambda = found.lambda;
    if (found.profile) {
      result.equilibria.push_back(std::move(*found.profile));
      result.exact.push_back(found.exact);
    }
  } else {
    const StrategicGame form = reduced_strategic_form(game);
    const SolveResult found = solve_game(form, method, options);  // verified on the strategic form
    // Several mixed equilibria can induce the same behaviour; print each behaviour once.
    for (const auto& profile : found.equilibria) {
      auto behaviour = behaviour_from_mixed(game, profile);
      if (std::find(result.equilibria.begin(), result.equilibria.end(), behaviour) == result.equilibria.end())
        result.equilibria.push_back(std::move(behaviour));
    }
  }
  result.exact.resize(result.equilibria.size(), true);
  for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
    const auto& profile = result.equilibria[e];
    bool ok = is_behaviour_equilibrium(game, profile);
    if (!ok && (method == "logit" || method == "enumpoly")) {
      result.exact[e] = false;
      Rational worst = 0;
      for (const auto& r : behaviour_regrets(game, profile)) worst = std::max(worst, r);
      ok = worst <= Rational(options.tolerance);
    }
    if (!ok)
      throw std::logic_error(
          fmt::format("{} produced a profile that is not an equilibrium: {}", method, ne_csv_line(profile)));
  }
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
  auto behaviour_json = [](const BehaviourProfile& profile) {
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
    return probs;
  };
  auto values_json = [](const std::vector<Rational>& values) {
    ordered_json out = ordered_json::array();
    for (const auto& v : values) out.push_back(rational_text(v));
    return out;
  };
  // The same as numbers, beside the exact strings (null beyond the double range).
  auto numbers_json = [](const std::vector<Rational>& values) {
    ordered_json out = ordered_json::array();
    for (const auto& v : values) out.push_back(v.get_d());
    return out;
  };
  auto behaviour_numbers = [&](const BehaviourProfile& profile) {
    ordered_json probs = ordered_json::array();
    for (const auto& player : profile) {
      ordered_json rows = ordered_json::array();
      for (const auto& mix : player) rows.push_back(numbers_json(mix));
      probs.push_back(rows);
    }
    return probs;
  };
  ordered_json list = ordered_json::array();
  for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
    const auto payoffs = expected_payoffs(game, result.equilibria[e]);
    ordered_json item{{"behaviour", behaviour_json(result.equilibria[e])},
                      {"behaviour_values", behaviour_numbers(result.equilibria[e])},
                      {"payoffs", values_json(payoffs)},
                      {"payoff_values", numbers_json(payoffs)}};
    if (result.method == "logit" || result.method == "enumpoly") item["exact"] = static_cast<bool>(result.exact[e]);
    list.push_back(item);
  }
  if (result.mixed) {  // imperfect recall: mixed strategies of the reduced strategic form
    const MixedEquilibria& m = *result.mixed;
    j["strategies"] = m.form.strategies;
    for (std::size_t e = 0; e < m.mixed.size(); ++e) {
      ordered_json probs = ordered_json::array(), numbers = ordered_json::array();
      for (const auto& mix : m.mixed[e]) probs.push_back(values_json(mix)), numbers.push_back(numbers_json(mix));
      const auto payoffs = expected_payoffs(m.form, m.mixed[e]);
      list.push_back({{"profile", probs},
                      {"profile_values", numbers},
                      {"behaviour", m.behaviour[e] ? behaviour_json(*m.behaviour[e]) : ordered_json()},
                      {"payoffs", values_json(payoffs)},
                      {"payoff_values", numbers_json(payoffs)},
                      {"exact", static_cast<bool>(m.exact[e])}});
    }
  }
  j["equilibria"] = list;
  if (result.method == "backward") j["ties"] = result.ties;
  if (result.method == "logit" && !result.mixed) j["lambda"] = result.lambda;
  // Labels come from user files: replace invalid UTF-8 rather than fail.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace pivot
