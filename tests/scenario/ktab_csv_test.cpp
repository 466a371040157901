#include <gtest/gtest.h>

#include "pivot/core/error.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {
namespace {

const char* kThreeActors =
    "Test,A small scenario,3,2\n"
    "Actor,Description,Power,Taxes,Salience,Spending,Salience\n"
    "Alpha,first,100,10,50,90,20\n"
    "Beta,second,50, 55.5,30,40,70\n"
    "Gamma,third,25,90,10,0,10\n";

TEST(KtabCsv, ReadsActorsDimensionsAndScales) {
  Scenario s = parse_ktab_csv(kThreeActors, "t.csv");
  ASSERT_EQ(s.actors.size(), 3u);
  ASSERT_EQ(s.issues.size(), 2u);
  EXPECT_EQ(s.name, "Test");
  EXPECT_EQ(s.issues[0].id, "Taxes");
  EXPECT_EQ(s.issues[1].id, "Spending");
  EXPECT_EQ(s.actors[1].name, "Beta");
  EXPECT_DOUBLE_EQ(s.actors[1].position[0], 55.5);
  EXPECT_DOUBLE_EQ(s.actors[1].salience[1], 70.0);
  EXPECT_DOUBLE_EQ(s.actors[2].capability, 25.0);
}

TEST(KtabCsv, ToleratesTrailingCommaAndExtraRows) {
  std::string text =
      "T,d,3,1,\nActor,Description,Power,Pos,Sal,\nA,a,1,0,50,\nB,b,1,50,50,\nC,c,1,100,50,\nD,d,1,20,20,\n";
  Scenario s = parse_ktab_csv(text, "t.csv");
  EXPECT_EQ(s.actors.size(), 3u);
}

void expect_error(const std::string& text, std::size_t line, const std::string& needle) {
  try {
    parse_ktab_csv(text, "bad.csv");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().file, "bad.csv");
    EXPECT_EQ(e.position().line, line) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(KtabCsv, RejectsBadInputWithPositions) {
  expect_error("T,d,3,1\nActor,Description,Power,Pos,Sal\nA,a,1,0,50\nB,b,1,150,50\nC,c,1,1,1\n", 4,
               "expected a number in [0, 100]");
  expect_error("T,d,3,1\nActor,Description,Power,Pos,Sal\nA,a,1,0,50\nB,b,x,15,50\nC,c,1,1,1\n", 4,
               "expected a number");
  expect_error("T,d,4,1\nActor,Description,Power,Pos,Sal\nA,a,1,0,50\nB,b,1,15,50\nC,c,1,1,1\n", 6,
               "expected 4 actor rows");
  expect_error("T,d,2,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,0,60,0,50\nB,b,1,1,1,1,1\n", 3,
               "sum to at most 100");
  expect_error("T,d,3.5,1\nActor,Description,Power,Pos,Sal\nA,a,1,0,50\n", 1, "whole number");
  expect_error("T,d,3,1\nActor,Description,Power,Pos,Sal\nA,a,1,0,50\nA,b,1,15,50\nC,c,1,1,1\n", 4, "duplicate");
  expect_error("T,d,2,1\nActor,Description,Power,Pos,Sal\nA,a,1,0\nB,b,1,0,1\n", 3, "missing value");
  expect_error("T,d,3,1\nActor,Description,Power,Pos,Sal\nA,a,1,0,1\n", 4, "expected 3 actor rows, found 1");
}

TEST(PredictioneerCsv, ReadsOneIssue) {
  Scenario s = parse_predictioneer_csv("Actor,Capability,Position,Salience\nA,10,20,80\nB,5,70,40\n", "p.csv");
  ASSERT_EQ(s.issues.size(), 1u);
  ASSERT_EQ(s.actors.size(), 2u);
  EXPECT_DOUBLE_EQ(s.actors[1].position[0], 70);
  EXPECT_DOUBLE_EQ(s.issues[0].min, 0);
  EXPECT_DOUBLE_EQ(s.issues[0].max, 100);
}

TEST(PredictioneerCsv, RejectsWrongHeader) {
  try {
    parse_predictioneer_csv("Actor,Power,Position,Salience\nA,1,2,3\n", "p.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().line, 1u);
    EXPECT_EQ(e.position().column, 7u);
  }
}

}  // namespace
}  // namespace pivot
