// The reduced strategic form of a game tree, as Gambit builds it: a pure
// strategy fixes an action only at the information sets that the player's own
// earlier actions leave reachable (strategies that differ elsewhere give the
// same play against every opponent, so they are one strategy).
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

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

namespace {

// With perfect recall an information set is reachable exactly when the action
// that leads to its (unique) parent sequence is chosen, so an odometer over the
// information sets in order of first appearance lists each reduced strategy once.
std::vector<std::vector<std::size_t>> reduced_strategies_perfect_recall(const ExtensiveGame& game,
                                                                        const TreeIndex& index, std::size_t player) {
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

// Without perfect recall an information set may be reached along several of
// the player's own histories (or twice along one, with absent-mindedness).
// Every full pure strategy is listed in lexicographic order, the information
// sets no node of which its own choices reach are starred, and the first of
// each class is kept, which gives the perfect-recall order on games that have it.
std::vector<std::vector<std::size_t>> reduced_strategies_any_recall(const ExtensiveGame& game, std::size_t player) {
  const std::size_t count = game.infosets[player].size();
  std::vector<std::vector<std::size_t>> out;
  std::set<std::vector<std::size_t>> seen;
  std::vector<std::size_t> choice(count, 0);
  std::vector<char> consistent(game.nodes.size(), 0);
  while (true) {
    // consistent[node]: the player's own moves on the path to node follow `choice`.
    std::vector<std::size_t> reduced(count, unreachable);
    if (!game.nodes.empty()) consistent[0] = 1;
    for (std::size_t node = 0; node < game.nodes.size(); ++node) {
      const EfgNode& at = game.nodes[node];
      const bool own = at.kind == EfgNodeKind::decision && at.player == player;
      if (own && consistent[node]) reduced[at.infoset] = choice[at.infoset];
      for (std::size_t k = 0; k < at.children.size(); ++k)
        consistent[at.children[k]] = consistent[node] && (!own || choice[at.infoset] == k);
    }
    if (seen.insert(reduced).second) out.push_back(std::move(reduced));
    std::size_t h = count;
    while (h-- > 0) {
      if (++choice[h] < game.infosets[player][h].actions.size()) break;
      choice[h] = 0;
    }
    if (h == static_cast<std::size_t>(-1)) break;
  }
  return out;
}

// Why listing the player's reduced strategies would go past the limits, if it would.
std::optional<std::string> listing_refusal(const ExtensiveGame& game, const TreeIndex& index, std::size_t player) {
  if (index.perfect_recall) {
    if (count_reduced_strategies(game, index, player) <= max_strategies) return std::nullopt;
    return fmt::format("player {} has more than {} reduced strategies: too large for the strategic form", player + 1,
                       max_strategies);
  }
  double full = 1;
  for (const auto& set : game.infosets[player]) full *= static_cast<double>(set.actions.size());
  if (full * static_cast<double>(game.nodes.size()) <= max_work) return std::nullopt;
  return fmt::format(
      "player {} has {:.0f} pure strategies in a {}-node tree without perfect recall: too large for the strategic "
      "form",
      player + 1, full, game.nodes.size());
}

}  // namespace

std::vector<std::vector<std::size_t>> reduced_strategies(const ExtensiveGame& game, const TreeIndex& index,
                                                         std::size_t player) {
  if (auto why = listing_refusal(game, index, player)) throw UsageError(*why);
  return index.perfect_recall ? reduced_strategies_perfect_recall(game, index, player)
                              : reduced_strategies_any_recall(game, player);
}

// Number of reduced strategies under perfect recall (von Stengel 1996): a
// sequence's count is the product, over the information sets it leads to
// directly, of the sum of its actions' counts; the player's total is the empty
// sequence's. Children come after their parent set in order of first appearance.
mpz_class count_reduced_strategies(const ExtensiveGame& game, const TreeIndex& index, std::size_t player) {
  std::vector<mpz_class> count(index.num_sequences[player], 1);
  for (std::size_t h = game.infosets[player].size(); h-- > 0;) {
    mpz_class sum = 0;
    for (std::size_t a = 0; a < game.infosets[player][h].actions.size(); ++a)
      sum += count[index.sequence_of(player, h, a)];
    count[index.parent_sequence[player][h]] *= sum;
  }
  return count[0];
}

std::optional<std::string> strategic_form_refusal(const ExtensiveGame& game) {
  const TreeIndex index = index_tree(game);
  double profiles = 1;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    if (auto why = listing_refusal(game, index, p)) return why;
    profiles *= index.perfect_recall ? count_reduced_strategies(game, index, p).get_d()
                                     : static_cast<double>(reduced_strategies_any_recall(game, p).size());
  }
  if (profiles * static_cast<double>(game.nodes.size()) > max_work)
    return fmt::format("the reduced strategic form has {:.0f} profiles of a {}-node tree: too large", profiles,
                       game.nodes.size());
  return std::nullopt;
}

