// How positions move: per issue and model, one line per actor over the
// bargaining rounds. The forecast trace (who challenged whom, expected gain,
// vote, move) is embedded once as JSON; the page's script shows it on hover.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "pivot/report/challengers.hpp"
#include "report/html.hpp"
#include "report/json_node.hpp"
#include "report/sections/forecast_common.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot::report {
namespace {

/// One model's rounds: positions[round][actor][issue] plus its trace node.
struct Trajectory {
  std::string model;
  std::vector<std::vector<std::vector<double>>> positions;
  std::vector<Node> rounds;
  std::vector<double> predicted;  // per issue
};

std::vector<Trajectory> read_trajectories(const Scenario& s, const ReportDocument& doc) {
  std::vector<Trajectory> out;
  for (const Node& m : Node(doc.json, doc.file)["models"].items()) {
    auto rounds = m.find("rounds");
    if (!rounds) continue;  // baselines do not bargain over rounds
    Trajectory t{m["model"].text(), {}, rounds->items(), {}};
    for (const Node& r : t.rounds) {
      std::vector<std::vector<double>> at;
      const Node positions = r["positions"];
      for (const Actor& a : s.actors) {
        const Node row = positions[a.id];
        std::vector<double> values;
        for (std::size_t k = 0; k < s.issues.size(); ++k) values.push_back(row[k].number());
        at.push_back(std::move(values));
      }
      t.positions.push_back(std::move(at));
    }
    for (const Issue& i : s.issues) t.predicted.push_back(m["outcome"][i.id]["predicted"].number());
    if (t.positions.size() >= 2) out.push_back(std::move(t));
  }
  return out;
}

std::string actor_name(const Scenario& s, const std::string& id) {
  for (const Actor& a : s.actors)
    if (a.id == id) return a.name;
  return id;
}

// Per round, "actor" or "actor|issue" -> why it moved, and "@actor[|issue]" -> who challenged it.
Json trace_json(const Scenario& s, const Trajectory& t) {
  Json rounds = Json::array();
  for (const Node& r : t.rounds) {
    Json entry = Json::object();
    if (auto moves = r.find("moves"))
      for (const Node& m : moves->items()) {
        std::string key = m["actor"].text();
        if (auto issue = m.find("issue")) key += "|" + issue->text();
        entry[key] = m.text_or("why", "");
      }
    if (auto challenges = r.find("challenges")) {
      std::map<std::string, std::vector<ChallengeNote>> by_target;
      for (const Node& c : challenges->items()) {
        auto target = c.find("target");
        if (!target) continue;
        std::string key = "@" + target->text();
        if (auto issue = c.find("issue")) key += "|" + issue->text();
        by_target[key].push_back({actor_name(s, c["challenger"].text()), c.number_or("expected_gain", 0),
                                  c.number_or("win_probability", 0)});
      }
      for (auto& [key, list] : by_target) entry[key] = strongest_challenges_text(std::move(list));
    }
    rounds.push_back(std::move(entry));
  }
  return rounds;
}

std::string issue_chart(const Scenario& s, const Trajectory& t, std::size_t k) {
  const Issue& issue = s.issues[k];
  const std::size_t last = t.positions.size() - 1;
  double lo = t.predicted[k], hi = t.predicted[k];
  for (const auto& round : t.positions)
    for (const auto& actor : round) lo = std::min(lo, actor[k]), hi = std::max(hi, actor[k]);
  const auto [d0, d1] = nice_domain(lo, hi, 5);
  // Narrow viewBox: the chart fills half a page, and its text should stay readable there.
  const Frame f{.width = 440, .height = 270, .left = 40, .right = 12, .top = 24, .bottom = 40};
  const Scale x{0, static_cast<double>(last), f.x0(), f.x1()};
  const Scale y{d0, d1, f.y0(), f.y1()};
  std::string out =
      svg_open("positions", f, fmt::format("{}: positions over rounds, {}", issue.name, model_title(t.model)),
               fmt::format("data-model=\"{}\" data-issue=\"{}\" data-unit=\"{}\" data-rounds=\"{}\" data-y0=\"{}\" "
                           "data-y1=\"{}\"",
                           escape(t.model), escape(issue.id), escape(issue.unit), last, show(d0, 6), show(d1, 6)));
  out += y_grid(f, y, nice_ticks(d0, d1, 5));
  std::vector<double> round_ticks;
  for (double r : nice_ticks(0, static_cast<double>(last), 6))
    if (r == std::floor(r)) round_ticks.push_back(r);
  out += x_grid(f, x, round_ticks) + y_title(f, issue.unit) + x_title(f, "round");
  out += "<g class=\"series\">";
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    std::string d, values;
    for (std::size_t r = 0; r <= last; ++r) {
      const double v = t.positions[r][a][k];
      d += fmt::format("{}{} {}", r == 0 ? "M" : "L", px(x(static_cast<double>(r))), px(y(v)));
      values += (r ? "," : "") + show(v, 4);
    }
    const std::string dash = series_dash(a);
    out += fmt::format("<path class=\"line\" data-actor=\"{}\" data-values=\"{}\" d=\"{}\" stroke=\"{}\"{}/>",
                       escape(s.actors[a].id), values, d, series_colour(a),
                       dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"");
  }
  out += "</g>";
  const double yp = y(t.predicted[k]);
  out += fmt::format(
      "<g class=\"prediction\" data-value=\"{}\"><line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
      "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">predicted {}</text></g>",
      show(t.predicted[k], 4), px(f.x1() - 28), px(f.x1()), px(yp), px(yp), px(f.x1()), px(f.y1() - 8),
      show(t.predicted[k]));
  out += "<circle class=\"focus-dot\" r=\"4.5\" cx=\"-10\" cy=\"-10\"/>";
  return out + "</svg>";
}

