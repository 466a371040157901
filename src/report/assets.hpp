// The report's inline style sheet and script (no external file is ever loaded).
#pragma once

#include <string_view>

namespace pivot::report {

/// Style sheet: typography, layout with a sticky table of contents, charts, print.
std::string_view report_css();

/// Script: hover tooltips ("why did X move"), model toggle, actor highlight, TOC tracking.
std::string_view report_script();

}  // namespace pivot::report
