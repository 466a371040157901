// The streaming CSV reader: the rows, fields and positions that parse_csv
// gives, also when rows, quoted fields and CRLFs cross the pieces it reads;
// rows read again by offset; numbers as strtod reads them. Expected values
// are worked out by hand from the texts below.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"

namespace {

namespace fs = std::filesystem;
using pivot::CsvRow;
using pivot::CsvRowView;

fs::path write_text(const std::string& name, const std::string& text) {
  const fs::path path = pivot_test::fresh_dir(name) / "t.csv";
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

struct Streamed {
  std::vector<CsvRow> rows;
  std::vector<std::uint64_t> offsets;
};

Streamed stream(const fs::path& path, std::size_t piece = 0) {
  Streamed s;
  auto keep = [&](const CsvRowView& row) {
    CsvRow owned{{}, row.line};
    for (const auto& f : row.fields) owned.fields.push_back({std::string(f.text), f.line, f.column});
    s.rows.push_back(std::move(owned));
    s.offsets.push_back(row.offset);
  };
  if (piece)
    pivot::detail::for_each_csv_row(path, piece, keep);
  else
    pivot::for_each_csv_row(path, keep);
  return s;
}

void expect_same_rows(const std::vector<CsvRow>& a, const std::vector<CsvRow>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t r = 0; r < a.size(); ++r) {
    EXPECT_EQ(a[r].line, b[r].line) << "row " << r;
    ASSERT_EQ(a[r].fields.size(), b[r].fields.size()) << "row " << r;
    for (std::size_t f = 0; f < a[r].fields.size(); ++f) {
      EXPECT_EQ(a[r].fields[f].text, b[r].fields[f].text) << "row " << r << " field " << f;
      EXPECT_EQ(a[r].fields[f].line, b[r].fields[f].line) << "row " << r << " field " << f;
      EXPECT_EQ(a[r].fields[f].column, b[r].fields[f].column) << "row " << r << " field " << f;
    }
  }
}

// BOM, a quoted header name with a comma, CRLF, a blank line, blanks around a
// quoted field with doubled quotes, a quoted newline, a quote inside unquoted text.
const std::string kTricky =
    "\xEF\xBB\xBF"
    "product,exporter,\"K, R\"\r\n"
    "\r\n"
    "chips,  \"say \"\"hi\"\"\"  ,\"two\nlines\"\r\n"
    "cars,a\"b,3";

TEST(CsvStream, QuotesCrlfBomAndPositions) {
  const fs::path path = write_text("csv_tricky", kTricky);
  const Streamed s = stream(path);
  ASSERT_EQ(s.rows.size(), 3u);
  const auto& header = s.rows[0].fields;
  ASSERT_EQ(header.size(), 3u);
  EXPECT_EQ(header[2].text, "K, R");
  EXPECT_EQ(header[1].column, 9u);
  EXPECT_EQ(header[2].column, 18u);
  const auto& chips = s.rows[1];
  EXPECT_EQ(chips.line, 3u);
  EXPECT_EQ(chips.fields[1].text, "say \"hi\"  ");  // blanks before the quote dropped, after it kept
  EXPECT_EQ(chips.fields[1].column, 7u);
  EXPECT_EQ(chips.fields[2].text, "two\nlines");
  EXPECT_EQ(chips.fields[2].column, 24u);
  const auto& cars = s.rows[2];
  EXPECT_EQ(cars.line, 5u);  // line 4 is the quoted field's second line
  EXPECT_EQ(cars.fields[1].text, "a\"b");
  EXPECT_EQ(cars.fields[2].column, 10u);
  // Offsets: the header starts after the BOM; the others where their text starts.
  EXPECT_EQ(s.offsets[0], 3u);
  EXPECT_EQ(s.offsets[1], kTricky.find("chips"));
  EXPECT_EQ(s.offsets[2], kTricky.find("cars"));
  expect_same_rows(s.rows, pivot::parse_csv(kTricky, path.string()).rows);
  expect_same_rows(s.rows, pivot::read_csv_file(path).rows);
  // Every piece size cuts the text somewhere else: same rows each time.
  for (std::size_t piece = 1; piece <= kTricky.size() + 1; ++piece) expect_same_rows(stream(path, piece).rows, s.rows);
}

TEST(CsvStream, ReadsARowAgainByOffset) {
  const fs::path path = write_text("csv_again", kTricky);
  const Streamed s = stream(path);
  for (std::size_t r = 0; r < s.rows.size(); ++r)
    expect_same_rows({pivot::read_csv_row_at(path, s.offsets[r], s.rows[r].line)}, {s.rows[r]});
}

TEST(CsvStream, RowsAcrossTheFourMegabytePieces) {
  // Rows of 10 bytes after a 5-byte header put a CR at byte 4 MiB - 1 and its
  // LF at 4 MiB, where the reader's first piece ends; then a quoted field with
  // a newline, and one row (5 MB) longer than a piece.
  std::string text = "h,k\r\n";
  const std::size_t filler = 420000;  // 5 + 10 * 420000 > 4 MiB
  for (std::size_t i = 0; i < filler; ++i) text += "12345,67\r\n";
  ASSERT_EQ(text[(std::size_t{4} << 20) - 1], '\r');
  ASSERT_EQ(text[std::size_t{4} << 20], '\n');
  text += "\"a\nb\",x\r\n" + std::string(5'000'000, 'z') + ",end\nlast,row\n";
  const fs::path path = write_text("csv_pieces", text);
  const Streamed s = stream(path);
  ASSERT_EQ(s.rows.size(), filler + 4);
  EXPECT_EQ(s.rows[filler + 1].fields[0].text, "a\nb");
  EXPECT_EQ(s.rows[filler + 2].line, filler + 4);  // the quoted newline takes a line
  EXPECT_EQ(s.rows[filler + 2].fields[0].text.size(), 5'000'000u);
  EXPECT_EQ(s.rows[filler + 3].line, filler + 5);
  EXPECT_EQ(s.rows[filler + 3].fields[1].column, 6u);
  EXPECT_EQ(s.offsets[filler + 3], text.size() - std::string("last,row\n").size());
  expect_same_rows(s.rows, pivot::parse_csv(text, path.string()).rows);
}

TEST(CsvStream, ErrorsNameLineAndColumn) {
  for (std::size_t piece : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    try {
      stream(write_text("csv_unterminated", "a,b\r\nc,\"open\nx\n"), piece);
      ADD_FAILURE() << "no error";
    } catch (const pivot::InputError& e) {
      EXPECT_NE(std::string(e.what()).find("t.csv:2:3: unterminated quoted field"), std::string::npos) << e.what();
    }
    try {
      stream(write_text("csv_after_quote", "a,b\n\"c\" d,e\n"), piece);
      ADD_FAILURE() << "no error";
    } catch (const pivot::InputError& e) {
      EXPECT_NE(std::string(e.what()).find("t.csv:2:5: unexpected character after closing quote"), std::string::npos)
          << e.what();
    }
  }
  EXPECT_THROW(stream(pivot_test::fresh_dir("csv_missing") / "none.csv"), pivot::InputError);
}

TEST(CsvStream, NumbersReadAsStrtodReadsThem) {
  auto number = [](const std::string& text) {
    return pivot::parse_number(pivot::CsvFieldView{text, 1, 1}, "f.csv", "v");
  };
  EXPECT_EQ(number(" 123.456 "), 123.456);
  EXPECT_EQ(number("0.1"), 0.1);
  EXPECT_EQ(number("-.5"), -0.5);
  EXPECT_EQ(number("5."), 5.0);
  EXPECT_EQ(number("+7"), 7.0);
  EXPECT_EQ(number("1e3"), 1000.0);
  EXPECT_EQ(number("9007199254740993"), 9007199254740992.0);  // 2^53 + 1 rounds to even
  EXPECT_EQ(number("0.30000000000000004"), 0.30000000000000004);
  EXPECT_TRUE(std::signbit(number("-0")));
  for (const char* bad : {"", "  ", "1.2.3", "0x10", "inf", "nan", "1e400", "1e-310", "12x", "-"})
    EXPECT_THROW(number(bad), pivot::InputError) << bad;
  try {
    number("1e-400");
  } catch (const pivot::InputError& e) {
    EXPECT_STREQ(e.what(), "f.csv:1:1: v: number out of range: '1e-400'");
  }
}

TEST(CsvStream, NumbersAgreeWithStrtodOnRandomText) {
  // The reference is libc's strtod under the reader's rules: blanks trimmed,
  // the whole text read, no hex/inf/nan, no ERANGE, finite. Same double, bit for bit.
  std::mt19937_64 rng(7);
  const std::string alphabet = "0123456789.-+e ";
  for (int t = 0; t < 100000; ++t) {
    std::string s;
    const int length = 1 + static_cast<int>(rng() % 22);
    for (int i = 0; i < length; ++i) s += t % 2 ? char('0' + rng() % 10) : alphabet[rng() % alphabet.size()];
    if (t % 2 && rng() % 4) s.insert(rng() % (s.size() + 1), ".");
    if (t % 2 && rng() % 5 == 0) s.insert(0, "-");
    double ours = 0;
    bool ours_ok = true;
    try {
      ours = pivot::parse_number(pivot::CsvFieldView{s, 1, 1}, "f.csv", "v");
    } catch (const pivot::InputError&) {
      ours_ok = false;
    }
    const auto b = s.find_first_not_of(" \t");
    bool ok = b != std::string::npos;
    double expected = 0;
    if (ok) {
      const std::string trimmed = s.substr(b, s.find_last_not_of(" \t") - b + 1);
      errno = 0;
      char* stop = nullptr;
      expected = std::strtod(trimmed.c_str(), &stop);
      ok = stop == trimmed.c_str() + trimmed.size() && trimmed.find_first_of("xXnN") == std::string::npos &&
           errno != ERANGE && std::isfinite(expected);
    }
    ASSERT_EQ(ours_ok, ok) << "'" << s << "'";
    if (ok) {
      ASSERT_EQ(std::memcmp(&ours, &expected, sizeof ours), 0) << "'" << s << "'";
    }
  }
}

}  // namespace
