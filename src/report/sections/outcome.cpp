// Where bargaining lands: each model's prediction on every issue's scale,
// beside the baselines and the status quo.
#include <fmt/format.h>

#include "report/html.hpp"
#include "report/json_node.hpp"
#include "report/sections/forecast_common.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot::report {
namespace {

struct ModelOutcome {
  std::string model;
  std::vector<double> predicted;  // per scenario issue
  std::vector<int> rounds;
  std::vector<bool> converged;
};

std::vector<ModelOutcome> read_outcomes(const Scenario& s, const ReportDocument& doc) {
  std::vector<ModelOutcome> out;
  for (const Node& m : Node(doc.json, doc.file)["models"].items()) {
    ModelOutcome o{m["model"].text(), {}, {}, {}};
    const Node outcome = m["outcome"];
    for (const Issue& i : s.issues) {
      const Node one = outcome[i.id];
      o.predicted.push_back(one["predicted"].number());
      o.rounds.push_back(static_cast<int>(one.number_or("rounds", 0)));
      auto converged = one.find("converged");
      o.converged.push_back(!converged || converged->boolean());
    }
    out.push_back(std::move(o));
  }
  return out;
}

// Marker shapes keep models apart without colour: filled circle and diamond for
// models, hollow grey triangle, square and circle for the baselines.
std::string marker(const std::string& model, std::size_t index, double x, double y, const std::string& extra,
                   const std::string& title) {
  const std::string attrs =
      fmt::format("class=\"mark model-{}\" data-model=\"{}\"{}", escape(model), escape(model), extra);
  const std::string tip = title.empty() ? "" : "<title>" + escape(title) + "</title>";
  const char* hollow = "fill=\"#fff\" stroke=\"#555\" stroke-width=\"1.5\"";
  if (model == "mean")
    return fmt::format("<path {} d=\"M{} {}l6 10h-12z\" {}>{}</path>", attrs, px(x), px(y - 6), hollow, tip);
  if (model == "median")
    return fmt::format("<rect {} x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" {}>{}</rect>", attrs, px(x - 5),
                       px(y - 5), hollow, tip);
  if (model == "nbs")
    return fmt::format("<circle {} cx=\"{}\" cy=\"{}\" r=\"5\" {}>{}</circle>", attrs, px(x), px(y), hollow, tip);
  if (model == "bdm")
    return fmt::format("<path {} d=\"M{} {}l7 7l-7 7l-7-7z\" fill=\"{}\">{}</path>", attrs, px(x), px(y - 7),
                       series_colour(1), tip);
  return fmt::format("<circle {} cx=\"{}\" cy=\"{}\" r=\"6.5\" fill=\"{}\">{}</circle>", attrs, px(x), px(y),
                     series_colour(index == 0 ? 0 : 2 + index), tip);
}

std::string outcome_chart(const Scenario& s, const std::vector<ModelOutcome>& models) {
  const double row = 58;
  const Frame f = with_rows({.left = 250, .right = 24, .top = 8, .bottom = 8}, row, s.issues.size());
  std::string out = svg_open("outcomes", f, "Predicted outcome per issue and model");
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    const Issue& issue = s.issues[k];
    const Scale x{issue.min, issue.max, f.x0(), f.x1()};
    const double y = f.top + row * static_cast<double>(k) + 24;
    out += fmt::format(
        "<g class=\"issue-row\" data-issue=\"{}\"><text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}"
        "</text><text class=\"sub\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
        "<line class=\"track\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<text class=\"end\" x=\"{}\" y=\"{}\">{}</text><text class=\"end\" x=\"{}\" y=\"{}\" "
        "text-anchor=\"end\">{}</text>",
        escape(issue.id), px(f.x0() - 12), px(y), escape(issue.name.size() > 38 ? issue.id : issue.name),
        px(f.x0() - 12), px(y + 15), escape(issue.unit), px(f.x0()), px(f.x1()), px(y), px(y), px(f.x0()), px(y + 22),
        show(issue.min), px(f.x1()), px(y + 22), show(issue.max));
    if (issue.status_quo)
      out += fmt::format(
          "<line class=\"status-quo\" data-value=\"{}\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\">"
          "<title>status quo {}</title></line>",
          show(*issue.status_quo, 4), px(x(*issue.status_quo)), px(x(*issue.status_quo)), px(y - 13), px(y + 13),
          show(*issue.status_quo));
    // Baselines first so the models' markers sit on top.
    for (bool baselines : {true, false})
      for (std::size_t m = 0; m < models.size(); ++m) {
        if (is_baseline(models[m].model) != baselines) continue;
        const double v = models[m].predicted[k];
        out += marker(models[m].model, m, x(v), y,
                      fmt::format(" data-issue=\"{}\" data-value=\"{}\"", escape(issue.id), show(v, 4)),
                      fmt::format("{}: {} {}", model_title(models[m].model), show(v), issue.unit));
      }
    out += "</g>";
  }
  return out + "</svg>";
}

std::string legend(const std::vector<ModelOutcome>& models) {
  std::string out = "<ul class=\"legend\">";
  for (std::size_t m = 0; m < models.size(); ++m) {
    out += fmt::format("<li><svg class=\"key\" viewBox=\"0 0 18 18\" aria-hidden=\"true\">{}</svg>{}</li>",
                       marker(models[m].model, m, 9, 9, "", ""), escape(model_title(models[m].model)));
  }
  return out + "<li><span class=\"sq-key\"></span>Status quo</li></ul>";
}

std::string outcome_table(const Scenario& s, const std::vector<ModelOutcome>& models) {
  std::string out = "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>Issue</th><th>Unit</th>";
  for (const auto& m : models)
    out += fmt::format("<th class=\"num\" title=\"{}\">{}</th>", escape(model_title(m.model)), escape(m.model));
  out += "<th class=\"num\">Status quo</th></tr></thead><tbody>";
  bool any_unconverged = false;
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    out += fmt::format("<tr><td>{}</td><td>{}</td>", escape(s.issues[k].id), escape(s.issues[k].unit));
    for (const auto& m : models) {
      const bool flag = m.rounds[k] > 0 && !m.converged[k];
      any_unconverged = any_unconverged || flag;
      out += fmt::format("<td class=\"num\">{}{}</td>", show(m.predicted[k]), flag ? "*" : "");
    }
    out += fmt::format("<td class=\"num\">{}</td></tr>", s.issues[k].status_quo ? show(*s.issues[k].status_quo) : "—");
  }
  out += "</tbody></table></div>";
  if (any_unconverged) out += "<p class=\"note\">* stopped at the round limit without converging.</p>";
  return out;
}

}  // namespace

Section outcome_section(const Scenario& s, const std::optional<ReportDocument>& forecast) {
  Section section{"outcome", "Predicted outcome", ""};
  if (!forecast)
    return not_run(section, "forecast.json", "Run <code>pivot run SCENARIO</code> to forecast every issue.");
  const auto models = read_outcomes(s, *forecast);
  section.html =
      "<p class=\"note\">Where each model expects the bargaining to land, on each issue's full scale. The "
      "baselines (capability × salience weighted mean and median, Nash bargaining solution) are what a forecast "
      "must beat to be worth its machinery.</p>" +
      legend(models) + "<figure class=\"card\">" + outcome_chart(s, models) + "</figure>" + outcome_table(s, models);
  return section;
}

}  // namespace pivot::report
