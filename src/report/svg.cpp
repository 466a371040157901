#include "report/svg.hpp"

#include "pivot/report/series_styles.hpp"

#include <fmt/format.h>

#include <cmath>

#include "report/html.hpp"

namespace pivot::report {
namespace {

// Paul Tol, "Colour schemes" (SRON/EPS/TN/09-002, 2021), muted qualitative scheme:
// distinct for the common colour-vision deficiencies and in greyscale print.
const char* const kMuted[] = {"#332288", "#CC6677", "#117733", "#DDCC77", "#88CCEE",
                              "#882255", "#44AA99", "#999933", "#AA4499"};
constexpr std::size_t kMutedCount = sizeof(kMuted) / sizeof(kMuted[0]);

double step_for(double span, int count) {
  const double raw = span / std::max(1, count);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

}  // namespace

double Scale::operator()(double v) const {
  if (d1 == d0) return (r0 + r1) / 2;
  return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
}

Frame with_rows(Frame f, double row, std::size_t rows) {
  f.height = f.top + f.bottom + row * static_cast<double>(rows);
  return f;
}

std::vector<double> nice_ticks(double lo, double hi, int count) {
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {lo};
  const double step = step_for(hi - lo, count);
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9 && ticks.size() < 50; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::pair<double, double> nice_domain(double lo, double hi, int count) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {0, 1};
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
    const double pad = std::max(1.0, std::abs(hi) * 0.1);
    lo -= pad;
    hi += pad;
  }
  const double step = step_for(hi - lo, count);
  return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step};
}

std::string px(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

std::string svg_open(const std::string& css_class, const Frame& f, const std::string& label,
                     const std::string& attributes) {
  return fmt::format(
      "<svg class=\"chart {}\" viewBox=\"0 0 {} {}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" "
      "aria-label=\"{}\" data-left=\"{}\" data-right=\"{}\" data-top=\"{}\" data-bottom=\"{}\"{}{}>",
      css_class, px(f.width), px(f.height), escape(label), px(f.x0()), px(f.x1()), px(f.y1()), px(f.y0()),
      attributes.empty() ? "" : " ", attributes);
}

std::string y_grid(const Frame& f, const Scale& y, const std::vector<double>& ticks) {
  std::string out = "<g class=\"grid y\">";
  for (double t : ticks) {
    const double yy = y(t);
    out += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/><text x=\"{}\" y=\"{}\" dy=\"0.32em\" "
        "text-anchor=\"end\">{}</text>",
        px(f.x0()), px(f.x1()), px(yy), px(yy), px(f.x0() - 6), px(yy), escape(show(t, 3)));
  }
  return out + "</g>";
}

std::string x_grid(const Frame& f, const Scale& x, const std::vector<double>& ticks) {
  std::string out = "<g class=\"grid x\">";
  for (double t : ticks) {
    const double xx = x(t);
    out += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/><text x=\"{}\" y=\"{}\" "
        "text-anchor=\"middle\">{}</text>",
        px(xx), px(xx), px(f.y1()), px(f.y0()), px(xx), px(f.y0() + 16), escape(show(t, 3)));
  }
  return out + "</g>";
}

std::string x_title(const Frame& f, const std::string& text) {
  return fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                     px((f.x0() + f.x1()) / 2), px(f.height - 4), escape(text));
}

std::string y_title(const Frame& f, const std::string& text) {
  return fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\">{}</text>", px(f.x0()), px(f.y1() - 6),
                     escape(text));
}

std::string series_colour(std::size_t i) { return kMuted[i % kMutedCount]; }

// Solid, dashes, dots: told apart at a glance even where two lines share a colour.
const char* const kDashes[] = {"", "6 3", "2 3"};
constexpr std::size_t kDashCount = sizeof(kDashes) / sizeof(kDashes[0]);

std::string series_dash(std::size_t i) { return kDashes[(i / kMutedCount) % kDashCount]; }

std::size_t series_style_count() { return kMutedCount * kDashCount; }

}  // namespace pivot::report

namespace pivot {

std::string series_styles_json() {
  using report::series_colour;
  using report::series_dash;
  std::string out = "[";
  for (std::size_t i = 0; i < report::series_style_count(); ++i)
    out += fmt::format("{}{{\"colour\":\"{}\",\"dash\":\"{}\"}}", i ? "," : "", series_colour(i), series_dash(i));
  return out + "]";
}

}  // namespace pivot
