// The CSV reader: RFC 4180 quoting, CRLF, BOM, and positions for error messages.
#include <gtest/gtest.h>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"

namespace pivot {
namespace {

TEST(Csv, QuotesCommasNewlinesAndDoubledQuotes) {
  CsvTable t = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,y\r\n", "f.csv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[1].text, "b,c");
  EXPECT_EQ(t.rows[0].fields[2].text, "say \"hi\"");
  EXPECT_EQ(t.rows[1].fields[0].text, "two\nlines");
  EXPECT_EQ(t.rows[1].line, 2u);
  EXPECT_EQ(t.rows[1].fields[1].line, 3u);  // after the embedded newline
}

TEST(Csv, RemembersColumnsAndSkipsBlankLinesAndBom) {
  CsvTable t = parse_csv("\xEF\xBB\xBFid,value\n\n\nx,12\n", "f.csv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[0].text, "id");
  EXPECT_EQ(t.rows[1].line, 4u);
  EXPECT_EQ(t.rows[1].fields[1].column, 3u);
}

TEST(Csv, UnterminatedQuoteIsAnErrorAtTheQuote) {
  try {
    parse_csv("a,b\nc,\"open\n", "f.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().line, 2u);
    EXPECT_EQ(e.position().column, 3u);
  }
}

TEST(Csv, NumbersAreStrict) {
  CsvField ok{" 12.5 ", 1, 1}, bad{"12x", 2, 5}, nan{"nan", 3, 1}, empty{"", 4, 1};
  EXPECT_DOUBLE_EQ(parse_number(ok, "f", "v"), 12.5);
  EXPECT_THROW(parse_number(bad, "f", "v"), InputError);
  EXPECT_THROW(parse_number(nan, "f", "v"), InputError);
  EXPECT_THROW(parse_number(empty, "f", "v"), InputError);
  try {
    parse_number(bad, "f.csv", "capability");
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "f.csv:2:5: capability: expected a number, found '12x'");
  }
}

}  // namespace
}  // namespace pivot
