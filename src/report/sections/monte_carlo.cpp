// Monte Carlo: per issue the distribution of the forecast over the trials
// (histogram with P5, P50 and P95), and the tornado chart of which inputs
// move it most.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/html.hpp"
#include "report/json_node.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot::report {
namespace {

std::string issue_title(const Scenario& s, const std::string& id) {
  for (const Issue& i : s.issues)
    if (i.id == id) return i.name;
  return id;
}

bool outside_band(const Node& output) {
  const auto flag = output.find("point_outside_band");
  return flag && flag->boolean();
}

// The bins to draw: those fitted to the trials ("bins", Freedman–Diaconis) when mc.json has
// them and the trials span a range, else the 10 bins over the whole scale ("histogram").
Node histogram_bins(const Node& output) {
  if (const auto bins = output.find("bins"))
    if ((*bins)["hi"].number() > (*bins)["lo"].number()) return *bins;
  return output["histogram"];
}

// A label above the plot: its text, its line's x, where the text sits and the row it was given.
struct TopLabel {
  std::string css, text, value;
  double line_x = 0, x = 0;
  int row = 0;
};

// Rows for the labels so that none overlaps another (text about 6.2 px a character at 11 px):
// each goes into the first row where it clears every label already there.
void stack_labels(std::vector<TopLabel>& labels, const Frame& f) {
  std::vector<std::vector<std::pair<double, double>>> rows;
  for (TopLabel& l : labels) {
    const double half = 3.1 * static_cast<double>(l.text.size()) + 3;
    l.x = std::clamp(l.x, f.x0() + half - 30, f.x1() - half + 10);
    const double a = l.x - half, b = l.x + half;
    std::size_t r = 0;
    for (; r < rows.size(); ++r)
      if (std::none_of(rows[r].begin(), rows[r].end(), [&](const auto& s) { return a < s.second && s.first < b; }))
        break;
    if (r == rows.size()) rows.emplace_back();
    rows[r].push_back({a, b});
    l.row = static_cast<int>(r);
  }
}

std::string histogram_chart(const Node& output) {
  const Node h = histogram_bins(output);
  const double lo = h["lo"].number(), hi = h["hi"].number();
  std::vector<double> counts;
  double top = 0, total = 0;
  for (const Node& c : h["counts"].items()) {
    const double v = c.number();
    if (v < 0) c.fail("expected a count of at least 0");
    counts.push_back(v);
    top = std::max(top, v);
    total += v;
  }
  if (counts.empty()) h["counts"].fail("expected at least one bin");
  if (!(hi > lo)) h["hi"].fail("expected hi > lo");
  const Node q = output["quantiles"];
  const std::string issue = output["issue"].text(), unit = output.text_or("unit", "");
  const auto point = output.find("point");
  // The axis covers the bins and the point forecast, on round numbers.
  double axis_lo = lo, axis_hi = hi;
  if (point && std::isfinite(point->number()))
    axis_lo = std::min(axis_lo, point->number()), axis_hi = std::max(axis_hi, point->number());
  const auto [d0, d1] = nice_domain(axis_lo, axis_hi, 5);
  // Card-sized viewBox so the text stays readable at half a page; three label rows above the plot.
  const Frame f{.width = 440, .height = 236, .left = 40, .right = 14, .top = 52};
  const Scale x{d0, d1, f.x0(), f.x1()};
  const auto [c0, c1] = nice_domain(0, top > 0 ? 100 * top / total : 1, 4);
  const Scale y{c0, c1, f.y0(), f.y1()};
  std::string out = svg_open("histogram", f, fmt::format("{}: distribution over Monte Carlo trials", issue),
                             fmt::format("data-issue=\"{}\" data-bins=\"{}\"", escape(issue), counts.size()));
  out += y_grid(f, y, nice_ticks(c0, c1, 4)) + x_grid(f, x, nice_ticks(d0, d1, 5)) +
         // Along the y axis, left of its tick labels: above the plot it met the labels' top row.
         fmt::format(
             "<text class=\"axis-title\" x=\"8\" y=\"{0}\" dy=\"0.32em\" text-anchor=\"middle\" "
             "transform=\"rotate(-90 8 {0})\">% of trials</text>",
             px((f.y0() + f.y1()) / 2)) +
         x_title(f, unit);
  const double width = (hi - lo) / static_cast<double>(counts.size());
  for (std::size_t b = 0; b < counts.size(); ++b) {
    const double share = total > 0 ? 100 * counts[b] / total : 0;
    const double a = lo + width * static_cast<double>(b);
    out += fmt::format(
        "<rect class=\"mark bin\" data-count=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{} to {}: "
        "{} trials ({}%)</title></rect>",
        show(counts[b], 0), px(x(a) + 0.5), px(y(share)), px(std::max(0.5, x(a + width) - x(a) - 1)),
        px(f.y0() - y(share)), show(a, 3), show(a + width, 3), show(counts[b], 0), show(share, 1));
  }
  // P5, P50, P95 and the point forecast, each line labelled above the plot in the first of
  // three rows where its label clears the others: close values never print over each other.
  std::vector<TopLabel> labels;
  for (const auto& [key, name] : {std::pair{"p50", "P50"}, std::pair{"p5", "P5"}, std::pair{"p95", "P95"}}) {
    const double v = q[key].number();
    labels.push_back({std::string("quantile ") + key, fmt::format("{} {}", name, show(v)), show(v, 4), x(v), x(v), 0});
  }
  if (point) {
    const double v = point->number();
    labels.push_back({"point", fmt::format("point {}", show(v)), show(v, 4), x(v), x(v), 0});
  }
  stack_labels(labels, f);
  // A line runs from its label down through the rows below it, so the upper rows are drawn
  // first: a lower label's text (with its halo, assets.cpp) then lies over the lines it meets.
  std::stable_sort(labels.begin(), labels.end(), [](const TopLabel& a, const TopLabel& b) { return a.row > b.row; });
  for (const TopLabel& l : labels) {
    // Row 0 clears the top tick label of the y axis, which a label near the left end can reach.
    const double label_y = f.y1() - 12 - 13 * l.row;
    const std::string extra =
        l.css == "point" ? fmt::format(" data-outside=\"{}\"", outside_band(output) ? "true" : "false") : "";
    out += fmt::format(
        "<g class=\"{}\" data-value=\"{}\"{}><line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<text class=\"top-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
        l.css, l.value, extra, px(l.line_x), px(l.line_x), px(label_y + 3), px(f.y0()), px(l.x), px(label_y),
        escape(l.text));
  }
  return out + "</svg>";
}

std::string tornado_chart(const Node& entry, std::size_t top_n) {
  const std::string issue = entry["issue"].text();
  const double base = entry["base"].number();
  struct Bar {
    std::string input;
    double low, high, at_low, at_high;
  };
  std::vector<Bar> bars;
  for (const Node& b : entry["bars"].items())
    bars.push_back({b["input"].text(), b.number_or("low", 0), b.number_or("high", 0), b["output_low"].number(),
                    b["output_high"].number()});
  std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
    return std::abs(a.at_high - a.at_low) > std::abs(b.at_high - b.at_low);
  });
  if (bars.size() > top_n) bars.resize(top_n);
  double lo = base, hi = base;
  for (const Bar& b : bars) lo = std::min({lo, b.at_low, b.at_high}), hi = std::max({hi, b.at_low, b.at_high});
  const auto [d0, d1] = nice_domain(lo, hi, 5);
  const double row = 22;
  const Frame f = with_rows({.width = 520, .left = 230, .right = 14, .top = 10, .bottom = 28}, row,
                            std::max<std::size_t>(1, bars.size()));
  const Scale x{d0, d1, f.x0(), f.x1()};
  std::string out = svg_open("tornado", f, fmt::format("{}: inputs that move the forecast most", issue),
                             fmt::format("data-issue=\"{}\"", escape(issue)));
  out += x_grid(f, x, nice_ticks(d0, d1, 5));
  for (std::size_t r = 0; r < bars.size(); ++r) {
    const Bar& b = bars[r];
    const double y = f.top + row * static_cast<double>(r);
    out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" dy=\"0.32em\" text-anchor=\"end\">{}</text>",
                       px(f.x0() - 8), px(y + row / 2), escape(b.input));
    for (int side = 0; side < 2; ++side) {
      const double v = side == 0 ? b.at_low : b.at_high;
      const double a = std::min(x(base), x(v)), w = std::abs(x(v) - x(base));
      out += fmt::format(
          "<rect class=\"mark {}\" data-input=\"{}\" data-value=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
          "<title>{} at its {} ({}): forecast {}</title></rect>",
          side == 0 ? "at-low" : "at-high", escape(b.input), show(v, 4), px(a), px(y + 3), px(std::max(w, 1.0)),
          px(row - 6), escape(b.input), side == 0 ? "low end" : "high end", show(side == 0 ? b.low : b.high, 3),
          show(v));
    }
  }
  out += fmt::format("<line class=\"base\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", px(x(base)), px(x(base)),
                     px(f.y1()), px(f.y0()));
  return out + "</svg>";
}

