// The deal's money (`pivot deal --json`): what leaves the payer's reserves each
// year, and the running total against its FX reserves.
#include <fmt/format.h>

#include <algorithm>

#include "report/html.hpp"
#include "report/json_node.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot::report {
namespace {

struct Year {
  double year, outflow, cumulative;
};

std::string outflow_chart(const std::vector<Year>& years, double reserves) {
  double top = reserves;
  for (const Year& y : years) top = std::max({top, y.outflow, y.cumulative});
  const auto [d0, d1] = nice_domain(0, top > 0 ? top : 1, 5);
  const Frame f{.height = 300, .left = 52, .top = 24, .bottom = 40};
  const double first = years.front().year, last = years.back().year;
  const double slot = (f.x1() - f.x0()) / std::max(1.0, last - first + 1);
  const Scale x{first - 0.5, last + 0.5, f.x0(), f.x1()};
  const Scale y{d0, d1, f.y0(), f.y1()};
  std::string out = svg_open("outflow", f, "Annual reserve outflow and cumulative outflow against FX reserves");
  out += y_grid(f, y, nice_ticks(d0, d1, 5)) + y_title(f, "USD bn") + x_title(f, "year of the deal");
  std::string line;
  for (const Year& yr : years) {
    const double cx = x(yr.year);
    out += fmt::format(
        "<rect class=\"mark outflow\" data-year=\"{}\" data-value=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
        "height=\"{}\"><title>year {}: {} leaves reserves{}</title></rect>"
        "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        show(yr.year, 0), show(yr.outflow, 4), px(cx - slot * 0.35), px(y(yr.outflow)), px(slot * 0.7),
        px(f.y0() - y(yr.outflow)), show(yr.year, 0), show(yr.outflow),
        reserves > 0 ? fmt::format(" ({}% of reserves)", show(100 * yr.outflow / reserves, 1)) : "", px(cx),
        px(f.y0() + 16), show(yr.year, 0));
    line += fmt::format("{}{} {}", line.empty() ? "M" : "L", px(cx), px(y(yr.cumulative)));
  }
  out += fmt::format("<path class=\"mark cumulative\" data-value=\"{}\" d=\"{}\"/>", show(years.back().cumulative, 4),
                     line);
  if (reserves > 0)
    out += fmt::format(
        "<g class=\"reserves\" data-value=\"{}\"><line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/><text x=\"{}\" "
        "y=\"{}\" text-anchor=\"end\">FX reserves {}</text></g>",
        show(reserves, 4), px(f.x0()), px(f.x1()), px(y(reserves)), px(y(reserves)), px(f.x1()), px(y(reserves) - 6),
        show(reserves));
  return out + "</svg>";
}

// Money with one precision everywhere in the section (as `pivot deal` prints it).
std::string money(double value) { return fmt::format("{:.2f}", value); }

// Where the avoided tariff came from (deal.json's tariff_saved_source), so the section says
// which of the two figures (deal.toml's, the trade model's) priced the deal.
std::string tariff_source(const Node& root, const Node& terms) {
  const auto source = root.find("tariff_saved_source");
  const std::string annual = money(terms.number_or("tariff_saved", 0));
  if (!source) return fmt::format("<p class=\"note tariff-source\">The avoided tariff: {} a year.</p>", annual);
  const std::string from = source->text_or("from", "");
  if (from == "trade model")
    return fmt::format(
        "<p class=\"note tariff-source\" data-from=\"trade model\">The avoided tariff, {} a year, is priced by the "
        "trade model <code>{}</code> ({} {}); deal.toml gives {}.</p>",
        annual, escape(source->text_or("file", "")), escape(source->text_or("region", "")),
        escape(source->text_or("measure", "")), money(source->number_or("deal_toml_value", 0)));
  return fmt::format(
      "<p class=\"note tariff-source\" data-from=\"{}\">The avoided tariff, {} a year, comes from {}.</p>",
      escape(from), annual, escape(from));
}

}  // namespace

Section deal_section(const std::optional<ReportDocument>& deal) {
  Section section{"deal", "Deal finance", ""};
  if (!deal)
    return not_run(section, "deal.json",
                   "A deal step in <code>pivot run</code> (or <code>pivot deal TERMS.toml --json "
                   "deal.json</code>) writes it.");
  const Node root(deal->json, deal->file);
  const Node terms = root["terms"], result = root["result"];
  const double reserves = terms.number_or("fx_reserves", 0);
  std::vector<Year> years;
  double cumulative = 0, last_paid = 0;
  for (const Node& y : root["schedule"].items()) {
    const double outflow = y["reserve_outflow"].number();
    cumulative += outflow;
    years.push_back({y["year"].number(), outflow, cumulative});
    if (outflow > 0) last_paid = years.back().year;
  }
  if (years.empty()) root["schedule"].fail("expected at least one year");
  // Years after the last payment add nothing to the picture but empty bars.
  while (years.size() > 1 && years.back().year > last_paid + 1) years.pop_back();
  if (years.size() > 200) years.resize(200);
  std::string html = fmt::format(
      "<p class=\"note\">A package of {} paid {}% as cash or equity over {} years. Bars: what leaves the payer's "
      "FX reserves each year; line: the running total; dashed: the reserves themselves.</p>",
      money(terms.number_or("total", 0)), show(terms.number_or("cash_share", 0)),
      show(terms.number_or("payment_years", 0)));
  html += tariff_source(root, terms);
  const auto break_even = result.find("break_even_years");
  html += fmt::format(
      "<div class=\"facts\"><div><span>{}</span>peak outflow (year {})</div><div><span>{}%</span>of FX reserves at "
      "the peak</div><div><span>{}</span>PV cost to the payer</div><div><span>{}</span>{}</div></div>",
      money(result.number_or("peak_outflow", 0)), show(result.number_or("peak_year", 0), 0),
      show(result.number_or("peak_share_of_reserves", 0), 1), money(result.number_or("payer_cost_pv", 0)),
      break_even ? money(break_even->number()) : "never",
      break_even ? "years of avoided tariff to break even"
                 : "the avoided tariff never repays the package within the horizon");
  html += "<figure class=\"card\">" + outflow_chart(years, reserves) + "</figure>";
  section.html = html;
  return section;
}

}  // namespace pivot::report
