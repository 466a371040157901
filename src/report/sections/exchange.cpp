// Stokman's exchange model at a glance: how far its trades carried each issue's
// outcome from the capability x salience weighted mean it starts at, the first
// round's exchanges in the order they were realised (who gave way on what, in
// return for what, with what gain), each round in a line, and who traded with
// whom over all rounds. Reads the exchange model's trace in forecast.json.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

#include "report/html.hpp"
#include "report/json_node.hpp"
#include "report/sections/forecast_common.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot::report {
namespace {

// Exchanges drawn in the first round's chart; exchanges.csv has them all.
constexpr std::size_t kShownExchanges = 10;
// Pairs of actors listed in the "who traded with whom" table.
constexpr std::size_t kShownPairs = 8;

struct Trade {
  int round = 0, rank = 0;
  std::string actor_a, issue_a;
  double from_a = 0, to_a = 0;
  std::string actor_b, issue_b;
  double from_b = 0, to_b = 0;
  double gain = 0;
  // externalities=on: what the exchange did to the actors outside it (inner: in one of the
  // two exchanging actors' groups; outer: the rest), and the two actors' own gain.
  std::optional<std::array<double, 5>> externalities;  // inner +, inner −, outer +, outer −, own
};

struct ExchangeRun {
  std::vector<double> start;               // per scenario issue: the weighted mean (mean baseline); NaN if absent
  std::vector<double> predicted;           // per scenario issue: the exchange model's forecast
  std::vector<std::vector<Trade>> rounds;  // rounds 1.., in order
  std::vector<int> ties;                   // per round
  int draws = 0;                           // tie draws `pivot run` made (0: none)
  std::vector<double> draw_min, draw_max;  // per scenario issue: the forecast's range over them
};

std::optional<ExchangeRun> read_exchange(const Scenario& s, const ReportDocument& doc) {
  const Node root(doc.json, doc.file);
  std::optional<Node> model, mean;
  for (const Node& m : root["models"].items()) {
    const std::string name = m["model"].text();
    if (name == "exchange") model = m;
    if (name == "mean") mean = m;
  }
  if (!model) return std::nullopt;
  ExchangeRun run;
  for (const Issue& issue : s.issues) {
    run.predicted.push_back((*model)["outcome"][issue.id]["predicted"].number());
    run.start.push_back(mean ? (*mean)["outcome"][issue.id]["predicted"].number() : std::nan(""));
  }
  for (const Node& round : (*model)["rounds"].items()) {
    const auto exchanges = round.find("exchanges");
    if (round["round"].number() == 0 || !exchanges) continue;
    std::vector<Trade> trades;
    for (const Node& e : exchanges->items()) {
      trades.push_back({static_cast<int>(round["round"].number()), static_cast<int>(e["rank"].number()),
                        e["actor_a"].text(), e["issue_a"].text(), e["from_a"].number(), e["to_a"].number(),
                        e["actor_b"].text(), e["issue_b"].text(), e["from_b"].number(), e["to_b"].number(),
                        e["gain"].number(), std::nullopt});
      if (const auto x = e.find("externalities"))
        trades.back().externalities = {(*x)["inner_positive"].number(), (*x)["inner_negative"].number(),
                                       (*x)["outer_positive"].number(), (*x)["outer_negative"].number(),
                                       (*x)["own"].number()};
    }
    run.rounds.push_back(std::move(trades));
    run.ties.push_back(static_cast<int>(round.number_or("exchange_ties", 0)));
  }
  if (const auto draws = model->find("tie_draws")) {
    run.draws = static_cast<int>((*draws)["draws"].number());
    for (const Issue& issue : s.issues) {
      run.draw_min.push_back((*draws)["outcome"][issue.id]["min"].number());
      run.draw_max.push_back((*draws)["outcome"][issue.id]["max"].number());
    }
  }
  return run;
}

std::size_t actor_index(const Scenario& s, const std::string& id) {
  for (std::size_t a = 0; a < s.actors.size(); ++a)
    if (s.actors[a].id == id) return a;
  return s.actors.size();
}

const Issue* find_issue(const Scenario& s, const std::string& id) {
  for (const Issue& issue : s.issues)
    if (issue.id == id) return &issue;
  return nullptr;
}

std::string actor_name(const Scenario& s, const std::string& id) {
  const std::size_t a = actor_index(s, id);
  return a < s.actors.size() && !s.actors[a].name.empty() ? s.actors[a].name : id;
}

// A move from x0 to x1 at height y: a line with a head at x1 (a dot when too short to point).
std::string arrow(double x0, double x1, double y, const std::string& colour, const std::string& attributes,
                  const std::string& title) {
  const std::string tip = "<title>" + escape(title) + "</title>";
  if (std::abs(x1 - x0) < 6)
    return fmt::format("<circle class=\"move\" {} cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\">{}</circle>", attributes,
                       px(x1), px(y), colour, tip);
  const double head = x1 > x0 ? -7 : 7;
  return fmt::format(
      "<g class=\"move\" {}><line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"/>"
      "<path d=\"M{} {}L{} {}L{} {}z\" fill=\"{}\"/>{}</g>",
      attributes, px(x0), px(x1 + head * 0.6), px(y), px(y), colour, px(x1), px(y), px(x1 + head), px(y - 4.5),
      px(x1 + head), px(y + 4.5), colour, tip);
}

// Per issue: the weighted-mean start (hollow triangle, as the mean baseline elsewhere)
// and an arrow to where the exchanges carried the outcome.
std::string moved_chart(const Scenario& s, const ExchangeRun& run) {
  const double row = 42;
  const Frame f = with_rows({.left = 170, .right = 120, .top = 8, .bottom = 8}, row, s.issues.size());
  std::string out =
      svg_open("exchange-moved", f, "How the exchanges moved each issue's outcome from the weighted mean");
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    const Issue& issue = s.issues[k];
    const Scale x{issue.min, issue.max, f.x0(), f.x1()};
    const double y = f.top + row * static_cast<double>(k) + 18;
    const double start = run.start[k], end = run.predicted[k];
    out += fmt::format(
        "<g class=\"issue-row\" data-issue=\"{}\" data-start=\"{}\" data-end=\"{}\"><text class=\"label\" x=\"{}\" "
        "y=\"{}\" text-anchor=\"end\">{}</text><text class=\"sub\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}, "
        "{}–{}</text><line class=\"track\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>",
        escape(issue.id), std::isnan(start) ? "" : show(start, 4), show(end, 4), px(f.x0() - 12), px(y + 4),
        escape(issue.id), px(f.x0() - 12), px(y + 17), escape(issue.unit), show(issue.min), show(issue.max), px(f.x0()),
        px(f.x1()), px(y), px(y));
    const std::string title = fmt::format("{}: weighted mean {} → exchange {} {}", issue.id,
                                          std::isnan(start) ? "?" : show(start), show(end), issue.unit);
    if (run.draws > 0 && run.draw_max[k] > run.draw_min[k])
      out += fmt::format(
          "<rect class=\"tie-range\" data-min=\"{}\" data-max=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
          "height=\"14\" fill=\"{}\" fill-opacity=\"0.22\"><title>{}: {} to {} {} across {} tie draws</title></rect>",
          show(run.draw_min[k], 4), show(run.draw_max[k], 4), px(x(run.draw_min[k])), px(y - 7),
          px(std::max(1.0, x(run.draw_max[k]) - x(run.draw_min[k]))), series_colour(2), escape(issue.id),
          show(run.draw_min[k]), show(run.draw_max[k]), escape(issue.unit), run.draws);
    if (!std::isnan(start)) {
      out += arrow(x(start), x(end), y, series_colour(2),
                   fmt::format("data-model=\"exchange\" data-value=\"{}\"", show(end, 4)), title);
      out += fmt::format(
          "<path class=\"start\" d=\"M{} {}l6 10h-12z\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"1.5\">"
          "<title>weighted mean {} {}</title></path>",
          px(x(start)), px(y - 5), show(start), escape(issue.unit));
      out += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{} → {} ({}{})</text>", px(f.x1() + 10), px(y + 4),
                         show(start), show(end), end >= start ? "+" : "−", show(std::abs(end - start)));
    } else {
      out += fmt::format("<circle data-value=\"{}\" cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"><title>{}</title></circle>",
                         show(end, 4), px(x(end)), px(y), series_colour(2), escape(title));
    }
    out += "</g>";
  }
  return out + "</svg>";
}

