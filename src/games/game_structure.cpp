// The structure of a game tree as Gambit's API reports it (perfect recall,
// absent-mindedness, subgame roots, own prior actions) and the sizes of its
// strategic and sequence forms, computed without building either form.
#include "pivot/games/game_structure.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "pivot/core/error.hpp"
#include "pivot/games/tree_index.hpp"

namespace pivot {

namespace {

bool is_decision(const EfgNode& node) { return node.kind == EfgNodeKind::decision; }

}  // namespace

std::vector<std::vector<bool>> absent_minded_infosets(const ExtensiveGame& game) {
  const TreeIndex index = index_tree(game);
  std::vector<std::vector<bool>> out(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) out[p].assign(game.infosets[p].size(), false);
  for (std::size_t node = 0; node < game.nodes.size(); ++node) {
    const EfgNode& at = game.nodes[node];
    if (!is_decision(at)) continue;
    for (std::size_t up = index.parent[node]; up != no_node; up = index.parent[up]) {
      const EfgNode& above = game.nodes[up];
      if (is_decision(above) && above.player == at.player && above.infoset == at.infoset) {
        out[at.player][at.infoset] = true;
        break;
      }
    }
  }
  return out;
}

// Nodes are in prefix order, so a subtree is the index range [x, end(x)); x is
// a subgame root when the members of every set met in that range lie in it.
std::vector<std::size_t> subgame_roots(const ExtensiveGame& game) {
  const std::size_t count = game.nodes.size();
  // First and last member of each information set (chance sets included).
  std::vector<std::vector<std::size_t>> first(game.num_players()), last(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    first[p].assign(game.infosets[p].size(), count);
    last[p].assign(game.infosets[p].size(), 0);
  }
  std::vector<std::size_t> chance_first(game.chance_sets.size(), count), chance_last(game.chance_sets.size(), 0);
  auto span_of = [&](const EfgNode& at) -> std::pair<std::size_t*, std::size_t*> {
    if (at.kind == EfgNodeKind::decision) return {&first[at.player][at.infoset], &last[at.player][at.infoset]};
    return {&chance_first[at.infoset], &chance_last[at.infoset]};
  };
  for (std::size_t node = 0; node < count; ++node) {
    if (game.nodes[node].kind == EfgNodeKind::terminal) continue;
    auto [lo, hi] = span_of(game.nodes[node]);
    *lo = std::min(*lo, node);
    *hi = std::max(*hi, node);
  }
  // Bottom-up: the subtree's end and the extreme members of the sets it meets.
  std::vector<std::size_t> end(count), low(count), high(count);
  for (std::size_t node = count; node-- > 0;) {
    const EfgNode& at = game.nodes[node];
    end[node] = node + 1;
    low[node] = node;
    high[node] = node;
    if (at.kind != EfgNodeKind::terminal) {
      auto [lo, hi] = span_of(at);
      low[node] = *lo;
      high[node] = *hi;
    }
    for (std::size_t child : at.children) {
      end[node] = std::max(end[node], end[child]);
      low[node] = std::min(low[node], low[child]);
      high[node] = std::max(high[node], high[child]);
    }
  }
  std::vector<std::size_t> roots;
  for (std::size_t node = 0; node < count; ++node)
    if (game.nodes[node].kind != EfgNodeKind::terminal && low[node] >= node && high[node] < end[node])
      roots.push_back(node);
  return roots;
}

std::vector<std::vector<PriorActions>> own_prior_actions(const ExtensiveGame& game) {
  const TreeIndex index = index_tree(game);
  std::vector<std::vector<PriorActions>> out(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) out[p].resize(game.infosets[p].size());
  for (std::size_t node = 0; node < game.nodes.size(); ++node) {
    const EfgNode& at = game.nodes[node];
    if (!is_decision(at)) continue;
    PriorActions& prior = out[at.player][at.infoset];
    bool found = false;
    for (std::size_t below = node, up = index.parent[node]; up != no_node; below = up, up = index.parent[up]) {
      const EfgNode& above = game.nodes[up];
      if (!is_decision(above) || above.player != at.player) continue;
      const auto k = static_cast<std::size_t>(std::find(above.children.begin(), above.children.end(), below) -
                                              above.children.begin());
      const OwnAction action{above.infoset, k};
      if (std::find(prior.actions.begin(), prior.actions.end(), action) == prior.actions.end())
        prior.actions.push_back(action);
      found = true;
      break;
    }
    if (!found) prior.none = true;
  }
  for (auto& sets : out)
    for (auto& prior : sets) std::sort(prior.actions.begin(), prior.actions.end());
  return out;
}

std::vector<std::string> node_path(const ExtensiveGame& game, std::size_t node) {
  const TreeIndex index = index_tree(game);
  std::vector<std::string> path;
  for (std::size_t below = node, up = index.parent[node]; up != no_node; below = up, up = index.parent[up]) {
    const EfgNode& above = game.nodes[up];
    const auto k = static_cast<std::size_t>(std::find(above.children.begin(), above.children.end(), below) -
                                            above.children.begin());
    path.push_back(above.kind == EfgNodeKind::chance ? game.chance_sets[above.infoset].actions[k]
                                                     : game.infosets[above.player][above.infoset].actions[k]);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

// The strategic methods (and logit, without perfect recall) run on the reduced
// strategic form: they apply only where reduced_strategic_form builds it.
std::vector<std::string> applicable_methods(const ExtensiveGame& game) {
  const bool recall = has_perfect_recall(game);
  const bool strategic_form = !strategic_form_refusal(game);
  std::vector<std::string> methods;
  if (has_perfect_information(game)) methods.push_back("backward");
  if (recall && game.num_players() == 2) methods.push_back("lcp");
  if (strategic_form) {
    methods.push_back("enumpure");
    if (game.num_players() == 2) methods.push_back("enummixed");
    methods.push_back("enumpoly");
  }
  if (recall || strategic_form) methods.push_back("logit");
  return methods;
}

GameDescription describe_game(const ExtensiveGame& game) {
  const TreeIndex index = index_tree(game);
  GameDescription d;
  d.nodes = game.nodes.size();
  for (const auto& node : game.nodes) {
    d.terminal_nodes += node.kind == EfgNodeKind::terminal;
    d.chance_nodes += node.kind == EfgNodeKind::chance;
  }
  for (const auto& sets : game.infosets) d.infosets.push_back(sets.size());
  d.perfect_information = has_perfect_information(game);
  d.perfect_recall = index.perfect_recall;
  d.absent_minded = absent_minded_infosets(game);
  d.subgame_roots = subgame_roots(game);
  d.strategy_profiles = 1;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    mpz_class count = 0;
    if (index.perfect_recall) {
      count = count_reduced_strategies(game, index, p);
    } else {
      try {
        count = static_cast<unsigned long>(reduced_strategies(game, index, p).size());
      } catch (const UsageError&) {
        count = 0;  // too many to list
      }
    }
    d.reduced_strategies.push_back(count);
    d.strategy_profiles *= count;
  }
  if (index.perfect_recall) d.sequences = index.num_sequences;
  d.methods = applicable_methods(game);
  return d;
}

std::string description_text(const ExtensiveGame& game, const GameDescription& d) {
  auto join = [](const auto& items, auto&& text) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : " x ") + text(item);
    return out;
  };
  std::string out;
  out += fmt::format("title: {}\n", game.title);
  out += fmt::format("players: {}\n", game.num_players());
  out += fmt::format("nodes: {} ({} terminal, {} chance)\n", d.nodes, d.terminal_nodes, d.chance_nodes);
  std::string sets;
  for (std::size_t p = 0; p < d.infosets.size(); ++p) sets += (p ? " " : "") + std::to_string(d.infosets[p]);
  out += fmt::format("information sets per player: {}\n", sets);
  out += fmt::format("perfect information: {}\n", d.perfect_information ? "yes" : "no");
  out += fmt::format("perfect recall: {}\n", d.perfect_recall ? "yes" : "no");
  std::string absent;
  for (std::size_t p = 0; p < d.absent_minded.size(); ++p)
    for (std::size_t h = 0; h < d.absent_minded[p].size(); ++h)
      if (d.absent_minded[p][h]) absent += fmt::format("{}{}:{}", absent.empty() ? "" : " ", p + 1, h + 1);
  out += fmt::format("absent-minded information sets: {}\n", absent.empty() ? "none" : absent);
  std::string roots;
  for (std::size_t node : d.subgame_roots) {
    std::string path;
    for (const auto& label : node_path(game, node)) path += (path.empty() ? "" : "/") + label;
    roots += (roots.empty() ? "" : " ") + std::string("[") + path + "]";
  }
  out += fmt::format("subgame roots: {} {}\n", d.subgame_roots.size(), roots);
  auto count_text = [](const mpz_class& c) { return c == 0 ? std::string("too many to list") : c.get_str(); };
  out += fmt::format("reduced strategic form: {} = {} profiles\n", join(d.reduced_strategies, count_text),
                     count_text(d.strategy_profiles));
  if (d.sequences.empty())
    out += "sequence form: none (needs perfect recall)\n";
  else
    out += fmt::format("sequence form: {} sequences\n",
                       join(d.sequences, [](std::size_t s) { return std::to_string(s); }));
  std::string methods;
  for (const auto& m : d.methods) methods += (methods.empty() ? "" : ", ") + m;
  out += fmt::format("methods: {}\n", methods);
  return out;
}

}  // namespace pivot
