// What the extensive-form algorithms need to know about a tree, computed once:
// path payoffs, chance reach, and each player's sequences (von Stengel 1996):
// sequence 0 is the empty sequence, then one per (information set, action).
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

#include "pivot/extensive_game.hpp"

namespace pivot {

constexpr std::size_t no_node = std::numeric_limits<std::size_t>::max();

struct TreeIndex {
  std::vector<std::size_t> parent;               // [node], no_node for the root
  std::vector<std::vector<Rational>> payoff;     // [node][player]: outcomes summed from the root to the node
  std::vector<Rational> chance_reach;            // [node]: product of chance probabilities on the path
  std::vector<std::vector<std::size_t>> sequence;  // [node][player]: the player's sequence leading to the node
  std::vector<std::vector<std::size_t>> first_sequence;   // [player][infoset]: sequence of its action 0
  std::vector<std::vector<std::size_t>> parent_sequence;  // [player][infoset]: sequence leading to it
  std::vector<std::size_t> num_sequences;        // [player]
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

}  // namespace pivot
