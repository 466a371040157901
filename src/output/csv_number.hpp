// A number as pivot's CSVs print it: printf's %.12g, "0" for zero (never "-0"),
// appended without temporaries (std::to_chars), since some CSVs hold millions.
#pragma once

#include <charconv>
#include <string>

namespace pivot::output {

inline void append_number(std::string& out, double x) {
  if (x == 0) {
    out += '0';
    return;
  }
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, x, std::chars_format::general, 12).ptr;
  out.append(text, end);
}

}  // namespace pivot::output
