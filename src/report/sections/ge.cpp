// Real income change by region in general equilibrium (structural gravity,
// GEPPML) beside GSIM's partial-equilibrium net welfare, per tariff case (ge.json).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/html.hpp"
#include "report/json_node.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot::report {
namespace {

struct Series {
  const char* key;
  const char* title;
  std::size_t colour;
};

// Both as % of the region's output (GDP): GE's real-income change, GSIM's net welfare change.
const Series kSeries[] = {{"real_income_change_pct_full", "General equilibrium (real income)", 0},
                          {"gsim_net_welfare_pct_output", "GSIM (net welfare, partial equilibrium)", 1}};

std::string income_chart(const std::string& name, const std::vector<Node>& regions) {
  double lo = 0, hi = 0;
  for (const Node& r : regions)
    for (const Series& s : kSeries) {
      const double v = r[s.key].number();
      lo = std::min(lo, v), hi = std::max(hi, v);
    }
  const auto [d0, d1] = nice_domain(lo, hi, 6);
  const double bar = 11, group = bar * 2 + 12;
  const Frame f = with_rows({.left = 60, .right = 16, .top = 10, .bottom = 40}, group, regions.size());
  const Scale x{d0, d1, f.x0(), f.x1()};
  std::string out = svg_open("income", f, "Real income change by region, " + name + ": GE and GSIM");
  out += x_grid(f, x, nice_ticks(d0, d1, 6)) + x_title(f, "change, % of the region's output (GDP)");
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const std::string region = regions[r]["region"].text();
    const double y = f.top + group * static_cast<double>(r) + 6;
    out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" dy=\"0.32em\" text-anchor=\"end\">{}</text>",
                       px(f.x0() - 8), px(y + bar), escape(region));
    for (std::size_t s = 0; s < 2; ++s) {
      const double v = regions[r][kSeries[s].key].number();
      const double a = std::min(x(0), x(v)), w = std::abs(x(v) - x(0));
      out += fmt::format(
          "<rect class=\"mark\" data-case=\"{}\" data-region=\"{}\" data-field=\"{}\" data-value=\"{}\" x=\"{}\" "
          "y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}, {}: {}%</title></rect>",
          escape(name), escape(region), kSeries[s].key, show(v, 6), px(a), px(y + bar * static_cast<double>(s)),
          px(std::max(w, 0.8)), px(bar - 1), series_colour(kSeries[s].colour), escape(region), kSeries[s].title,
          show(v, 4));
    }
  }
  out += fmt::format("<line class=\"base\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", px(x(0)), px(x(0)), px(f.y1()),
                     px(f.y0()));
  return out + "</svg>";
}

std::string income_table(const std::vector<Node>& regions, const std::string& currency) {
  const std::string money = currency.empty() ? "" : " (" + escape(currency) + ")";
  std::string out = fmt::format(
      "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>Region</th><th class=\"num\">Output{}</th>"
      "<th class=\"num\">GE, incomes fixed</th><th class=\"num\">GE, full</th><th class=\"num\">GE, full{}</th>"
      "<th class=\"num\">GSIM{}</th><th class=\"num\">GSIM, % of output</th></tr></thead><tbody>",
      money, money, money);
  for (const Node& r : regions)
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}%</td><td class=\"num\"><b>{}%</b></td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\"><b>{}%</b></td></tr>",
        escape(r["region"].text()), show(r["output"].number(), 1),
        show(r["real_income_change_pct_conditional"].number(), 4), show(r["real_income_change_pct_full"].number(), 4),
        show(r["real_income_change_full"].number(), 3), show(r["gsim_net_welfare_change"].number(), 3),
        show(r["gsim_net_welfare_pct_output"].number(), 4));
  return out + "</tbody></table></div>";
}

}  // namespace

Section ge_section(const std::optional<ReportDocument>& ge) {
  Section section{"ge", "Real income in general equilibrium", ""};
  if (!ge)
    return not_run(section, "ge.json",
                   "A GE step in <code>pivot run</code> writes it when the scenario has <code>ge/ge.toml</code> and "
                   "trade models.");
  const Node root(ge->json, ge->file);
  const Node manifest = root["manifest"];
  const std::string currency = manifest.text_or("currency", "");
  std::string html = fmt::format(
      "<p class=\"note\">Each tariff case of the trade section solved as one structural gravity model (products "
      "summed, domestic sales = GDP less exports; {}) with σ = {} and tariff pass-through {}, beside GSIM's net "
      "welfare change, both in % of the region's output. {}</p>",
      manifest.text_or("closure", "geppml") == "hat" ? "exact hat algebra, Dekle, Eaton &amp; Kortum 2008"
                                                     : "GEPPML, Anderson, Larch &amp; Yotov 2018",
      show(manifest["sigma"].number(), 3), show(manifest["pass_through"].number(), 3),
      escape(root["why_they_differ"].text()));
  html += "<ul class=\"legend\">";
  for (const Series& s : kSeries)
    html += fmt::format("<li><span class=\"swatch\" style=\"background:{}\"></span>{}</li>", series_colour(s.colour),
                        s.title);
  html += "</ul>";
  for (const Node& c : root["cases"].items()) {
    const std::string name = c["name"].text();
    const auto regions = c["regions"].items();
    html += fmt::format("<h3>{}</h3>", escape(c.text_or("title", name)));
    html += "<figure class=\"card\">" + income_chart(name, regions) + "</figure>" + income_table(regions, currency);
    if (!c["converged"].boolean())
      html += "<p class=\"warning\">The general-equilibrium iteration stopped before its tolerance.</p>";
  }
  section.html = html;
  return section;
}

}  // namespace pivot::report