// One side of an exchange: "ACTOR gives way on ISSUE", the move on the issue's scale, from → to.
std::string side(const Scenario& s, double left, double right, double y, const std::string& actor,
                 const std::string& issue_id, double from, double to, const std::string& which) {
  const Issue* issue = find_issue(s, issue_id);
  const double lo = issue ? issue->min : std::min(from, to), hi = issue ? issue->max : std::max(from, to);
  const Scale x{lo, hi, left, right};
  const std::size_t a = actor_index(s, actor);
  const std::string unit = issue ? issue->unit : "";
  std::string out = fmt::format(
      "<text class=\"label\" x=\"{}\" y=\"{}\"><tspan class=\"who\" font-weight=\"600\">{}</tspan> gives way on "
      "{}</text><line class=\"track\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>",
      px(left), px(y), escape(actor), escape(issue_id), px(left), px(right), px(y + 14), px(y + 14));
  out +=
      arrow(x(from), x(to), y + 14, series_colour(a),
            fmt::format("data-side=\"{}\" data-actor=\"{}\" data-issue=\"{}\" data-from=\"{}\" data-value=\"{}\"",
                        which, escape(actor), escape(issue_id), show(from, 4), show(to, 4)),
            fmt::format("{} gives way on {}: {} → {} {}", actor_name(s, actor), issue_id, show(from), show(to), unit));
  out += fmt::format("<text class=\"sub\" x=\"{}\" y=\"{}\">{} → {} {}</text>", px(left), px(y + 30), show(from),
                     show(to), escape(unit));
  return out;
}

