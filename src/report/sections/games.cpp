// Equilibria of the scenario's games (each as `pivot solve --json` writes it):
// per equilibrium, each player's mixed strategy as one stacked bar.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <functional>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"

#include "report/html.hpp"
#include "report/json_node.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot::report {
namespace {

// Exact rationals come as text ("1/3"); decimals and numbers are accepted too.
double probability(const Node& n) {
  if (n.raw().is_number()) return n.number();
  const std::string text = n.text();
  const auto slash = text.find('/');
  auto parse = [&](const std::string& part) {
    double v = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || end != part.data() + part.size() || !std::isfinite(v))
      n.fail("expected a probability like 1/3 or 0.25");
    return v;
  };
  const double v =
      slash == std::string::npos ? parse(text) : parse(text.substr(0, slash)) / parse(text.substr(slash + 1));
  if (!(v >= -1e-9 && v <= 1 + 1e-9)) n.fail("expected a probability between 0 and 1");
  return v;
}

// A payoff or probability as a decimal, the exact rational (as solved) on hover and in
// data-exact: decimals read at a glance; `pivot solve` prints the rationals on request.
std::string decimal(const Node& n, bool is_probability) {
  const double v = is_probability ? probability(n) : [&] {
    if (n.raw().is_number()) return n.number();
    const std::string text = n.text();
    const auto slash = text.find('/');
    double a = 0, b = 1;
    const auto part = [&](const std::string& p, double& out) {
      const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), out);
      if (ec != std::errc() || end != p.data() + p.size() || !std::isfinite(out))
        n.fail("expected a number like 3/2 or 1.5");
    };
    part(slash == std::string::npos ? text : text.substr(0, slash), a);
    if (slash != std::string::npos) part(text.substr(slash + 1), b);
    if (b == 0) n.fail("expected a non-zero denominator");
    return a / b;
  }();
  return show(v, 3);
}

std::string exact(const Node& n) { return n.raw().is_string() ? n.text() : show(n.number(), 12); }

std::string equilibrium_chart(const Node& game, const Node& equilibrium, std::size_t index) {
  const auto players = game["players"].items();
  const auto strategies = game["strategies"].items();
  const auto profile = equilibrium["profile"].items();
  if (profile.size() != players.size() || strategies.size() != players.size())
    equilibrium["profile"].fail("expected one mixed strategy per player");
  const double row = 30;
  const Frame f = with_rows({.width = 440, .left = 110, .right = 12, .top = 6, .bottom = 6}, row, players.size());
  const Scale x{0, 1, f.x0(), f.x1()};
  std::string out = svg_open("equilibrium", f, fmt::format("Equilibrium {}: strategy probabilities", index + 1));
  for (std::size_t p = 0; p < players.size(); ++p) {
    const double y = f.top + row * static_cast<double>(p);
    const std::string player = players[p].text();
    out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" dy=\"0.32em\" text-anchor=\"end\">{}</text>",
                       px(f.x0() - 8), px(y + row / 2), escape(player));
    const auto names = strategies[p].items();
    const auto mix = profile[p].items();
    if (mix.size() != names.size()) profile[p].fail("expected one probability per strategy");
    double at = 0;
    for (std::size_t s = 0; s < mix.size(); ++s) {
      const double v = probability(mix[s]);
      if (v <= 0) continue;
      const std::string name = names[s].text();
      out += fmt::format(
          "<rect class=\"mark\" data-player=\"{}\" data-strategy=\"{}\" data-probability=\"{}\" x=\"{}\" y=\"{}\" "
          "width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} plays {} with probability {} (exactly {})</title></rect>",
          escape(player), escape(name), show(v, 6), px(x(at)), px(y + 4), px(x(at + v) - x(at)), px(row - 8),
          series_colour(s), escape(player), escape(name), decimal(mix[s], true), escape(exact(mix[s])));
      if (x(at + v) - x(at) > 70)
        out += fmt::format("<text class=\"in-bar\" x=\"{}\" y=\"{}\" dy=\"0.32em\">{} {}</text>", px(x(at) + 6),
                           px(y + row / 2), escape(name), decimal(mix[s], true));
      at += v;
    }
  }
  return out + "</svg>";
}

