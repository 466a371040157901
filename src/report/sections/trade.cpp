// Tariff effects by region (GSIM / SMART, `pivot trade --json`): the surplus
// changes that add up to each region's net welfare change.
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

// Net welfare = producer + consumer surplus + tariff revenue (Francois & Hall 2003, GSIM).
const BarSeries kComponents[] = {{"producer_surplus_change", "Producer surplus", 0},
                                 {"consumer_surplus_change", "Consumer surplus", 4},
                                 {"tariff_revenue_change", "Tariff revenue", 3},
                                 {"net_welfare_change", "Net welfare", 1}};

std::string welfare_chart(const std::vector<Node>& regions, const std::string& currency) {
  return region_bars_chart(regions, kComponents,
                           {.css_class = "welfare",
                            .label = "Welfare change by region",
                            .axis_title = "change, " + (currency.empty() ? "flow units" : currency)});
}

std::string price_table(const std::vector<Node>& regions) {
  std::string out =
      "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>Region</th><th class=\"num\">World price</th><th "
      "class=\"num\">Import "
      "price</th><th class=\"num\">Producer</th><th class=\"num\">Consumer</th><th class=\"num\">Tariff revenue</th>"
      "<th class=\"num\">Net welfare</th></tr></thead><tbody>";
  for (const Node& r : regions)
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}%</td><td class=\"num\">{}%</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\"><b>{}</b></td></tr>",
        escape(r["region"].text()), show(100 * r["world_price_change"].number(), 3),
        show(100 * r["import_price_change"].number(), 3), show(r["producer_surplus_change"].number()),
        show(r["consumer_surplus_change"].number()), show(r["tariff_revenue_change"].number()),
        show(r["net_welfare_change"].number()));
  return out + "</tbody></table></div>";
}

// One trade scenario: its welfare chart, price table and warnings. `named`: say which
// model it is in the note (a single `pivot trade --json` document names no scenario).
std::string trade_block(const Node& root, bool named) {
  const Node manifest = root["manifest"];
  const std::string solver = manifest.text_or("reported_solver", "nonlinear");
  const std::string currency = manifest.text_or("currency", "");
  const auto regions = root["total"][solver].items();
  std::string title = root.text_or("title", "");
  std::string html = fmt::format(
      "<p class=\"note\">{}Change in each region's producer surplus, consumer surplus, tariff revenue and their sum, "
      "net welfare, from the tariff shock ({} model, {} solution{}).</p>",
      named && !title.empty() ? "<b>" + escape(title) + ".</b> " : std::string(),
      escape(manifest.text_or("model", "gsim")), escape(solver),
      currency.empty() ? std::string() : ", " + escape(currency));
  html += "<ul class=\"legend\">";
  for (const BarSeries& c : kComponents)
    html += fmt::format("<li><span class=\"swatch\" style=\"background:{}\"></span>{}</li>", series_colour(c.colour),
                        c.title);
  html += "</ul><figure class=\"card\">" + welfare_chart(regions, currency) + "</figure>" + price_table(regions);
  if (auto warnings = root.find("warnings"))
    for (const Node& w : warnings->items()) html += "<p class=\"warning\">" + escape(w.text()) + "</p>";
  return html;
}

}  // namespace

Section trade_section(const std::optional<ReportDocument>& trade) {
  Section section{"trade", "Trade effects", ""};
  if (!trade)
    return not_run(section, "trade.json",
                   "A trade step in <code>pivot run</code> (or <code>pivot trade MODEL.toml --json "
                   "trade.json</code>) writes it.");
  const Node root(trade->json, trade->file);
  // `pivot run` solves every trade scenario of the directory ("scenarios", the primary
  // one first and open); `pivot trade --json` writes one model at the top level.
  std::vector<Node> scenarios;
  if (const auto list = root.find("scenarios")) scenarios = list->items();
  const std::string primary = root.text_or("primary", "");
  std::stable_partition(scenarios.begin(), scenarios.end(),
                        [&](const Node& one) { return one.text_or("name", "") == primary; });
  std::string html;
  if (scenarios.size() > 1)
    html += fmt::format(
        "<p class=\"note\">{} trade scenarios, one block each, named. The first, <b>{}</b>, is the primary one "
        "(the one [linkage] names, else the first file); open the others below.</p>",
        scenarios.size(), escape(primary));
  if (scenarios.empty()) {
    html += trade_block(root, true);
  } else {
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      const Node& one = scenarios[i];
      html += fmt::format(
          "<details class=\"trade-scenario\" data-scenario=\"{}\"{}><summary>Scenario <code>{}</code>: {}{}</summary>",
          escape(one.text_or("name", "")), i == 0 ? " open" : "", escape(one.text_or("name", "")),
          escape(one.text_or("title", "")),
          i == 0 && scenarios.size() > 1 ? " <span class=\"count\">primary</span>" : "");
      html += trade_block(one, false) + "</details>";
    }
  }
  section.html = html;
  return section;
}

}  // namespace pivot::report
