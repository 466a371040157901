// Regressions for bugs in the scenario loaders that the fuzz targets'
// invariants (fuzz/fuzz_common.hpp: check_scenario) caught; each input is the
// smallest one found that broke the loader.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "pivot/core/error.hpp"
#include "pivot/scenario/study.hpp"

namespace pivot {
namespace {

// ktab CSV: dimensions named a, a, a-2 gave two issues the id "a-2" (the repeat of
// "a" was renamed to "a-2" without checking that the new id was free).
TEST(LoaderFuzzRegression, KtabRepeatedDimensionNamesGetUniqueIds) {
  const char* text =
      "T,d,2,3\n"
      "Actor,Description,Power,a,S,a,S,a-2,S\n"
      "A,a,1,10,10,20,10,30,10\n"
      "B,b,1,40,10,50,10,60,10\n";
  Scenario s = parse_ktab_csv(text, "dup.csv");
  ASSERT_EQ(s.issues.size(), 3u);
  std::set<std::string> ids;
  for (const Issue& issue : s.issues) EXPECT_TRUE(ids.insert(issue.id).second) << "duplicate id " << issue.id;
  EXPECT_EQ(s.issues[0].id, "a");
  EXPECT_EQ(s.issues[1].id, "a-2");
  EXPECT_EQ(s.issues[2].id, "a-2-3");
  EXPECT_EQ(s.issues[2].name, "a-2");
}

// Predictioneer CSV: positions -1e308 and 1e308 are finite, but the scale they
// widen the issue to is not (max - min overflows), so every unit position was NaN or 0.
TEST(LoaderFuzzRegression, PredictioneerRejectsAScaleThatOverflows) {
  const char* text =
      "Actor,Capability,Position,Salience\n"
      "A,1,-1e308,0\n"
      "B,1,1e308,0\n";
  try {
    parse_predictioneer_csv(text, "wide.csv");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().file, "wide.csv");
    EXPECT_EQ(e.position().line, 3u);
    EXPECT_EQ(e.position().column, 5u);
    EXPECT_EQ(e.position().field, "Position");
  }
}

// scenario.toml: min = -1e308, max = 1e308 passed "max > min", but max - min is
// infinite, so Issue::to_unit gave 0 (or NaN) for every position.
TEST(LoaderFuzzRegression, ScenarioTomlRejectsAScaleThatOverflows) {
  const char* text =
      "name = \"w\"\n"
      "[[issues]]\n"
      "id = \"x\"\n"
      "min = -1e308\n"
      "max = 1e308\n";
  try {
    parse_scenario_toml(text, "scenario.toml");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().file, "scenario.toml");
    EXPECT_GE(e.position().line, 1u);
    EXPECT_GE(e.position().column, 1u);
    EXPECT_EQ(e.position().field, "issues[0].max");
  }
}

// The widest scales that still fit are accepted.
TEST(LoaderFuzzRegression, WideButFiniteScalesStillLoad) {
  Scenario p = parse_predictioneer_csv("Actor,Capability,Position,Salience\nA,1,-1e307,10\nB,1,1e307,10\n", "p.csv");
  ASSERT_EQ(p.issues.size(), 1u);
  EXPECT_TRUE(std::isfinite(p.issues[0].to_unit(p.actors[1].position[0])));
  Scenario t =
      parse_scenario_toml("name = \"w\"\n[[issues]]\nid = \"x\"\nmin = -1e307\nmax = 1e307\n", "s.toml").scenario;
  EXPECT_DOUBLE_EQ(t.issues[0].max, 1e307);
}

}  // namespace
}  // namespace pivot