// The game tree drawn left to right (root at the left, one column per move, leaves one row
// each) with equilibrium `e`'s path: an action is on the path when play reaches its node and
// the action is taken with positive probability (chance's probabilities included). Edges off
// the path are thin and grey; terminal nodes show the payoffs summed along their path.
std::string tree_chart(const ExtensiveGame& g, const Node& behaviour, std::size_t index) {
  const std::size_t n = g.nodes.size();
  std::vector<std::size_t> depth(n, 0);
  std::vector<double> y(n, 0), reach(n, 0), taken(n, 1);  // taken: probability of the action into the node
  std::vector<std::vector<double>> payoff(n, std::vector<double>(g.num_players(), 0));
  std::vector<std::string> action(n);
  std::size_t leaves = 0, max_depth = 0;
  const auto add_outcome = [&](std::size_t v) {
    if (g.nodes[v].outcome == 0) return;
    const EfgOutcome& o = g.outcomes[g.nodes[v].outcome - 1];
    for (std::size_t p = 0; p < o.payoffs.size() && p < payoff[v].size(); ++p) payoff[v][p] += o.payoffs[p].get_d();
  };
  reach[0] = 1;
  add_outcome(0);
  std::function<void(std::size_t)> walk = [&](std::size_t v) {
    const EfgNode& node = g.nodes[v];
    max_depth = std::max(max_depth, depth[v]);
    if (node.children.empty()) {
      y[v] = static_cast<double>(leaves++);
      return;
    }
    for (std::size_t a = 0; a < node.children.size(); ++a) {
      const std::size_t c = node.children[a];
      double p = 0;
      if (node.kind == EfgNodeKind::chance) {
        p = g.chance_sets[node.infoset].probabilities[a].get_d();
        action[c] = g.chance_sets[node.infoset].actions[a];
      } else {
        p = probability(behaviour[node.player][node.infoset][a]);
        action[c] = g.infosets[node.player][node.infoset].actions[a];
      }
      depth[c] = depth[v] + 1, taken[c] = p, reach[c] = reach[v] * p, payoff[c] = payoff[v];
      add_outcome(c);
      walk(c);
    }
    y[v] = (y[node.children.front()] + y[node.children.back()]) / 2;
  };
  walk(0);
  // Columns wide enough for the longest action label, room at the right for the longest leaf
  // (about 6.2 px a character at 11 px); players are told apart by colour (legend above).
  std::size_t longest_action = 0, longest_leaf = 0;
  std::vector<std::string> leaf_text(n);
  for (std::size_t v = 0; v < n; ++v) {
    longest_action = std::max(longest_action, action[v].size() + (taken[v] > 0 && taken[v] < 1 ? 7 : 0));
    if (!g.nodes[v].children.empty()) continue;
    std::string values;
    for (const double p : payoff[v]) values += (values.empty() ? "" : ", ") + show(p, 3);
    const std::string label = g.nodes[v].outcome ? g.outcomes[g.nodes[v].outcome - 1].label : g.nodes[v].label;
    leaf_text[v] = "(" + values + ")" + (label.empty() ? "" : " " + label);
    longest_leaf = std::max(longest_leaf, leaf_text[v].size());
  }
  const double col = std::max(90.0, 6.2 * static_cast<double>(longest_action) + 34), row = 26;
  const Frame f{.width = 30 + col * static_cast<double>(max_depth) + 6.2 * static_cast<double>(longest_leaf) + 20,
                .height = row * static_cast<double>(leaves) + 16,
                .left = 14,
                .right = 0,
                .top = 8,
                .bottom = 8};
  const auto X = [&](std::size_t v) { return f.left + col * static_cast<double>(depth[v]); };
  const auto Y = [&](std::size_t v) { return f.top + row * y[v] + row / 2; };
  std::string out =
      svg_open("tree", f, fmt::format("Equilibrium {}: the game tree with the equilibrium path", index + 1),
               fmt::format("data-leaves=\"{}\" style=\"width:{}px;max-width:none\"", leaves, px(f.width)));
  for (std::size_t v = 0; v < n; ++v)
    for (const std::size_t c : g.nodes[v].children) {
      const bool path = reach[v] > 0 && taken[c] > 0;
      const double x0 = X(v), y0 = Y(v), x1 = X(c), y1 = Y(c);
      out += fmt::format(
          "<g class=\"edge{}\" data-action=\"{}\" data-probability=\"{}\"><path d=\"M{} {}L{} {}L{} {}\" fill=\"none\" "
          "stroke=\"{}\" stroke-width=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{}\"{}>{}{}</text></g>",
          path ? " path" : "", escape(action[c]), show(taken[c], 4), px(x0), px(y0), px(x0 + 18), px(y1), px(x1),
          px(y1), path ? "#332288" : "#c9ced8", path ? 3 : 1.2, px(x0 + 22), px(y1 - 5), path ? "#1d2330" : "#8a93a3",
          path ? " font-weight=\"600\"" : "", escape(action[c]),
          taken[c] > 0 && taken[c] < 1 ? " (" + show(taken[c], 3) + ")" : "");
    }
  for (std::size_t v = 0; v < n; ++v) {
    const EfgNode& node = g.nodes[v];
    if (node.kind == EfgNodeKind::decision) {
      const std::string& player = g.players[node.player];
      out += fmt::format(
          "<circle class=\"node\" data-player=\"{}\" cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{}\"><title>{}: "
          "{}</title></circle>",
          escape(player), px(X(v)), px(Y(v)), series_colour(node.player), escape(player),
          escape(g.infosets[node.player][node.infoset].label));
    } else if (node.kind == EfgNodeKind::chance) {
      out += fmt::format(
          "<rect class=\"node chance\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#8a93a3\">"
          "<title>chance: {}</title></rect>",
          px(X(v) - 5), px(Y(v) - 5), escape(g.chance_sets[node.infoset].label));
    } else {
      out += fmt::format(
          "<g class=\"leaf{}\" data-reach=\"{}\"><circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#1d2330\"/>"
          "<text x=\"{}\" y=\"{}\" dy=\"0.32em\" font-size=\"11\" fill=\"{}\"{}>{}</text></g>",
          reach[v] > 0 ? " reached" : "", show(reach[v], 4), px(X(v)), px(Y(v)), px(X(v) + 8), px(Y(v)),
          reach[v] > 0 ? "#1d2330" : "#8a93a3", reach[v] > 0 ? " font-weight=\"600\"" : "", escape(leaf_text[v]));
    }
  }
  return out + "</svg>";
}

