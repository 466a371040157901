// Drawing charts as inline SVG: scales, ticks, axes and the palette. Every
// chart the report draws is built from these, so all charts look alike.
#pragma once

#include <string>
#include <vector>

namespace pivot::report {

/// Linear map from data [d0, d1] to pixels [r0, r1]; a zero-width domain maps to the middle.
struct Scale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const;
};

/// Plot area inside a chart of width x height (pixels of the viewBox).
struct Frame {
  double width = 640, height = 300;
  double left = 48, right = 16, top = 16, bottom = 32;
  double x0() const { return left; }
  double x1() const { return width - right; }
  double y0() const { return height - bottom; }  // bottom edge (SVG y grows down)
  double y1() const { return top; }
};

/// `f` made tall enough for `rows` rows of `row` pixels between its top and bottom
/// margins: the height of a chart with one bar or dot row per item.
Frame with_rows(Frame f, double row, std::size_t rows);

/// About `count` round numbers (1, 2 or 5 times a power of ten) covering [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int count);

/// [lo, hi] widened to the outer nice ticks, and never empty.
std::pair<double, double> nice_domain(double lo, double hi, int count);

/// A coordinate with one decimal.
std::string px(double v);

/// Opening <svg> tag: responsive, with role="img" and an accessible label.
std::string svg_open(const std::string& css_class, const Frame& f, const std::string& label,
                     const std::string& attributes = "");

/// Horizontal grid lines with value labels on the left.
std::string y_grid(const Frame& f, const Scale& y, const std::vector<double>& ticks);

/// Vertical grid lines with value labels below the plot.
std::string x_grid(const Frame& f, const Scale& x, const std::vector<double>& ticks);

/// An axis title under the plot area (x) or above it on the left (y).
std::string x_title(const Frame& f, const std::string& text);
std::string y_title(const Frame& f, const std::string& text);

/// The i-th series colour: Paul Tol's colour-blind-safe "muted" scheme, cycling.
std::string series_colour(std::size_t i);

/// Dash pattern for the i-th series: solid for the first cycle of colours, dashes for the
/// second, dots for the third; colour and dash together are distinct for series_style_count() series.
std::string series_dash(std::size_t i);

/// How many series get a distinct colour and dash before the styles repeat.
std::size_t series_style_count();

}  // namespace pivot::report
