// Equilibria of the scenario's games (each as `pivot solve --json` writes it):
// per equilibrium, each player's mixed strategy as one stacked bar.
#include <fmt/format.h>

#include <charconv>
#include <cmath>

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

std::string game_card(const Node& game) {
  const std::string title = game.text_or("title", game.text_or("id", "game"));
  std::string html = fmt::format("<figure class=\"card game\"><figcaption><b>{}</b><span>{}</span></figcaption>",
                                 escape(title), escape(game.text_or("method", "")));
  if (auto description = game.find("description")) html += "<p>" + escape(description->text()) + "</p>";
  const auto equilibria = game["equilibria"].items();
  if (equilibria.empty()) html += "<p class=\"note\">No equilibrium found.</p>";
  for (std::size_t e = 0; e < equilibria.size(); ++e) {
    std::string payoffs;
    if (auto list = equilibria[e].find("payoffs"))
      for (const Node& v : list->items())
        payoffs += fmt::format("{}<span class=\"payoff\" data-exact=\"{}\" title=\"exactly {}\">{}</span>",
                               payoffs.empty() ? "" : ", ", escape(exact(v)), escape(exact(v)), decimal(v, false));
    html += fmt::format("<h4>Equilibrium {}{}</h4>", e + 1, payoffs.empty() ? "" : " · payoffs " + payoffs);
    html += equilibrium_chart(game, equilibria[e], e);
  }
  return html + "</figure>";
}

}  // namespace

Section games_section(const std::optional<ReportDocument>& games) {
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
  for (const Node& game : root["games"].items()) html += game_card(game);
  section.html = html + "</div>";
  return section;
}

}  // namespace pivot::report
