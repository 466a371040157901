// What the extensive-form algorithms need to know about a tree, computed once:
// path payoffs, chance reach, and each player's sequences (von Stengel 1996):
// sequence 0 is the empty sequence, then one per (information set, action).
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

#include "pivot/games/extensive_game.hpp"

namespace pivot {

constexpr std::size_t no_node = std::numeric_limits<std::size_t>::max();

struct TreeIndex {
  std::vector<std::size_t> parent;                        // [node], no_node for the root
  std::vector<std::vector<Rational>> payoff;              // [node][player]: outcomes summed from the root to the node
  std::vector<Rational> chance_reach;                     // [node]: product of chance probabilities on the path
  std::vector<std::vector<std::size_t>> sequence;         // [node][player]: the player's sequence leading to the node
  std::vector<std::vector<std::size_t>> first_sequence;   // [player][infoset]: sequence of its action 0
  std::vector<std::vector<std::size_t>> parent_sequence;  // [player][infoset]: sequence leading to it
  std::vector<std::size_t> num_sequences;                 // [player]
  std::vector<std::vector<std::vector<std::size_t>>> nodes_of;  // [player][infoset] -> nodes, prefix order
  bool perfect_recall = true;

  std::size_t sequence_of(std::size_t player, std::size_t infoset, std::size_t action) const {
    return first_sequence[player][infoset] + action;
  }
};

TreeIndex index_tree(const ExtensiveGame& game);

/// Realisation plans [player][sequence] of a behaviour profile (needs perfect recall).
std::vector<std::vector<Rational>> realisation_plans(const ExtensiveGame& game, const TreeIndex& index,
                                                     const BehaviourProfile& profile);

/// Behaviour strategies from realisation plans: b(h, a) = r(σ_h a) / r(σ_h);
/// all zeros where the player's own plan excludes the information set
/// (r(σ_h) = 0), as Gambit prints it.
BehaviourProfile behaviour_from_plans(const ExtensiveGame& game, const TreeIndex& index,
                                      const std::vector<std::vector<Rational>>& plans);

/// A reduced pure strategy: the chosen action per information set, or
/// `unreachable` where the player's own earlier choices exclude it.
constexpr std::size_t unreachable = std::numeric_limits<std::size_t>::max();
std::vector<std::vector<std::size_t>> reduced_strategies(const ExtensiveGame& game, const TreeIndex& index,
                                                         std::size_t player);

/// The number of the player's reduced strategies under perfect recall, without
/// listing them (von Stengel 1996).
mpz_class count_reduced_strategies(const ExtensiveGame& game, const TreeIndex& index, std::size_t player);

/// Every node's payoffs from the leaves up into `value` [node][player]: a leaf
/// its path payoff, a chance node the probability-weighted sum over its
/// children, a decision node the child `choose(node)` picks (all zeros where it
/// returns `unreachable`). Children follow their parent in prefix order, so a
/// backward pass has them ready, and `choose` may read their values.
template <class Choose>
void node_values(const ExtensiveGame& game, const TreeIndex& index, Choose&& choose,
                 std::vector<std::vector<Rational>>& value) {
  const std::size_t n = game.num_players();
  value.resize(game.nodes.size());
  for (std::size_t node = game.nodes.size(); node-- > 0;) {
    const EfgNode& at = game.nodes[node];
    if (at.kind == EfgNodeKind::terminal) {
      value[node] = index.payoff[node];
    } else if (at.kind == EfgNodeKind::chance) {
      value[node].assign(n, 0);
      for (std::size_t k = 0; k < at.children.size(); ++k)
        for (std::size_t p = 0; p < n; ++p)
          value[node][p] += game.chance_sets[at.infoset].probabilities[k] * value[at.children[k]][p];
    } else {
      const std::size_t c = choose(node);
      if (c == unreachable)
        value[node].assign(n, 0);
      else
        value[node] = value[at.children[c]];
    }
  }
}

}  // namespace pivot
