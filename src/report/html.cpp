#include "report/html.hpp"

#include <fmt/format.h>

namespace pivot::report {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string show(double value, int digits) {
  std::string s = fmt::format("{:.{}f}", value, digits);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string script_safe(std::string json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (std::size_t i = 0; i < json_text.size(); ++i) {
    if (json_text[i] == '<' && i + 1 < json_text.size() && (json_text[i + 1] == '/' || json_text[i + 1] == '!'))
      out += "\\u003c";
    else
      out += json_text[i];
  }
  return out;
}

}  // namespace pivot::report
