#include "pivot/core/csv.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "pivot/core/error.hpp"
#include "pivot/core/utf8.hpp"

namespace pivot {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kNeedMore = std::string_view::npos;

// Bytes that end or start something in an unquoted field, and those that
// start a multi-byte UTF-8 sequence (or are not UTF-8), which are checked.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> special{};
  for (unsigned char c : {',', '\r', '\n', '"'}) special[c] = true;
  for (unsigned c = 0x80; c < 256; ++c) special[c] = true;
  return special;
}();

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// A quoted field's unescaped text, kept in the row's scratch string.
struct QuotedText {
  std::size_t field = 0;
  std::size_t begin = 0;
  std::size_t size = 0;
};

// Splits text into rows one at a time, so that a file can be read in pieces:
// a row cut off by the end of a piece is left for the next one. Columns are
// byte columns: a line's first byte is column 1.
class RowScanner {
 public:
  explicit RowScanner(const std::string& file) : file_(file) {}

  // Calls on_row (returning false to stop) for each complete non-blank row of
  // `text` from `start`, which begins a row on `line`; `base` is text[0]'s
  // offset in the file. `last`: the text ends the file. Returns where the
  // first row not yet passed on starts, and advances `line` to it.
  template <typename OnRow>
  std::size_t scan(std::string_view text, std::size_t start, bool last, std::size_t& line, std::uint64_t base,
                   OnRow&& on_row) {
    while (start < text.size()) {
      const std::size_t row_line = line;
      const std::size_t end = scan_row(text, start, last, line);
      if (end == kNeedMore) return start;
      if (!row_is_blank() && !on_row(CsvRowView{fields_, row_line, base + start})) return end;
      start = end;
    }
    return start;
  }

 private:
  // One row from `i` (column 1 of `line`) into fields_: returns the index
  // after its line end, or kNeedMore if the text stops before the row does
  // and is not the last.
  std::size_t scan_row(std::string_view text, std::size_t i, bool last, std::size_t& line_io) {
    fields_.clear();
    quoted_.clear();
    scratch_.clear();
    const std::size_t n = text.size();
    std::size_t line = line_io, line_begin = i;
    auto column = [&](std::size_t at) { return at - line_begin + 1; };
    for (;;) {
      std::size_t j = i;
      for (;;) {  // unquoted text; a quote after non-blank text is an ordinary character
        while (j < n && !kSpecial[static_cast<unsigned char>(text[j])]) ++j;
        if (j < n && static_cast<unsigned char>(text[j]) >= 0x80) {
          const std::size_t length = utf8_at(text, j, last, line, line_begin);
          if (length == kNeedMore) return kNeedMore;
          j += length;
          continue;
        }
        if (j < n && text[j] == '"' && text.substr(i, j - i).find_first_not_of(" \t") != std::string_view::npos) {
          ++j;
          continue;
        }
        break;
      }
      fields_.push_back({text.substr(i, j - i), line, column(i)});
      if (j < n && text[j] == '"') {  // a quoted field: the blanks before the quote are dropped
        j = scan_quoted(text, j, last, line, line_begin);
        if (j == kNeedMore) return kNeedMore;
      }
      if (j >= n) {
        if (!last) return kNeedMore;
        return finish_row(line_io, line, n);
      }
      if (text[j] == ',') {
        i = j + 1;
        continue;
      }
      if (text[j] == '\r') {  // CR, LF or CRLF ends the row
        if (j + 1 >= n && !last) return kNeedMore;
        if (j + 1 < n && text[j + 1] == '\n') ++j;
      }
      return finish_row(line_io, line + 1, j + 1);
    }
  }

  // The quoted field whose quote is at text[j], unescaped into scratch_ with
  // the blanks after the closing quote; returns the index after them.
  std::size_t scan_quoted(std::string_view text, std::size_t j, bool last, std::size_t& line, std::size_t& line_begin) {
    const std::size_t n = text.size();
    const std::size_t quote_line = line, quote_column = j - line_begin + 1;
    QuotedText quoted{fields_.size() - 1, scratch_.size(), 0};
    for (++j;; ++j) {
      if (j >= n) {
        if (!last) return kNeedMore;
        throw InputError({file_, quote_line, quote_column, ""}, "unterminated quoted field");
      }
      if (text[j] == '"') {
        if (j + 1 >= n && !last) return kNeedMore;  // a doubled quote or the closing one?
        if (j + 1 < n && text[j + 1] == '"') {
          scratch_ += '"';
          ++j;
          continue;
        }
        ++j;
        break;
      }
      if (static_cast<unsigned char>(text[j]) >= 0x80) {
        const std::size_t length = utf8_at(text, j, last, line, line_begin);
        if (length == kNeedMore) return kNeedMore;
        scratch_.append(text, j, length);
        j += length - 1;
        continue;
      }
      scratch_ += text[j];
      if (text[j] == '\n') ++line, line_begin = j + 1;
    }
    while (j < n && is_blank(text[j])) scratch_ += text[j++];  // blanks after the closing quote are kept
    if (j < n && text[j] != ',' && text[j] != '\r' && text[j] != '\n')
      throw InputError({file_, line, j - line_begin + 1, ""}, "unexpected character after closing quote");
    quoted.size = scratch_.size() - quoted.begin;
    quoted_.push_back(quoted);
    return j;
  }

