// What a game tree is made of, as Gambit's API reports it: perfect recall,
// absent-mindedness, subgame roots, each information set's own prior actions,
// and the sizes of the reduced strategic form and of the sequence form. The
// numbers let a user (and `pivot solve --describe`) see which methods apply
// before running one.
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <string>
#include <vector>

#include "pivot/games/extensive_game.hpp"

namespace pivot {

/// [player][infoset]: true when some play crosses the information set twice,
/// i.e. one member lies below another (absent-mindedness; Piccione & Rubinstein 1997).
std::vector<std::vector<bool>> absent_minded_infosets(const ExtensiveGame& game);

/// The nodes (prefix order, the root first) whose subtree no information set
/// straddles: every information set with a member in the subtree has all its
/// members there (Selten 1965). Terminal nodes are not counted.
std::vector<std::size_t> subgame_roots(const ExtensiveGame& game);

/// A player's own action: information set and action index of that player.
struct OwnAction {
  std::size_t infoset = 0;
  std::size_t action = 0;
  auto operator<=>(const OwnAction&) const = default;
};

/// [player][infoset]: the player's last own action on the path to each member
/// (sorted, distinct); `none` counts the members the player reaches without an
/// earlier own move. Perfect recall makes this one element per set.
struct PriorActions {
  std::vector<OwnAction> actions;
  bool none = false;
};
std::vector<std::vector<PriorActions>> own_prior_actions(const ExtensiveGame& game);

/// The action labels from the root to a node, "" for the root (Gambit's node paths).
std::vector<std::string> node_path(const ExtensiveGame& game, std::size_t node);

/// The sizes and properties `pivot solve --describe` prints.
struct GameDescription {
  std::size_t nodes = 0, terminal_nodes = 0, chance_nodes = 0;
  std::vector<std::size_t> infosets;  // [player]
  bool perfect_information = false;
  bool perfect_recall = false;
  std::vector<std::vector<bool>> absent_minded;  // [player][infoset]
  std::vector<std::size_t> subgame_roots;
  std::vector<mpz_class> reduced_strategies;  // [player]; 0 where too many to count (imperfect recall)
  mpz_class strategy_profiles;                // product of the above (0 when unknown)
  std::vector<std::size_t> sequences;         // [player], the empty sequence included; empty without perfect recall
  std::vector<std::string> methods;           // the methods that apply to this game
};

GameDescription describe_game(const ExtensiveGame& game);

/// The description as text lines (`key: value`), stable for golden tests.
std::string description_text(const ExtensiveGame& game, const GameDescription& description);

/// The methods that apply to an extensive game, by its players and structure.
std::vector<std::string> applicable_methods(const ExtensiveGame& game);

}  // namespace pivot