// The round's first exchanges, in the order realised: each row is actor A giving way on one
// issue in return for actor B giving way on another, and the gain both make.
std::string round_chart(const Scenario& s, const std::vector<Trade>& trades) {
  const std::size_t shown = std::min(trades.size(), kShownExchanges);
  const double row = 50;
  const Frame f = with_rows({.width = 760, .left = 34, .right = 16, .top = 22, .bottom = 4}, row, shown);
  const double a0 = 34, a1 = 314, b0 = 352, b1 = 632, g0 = 652, g1 = 744;
  double top_gain = 0;
  for (std::size_t n = 0; n < shown; ++n) top_gain = std::max(top_gain, trades[n].gain);
  const Scale g{0, top_gain > 0 ? top_gain : 1, g0, g1};
  std::string out = svg_open("exchanges", f, "The first round's exchanges in the order realised");
  out += fmt::format(
      "<text class=\"axis-title\" x=\"{}\" y=\"12\">gives way…</text><text class=\"axis-title\" x=\"{}\" y=\"12\">"
      "…in return for</text><text class=\"axis-title\" x=\"{}\" y=\"12\">equal gain</text>",
      px(a0), px(b0), px(g0));
  for (std::size_t n = 0; n < shown; ++n) {
    const Trade& t = trades[n];
    const double y = f.top + row * static_cast<double>(n) + 12;
    out += fmt::format("<g class=\"exchange\" data-round=\"{}\" data-rank=\"{}\" data-gain=\"{}\">", t.round, t.rank,
                       show(t.gain, 6));
    out += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", px(a0 - 10), px(y + 18),
                       t.rank);
    out += side(s, a0, a1, y, t.actor_a, t.issue_a, t.from_a, t.to_a, "a");
    out += fmt::format("<text class=\"sub\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">⇄</text>", px((a1 + b0) / 2),
                       px(y + 18));
    out += side(s, b0, b1, y, t.actor_b, t.issue_b, t.from_b, t.to_b, "b");
    out += fmt::format(
        "<rect class=\"mark gain\" data-value=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" "
        "fill=\"{}\"><title>gain {}</title>"
        "</rect><text class=\"value\" x=\"{}\" y=\"{}\">{}</text></g>",
        show(t.gain, 6), px(g0), px(y + 9), px(std::max(0.8, g(t.gain) - g0)), series_colour(3), show(t.gain, 4),
        px(g0), px(y + 32), show(t.gain, 3));
  }
  return out + "</svg>";
}

std::string in_words(const Scenario& s, const Trade& t) {
  return fmt::format("{} gives way on {} ({} → {}); {} gives way on {} ({} → {})", actor_name(s, t.actor_a), t.issue_a,
                     show(t.from_a), show(t.to_a), actor_name(s, t.actor_b), t.issue_b, show(t.from_b), show(t.to_b));
}

std::string rounds_table(const Scenario& s, const ExchangeRun& run) {
  std::string out =
      "<div class=\"table-wrap\"><table class=\"data exchange-rounds\"><thead><tr><th class=\"num\">Round</th>"
      "<th class=\"num\">Exchanges</th><th class=\"num\">Ties</th><th class=\"num\">Total gain</th>"
      "<th>First exchange (highest gain)</th></tr></thead><tbody>";
  for (std::size_t r = 0; r < run.rounds.size(); ++r) {
    const auto& trades = run.rounds[r];
    double total = 0;
    for (const Trade& t : trades) total += t.gain;
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td>{}</td></tr>",
        r + 1, trades.size(), run.ties[r], show(total, 3),
        trades.empty() ? "no exchange left" : escape(in_words(s, trades.front())));
  }
  return out + "</tbody></table></div>";
}

