// The bottom line, first on the page: per issue a card with each model's
// forecast against the status quo, the Monte Carlo band with the point marked,
// the [outcomes] probabilities, the inputs that move the forecast most and the
// flags to read before briefing a number. pipeline::bottom_line gathers it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/html.hpp"
#include "report/sections/forecast_common.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot {

std::string direction_from(double value, double status_quo, double range) {
  const double tolerance = 0.005 * std::max(range, 1e-12);
  if (value > status_quo + tolerance) return "up";
  if (value < status_quo - tolerance) return "down";
  return "no change";
}

namespace report {
namespace {

const char* arrow(const std::string& direction) {
  if (direction == "up") return "↑";
  if (direction == "down") return "↓";
  return "=";
}

// The issue's scale with the status quo, the band (P5–P95, P50) and every forecast.
std::string strip(const IssueBottomLine& line) {
  const Frame f{.width = 560, .height = 64, .left = 14, .right = 14, .top = 8, .bottom = 22};
  const Scale x{line.min, line.max, f.x0(), f.x1()};
  const double y = 30;
  std::string out = svg_open("strip", f, fmt::format("{}: forecasts on the issue's range", line.issue),
                             fmt::format("data-issue=\"{}\"", escape(line.issue)));
  out += fmt::format(
      "<line class=\"track\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/><text class=\"end\" x=\"{}\" y=\"{}\">{}</text>"
      "<text class=\"end\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
      px(f.x0()), px(f.x1()), px(y), px(y), px(f.x0()), px(y + 26), show(line.min), px(f.x1()), px(y + 26),
      show(line.max));
  if (const auto& b = line.band)
    out += fmt::format(
        "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\"><title>{} P5–P95: {} to {} {}</title></rect>"
        "<line class=\"p50\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"><title>P50 {}</title></line>",
        px(x(b->p5)), px(y - 8), px(std::max(1.0, x(b->p95) - x(b->p5))), escape(b->model), show(b->p5), show(b->p95),
        escape(line.unit), px(x(b->p50)), px(x(b->p50)), px(y - 8), px(y + 8), show(b->p50));
  if (line.status_quo)
    out += fmt::format(
        "<line class=\"status-quo\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"><title>status quo {}</title></line>",
        px(x(*line.status_quo)), px(x(*line.status_quo)), px(y - 13), px(y + 13), show(*line.status_quo));
  for (std::size_t m = 0; m < line.forecasts.size(); ++m) {
    const auto& fc = line.forecasts[m];
    const std::string tip =
        fmt::format("<title>{}: {} {}</title>", escape(model_title(fc.model)), show(fc.predicted), escape(line.unit));
    if (fc.baseline)
      out += fmt::format(
          "<circle class=\"mark baseline\" data-model=\"{}\" data-value=\"{}\" cx=\"{}\" cy=\"{}\" r=\"4\">{}</circle>",
          escape(fc.model), show(fc.predicted), px(x(fc.predicted)), px(y), tip);
    else
      out += fmt::format(
          "<circle class=\"mark point\" data-model=\"{}\" data-value=\"{}\" cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{}\">{}"
          "</circle>",
          escape(fc.model), show(fc.predicted), px(x(fc.predicted)), px(y), series_colour(fc.model == "bdm" ? 1 : m),
          tip);
  }
  return out + "</svg>";
}

std::string forecasts_list(const IssueBottomLine& line) {
  std::string out = "<ul class=\"forecasts\">";
  for (const auto& f : line.forecasts) {
    const std::string dir =
        line.status_quo ? direction_from(f.predicted, *line.status_quo, line.max - line.min) : std::string();
    out += fmt::format("<li class=\"{}\" data-model=\"{}\"><b>{}</b> {}{}</li>", f.baseline ? "baseline" : "model",
                       escape(f.model), escape(f.model), show(f.predicted),
                       dir.empty() ? ""
                                   : fmt::format(" <span class=\"dir\" title=\"{} from the status quo\">{}</span>",
                                                 escape(dir), arrow(dir)));
  }
  return out + "</ul>";
}

std::string details(const IssueBottomLine& line) {
  std::string out;
  if (const auto& b = line.band)
    out += fmt::format("<p class=\"band-text\">{} band <b>P5 {} – P95 {}</b> (P50 {}) over {} trials; point {}{}.</p>",
                       escape(b->model), show(b->p5), show(b->p95), show(b->p50), b->trials, show(b->point),
                       b->point < b->p5 || b->point > b->p95 ? " <b>outside</b>" : "");
  for (const auto& o : line.outcomes)
    out +=
        fmt::format("<p class=\"outcome-chance\">Outcome <b>{}</b> ({}): {}% ± {}% (standard error)</p>",
                    escape(o.name), escape(o.condition), show(100 * o.probability, 1), show(100 * o.standard_error, 1));
  if (!line.movers.empty()) {
    out += "<p class=\"movers\">Moved most by: ";
    for (std::size_t i = 0; i < line.movers.size(); ++i)
      out += fmt::format("{}<code>{}</code> (swing {})", i ? ", " : "", escape(line.movers[i].input),
                         show(line.movers[i].swing));
    out += "</p>";
  }
  for (const auto& f : line.flags)
    out += fmt::format("<p class=\"flag\" data-flag=\"{}\" role=\"note\">⚑ {}</p>", escape(f.kind), escape(f.text));
  return out;
}

}  // namespace

Section bottom_line_section(const BottomLine& bottom) {
  Section section{"bottom-line", "Bottom line", ""};
  std::string html =
      "<p class=\"note\">Per issue: each model's forecast (filled) and the baselines (hollow) against the status quo "
      "(tall line), the Monte Carlo band P5–P95 (shaded) with its median, the outcomes' probabilities, the inputs "
      "that move the forecast most, and what to check before briefing the number (⚑).</p><div class=\"summary\">";
  for (const auto& line : bottom.issues)
    html += fmt::format(
        "<article class=\"card issue-summary\" data-issue=\"{}\" data-flags=\"{}\"><h3>{} <span class=\"sub\">{}{}"
        "</span></h3>{}{}{}</article>",
        escape(line.issue), line.flags.size(), escape(line.name.empty() ? line.issue : line.name), escape(line.unit),
        line.status_quo ? fmt::format(" · status quo {}", show(*line.status_quo)) : std::string(), strip(line),
        forecasts_list(line), details(line));
  section.html = html + "</div>";
  return section;
}

}  // namespace report
}  // namespace pivot