StrategicGame reduced_strategic_form(const ExtensiveGame& game) {
  if (auto why = strategic_form_refusal(game)) throw UsageError(*why);
  const TreeIndex index = index_tree(game);
  const std::size_t n = game.num_players();
  StrategicGame form;
  form.title = game.title;
  form.comment = game.comment;
  form.players = game.players;
  std::vector<std::vector<std::vector<std::size_t>>> plans(n);
  for (std::size_t p = 0; p < n; ++p) {
    plans[p] = reduced_strategies(game, index, p);
    std::vector<std::string> labels;
    for (const auto& plan : plans[p]) {
      std::string label;
      for (std::size_t c : plan) label += c == unreachable ? std::string("*") : std::to_string(c + 1);
      labels.push_back(label.empty() ? "1" : label);
    }
    form.strategies.push_back(std::move(labels));
  }
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

namespace pivot {

namespace {

// own[node]: the probability that the player's mixed strategy makes the player's
// own moves on the path to node (the player's part of the realisation probability).
std::vector<Rational> own_reach(const ExtensiveGame& game, std::size_t player,
                                const std::vector<std::vector<std::size_t>>& plans, const std::vector<Rational>& mix) {
  std::vector<Rational> own(game.nodes.size(), 0);
  std::vector<char> consistent(game.nodes.size(), 0);
  for (std::size_t s = 0; s < plans.size(); ++s) {
    if (mix[s] == 0) continue;
    consistent[0] = 1;
    for (std::size_t node = 0; node < game.nodes.size(); ++node) {
      if (!consistent[node]) continue;
      own[node] += mix[s];
      const EfgNode& at = game.nodes[node];
      const bool mine = at.kind == EfgNodeKind::decision && at.player == player;
      for (std::size_t k = 0; k < at.children.size(); ++k)
        consistent[at.children[k]] = !mine || plans[s][at.infoset] == k;
    }
    std::fill(consistent.begin(), consistent.end(), 0);
  }
  return own;
}

}  // namespace

// Without perfect recall a mixed strategy may have no equivalent behaviour
// strategy (Kuhn 1953). If one exists, then at the first member (in prefix
// order) of an information set that the player's own moves reach with positive
// probability, no earlier member lies on its path, so b(h, a) must equal
// own(x a) / own(x) there; the candidate built that way is checked on every node.
std::optional<BehaviourProfile> equivalent_behaviour(const ExtensiveGame& game, const MixedProfile& mixed) {
  const TreeIndex index = index_tree(game);
  if (index.perfect_recall) return behaviour_from_mixed(game, mixed);
  BehaviourProfile profile(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto plans = reduced_strategies(game, index, p);
    if (mixed.size() != game.num_players() || mixed[p].size() != plans.size())
      throw UsageError("mixed profile does not match the reduced strategic form");
    const auto own = own_reach(game, p, plans, mixed[p]);
    for (std::size_t h = 0; h < game.infosets[p].size(); ++h) {
      std::vector<Rational> mix(game.infosets[p][h].actions.size(), 0);
      for (std::size_t x : index.nodes_of[p][h]) {
        if (own[x] == 0) continue;
        for (std::size_t a = 0; a < mix.size(); ++a) mix[a] = own[game.nodes[x].children[a]] / own[x];
        break;
      }
      profile[p].push_back(std::move(mix));
    }
    // The candidate's own reach must equal the mixed strategy's on every node.
    std::vector<Rational> reach(game.nodes.size(), 0);
    reach[0] = 1;
    for (std::size_t node = 0; node < game.nodes.size(); ++node) {
      if (reach[node] != own[node]) return std::nullopt;
      const EfgNode& at = game.nodes[node];
      const bool mine = at.kind == EfgNodeKind::decision && at.player == p;
      for (std::size_t k = 0; k < at.children.size(); ++k)
        reach[at.children[k]] = mine ? reach[node] * profile[p][at.infoset][k] : reach[node];
    }
  }
  return profile;
}

}  // namespace pivot