std::string game_card(const Node& game, const std::filesystem::path& scenario_dir) {
  // An extensive game's tree, from the .efg the scenario ships; without it, the bars alone.
  std::optional<ExtensiveGame> tree;
  std::string stale;  // the note when the file is no longer the one the run solved
  std::error_code ec;
  if (auto file = game.find("file"); file && !scenario_dir.empty() && game.text_or("form", "") == "extensive") {
    const std::filesystem::path path = scenario_dir / file->text();
    if (std::filesystem::is_regular_file(path, ec)) try {
        const std::string text = read_text_file(path);
        // games.json names the hash of the file it solved (older ones do not: drawn as before).
        const std::string solved = game.text_or("file_hash", "");
        if (!solved.empty() && solved != hex64(fnv1a64(text))) {
          stale = fmt::format(
              "The tree is not drawn: {} has changed since the run solved it; run <code>pivot "
              "run</code> again.",
              escape(file->text()));
        } else {
          ExtensiveGame g = parse_efg(text, path.string());
          std::size_t leaves = 0;
          for (const EfgNode& node : g.nodes) leaves += node.children.empty();
          if (leaves <= 60) tree = std::move(g);  // larger trees do not read as a picture
        }
      } catch (const InputError&) {
        // The games step solved this file; if it no longer reads, the bars still show.
      }
  }

  const std::string title = game.text_or("title", game.text_or("id", "game"));
  // A card with a tree takes the grid's whole row, the bars beside the tree.
  std::string html =
      fmt::format("<figure class=\"card game\"{}><figcaption><b>{}</b><span>{}</span></figcaption>",
                  tree ? " style=\"grid-column:1/-1\"" : "", escape(title), escape(game.text_or("method", "")));
  if (tree) {
    html += "<ul class=\"legend\">";
    for (std::size_t p = 0; p < tree->players.size(); ++p)
      html += fmt::format("<li><span class=\"swatch\" style=\"background:{};border-radius:99px\"></span>{}</li>",
                          series_colour(p), escape(tree->players[p]));
    html +=
        "<li><span class=\"swatch\" style=\"background:#8a93a3\"></span>chance</li><li><svg width=\"26\" "
        "height=\"8\"><line x1=\"0\" x2=\"26\" y1=\"4\" y2=\"4\" stroke=\"#332288\" stroke-width=\"3\"/>"
        "</svg>equilibrium path</li></ul>";
  }
  if (auto description = game.find("description")) html += "<p>" + escape(description->text()) + "</p>";
  if (!stale.empty()) html += "<p class=\"note stale\">" + stale + "</p>";
  const auto equilibria = game["equilibria"].items();
  if (equilibria.empty()) html += "<p class=\"note\">No equilibrium found.</p>";
  for (std::size_t e = 0; e < equilibria.size(); ++e) {
    std::string payoffs;
    if (auto list = equilibria[e].find("payoffs"))
      for (const Node& v : list->items())
        payoffs += fmt::format("{}<span class=\"payoff\" data-exact=\"{}\" title=\"exactly {}\">{}</span>",
                               payoffs.empty() ? "" : ", ", escape(exact(v)), escape(exact(v)), decimal(v, false));
    html += fmt::format("<h4>Equilibrium {}{}</h4>", e + 1, payoffs.empty() ? "" : " · payoffs " + payoffs);
    std::string drawn;
    if (const auto behaviour = equilibria[e].find("behaviour"); tree && behaviour) try {
        drawn = tree_chart(*tree, *behaviour, e);
      } catch (const InputError&) {
        // games.json and the .efg disagree (the file changed since the run): the bars alone.
      }
    if (drawn.empty())
      html += equilibrium_chart(game, equilibria[e], e);
    else
      html +=
          "<div style=\"display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-start\"><div style=\"flex:0 1 "
          "400px\">" +
          equilibrium_chart(game, equilibria[e], e) + "</div><div class=\"table-wrap\" style=\"flex:1 1 600px\">" +
          drawn + "</div></div>";
  }
  return html + "</figure>";
}

}  // namespace

Section games_section(const std::optional<ReportDocument>& games, const std::filesystem::path& scenario_dir) {
  Section section{"games", "Games and equilibria", ""};
  if (!games)
    return not_run(section, "games.json", "A games step in <code>pivot run</code> writes it (see docs/report.md).");
  const Node root(games->json, games->file);
  std::string html =
      "<p class=\"note\">Nash equilibria of the scenario's strategic games, found exactly and each checked. A bar "
      "shows how a player mixes its strategies in one equilibrium (a single block: a pure strategy). Payoffs and "
      "probabilities are decimals; hover one for the exact rational, which <code>pivot solve GAME</code> prints "
      "(<code>--digits N</code> for decimals there).</p>"
      "<div class=\"grid\">";
  for (const Node& game : root["games"].items()) html += game_card(game, scenario_dir);
  section.html = html + "</div>";
  return section;
}

Section games_section(const std::optional<ReportDocument>& games) { return games_section(games, {}); }

}  // namespace pivot::report
