#include "pivot/core/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "pivot/core/error.hpp"

namespace pivot {
namespace {

// The length of the well-formed sequence at p[0] (p < end, p[0] >= 0x80), 0
// if it is ill-formed, -1 if `end` cuts it off before it is. The ranges are Table 3-7 of the Unicode Standard
// (well-formed UTF-8 byte sequences), which excludes overlongs (C0, C1, E0
// 80-9F, F0 80-8F), surrogates (ED A0-BF) and code points over U+10FFFF (F4
// 90-BF, F5-FF).
int sequence_at(const unsigned char* p, const unsigned char* end) {
  const unsigned c = p[0];
  std::size_t length = 0;
  unsigned low = 0x80, high = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  const std::size_t available = std::min<std::size_t>(length, static_cast<std::size_t>(end - p));
  if (available >= 2 && (p[1] < low || p[1] > high)) return 0;
  for (std::size_t k = 2; k < available; ++k)
    if ((p[k] & 0xC0) != 0x80) return 0;
  return available < length ? -1 : static_cast<int>(length);
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  const auto* p = begin;
  while (p < end) {
    // Most input is ASCII: eight bytes at a time while none has its top bit set.
    while (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080u) break;
      p += 8;
    }
    while (p < end && *p < 0x80) ++p;
    if (p == end) break;
    const int length = sequence_at(p, end);
    if (length <= 0) return static_cast<std::size_t>(p - begin);
    p += length;
  }
  return std::string_view::npos;
}

int utf8_sequence_at(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  return sequence_at(p, p + text.size());
}

std::string invalid_utf8_message(unsigned char byte) {
  return fmt::format(
      "not valid UTF-8 (byte 0x{:02X}); pivot reads text files as UTF-8: save the file as UTF-8, or convert it, "
      "e.g. `iconv -f cp949 -t utf-8` (Korean Windows) or `iconv -f windows-1252 -t utf-8` (Western Windows)",
      byte);
}

void check_utf8(std::string_view text, const std::string& file, ColumnUnit unit) {
  const std::size_t bad = find_invalid_utf8(text);
  if (bad == std::string_view::npos) return;
  const std::string_view before = text.substr(0, bad);
  const std::size_t newline = before.rfind('\n');
  std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  std::size_t column = bad - line_start + 1;
  if (unit == ColumnUnit::code_points) {
    if (line_start == 0 && before.starts_with("\xEF\xBB\xBF")) line_start = 3;
    // Everything before `bad` is valid: count the bytes that start a code point.
    column = 1 + static_cast<std::size_t>(std::count_if(before.begin() + static_cast<std::ptrdiff_t>(line_start),
                                                        before.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  }
  throw InputError({file, line, column, ""}, invalid_utf8_message(static_cast<unsigned char>(text[bad])));
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (;;) {
    const std::size_t bad = find_invalid_utf8(text);
    if (bad == std::string_view::npos) break;
    out.append(text.substr(0, bad)).append("\xEF\xBF\xBD");
    text.remove_prefix(bad + 1);
  }
  out.append(text);
  return out;
}

}  // namespace pivot
