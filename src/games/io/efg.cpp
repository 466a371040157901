// Gambit's extensive-game format (.efg, version 2): a prologue
// `EFG 2 R "title" { "P1" "P2" } "comment"` and the nodes in prefix order,
// `c`/`p`/`t` with information sets and outcomes declared at first use (Gambit
// documentation, "The extensive game (.efg) file format"). Read without
// recursion so that deep trees cannot exhaust the stack.
#include <fmt/format.h>

#include <map>
#include <optional>
#include <utility>

#include "games/io/gambit_lexer.hpp"
#include "games/rational_text.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"

namespace pivot {

using games::rational_text;

namespace {

using games::parse_prologue;
using games::quoted;
using games::Token;
using games::TokenCursor;
using games::write_prologue;

constexpr std::size_t max_nodes = 2'000'000;

class EfgParser {
 public:
  EfgParser(std::string_view text, const std::string& file) : in_(text, file) {}

  ExtensiveGame parse() {
    auto [title, players] = parse_prologue(in_, "EFG", "2");
    game_.title = std::move(title);
    game_.players = std::move(players);
    game_.infosets.resize(game_.num_players());
    infoset_index_.resize(game_.num_players());
    if (in_.token().kind == Token::text) game_.comment = in_.expect_text("a comment");
    parse_nodes();
    if (in_.token().kind != Token::end)
      in_.fail_here(fmt::format("expected the end of the file after the last node, found {}", in_.describe()));
    return std::move(game_);
  }

 private:
  // Nodes come in prefix order: each node is the next child of the deepest
  // node that still lacks children.
  void parse_nodes() {
    std::vector<std::pair<std::size_t, std::size_t>> open;  // (node, children still expected)
    do {
      if (game_.nodes.size() >= max_nodes) in_.fail_here(fmt::format("more than {} nodes", max_nodes));
      const std::size_t index = game_.nodes.size();
      game_.nodes.push_back(parse_node());
      if (!open.empty()) {
        game_.nodes[open.back().first].children.push_back(index);
        if (--open.back().second == 0) open.pop_back();
      }
      const std::size_t children = child_count(game_.nodes[index]);
      if (children > 0) open.emplace_back(index, children);
    } while (!open.empty());
  }

  std::size_t child_count(const EfgNode& node) const {
    switch (node.kind) {
      case EfgNodeKind::chance:
        return game_.chance_sets[node.infoset].actions.size();
      case EfgNodeKind::decision:
        return game_.infosets[node.player][node.infoset].actions.size();
      default:
        return 0;
    }
  }

  EfgNode parse_node() {
    const Token at = in_.token();
    EfgNode node;
    if (at.kind != Token::word || (at.value != "c" && at.value != "p" && at.value != "t"))
      in_.fail_here(fmt::format("expected a node ('c', 'p' or 't'), found {}{}", in_.describe(),
                                game_.nodes.empty() ? "" : " (the tree is not complete yet)"));
    in_.take();
    node.label = in_.expect_text("the node's name");
    if (at.value == "p") {
      node.kind = EfgNodeKind::decision;
      node.player = expect_index("the player number", game_.num_players()) - 1;
      node.infoset = parse_player_infoset(node.player);
    } else if (at.value == "c") {
      node.kind = EfgNodeKind::chance;
      node.infoset = parse_chance_infoset();
    }
    node.outcome = parse_outcome();
    return node;
  }

  std::size_t parse_player_infoset(std::size_t player) {
    const Token at = in_.token();
    const std::size_t number = expect_index("the information set number", max_nodes);
    std::optional<EfgInfoset> declared;
    if (in_.token().kind == Token::text) {
      EfgInfoset set;
      set.number = number;
      set.label = in_.expect_text("the information set's name");
      in_.expect(Token::open, "'{' opening the list of actions");
      while (in_.token().kind == Token::text) set.actions.push_back(in_.expect_text("an action name"));
      in_.expect(Token::close, "a quoted action name or '}'");
      if (set.actions.empty())
        in_.fail(at, fmt::format("information set {} of player {} has no actions", number, player + 1));
      declared = std::move(set);
    }
    auto& index = infoset_index_[player];
    auto& sets = game_.infosets[player];
    if (auto found = index.find(number); found != index.end()) {
      const auto& known = sets[found->second];
      if (declared && (declared->label != known.label || declared->actions != known.actions))
        in_.fail(at, fmt::format("information set {} of player {} is declared again differently", number, player + 1));
      return found->second;
    }
    if (!declared)
      in_.fail(at, fmt::format("information set {} of player {} is used before its name and actions are given", number,
                               player + 1));
    index[number] = sets.size();
    sets.push_back(std::move(*declared));
    return sets.size() - 1;
  }

