// Decide's input format: tab or semicolon, quoted or not, Windows-1252 transcoded,
// actors without a #D row taking no part, and errors that say where.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "pivot/core/error.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_decide_csv(text, "in.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const char* kTabQuoted =
    "'#A'\t'USA'\t'United States'\t''\n"
    "'#A'\t'EU'\t'EU'\t''\n"
    "'#P'\t'mrv'\t'MRV'\t''\n"
    "'#P'\t'tol'\t'toll'\t''\n"
    "'#M'\t'tol'\t0.5\n"
    "'#M'\t'tol'\t7\n"
    "'#D'\t'USA'\t'mrv'\t70.0\t0.7\t1.0\n"
    "'#D'\t'EU'\t'mrv'\t100\t0.9\t0.75\n"
    "'#D'\t'EU'\t'tol'\t3\t0.5\t0.75\n";

TEST(DecideCsv, ReadsTabSeparatedQuotedRecords) {
  const Scenario s = parse_decide_csv(kTabQuoted, "in.csv");
  ASSERT_EQ(s.actors.size(), 2u);
  ASSERT_EQ(s.issues.size(), 2u);
  EXPECT_EQ(s.actors[0].name, "United States");
  EXPECT_EQ(s.actors[0].capability, 1.0);
  EXPECT_EQ(s.actors[1].salience[1], 50.0);
  EXPECT_EQ(s.issues[1].min, 0.5);
  EXPECT_EQ(s.issues[1].max, 7.0);
  EXPECT_EQ(s.issues[0].min, 0.0);  // no #M: Decide's 0..100
  EXPECT_EQ(s.issues[0].max, 100.0);
  EXPECT_TRUE(s.input_encoding.empty());
}

TEST(DecideCsv, AnActorWithoutARowTakesNoPart) {
  const Scenario s = parse_decide_csv(kTabQuoted, "in.csv");
  ASSERT_EQ(s.actors[0].takes_part.size(), 2u);
  EXPECT_TRUE(s.actors[0].takes_part[0]);
  EXPECT_FALSE(s.actors[0].takes_part[1]);
  EXPECT_EQ(s.actors[0].salience[1], 0.0);
  EXPECT_EQ(s.actors[0].position[1], 3.0);  // the others' weighted mean: no pull in other models
  EXPECT_TRUE(s.actors[1].takes_part.empty() || s.actors[1].takes_part[1]);
}

TEST(DecideCsv, ReadsSemicolonsAndTranscodesWindows1252) {
  const std::string text =
      "#O;COP \x93test\x94;;;;\n"
      "#A;USA;USA;;;\n#P;mrv;mrv;;;\n"
      "#M;mrv;0;Convention\x92s Annexes;;\n#M;mrv;100;\xA3"
      "500 b;;\n"
      "#D;USA;mrv;70;0,7;1\n";
  const Scenario s = parse_decide_csv(text, "in.csv");
  EXPECT_EQ(s.title, "COP \u201Ctest\u201D");
  EXPECT_EQ(s.issues[0].low, "Convention\u2019s Annexes");
  EXPECT_EQ(s.issues[0].high,
            "\u00A3"
            "500 b");
  EXPECT_EQ(s.actors[0].salience[0], 70.0);
  EXPECT_EQ(s.input_encoding, "windows-1252 (transcoded to UTF-8)");
}

TEST(DecideCsv, ErrorsNameFileLineAndField) {
  EXPECT_EQ(error_of("#A;USA;USA\n#P;mrv;mrv\n#D;USA;mrv;70;1.5;1\n"),
            "in.csv:3:15: salience: salience 1.5 is outside [0, 1]");
  EXPECT_EQ(error_of("#A;USA;USA\n#P;mrv;mrv\n#D;EU;mrv;70;0.5;1\n"), "in.csv:3:4: actor: actor 'EU' has no #A record");
  EXPECT_NE(error_of("#A;USA;USA\n#P;mrv;mrv\n#D;USA;mrv;x;0.5;1\n").find("in.csv:3:12"), std::string::npos);
  EXPECT_NE(error_of("#A;USA;USA\n#P;mrv;mrv\n#D;USA;mrv;170;0.5;1\n").find("outside issue 'mrv' scale [0, 100]"),
            std::string::npos);
  EXPECT_NE(error_of("#A;USA\n#A;USA\n").find("in.csv:2:4: key: 'USA' is defined twice"), std::string::npos);
  EXPECT_NE(error_of("#X;USA\n").find("in.csv:1:1: tag: unknown record '#X'"), std::string::npos);
  EXPECT_NE(error_of("'#A'\t'USA\n").find("in.csv:1:6: quoted field has no closing '"), std::string::npos);
  EXPECT_NE(
      error_of("#A;USA;USA\n#A;EU;EU\n#P;mrv;mrv\n#P;t;t\n#D;USA;mrv;70;0.5;1\n#D;USA;t;70;0.5;0.5\n#D;EU;t;1;1;1\n")
          .find("in.csv:6:17: power: power 0.5 differs from 1 given for 'USA' on line 5"),
      std::string::npos);
  EXPECT_NE(error_of("#A;USA;USA\n#A;EU;EU\n#P;mrv;mrv\n#D;USA;mrv;70;0.5;1\n").find("actor 'EU' has no #D record"),
            std::string::npos);
}

}  // namespace
}  // namespace pivot
