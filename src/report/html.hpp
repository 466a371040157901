// Small text helpers for writing HTML and SVG by hand.
#pragma once

#include <string>
#include <string_view>

namespace pivot::report {

/// Text made safe for HTML content and attribute values.
std::string escape(std::string_view text);

/// A number for people: `digits` decimals, trailing zeros dropped, never "-0".
std::string show(double value, int digits = 2);

/// JSON text made safe to sit inside a <script> element ("</" cannot close it).
std::string script_safe(std::string json_text);

}  // namespace pivot::report