  std::size_t parse_chance_infoset() {
    const Token at = in_.token();
    const std::size_t number = expect_index("the chance information set number", max_nodes);
    std::optional<EfgChanceSet> declared;
    if (in_.token().kind == Token::text) {
      EfgChanceSet set;
      set.number = number;
      set.label = in_.expect_text("the information set's name");
      in_.expect(Token::open, "'{' opening the chance actions");
      Rational total = 0;
      while (in_.token().kind == Token::text) {
        set.actions.push_back(in_.expect_text("an action name"));
        const Token p_at = in_.token();
        Rational p = in_.expect_number("the action's probability");
        if (p < 0) in_.fail(p_at, "expected a probability from 0 to 1, found a negative number");
        total += p;
        set.probabilities.push_back(std::move(p));
      }
      in_.expect(Token::close, "a quoted action name or '}'");
      if (set.actions.empty()) in_.fail(at, fmt::format("chance information set {} has no actions", number));
      if (total != 1)
        in_.fail(at, fmt::format("chance probabilities of information set {} sum to {}, expected exactly 1 "
                                 "(write fractions such as 1/3 for repeating decimals)",
                                 number, total.get_str()));
      declared = std::move(set);
    }
    if (auto found = chance_index_.find(number); found != chance_index_.end()) {
      const auto& known = game_.chance_sets[found->second];
      if (declared && (declared->label != known.label || declared->actions != known.actions ||
                       declared->probabilities != known.probabilities))
        in_.fail(at, fmt::format("chance information set {} is declared again differently", number));
      return found->second;
    }
    if (!declared) in_.fail(at, fmt::format("chance information set {} is used before its actions are given", number));
    chance_index_[number] = game_.chance_sets.size();
    game_.chance_sets.push_back(std::move(*declared));
    return game_.chance_sets.size() - 1;
  }

  // Outcomes are renumbered 1..K in order of first use, like information sets;
  // the first use must give the name and payoffs.
  std::size_t parse_outcome() {
    const Token at = in_.token();
    const std::size_t number = in_.expect_count("the outcome number (0 = none)", max_nodes);
    if (number == 0) {
      if (in_.token().kind == Token::text)
        in_.fail_here("outcome 0 means 'no outcome' and cannot have a name or payoffs");
      return 0;
    }
    const auto found = outcome_index_.find(number);
    if (in_.token().kind != Token::text) {
      if (found == outcome_index_.end())
        in_.fail(at, fmt::format("outcome {} is used before its name and payoffs are given", number));
      return found->second + 1;
    }
    EfgOutcome outcome;
    outcome.label = in_.expect_text("the outcome's name");
    in_.expect(Token::open, "'{' opening the outcome's payoffs");
    for (std::size_t p = 0; p < game_.num_players(); ++p)
      outcome.payoffs.push_back(in_.expect_number(fmt::format("player {}'s payoff in outcome {}", p + 1, number)));
    in_.expect(Token::close, fmt::format("'}}' closing outcome {} after {} payoffs", number, game_.num_players()));
    if (found != outcome_index_.end()) {
      const auto& known = game_.outcomes[found->second];
      if (known.label != outcome.label || known.payoffs != outcome.payoffs)
        in_.fail(at, fmt::format("outcome {} is declared again differently", number));
      return found->second + 1;
    }
    outcome_index_[number] = game_.outcomes.size();
    game_.outcomes.push_back(std::move(outcome));
    return game_.outcomes.size();
  }

  std::size_t expect_index(const std::string& what, std::size_t max) {
    const Token at = in_.token();
    const std::size_t v = in_.expect_count(what, max);
    if (v == 0) in_.fail(at, fmt::format("expected {} (a whole number from 1 to {}), found '0'", what, max));
    return v;
  }

  TokenCursor in_;
  ExtensiveGame game_;
  std::vector<std::map<std::size_t, std::size_t>> infoset_index_;  // [player] file number -> index
  std::map<std::size_t, std::size_t> chance_index_;
  std::map<std::size_t, std::size_t> outcome_index_;
};

}  // namespace

ExtensiveGame parse_efg(std::string_view text, const std::string& file) {
  check_utf8(text, file);  // labels are written back into JSON and the report
  return EfgParser(text, file).parse();
}

ExtensiveGame read_efg_file(const std::filesystem::path& path) {
  return parse_efg(read_text_file(path), path.string());
}

std::string write_efg(const ExtensiveGame& game) {
  std::string out = write_prologue("EFG 2 R", game.title, game.players);
  out += "\n" + quoted(game.comment) + "\n\n";
  std::vector<std::vector<bool>> infoset_written(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p) infoset_written[p].assign(game.infosets[p].size(), false);
  std::vector<bool> chance_written(game.chance_sets.size(), false), outcome_written(game.outcomes.size(), false);
  for (const auto& node : game.nodes) {
    if (node.kind == EfgNodeKind::terminal) {
      out += "t " + quoted(node.label);
    } else if (node.kind == EfgNodeKind::chance) {
      const auto& set = game.chance_sets[node.infoset];
      out += fmt::format("c {} {}", quoted(node.label), set.number);
      if (!chance_written[node.infoset]) {
        out += " " + quoted(set.label) + " {";
        for (std::size_t a = 0; a < set.actions.size(); ++a)
          out += " " + quoted(set.actions[a]) + " " + rational_text(set.probabilities[a]);
        out += " }";
        chance_written[node.infoset] = true;
      }
    } else {
      const auto& set = game.infosets[node.player][node.infoset];
      out += fmt::format("p {} {} {}", quoted(node.label), node.player + 1, set.number);
      if (!infoset_written[node.player][node.infoset]) {
        out += " " + quoted(set.label) + " {";
        for (const auto& a : set.actions) out += " " + quoted(a);
        out += " }";
        infoset_written[node.player][node.infoset] = true;
      }
    }
    out += fmt::format(" {}", node.outcome);
    if (node.outcome > 0 && !outcome_written[node.outcome - 1]) {
      const auto& outcome = game.outcomes[node.outcome - 1];
      out += " " + quoted(outcome.label) + " {";
      for (const auto& v : outcome.payoffs) out += " " + rational_text(v);
      out += " }";
      outcome_written[node.outcome - 1] = true;
    }
    out += "\n";
  }
  return out;
}

}  // namespace pivot
