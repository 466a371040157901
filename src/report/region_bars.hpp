// The report's "change by region" chart: per region a group of horizontal bars,
// one per series, from zero (trade's surplus components, GE beside GSIM).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "report/json_node.hpp"

namespace pivot::report {

/// A bar in every region's group: the region's JSON field `key`, drawn in `colour`.
struct BarSeries {
  const char* key;
  const char* title;
  std::size_t colour;
};

/// What differs between the charts: names, margins and how values print.
struct RegionBarsStyle {
  std::string css_class;    // the <svg>'s class
  std::string label;        // its accessible label
  std::string axis_title;   // under the x axis
  double left = 90;         // room for the region names
  std::string case_name{};  // data-case on every bar when not empty
  int value_digits = 4;     // of data-value
  int tooltip_digits = 2;   // of the value in the hover title
  std::string unit{};       // after the value in the hover title ("%")
};

std::string region_bars_chart(const std::vector<Node>& regions, std::span<const BarSeries> series,
                              const RegionBarsStyle& style);

}  // namespace pivot::report
