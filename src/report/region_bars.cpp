#include "report/region_bars.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/html.hpp"
#include "report/svg.hpp"

namespace pivot::report {

std::string region_bars_chart(const std::vector<Node>& regions, std::span<const BarSeries> series,
                              const RegionBarsStyle& style) {
  double lo = 0, hi = 0;
  for (const Node& r : regions)
    for (const BarSeries& s : series) {
      const double v = r[s.key].number();
      lo = std::min(lo, v), hi = std::max(hi, v);
    }
  const auto [d0, d1] = nice_domain(lo, hi, 6);
  const double bar = 11, group = bar * static_cast<double>(series.size()) + 14;
  const Frame f = with_rows({.left = style.left, .right = 16, .top = 10, .bottom = 40}, group, regions.size());
  const Scale x{d0, d1, f.x0(), f.x1()};
  const std::string data_case = style.case_name.empty() ? "" : " data-case=\"" + escape(style.case_name) + "\"";
  std::string out = svg_open(style.css_class, f, style.label);
  out += x_grid(f, x, nice_ticks(d0, d1, 6)) + x_title(f, style.axis_title);
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const std::string region = regions[r]["region"].text();
    const double y = f.top + group * static_cast<double>(r) + 7;
    out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" dy=\"0.32em\" text-anchor=\"end\">{}</text>",
                       px(f.x0() - 8), px(y + bar * static_cast<double>(series.size()) / 2), escape(region));
    for (std::size_t s = 0; s < series.size(); ++s) {
      const double v = regions[r][series[s].key].number();
      const double a = std::min(x(0), x(v)), w = std::abs(x(v) - x(0));
      out += fmt::format(
          "<rect class=\"mark\"{} data-region=\"{}\" data-field=\"{}\" data-value=\"{}\" x=\"{}\" y=\"{}\" "
          "width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}, {}: {}{}</title></rect>",
          data_case, escape(region), series[s].key, show(v, style.value_digits), px(a),
          px(y + bar * static_cast<double>(s)), px(std::max(w, 0.8)), px(bar - 1), series_colour(series[s].colour),
          escape(region), series[s].title, show(v, style.tooltip_digits), style.unit);
    }
  }
  out += fmt::format("<line class=\"base\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", px(x(0)), px(x(0)), px(f.y1()),
                     px(f.y0()));
  return out + "</svg>";
}

}  // namespace pivot::report
