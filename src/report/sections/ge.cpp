// Real income change by region in general equilibrium (structural gravity,
// GEPPML) beside GSIM's partial-equilibrium net welfare, per tariff case (ge.json).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/html.hpp"
#include "report/json_node.hpp"
#include "report/region_bars.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot::report {
namespace {

// Both as % of the region's output (GDP): GE's real-income change, GSIM's net welfare change.
const BarSeries kSeries[] = {{"real_income_change_pct_full", "General equilibrium (real income)", 0},
                             {"gsim_net_welfare_pct_output", "GSIM (net welfare, partial equilibrium)", 1}};

std::string income_chart(const std::string& name, const std::vector<Node>& regions) {
  return region_bars_chart(regions, kSeries,
                           {.css_class = "income",
                            .label = "Real income change by region, " + name + ": GE and GSIM",
                            .axis_title = "change, % of the region's output (GDP)",
                            .left = 60,
                            .case_name = name,
                            .value_digits = 6,
                            .tooltip_digits = 4,
                            .unit = "%"});
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
  for (const BarSeries& s : kSeries)
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
