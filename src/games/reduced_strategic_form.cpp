// The reduced strategic form of a game tree, as Gambit builds it: a pure
// strategy fixes an action only at the information sets that the player's own
// earlier actions leave reachable (strategies that differ elsewhere give the
// same play against every opponent, so they are one strategy).
#include <fmt/format.h>

#include "pivot/core/error.hpp"
#include "pivot/games/tree_index.hpp"

namespace pivot {

namespace {

constexpr std::size_t max_strategies = 100000;
constexpr double max_work = 5e7;  // profiles x nodes

// For each sequence of the player other than the empty one: its (infoset, action).
std::vector<std::pair<std::size_t, std::size_t>> sequence_owner(const ExtensiveGame& game, const TreeIndex& index,
                                                                std::size_t player) {
  std::vector<std::pair<std::size_t, std::size_t>> owner(index.num_sequences[player]);
  for (std::size_t h = 0; h < game.infosets[player].size(); ++h)
    for (std::size_t a = 0; a < game.infosets[player][h].actions.size(); ++a)
      owner[index.sequence_of(player, h, a)] = {h, a};
  return owner;
}

}  // namespace

std::vector<std::vector<std::size_t>> reduced_strategies(const ExtensiveGame& game, const TreeIndex& index,
                                                         std::size_t player) {
  const auto owner = sequence_owner(game, index, player);
  const std::size_t count = game.infosets[player].size();
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> choice(count, unreachable);
  // Odometer over the information sets in order of first appearance (a parent
  // information set always comes before its children).
  auto reachable = [&](std::size_t h) {
    const std::size_t s = index.parent_sequence[player][h];
    return s == 0 || choice[owner[s].first] == owner[s].second;
  };
  auto fill_from = [&](std::size_t start) {
    for (std::size_t h = start; h < count; ++h) choice[h] = reachable(h) ? 0 : unreachable;
  };
  fill_from(0);
  while (true) {
    out.push_back(choice);
    if (out.size() > max_strategies)
      throw UsageError(fmt::format("player {} has more than {} reduced strategies: too large for the strategic form",
                                   player + 1, max_strategies));
    std::size_t h = count;
    while (h-- > 0) {
      if (choice[h] != unreachable && choice[h] + 1 < game.infosets[player][h].actions.size()) break;
    }
    if (h == static_cast<std::size_t>(-1)) break;
    ++choice[h];
    fill_from(h + 1);
  }
  return out;
}

StrategicGame reduced_strategic_form(const ExtensiveGame& game) {
  const TreeIndex index = index_tree(game);
  if (!index.perfect_recall) throw UsageError("the reduced strategic form needs a game with perfect recall");
  const std::size_t n = game.num_players();
  StrategicGame form;
  form.title = game.title;
  form.comment = game.comment;
  form.players = game.players;
  std::vector<std::vector<std::vector<std::size_t>>> plans(n);
  double profiles = 1;
  for (std::size_t p = 0; p < n; ++p) {
    plans[p] = reduced_strategies(game, index, p);
    profiles *= static_cast<double>(plans[p].size());
    std::vector<std::string> labels;
    for (const auto& plan : plans[p]) {
      std::string label;
      for (std::size_t c : plan) label += c == unreachable ? std::string("*") : std::to_string(c + 1);
      labels.push_back(label.empty() ? "1" : label);
    }
    form.strategies.push_back(std::move(labels));
  }
  if (profiles * static_cast<double>(game.nodes.size()) > max_work)
    throw UsageError(fmt::format("the reduced strategic form has {:.0f} profiles of a {}-node tree: too large",
                                 profiles, game.nodes.size()));
  form.payoffs.assign(form.num_profiles(), std::vector<Rational>(n, 0));
  std::vector<std::size_t> pure(n, 0);
  std::vector<std::vector<Rational>> value;
  // A node the player's own plan never reaches gets `unreachable`: its value never counts.
  auto planned_action = [&](std::size_t node) {
    const EfgNode& at = game.nodes[node];
    return plans[at.player][pure[at.player]][at.infoset];
  };
  for (std::size_t profile = 0; profile < form.num_profiles(); ++profile) {
    node_values(game, index, planned_action, value);
    if (!game.nodes.empty()) form.payoffs[profile] = value[0];
    for (std::size_t q = 0; q < n; ++q) {
      if (++pure[q] < plans[q].size()) break;
      pure[q] = 0;
    }
  }
  return form;
}

BehaviourProfile behaviour_from_mixed(const ExtensiveGame& game, const MixedProfile& mixed) {
  const TreeIndex index = index_tree(game);
  std::vector<std::vector<Rational>> realisation(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto plans = reduced_strategies(game, index, p);
    if (mixed.size() != game.num_players() || mixed[p].size() != plans.size())
      throw UsageError("mixed profile does not match the reduced strategic form");
    realisation[p].assign(index.num_sequences[p], 0);
    for (std::size_t s = 0; s < plans.size(); ++s) {
      if (mixed[p][s] == 0) continue;
      realisation[p][0] += mixed[p][s];
      for (std::size_t h = 0; h < plans[s].size(); ++h)
        if (plans[s][h] != unreachable) realisation[p][index.sequence_of(p, h, plans[s][h])] += mixed[p][s];
    }
  }
  return behaviour_from_plans(game, index, realisation);
}

}  // namespace pivot