// P(outcome) for every model run that has discrete outcomes: the [outcomes] rules of
// the forecast, and where each game's equilibrium play ends.
std::string outcome_probabilities(const Node& root) {
  std::string html;
  const auto runs = root.find("runs");
  if (!runs) return html;
  for (const Node& run : runs->items()) {
    const auto outcomes = run.find("outcomes");
    if (!outcomes || outcomes->items().empty()) continue;
    html += fmt::format(
        "<figure class=\"card\"><figcaption><b>{}</b><span>{} trials</span></figcaption>"
        "<ul class=\"outcome-probabilities\" data-model=\"{}\">",
        escape(run["model"].text()), show(run.number_or("trials", 0), 0), escape(run["model"].text()));
    for (const Node& o : outcomes->items()) {
      const double p = o["probability"].number();
      if (p < 0 || p > 1) o["probability"].fail("expected a probability in [0, 1]");
      html += fmt::format("<li data-probability=\"{}\">P({}) = {} <span class=\"note\">{}</span></li>", show(p, 4),
                          escape(o["name"].text()), show(p, 2), escape(o.text_or("condition", "")));
    }
    html += "</ul></figure>";
  }
  if (html.empty()) return html;
  return "<h3>Discrete outcomes</h3><p class=\"note\">Share of trials in which each outcome holds; for a game, "
         "the probability that its equilibrium play ends there, averaged over the trials.</p><div class=\"grid\">" +
         html + "</div>";
}

