// Backward induction (Zermelo; Kuhn 1953; Selten 1965): in a game of perfect
// information, solve the tree from the leaves up. Each decision node picks an
// action that maximises its mover's payoff given the choices already fixed
// below; chance nodes average. The result is subgame perfect.
#include <fmt/format.h>

#include "games/tree_index.hpp"
#include "pivot/error.hpp"

namespace pivot {

BackwardInductionResult backward_induction(const ExtensiveGame& game) {
  const TreeIndex index = index_tree(game);
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (std::size_t h = 0; h < game.infosets[p].size(); ++h)
      if (index.nodes_of[p][h].size() != 1)
        throw UsageError(fmt::format("backward induction needs perfect information, but information set {} of player {} "
                                     "holds {} nodes (use --method lcp)",
                                     h + 1, p + 1, index.nodes_of[p][h].size()));
  const std::size_t n = game.num_players();
  BackwardInductionResult result;
  result.profile.resize(n);
  for (std::size_t p = 0; p < n; ++p)
    for (const auto& set : game.infosets[p]) result.profile[p].emplace_back(set.actions.size(), 0);
  std::vector<std::vector<Rational>> value(game.nodes.size());
  for (std::size_t node = game.nodes.size(); node-- > 0;) {  // children after parents in prefix order
    const EfgNode& at = game.nodes[node];
    if (at.kind == EfgNodeKind::terminal) {
      value[node] = index.payoff[node];
    } else if (at.kind == EfgNodeKind::chance) {
      value[node].assign(n, 0);
      for (std::size_t k = 0; k < at.children.size(); ++k)
        for (std::size_t p = 0; p < n; ++p)
          value[node][p] += game.chance_sets[at.infoset].probabilities[k] * value[at.children[k]][p];
    } else {
      // Ties go to the first (lowest-numbered) best action, so the answer is deterministic.
      std::size_t best = 0;
      for (std::size_t k = 1; k < at.children.size(); ++k) {
        const Rational& candidate = value[at.children[k]][at.player];
        const Rational& incumbent = value[at.children[best]][at.player];
        if (candidate > incumbent) best = k;
      }
      for (std::size_t k = 0; k < at.children.size(); ++k)
        if (k != best && value[at.children[k]][at.player] == value[at.children[best]][at.player]) result.ties = true;
      result.profile[at.player][at.infoset][best] = 1;
      value[node] = value[at.children[best]];
    }
  }
  return result;
}

}  // namespace pivot
