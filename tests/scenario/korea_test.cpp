// The built-in korea-2025 scenario: loads, has the required issues and actors,
// and every judgement carries a source note.
#include <gtest/gtest.h>

#include <set>

#include "pivot/core/error.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {
namespace {

TEST(Korea2025, HasTheRequiredIssuesInOrder) {
  Scenario s = pipeline::load_scenario("korea-2025");
  std::vector<std::string> ids;
  for (const auto& i : s.issues) ids.push_back(i.id);
  EXPECT_EQ(
      ids, (std::vector<std::string>{"us-tariff-korea", "cash-share", "payment-years", "us-profit-share", "korean-say",
                                     "usfk-flexibility", "korea-alignment", "us-china-tariff", "rare-earth-controls"}));
  EXPECT_EQ(s.as_of, "2025-10-23");
}

TEST(Korea2025, HasTheRequiredActors) {
  Scenario s = pipeline::load_scenario("korea-2025");
  std::set<std::string> ids;
  for (const auto& a : s.actors) ids.insert(a.id);
  for (const char* id :
       {"us-trump", "us-congress", "china", "kr-gov", "kr-industry", "kr-assembly", "japan", "north-korea"})
    EXPECT_TRUE(ids.count(id)) << id;
}

TEST(Korea2025, EveryNumberHasASource) {
  Scenario s = pipeline::load_scenario("korea-2025");
  std::set<std::tuple<std::string, std::string, std::string>> noted;
  for (const auto& n : s.sources) {
    noted.insert({n.actor, n.issue, n.field});
    EXPECT_FALSE(n.reasoning.empty()) << n.actor << " " << n.issue << " " << n.field;
  }
  for (const auto& a : s.actors) {
    EXPECT_TRUE(noted.count({a.id, "", "capability"})) << a.id;
    if (a.risk) {
      EXPECT_TRUE(noted.count({a.id, "", "risk"})) << a.id;
    }
    for (const auto& i : s.issues) {
      EXPECT_TRUE(noted.count({a.id, i.id, "position"})) << a.id << " " << i.id;
      EXPECT_TRUE(noted.count({a.id, i.id, "salience"})) << a.id << " " << i.id;
    }
  }
  for (const auto& i : s.issues)
    if (i.status_quo) {
      EXPECT_TRUE(noted.count({"", i.id, "status_quo"})) << i.id;
    }
}

TEST(ScenarioDirectory, ErrorsNameFileLineAndField) {
  Scenario s = parse_scenario_toml("name = \"t\"\n[[issues]]\nid = \"a\"\nmin = 0\nmax = 10\n", "s.toml").scenario;
  try {
    parse_actors_csv(s, "id,name,capability,a.position,a.salience\nx,X,1,5,50\ny,Y,1,11,50\n", "actors.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().line, 3u);
    EXPECT_EQ(e.position().column, 7u);
    EXPECT_EQ(e.position().field, "a.position");
  }
  try {
    parse_scenario_toml("name = \"t\"\n[[issues]]\nid = \"a\"\nmin = 10\nmax = 0\n", "s.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().field, "issues[0].max");
  }
  try {
    parse_scenario_toml("name = \"t\"\n[[issues]\n", "s.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().line, 2u);
  }
}

}  // namespace
}  // namespace pivot