// Over all rounds, per pair of actors: how often they traded, what each gave way on, the gain.
std::string pairs_table(const Scenario& s, const ExchangeRun& run) {
  struct PairTotal {
    std::string first, second;
    int count = 0;
    double gain = 0;
    std::map<std::string, int> first_gave, second_gave;
    std::size_t order = 0;  // first seen
  };
  std::map<std::pair<std::string, std::string>, PairTotal> pairs;
  for (const auto& trades : run.rounds)
    for (const Trade& t : trades) {
      const bool a_first = actor_index(s, t.actor_a) <= actor_index(s, t.actor_b);
      const std::string& first = a_first ? t.actor_a : t.actor_b;
      const std::string& second = a_first ? t.actor_b : t.actor_a;
      auto [it, fresh] = pairs.try_emplace({first, second});
      PairTotal& p = it->second;
      if (fresh) p = {first, second, 0, 0, {}, {}, pairs.size()};
      ++p.count;
      p.gain += t.gain;
      ++(a_first ? p.first_gave : p.second_gave)[t.issue_a];
      ++(a_first ? p.second_gave : p.first_gave)[t.issue_b];
    }
  std::vector<const PairTotal*> sorted;
  for (const auto& [key, p] : pairs) sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(), [](const PairTotal* a, const PairTotal* b) {
    return a->gain != b->gain ? a->gain > b->gain : a->order < b->order;
  });
  auto gave = [](const std::map<std::string, int>& issues) {
    std::vector<std::pair<std::string, int>> list(issues.begin(), issues.end());
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string out;
    for (const auto& [issue, n] : list) out += fmt::format("{}{} ×{}", out.empty() ? "" : ", ", issue, n);
    return out.empty() ? std::string("—") : out;
  };
  std::string out =
      "<div class=\"table-wrap\"><table class=\"data exchange-pairs\"><thead><tr><th>Actor</th><th>gave way on"
      "</th><th>Partner</th><th>gave way on</th><th class=\"num\">Exchanges</th><th class=\"num\">Total gain</th>"
      "</tr></thead><tbody>";
  for (std::size_t n = 0; n < std::min(sorted.size(), kShownPairs); ++n) {
    const PairTotal& p = *sorted[n];
    out += fmt::format(
        "<tr><td title=\"{}\">{}</td><td>{}</td><td title=\"{}\">{}</td><td>{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>",
        escape(actor_name(s, p.first)), escape(p.first), escape(gave(p.first_gave)), escape(actor_name(s, p.second)),
        escape(p.second), escape(gave(p.second_gave)), p.count, show(p.gain, 3));
  }
  out += "</tbody></table></div>";
  if (sorted.size() > kShownPairs)
    out += fmt::format("<p class=\"note\">The {} pairs with the highest total gain of {}.</p>", kShownPairs,
                       sorted.size());
  return out;
}

// How far the forecast moves when ties go another way: the issues whose range over the tie
// draws is not a point, or a sentence that none moved.
std::string tie_draws_html(const Scenario& s, const ExchangeRun& run) {
  std::string rows;
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    if (!(run.draw_max[k] > run.draw_min[k])) continue;
    rows += fmt::format(
        "<tr data-issue=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
        escape(s.issues[k].id), escape(s.issues[k].id), show(run.predicted[k]), show(run.draw_min[k]),
        show(run.draw_max[k]), show(run.draw_max[k] - run.draw_min[k]), escape(s.issues[k].unit));
  }
  std::string out = fmt::format(
      "<h3>If the ties had gone another way</h3><p class=\"note\">The model was rerun {} times with ties drawn at "
      "random (<code>ties=random</code>, each draw seeded from the run's seed and its number). ",
      run.draws);
  if (rows.empty()) return out + fmt::format("Across the {} tie draws no issue's forecast moved.</p>", run.draws);
  out += fmt::format(
      "Across the {} tie draws the forecast of the issues below ranges from the lowest to the highest value "
      "shown (shaded band in the chart above); the others did not move.</p>",
      run.draws);
  return out +
         "<div class=\"table-wrap\"><table class=\"data exchange-tie-draws\"><thead><tr><th>Issue</th><th "
         "class=\"num\">Forecast</th><th class=\"num\">Lowest</th><th class=\"num\">Highest</th><th "
         "class=\"num\">Range</th><th>Unit</th></tr></thead><tbody>" +
         rows + "</tbody></table></div>";
}