  // The UTF-8 sequence at text[j] (a byte >= 0x80): its length, or kNeedMore
  // when the piece ends inside it. Checked here, as the scanner meets it, so
  // that ASCII costs nothing more than the table lookup it already had, and
  // parse_csv and the streaming reader refuse the same byte at the same place.
  std::size_t utf8_at(std::string_view text, std::size_t j, bool last, std::size_t line, std::size_t line_begin) const {
    const int length = utf8_sequence_at(text.substr(j, 4));
    if (length > 0) return static_cast<std::size_t>(length);
    if (length < 0 && !last) return kNeedMore;
    throw InputError({file_, line, j - line_begin + 1, ""}, invalid_utf8_message(static_cast<unsigned char>(text[j])));
  }

  // Points quoted fields at their text (scratch_ no longer grows) and moves on to the next row.
  std::size_t finish_row(std::size_t& line_io, std::size_t next_line, std::size_t next) {
    for (const auto& q : quoted_) fields_[q.field].text = std::string_view(scratch_).substr(q.begin, q.size);
    line_io = next_line;
    return next;
  }

  bool row_is_blank() const {
    for (const auto& f : fields_)
      if (!f.text.empty()) return false;
    return true;
  }

  const std::string& file_;
  std::vector<CsvFieldView> fields_;
  std::vector<QuotedText> quoted_;
  std::string scratch_;
};

CsvRow owned_row(const CsvRowView& view) {
  CsvRow row{{}, view.line};
  row.fields.reserve(view.fields.size());
  for (const auto& f : view.fields) row.fields.push_back({std::string(f.text), f.line, f.column});
  return row;
}

struct CloseFile {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, CloseFile>;

FilePtr open_for_reading(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError({path.string(), 0, 0, ""}, "is a directory, expected a file");
  FilePtr f(std::fopen(path.c_str(), "rb"));
  if (!f) throw InputError({path.string(), 0, 0, ""}, "cannot open file");
  return f;
}

constexpr std::size_t kPieceBytes = std::size_t{4} << 20;
constexpr std::size_t kOneRowBytes = std::size_t{64} << 10;  // read_csv_row_at: grows for longer rows

// Reads `path` from byte `offset` (a row's start on `line`) in pieces of
// `piece` bytes and passes each non-blank row to on_row until it returns false.
template <typename OnRow>
void stream_rows(const std::filesystem::path& path, std::uint64_t offset, std::size_t line, std::size_t piece,
                 OnRow&& on_row) {
  const std::string file = path.string();
  FilePtr in = open_for_reading(path);
  if (offset > 0 && std::fseek(in.get(), static_cast<long>(offset), SEEK_SET) != 0)
    throw InputError({file, line, 0, ""}, "cannot read file");
  // A small file (or the rest of one) gets a buffer its size, not a whole piece.
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  const std::uintmax_t rest = ec || size < offset ? piece : size - offset;
  std::string buffer(static_cast<std::size_t>(std::clamp<std::uintmax_t>(rest + 1, 1, std::max<std::size_t>(piece, 1))),
                     '\0');
  std::size_t filled = 0, start = 0;
  std::uint64_t base = offset;
  RowScanner scanner(file);
  bool stopped = false;
  auto keep_going = [&](const CsvRowView& row) { return !(stopped = !on_row(row)); };
  bool bom_checked = offset > 0;
  for (;;) {
    filled += std::fread(buffer.data() + filled, 1, buffer.size() - filled, in.get());
    const bool last = filled < buffer.size();
    if (last && std::ferror(in.get())) throw InputError({file, 0, 0, ""}, "cannot read file");
    const std::string_view text(buffer.data(), filled);
    if (!bom_checked && (filled >= kBom.size() || last)) {
      bom_checked = true;
      if (text.starts_with(kBom)) start = kBom.size();
    }
    if (bom_checked) start = scanner.scan(text, start, last, line, base, keep_going);
    if (last || stopped) return;
    if (start == 0) {  // one row longer than the buffer: make room for more of it
      buffer.resize(buffer.size() * 2);
      continue;
    }
    std::memmove(buffer.data(), buffer.data() + start, filled - start);
    filled -= start;
    base += start;
    start = 0;
  }
}

// Clinger's fast path ("How to read floating point numbers accurately",
// PLDI 1990): [-]digits[.digits] with a mantissa up to 2^53 and at most 22
// fraction digits is m / 10^k with both exact, so one IEEE division rounds it
// correctly: the double strtod returns. Anything else returns false.
bool read_plain_decimal(std::string_view s, double& value) {
  static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const bool negative = !s.empty() && s.front() == '-';
  const char* p = s.data() + (negative ? 1 : 0);
  const char* const end = s.data() + s.size();
  std::uint64_t mantissa = 0;
  auto digits_from = [&](const char* from) {  // appends a run of digits to the mantissa; returns its end
    const char* q = from;
    for (; q < end && static_cast<unsigned char>(*q - '0') <= 9 && q - from < 20; ++q)
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(*q - '0');
    return q;
  };
  const char* const integer_end = digits_from(p);
  const char* fraction_end = integer_end;
  if (integer_end < end && *integer_end == '.') fraction_end = digits_from(integer_end + 1);
  if (fraction_end != end) return false;
  const std::size_t fraction = integer_end < end ? static_cast<std::size_t>(fraction_end - integer_end - 1) : 0;
  const std::size_t digits = static_cast<std::size_t>(integer_end - p) + fraction;
  if (digits > 19) return false;  // 19 digits cannot overflow 64 bits
  if (digits == 0 || fraction > 22 || mantissa > (std::uint64_t{1} << 53)) return false;
  value = static_cast<double>(mantissa) / kPowers[fraction];
  if (negative) value = -value;
  return true;
}

double parse_number_at(std::string_view s, std::size_t line, std::size_t column, const std::string& file,
                       const std::string& what) {
  const std::string_view trimmed = without_blanks(s);
  if (trimmed.empty()) throw InputError({file, line, column, what}, "expected a number, found an empty field");
  double value = 0;
  if (read_plain_decimal(trimmed, value)) return value;
  // Next, from_chars, when it reads the whole text to a finite, normal
  // number: strtod reads the same double then, without an error.
  const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (ec == std::errc() && end == trimmed.data() + trimmed.size() && std::isfinite(value) && std::abs(value) >= DBL_MIN)
    return value;
  // Everything else takes strtod's rules (a leading '+', zero, errors).
  const std::string text(trimmed);
  errno = 0;
  char* stop = nullptr;
  value = std::strtod(text.c_str(), &stop);
  if (stop != text.c_str() + text.size() || text.find_first_of("xXnN") != std::string::npos)
    throw InputError({file, line, column, what}, "expected a number, found '" + text + "'");
  if (errno == ERANGE || !std::isfinite(value))
    throw InputError({file, line, column, what}, "number out of range: '" + text + "'");
  return value;
}

}  // namespace

