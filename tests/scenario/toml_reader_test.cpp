// The TOML helpers every loader shares: positions, types, unknown keys, dates.
#include "pivot/scenario/toml_reader.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace pivot {
namespace {

template <typename F>
std::string error_of(F&& read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TomlReader, SyntaxErrorsAndBadUtf8NameTheFileLineAndColumn) {
  EXPECT_TRUE(error_of([] { parse_toml("a = 1\nb = = 2\n", "x.toml"); }).starts_with("x.toml:2:"));
  // "é" is one code point: the bad byte after it is column 7, as toml++ would count.
  EXPECT_TRUE(error_of([] { parse_toml("a = \"é\xff\"\n", "x.toml"); }).starts_with("x.toml:1:7: "));
}

TEST(TomlReader, UnknownKeysAreRefusedAtTheKeyWithTheKnownOnes) {
  const toml::table t = parse_toml("[data]\nflows = 1\nspeed = 2\n", "x.toml");
  EXPECT_EQ(error_of([&] { check_toml_keys(*toml_table(t, "data", "x.toml"), {"flows"}, "x.toml", "data."); }),
            "x.toml:3:1: data.speed: unknown key (expected flows)");
  EXPECT_EQ(error_of([&] { check_toml_keys(t, {"data"}, "x.toml"); }), "");
}

TEST(TomlReader, ValuesOfTheWrongTypeAreRefusedAtTheValue) {
  const toml::table t = parse_toml("s = 1\nn = \"x\"\ne = \"\"\ni = inf\nq = nan\nt = 3\n", "x.toml");
  EXPECT_EQ(error_of([&] { toml_string(t, "s", "x.toml", "c."); }), "x.toml:1:5: c.s: expected a string");
  EXPECT_EQ(error_of([&] { toml_number(t, "n", "x.toml"); }), "x.toml:2:5: n: expected a number");
  EXPECT_EQ(error_of([&] { toml_string(t, "e", "x.toml", "", EmptyString::refused); }),
            "x.toml:3:5: e: expected a non-empty string");
  EXPECT_EQ(error_of([&] { toml_number(t, "i", "x.toml"); }), "x.toml:4:5: i: expected a finite number");
  EXPECT_EQ(toml_number(t, "i", "x.toml", "", Infinity::allowed), std::numeric_limits<double>::infinity());
  EXPECT_EQ(error_of([&] { toml_number(t, "q", "x.toml", "", Infinity::allowed); }),
            "x.toml:5:5: q: expected a number or inf, not nan");
  EXPECT_EQ(error_of([&] { toml_table(t, "t", "x.toml"); }), "x.toml:6:5: t: expected a table");
}

TEST(TomlReader, AbsentKeysAreEmptyAndRequiredOnesNamed) {
  const toml::table t = parse_toml("[row]\nx = 2\nday = 2025-10-23\n", "x.toml");
  const toml::table& row = *toml_table(t, "row", "x.toml");
  EXPECT_FALSE(toml_string(row, "name", "x.toml"));
  EXPECT_FALSE(toml_number(row, "y", "x.toml"));
  EXPECT_EQ(toml_table(row, "sub", "x.toml"), nullptr);
  EXPECT_EQ(toml_number(row, "x", "x.toml"), 2.0);
  EXPECT_EQ(toml_string(row, "day", "x.toml"), "2025-10-23");
  EXPECT_EQ(error_of([&] { required_toml_string(row, "name", "x.toml", "row."); }),
            "x.toml:1:1: row.name: missing required key (a string)");
}

}  // namespace
}  // namespace pivot