// externalities=on: per round, the gain of the exchanging actors and what their exchanges
// did to everyone else (Dijkstra, van Assen & Stokman 2008), by kind.
std::string externalities_table(const ExchangeRun& run) {
  std::string out =
      "<h3>What the exchanges did to the others</h3><p class=\"note\">Each exchange moves two outcomes, so it "
      "helps or hurts the actors outside it (externalities, Dijkstra, Van Assen &amp; Stokman 2008; "
      "docs/models/exchange.md). Inner: actors in one of the two exchanging actors' groups; outer: the rest. "
      "Salience-weighted change in distance to the outcomes, summed over the round's exchanges "
      "(exchanges.csv has them per exchange).</p><div class=\"table-wrap\"><table class=\"data "
      "exchange-externalities\"><thead><tr><th class=\"num\">Round</th><th class=\"num\">Own gain</th><th "
      "class=\"num\">Inner +</th><th class=\"num\">Inner −</th><th class=\"num\">Outer +</th><th "
      "class=\"num\">Outer −</th><th class=\"num\">Net to others</th></tr></thead><tbody>";
  for (std::size_t r = 0; r < run.rounds.size(); ++r) {
    std::array<double, 5> sum{};
    for (const Trade& t : run.rounds[r])
      if (t.externalities)
        for (std::size_t n = 0; n < sum.size(); ++n) sum[n] += (*t.externalities)[n];
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        r + 1, show(sum[4], 3), show(sum[0], 3), show(sum[1], 3), show(sum[2], 3), show(sum[3], 3),
        show(sum[0] + sum[1] + sum[2] + sum[3], 3));
  }
  return out + "</tbody></table></div>";
}

}  // namespace

std::optional<Section> exchange_section(const Scenario& s, const std::optional<ReportDocument>& forecast) {
  if (!forecast) return std::nullopt;
  const auto run = read_exchange(s, *forecast);
  if (!run) return std::nullopt;
  Section section{"exchange", "Exchanges between issues", ""};
  std::size_t total = 0;
  int ties = 0;
  for (std::size_t r = 0; r < run->rounds.size(); ++r) {
    total += run->rounds[r].size();
    ties += run->ties[r];
  }
  section.html = fmt::format(
      "<p class=\"note\">Stokman's exchange model (Stokman &amp; Van Oosten 1994; docs/models/exchange.md) starts "
      "each round from the capability × salience weighted mean. Two actors on opposite sides of two issues' "
      "outcomes trade: each gives way on the issue it cares less about, at the rate that makes both gains equal; "
      "the highest gain goes first. Here {} exchanges in {} rounds{}; exchanges.csv lists every one.</p>",
      total, run->rounds.size(),
      ties == 0 ? "" : fmt::format(" ({} of them picked among equal gains, by Decide's list order)", ties));
  section.html += "<h3>How the exchanges moved the outcome</h3><figure class=\"card\">" + moved_chart(s, *run) +
                  "<figcaption>Hollow triangle: the weighted mean the model starts from; arrow: where "
                  "its exchanges carried the outcome after the last round.</figcaption></figure>";
  if (!run->rounds.empty() && !run->rounds.front().empty()) {
    const auto& first = run->rounds.front();
    section.html += fmt::format(
        "<h3>Round 1: the {} exchanges in the order realised</h3><figure class=\"card\">{}<figcaption>Each row: "
        "the first actor gives way on its issue (arrow: from its position to where it moves) in return for the "
        "second giving way on another; both gain the same (bar).</figcaption></figure>",
        first.size() > kShownExchanges ? fmt::format("first {} of {}", kShownExchanges, first.size())
                                       : std::to_string(first.size()),
        round_chart(s, first));
  }
  if (run->draws > 0) section.html += tie_draws_html(s, *run);
  section.html += "<h3>Round by round</h3>" + rounds_table(s, *run);
  const bool externalities = std::any_of(run->rounds.begin(), run->rounds.end(), [](const auto& trades) {
    return std::any_of(trades.begin(), trades.end(), [](const Trade& t) { return t.externalities.has_value(); });
  });
  if (externalities) section.html += externalities_table(*run);
  if (total > 0) section.html += "<h3>Who traded with whom</h3>" + pairs_table(s, *run);
  return section;
}

}  // namespace pivot::report