std::string_view without_blanks(std::string_view s) {
  std::size_t begin = 0, end = s.size();
  while (begin < end && is_blank(s[begin])) ++begin;
  while (end > begin && is_blank(s[end - 1])) --end;
  return s.substr(begin, end - begin);
}

CsvTable parse_csv(std::string_view text, const std::string& file) {
  CsvTable table{file, {}};
  std::size_t line = 1;
  RowScanner scanner(file);
  scanner.scan(text, text.starts_with(kBom) ? kBom.size() : 0, true, line, 0, [&](const CsvRowView& row) {
    table.rows.push_back(owned_row(row));
    return true;
  });
  return table;
}

std::string read_text_file(const std::filesystem::path& path) {
  FilePtr in = open_for_reading(path);
  std::string text;
  char piece[1 << 16];
  while (const std::size_t got = std::fread(piece, 1, sizeof piece, in.get())) text.append(piece, got);
  if (std::ferror(in.get())) throw InputError({path.string(), 0, 0, ""}, "cannot read file");
  return text;
}

CsvTable read_csv_file(const std::filesystem::path& path) {
  CsvTable table{path.string(), {}};
  for_each_csv_row(path, [&](const CsvRowView& row) { table.rows.push_back(owned_row(row)); });
  return table;
}

void for_each_csv_row(const std::filesystem::path& path, const CsvRowCallback& on_row) {
  detail::for_each_csv_row(path, kPieceBytes, on_row);
}

void detail::for_each_csv_row(const std::filesystem::path& path, std::size_t piece_bytes,
                              const CsvRowCallback& on_row) {
  stream_rows(path, 0, 1, piece_bytes, [&](const CsvRowView& row) {
    on_row(row);
    return true;
  });
}

CsvRow read_csv_row_at(const std::filesystem::path& path, std::uint64_t offset, std::size_t line) {
  CsvRow found;
  stream_rows(path, offset, line, kOneRowBytes, [&](const CsvRowView& row) {
    found = owned_row(row);
    return false;
  });
  if (found.fields.empty()) throw InputError({path.string(), line, 0, ""}, "the file changed while being read");
  return found;
}

double parse_number(const CsvField& field, const std::string& file, const std::string& what) {
  return parse_number_at(field.text, field.line, field.column, file, what);
}

double parse_number(const CsvFieldView& field, const std::string& file, const std::string& what) {
  return parse_number_at(field.text, field.line, field.column, file, what);
}

}  // namespace pivot