std::string actor_legend(const Scenario& s) {
  std::string out = "<ul class=\"legend actors\" aria-label=\"Actors (click to highlight)\">";
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    const std::string dash = series_dash(a);
    out += fmt::format(
        "<li data-actor=\"{}\" tabindex=\"0\"><svg class=\"key\" viewBox=\"0 0 22 10\" aria-hidden=\"true\">"
        "<line x1=\"1\" x2=\"21\" y1=\"5\" y2=\"5\" stroke=\"{}\" stroke-width=\"3\"{}/></svg>{}</li>",
        escape(s.actors[a].id), series_colour(a), dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"",
        escape(s.actors[a].name));
  }
  return out + "</ul>";
}

// Per issue, every model's turning points (forecast.json's key_moves) as a table: plain
// HTML, so it prints and reads without a pointer; the scrolling wrapper takes focus.
std::string key_moves_tables(const Scenario& s, const ReportDocument& doc) {
  std::string out;
  const Node models = Node(doc.json, doc.file)["models"];
  for (const Issue& issue : s.issues) {
    std::string rows;
    for (const Node& m : models.items()) {
      const auto moves = m["outcome"][issue.id].find("key_moves");
      if (!moves) continue;
      for (const Node& move : moves->items()) {
        rows += fmt::format(
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{} → {}</td>"
            "<td class=\"num\">{}{}</td><td>{}</td></tr>",
            escape(m["model"].text()), show(move["round"].number(), 0), escape(actor_name(s, move["actor"].text())),
            show(move["from"].number()), show(move["to"].number()), move["shift"].number() > 0 ? "+" : "",
            show(move["shift"].number()), escape(move.text_or("why", "")));
      }
    }
    if (rows.empty()) continue;
    out += fmt::format(
        "<h4>{}</h4><div class=\"table-wrap key-moves\" data-issue=\"{}\" tabindex=\"0\" role=\"region\" "
        "aria-label=\"Key moves: {}\"><table class=\"data\"><thead><tr><th>Model</th><th class=\"num\">Round</th>"
        "<th>Actor</th><th class=\"num\">Move ({})</th><th class=\"num\">Shift of the weighted mean</th>"
        "<th>Why</th></tr></thead><tbody>{}</tbody></table></div>",
        escape(issue.name), escape(issue.id), escape(issue.name), escape(issue.unit), rows);
  }
  if (out.empty()) return out;
  return "<h3 id=\"key-moves\">Key moves per issue</h3><p class=\"note\">The moves that shifted each issue's "
         "capability × salience weighted mean most (up to five per model), in round order, with the model's own "
         "reason; <code>pivot explain SCENARIO --actor ID</code> tells one actor's whole story.</p>" +
         out;
}

}  // namespace

Section positions_section(const Scenario& s, const std::optional<ReportDocument>& forecast) {
  Section section{"positions", "Positions over rounds", ""};
  if (!forecast)
    return not_run(section, "forecast.json", "Run <code>pivot run SCENARIO</code> for the bargaining rounds.");
  const auto trajectories = read_trajectories(s, *forecast);
  if (trajectories.empty()) {
    section.html = "<p class=\"not-run\">No model in <code>" + escape(forecast->file) +
                   "</code> bargains over rounds (only static baselines).</p>";
    return section;
  }
  std::string html =
      "<p class=\"note\">Each line is one actor's position, round by round, as the model has actors challenge, "
      "vote and move. Hover a line to see why that actor moved; click an actor below to pick out its line.</p>";
  html += "<div class=\"toggle\" role=\"group\" aria-label=\"Model\">";
  for (std::size_t m = 0; m < trajectories.size(); ++m)
    html += fmt::format("<button type=\"button\" data-show=\"{}\" aria-pressed=\"{}\">{}</button>",
                        escape(trajectories[m].model), m == 0 ? "true" : "false",
                        escape(model_title(trajectories[m].model)));
  html += "</div>" + actor_legend(s);
  Json trace = Json::object();
  Json names = Json::object();
  for (const Actor& a : s.actors) names[a.id] = a.name;
  trace["actors"] = names;
  for (std::size_t m = 0; m < trajectories.size(); ++m) {
    const Trajectory& t = trajectories[m];
    trace["models"][t.model] = trace_json(s, t);
    html +=
        fmt::format("<div class=\"model-panel grid\" data-model=\"{}\"{}>", escape(t.model), m == 0 ? "" : " hidden");
    for (std::size_t k = 0; k < s.issues.size(); ++k)
      html += fmt::format(
          "<figure class=\"card\"><figcaption><b>{}</b><span>{} · {} rounds</span></figcaption>{}"
          "<p class=\"ends\"><span>{}: {}</span><span>{}: {}</span></p></figure>",
          escape(s.issues[k].name), escape(model_title(t.model)), t.positions.size() - 1, issue_chart(s, t, k),
          show(s.issues[k].min), escape(s.issues[k].low), show(s.issues[k].max), escape(s.issues[k].high));
    html += "</div>";
  }
  html += key_moves_tables(s, *forecast);
  html += "<script type=\"application/json\" id=\"trace\">" +
          script_safe(trace.dump(-1, ' ', false, Json::error_handler_t::replace)) + "</script>";
  section.html = html;
  return section;
}

}  // namespace pivot::report
