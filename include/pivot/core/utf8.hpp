// UTF-8 validation for every text file pivot reads: a file in another
// encoding (Latin-1, or CP949 as Excel writes Korean names) is refused where
// it is read, with the position of its first bad byte, instead of reaching the
// JSON writers, which cannot represent it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pivot {

/// The offset of the first byte of `text` that does not start (or that starts
/// an ill-formed) UTF-8 sequence: overlong forms, surrogates, code points over
/// U+10FFFF and sequences cut short are ill-formed. npos when `text` is valid.
std::size_t find_invalid_utf8(std::string_view text);

/// The sequence at the start of `text` (text[0] >= 0x80): its length when it
/// is well-formed, 0 when it is not, -1 when `text` ends before it could be
/// complete (what is there may still be a valid beginning). For scanners that
/// check UTF-8 as they go.
int utf8_sequence_at(std::string_view text);

/// How a loader counts columns, so the error points where its other errors do.
enum class ColumnUnit { bytes, code_points };

/// Throws InputError "FILE:LINE:COL: not valid UTF-8 ..." at the first bad byte
/// of `text` (lines end at '\n', columns from 1 in `unit`; a leading BOM is not
/// counted in code points). Returns normally when `text` is valid UTF-8.
void check_utf8(std::string_view text, const std::string& file, ColumnUnit unit = ColumnUnit::bytes);

/// The message of that error, after the position: "not valid UTF-8 (byte 0xE9); ...".
std::string invalid_utf8_message(unsigned char byte);

/// `text` with each ill-formed byte replaced by U+FFFD, for messages and JSON
/// answers that quote what a request sent.
std::string valid_utf8(std::string_view text);

}  // namespace pivot
