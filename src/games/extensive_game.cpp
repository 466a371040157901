// Bookkeeping for game trees: the sequence index, perfect information and
// recall, expected payoffs and exact regrets of behaviour profiles.
#include <fmt/format.h>

#include <stdexcept>

#include "games/profile_text.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/tree_index.hpp"

namespace pivot {

using games::parse_profile_groups;
using games::probability_text;


TreeIndex index_tree(const ExtensiveGame& game) {
  const std::size_t n = game.num_players();
  TreeIndex index;
  index.first_sequence.resize(n);
  index.parent_sequence.resize(n);
  index.nodes_of.resize(n);
  index.num_sequences.assign(n, 1);
  for (std::size_t p = 0; p < n; ++p)
    for (const auto& set : game.infosets[p]) {
      index.first_sequence[p].push_back(index.num_sequences[p]);
      index.num_sequences[p] += set.actions.size();
      index.nodes_of[p].emplace_back();
    }
  for (std::size_t p = 0; p < n; ++p) index.parent_sequence[p].assign(game.infosets[p].size(), no_node);
  const std::size_t count = game.nodes.size();
  index.parent.assign(count, no_node);
  index.payoff.assign(count, std::vector<Rational>(n, 0));
  index.chance_reach.assign(count, 1);
  index.sequence.assign(count, std::vector<std::size_t>(n, 0));
  auto add_outcome = [&](std::size_t node) {
    if (game.nodes[node].outcome == 0) return;
    const auto& payoffs = game.outcomes[game.nodes[node].outcome - 1].payoffs;
    for (std::size_t p = 0; p < n; ++p) index.payoff[node][p] += payoffs[p];
  };
  if (count > 0) add_outcome(0);
  for (std::size_t node = 0; node < count; ++node) {
    const EfgNode& at = game.nodes[node];
    if (at.kind == EfgNodeKind::decision) {
      index.nodes_of[at.player][at.infoset].push_back(node);
      auto& expected = index.parent_sequence[at.player][at.infoset];
      if (expected == no_node)
        expected = index.sequence[node][at.player];
      else if (expected != index.sequence[node][at.player])
        index.perfect_recall = false;
    }
    for (std::size_t k = 0; k < at.children.size(); ++k) {
      const std::size_t child = at.children[k];
      if (child <= node || child >= count) throw std::logic_error("extensive game nodes are not in prefix order");
      index.parent[child] = node;
      index.payoff[child] = index.payoff[node];
      add_outcome(child);
      index.chance_reach[child] = index.chance_reach[node];
      index.sequence[child] = index.sequence[node];
      if (at.kind == EfgNodeKind::chance)
        index.chance_reach[child] *= game.chance_sets[at.infoset].probabilities[k];
      else
        index.sequence[child][at.player] = index.sequence_of(at.player, at.infoset, k);
    }
  }
  for (std::size_t p = 0; p < n; ++p)
    for (auto& s : index.parent_sequence[p])
      if (s == no_node) s = 0;  // an information set without nodes: treat as reached from the root
  return index;
}

bool has_perfect_information(const ExtensiveGame& game) {
  const TreeIndex index = index_tree(game);
  for (const auto& sets : index.nodes_of)
    for (const auto& nodes : sets)
      if (nodes.size() != 1) return false;
  return true;
}

bool has_perfect_recall(const ExtensiveGame& game) { return index_tree(game).perfect_recall; }

namespace {

void check_shape(const ExtensiveGame& game, const BehaviourProfile& profile) {
  if (profile.size() != game.num_players())
    throw UsageError(fmt::format("profile has {} players, the game {}", profile.size(), game.num_players()));
  for (std::size_t p = 0; p < profile.size(); ++p) {
    if (profile[p].size() != game.infosets[p].size())
      throw UsageError(fmt::format("profile has {} information sets for player {}, the game {}", profile[p].size(),
                                   p + 1, game.infosets[p].size()));
    for (std::size_t h = 0; h < profile[p].size(); ++h)
      if (profile[p][h].size() != game.infosets[p][h].actions.size())
        throw UsageError(
            fmt::format("profile gives {} probabilities at information set {} of player {}, which has {} actions",
                        profile[p][h].size(), h + 1, p + 1, game.infosets[p][h].actions.size()));
  }
}

}  // namespace

std::vector<Rational> reach_probabilities(const ExtensiveGame& game, const BehaviourProfile& profile) {
  std::vector<Rational> reach(game.nodes.size(), 0);
  if (!game.nodes.empty()) reach[0] = 1;
  for (std::size_t node = 0; node < game.nodes.size(); ++node) {
    const EfgNode& at = game.nodes[node];
    for (std::size_t k = 0; k < at.children.size(); ++k) {
      const Rational& step = at.kind == EfgNodeKind::chance ? game.chance_sets[at.infoset].probabilities[k]
                                                            : profile[at.player][at.infoset][k];
      reach[at.children[k]] = reach[node] * step;
    }
  }
  return reach;
}

std::vector<std::vector<Rational>> realisation_plans(const ExtensiveGame& game, const TreeIndex& index,
                                                     const BehaviourProfile& profile) {
  std::vector<std::vector<Rational>> plans(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    plans[p].assign(index.num_sequences[p], 0);
    plans[p][0] = 1;
    for (std::size_t h = 0; h < game.infosets[p].size(); ++h)  // parents come first
      for (std::size_t a = 0; a < game.infosets[p][h].actions.size(); ++a)
        plans[p][index.sequence_of(p, h, a)] = plans[p][index.parent_sequence[p][h]] * profile[p][h][a];
  }
  return plans;
}

BehaviourProfile behaviour_from_plans(const ExtensiveGame& game, const TreeIndex& index,
                                      const std::vector<std::vector<Rational>>& plans) {
  BehaviourProfile profile(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (std::size_t h = 0; h < game.infosets[p].size(); ++h) {
      const std::size_t actions = game.infosets[p][h].actions.size();
      const Rational& reach = plans[p][index.parent_sequence[p][h]];
      // Gambit's convention: all zeros where the player's own plan never reaches the set.
      std::vector<Rational> mix(actions, 0);
      if (reach != 0)
        for (std::size_t a = 0; a < actions; ++a) mix[a] = plans[p][index.sequence_of(p, h, a)] / reach;
      profile[p].push_back(std::move(mix));
    }
  return profile;
}

std::vector<Rational> expected_payoffs(const ExtensiveGame& game, const BehaviourProfile& profile) {
  check_shape(game, profile);
  const TreeIndex index = index_tree(game);
  const auto reach = reach_probabilities(game, profile);
  std::vector<Rational> total(game.num_players(), 0);
  for (std::size_t node = 0; node < game.nodes.size(); ++node)
    if (game.nodes[node].children.empty() && reach[node] != 0)
      for (std::size_t p = 0; p < game.num_players(); ++p) total[p] += reach[node] * index.payoff[node][p];
  return total;
}

// Best reply over realisation plans: a sequence's value is what its terminal
// nodes contribute (weighted by chance and the others' plans) plus, for each
// information set it leads to, the best action's value (von Stengel 1996).
std::vector<Rational> behaviour_regrets(const ExtensiveGame& game, const BehaviourProfile& profile) {
  check_shape(game, profile);
  const TreeIndex index = index_tree(game);
  if (!index.perfect_recall) throw UsageError("regrets need a game with perfect recall");
  const auto plans = realisation_plans(game, index, profile);
  const auto achieved = expected_payoffs(game, profile);
  std::vector<Rational> out;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    std::vector<Rational> value(index.num_sequences[i], 0);
    for (std::size_t node = 0; node < game.nodes.size(); ++node) {
      if (!game.nodes[node].children.empty()) continue;
      Rational weight = index.chance_reach[node];
      for (std::size_t j = 0; j < game.num_players() && weight != 0; ++j)
        if (j != i) weight *= plans[j][index.sequence[node][j]];
      if (weight != 0) value[index.sequence[node][i]] += weight * index.payoff[node][i];
    }
    for (std::size_t h = game.infosets[i].size(); h-- > 0;) {
      Rational best = value[index.sequence_of(i, h, 0)];
      for (std::size_t a = 1; a < game.infosets[i][h].actions.size(); ++a)
        if (value[index.sequence_of(i, h, a)] > best) best = value[index.sequence_of(i, h, a)];
      value[index.parent_sequence[i][h]] += best;
    }
    out.push_back(value[0] - achieved[i]);
  }
  return out;
}

// Each information set plays a distribution, or all zeros where the player's
// own earlier actions exclude it (as Gambit prints such sets).
bool is_valid_behaviour(const ExtensiveGame& game, const BehaviourProfile& profile) {
  const TreeIndex index = index_tree(game);
  if (!index.perfect_recall) throw UsageError("regrets need a game with perfect recall");
  const auto plans = realisation_plans(game, index, profile);
  for (std::size_t p = 0; p < profile.size(); ++p)
    for (std::size_t h = 0; h < profile[p].size(); ++h) {
      Rational total = 0;
      for (const auto& prob : profile[p][h]) {
        if (prob < 0) return false;
        total += prob;
      }
      const bool excluded = plans[p][index.parent_sequence[p][h]] == 0;
      if (total != 1 && !(total == 0 && excluded)) return false;
    }
  return true;
}

bool is_behaviour_equilibrium(const ExtensiveGame& game, const BehaviourProfile& profile) {
  check_shape(game, profile);
  if (!is_valid_behaviour(game, profile)) return false;
  for (const auto& r : behaviour_regrets(game, profile))
    if (r != 0) return false;
  return true;
}

std::string ne_csv_line(const BehaviourProfile& profile, int digits) {
  std::string line = "NE";
  for (const auto& player : profile)
    for (const auto& mix : player)
      for (const auto& p : mix) line += "," + probability_text(p, digits);
  return line;
}

BehaviourProfile parse_behaviour_profile(const ExtensiveGame& game, std::string_view text) {
  std::vector<std::size_t> sizes;
  for (const auto& sets : game.infosets)
    for (const auto& set : sets) sizes.push_back(set.actions.size());
  auto mixes = parse_profile_groups(text, sizes, "actions at players' information sets");
  BehaviourProfile profile(game.num_players());
  std::size_t k = 0;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (std::size_t h = 0; h < game.infosets[p].size(); ++h) profile[p].push_back(std::move(mixes[k++]));
  return profile;
}

}  // namespace pivot