// sensitivity.json's caveats on its Sobol indices (pivot run uses few samples), as warnings.
std::string sobol_warnings(const std::optional<ReportDocument>& sensitivity) {
  if (!sensitivity) return "";
  std::string html;
  const Node root(sensitivity->json, sensitivity->file);
  for (const Node& a : root["analyses"].items()) {
    const auto caveats = a.find("sobol_caveats");
    if (!caveats || caveats->items().empty()) continue;
    std::string items;
    for (const Node& c : caveats->items()) items += "<li>" + escape(c.text()) + "</li>";
    html += fmt::format(
        "<div class=\"warning sobol-caveats\" data-model=\"{}\"><p class=\"warning\">The Sobol indices "
        "of {} in sensitivity.json (N = {}) cannot be read as shares of variance yet; "
        "<code>pivot sensitivity --samples</code> with more samples settles them:</p><ul>{}</ul></div>",
        escape(a["model"].text()), escape(a["model"].text()), show(a.number_or("samples", 0), 0), items);
  }
  return html;
}

}  // namespace

Section monte_carlo_section(const Study& study, const std::optional<ReportDocument>& mc,
                            const std::optional<ReportDocument>& sensitivity) {
  Section section{"uncertainty", "Uncertainty", ""};
  const Scenario& s = study.scenario;
  if (!mc && study.uncertainty.empty()) {
    section.html =
        "<p class=\"not-run\">No Monte Carlo: the scenario has no uncertain inputs (no "
        "<code>uncertainty.csv</code> and no <code>[uncertainty]</code> table in scenario.toml), so there "
        "is nothing to sample. See docs/uncertainty.md.</p>";
    return section;
  }
  if (!mc)
    return not_run(section, "mc.json", "A Monte Carlo step in <code>pivot run</code> writes it (see docs/report.md).");
  const Node root(mc->json, mc->file);
  std::string html = fmt::format(
      "<p class=\"note\">How the forecast ({}) spreads when the scenario's uncertain judgements are drawn from "
      "their ranges: {} trials, seed {}. Bars are the share of trials in each bin; the lines mark P5, P50 and P95; "
      "the solid line marked \"point\" is the point forecast, the model on the unperturbed inputs.</p>",
      escape(root.text_or("model", "ktab")), show(root.number_or("trials", 0), 0), show(root.number_or("seed", 0), 0));
  std::vector<std::string> outside;
  std::string cards;
  for (const Node& o : root["outputs"].items()) {
    const std::string title = issue_title(s, o["issue"].text());
    if (outside_band(o)) outside.push_back(title);
    cards += fmt::format(
        "<figure class=\"card\"><figcaption><b>{}</b><span>mean {} · sd {}{}</span></figcaption>{}</figure>",
        escape(title), show(o["mean"].number()), show(o["sd"].number()),
        outside_band(o) ? " · point outside the band" : "", histogram_chart(o));
  }
  if (!outside.empty())
    html += fmt::format(
        "<p class=\"warning point-outside-band\">The point forecast is outside the band (P5 to P95) for {}: the "
        "unperturbed inputs give an answer the sampled ones rarely give, either because a small change in the "
        "judgements moves the forecast far from its point value (a knife edge) or because the judgements' ranges "
        "lie mostly on one side of their point values. Read the distribution, not the point.</p>",
        escape(fmt::format("{}", fmt::join(outside, ", "))));
  html += "<div class=\"grid\">" + cards + "</div>";
  html += outcome_probabilities(root);
  if (auto tornado = root.find("tornado")) {
    html +=
        "<h3>What moves the forecast (tornado)</h3><p class=\"note\">Each input set to the low and the high "
        "end of its range, every other input at its point value; the line is the forecast at the point values. "
        "<span class=\"swatch at-low\"></span> input at its low end <span class=\"swatch at-high\"></span> at "
        "its high end.</p><div class=\"grid\">";
    for (const Node& t : tornado->items())
      html += fmt::format("<figure class=\"card\"><figcaption><b>{}</b><span>base {}</span></figcaption>{}</figure>",
                          escape(issue_title(s, t["issue"].text())), show(t["base"].number()), tornado_chart(t, 8));
    html += "</div>";
  }
  html += sobol_warnings(sensitivity);
  section.html = html;
  return section;
}

}  // namespace pivot::report
