// Backward induction (Zermelo; Kuhn 1953; Selten 1965): in a game of perfect
// information, solve the tree from the leaves up. Each decision node picks an
// action that maximises its mover's payoff given the choices already fixed
// below; chance nodes average. The result is subgame perfect.
#include <fmt/format.h>

#include "pivot/core/error.hpp"
#include "pivot/games/solvers/backward.hpp"
#include "pivot/games/tree_index.hpp"

namespace pivot {

BackwardInductionResult backward_induction(const ExtensiveGame& game) {
  const TreeIndex index = index_tree(game);
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (std::size_t h = 0; h < game.infosets[p].size(); ++h)
      if (index.nodes_of[p][h].size() != 1)
        throw UsageError(
            fmt::format("backward induction needs perfect information, but information set {} of player {} "
                        "holds {} nodes (use --method lcp)",
                        h + 1, p + 1, index.nodes_of[p][h].size()));
  const std::size_t n = game.num_players();
  BackwardInductionResult result;
  result.profile.resize(n);
  for (std::size_t p = 0; p < n; ++p)
    for (const auto& set : game.infosets[p]) result.profile[p].emplace_back(set.actions.size(), 0);
  std::vector<std::vector<Rational>> value;
  // Ties go to the first (lowest-numbered) best action, so the answer is deterministic.
  auto best_action = [&](std::size_t node) {
    const EfgNode& at = game.nodes[node];
    std::size_t best = 0;
    for (std::size_t k = 1; k < at.children.size(); ++k)
      if (value[at.children[k]][at.player] > value[at.children[best]][at.player]) best = k;
    for (std::size_t k = 0; k < at.children.size(); ++k)
      if (k != best && value[at.children[k]][at.player] == value[at.children[best]][at.player]) result.ties = true;
    result.profile[at.player][at.infoset][best] = 1;
    return best;
  };
  node_values(game, index, best_action, value);
  return result;
}

}  // namespace pivot
