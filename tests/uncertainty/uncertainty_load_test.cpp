// Uncertainty in a scenario: [uncertainty] defaults and uncertainty.csv, how
// they combine, and the errors bad input gets.
#include <gtest/gtest.h>

#include "pivot/core/error.hpp"
#include "pivot/scenario/study.hpp"

namespace pivot {
namespace {

// Two issues, three actors; positions chosen so the default spreads hit the scale ends.
const char* kToml = R"(name = "tiny"
[[issues]]
id = "tariff"
min = 0
max = 50
[[issues]]
id = "align"
)";
const char* kActors =
    "id,name,capability,tariff.position,tariff.salience,align.position,align.salience\n"
    "us,US,100,45,80,90,50\n"
    "cn,China,80,5,60,10,95\n"
    "kr,Korea,20,20,90,50,40\n";

Study tiny(const std::string& extra_toml) {
  Study s = parse_scenario_toml(std::string(kToml) + extra_toml, "scenario.toml");
  parse_actors_csv(s.scenario, kActors, "actors.csv");
  return s;
}

const UncertainInput* find(const Study& s, const std::string& name) {
  for (const auto& u : s.uncertainty)
    if (uncertain_input_name(s, u) == name) return &u;
  return nullptr;
}

TEST(Uncertainty, NoneByDefault) {
  Study s = tiny("");
  resolve_uncertainty(s, "", "");
  EXPECT_TRUE(s.uncertainty.empty());
}

TEST(Uncertainty, DefaultsAreClippedToTheScale) {
  Study s = tiny("[uncertainty]\nposition = 10\nsalience = 10\ncapability = 25\n[uncertainty.positions]\nalign = 4\n");
  resolve_uncertainty(s, "", "");
  // 3 actors x (capability + 2 issues x (position + salience)) = 15 inputs, every one with a spread.
  EXPECT_EQ(s.uncertainty.size(), 15u);
  const auto* us_tariff = find(s, "us.tariff.position");  // 45 +- 10 on [0, 50] -> [35, 50]
  ASSERT_NE(us_tariff, nullptr);
  EXPECT_EQ(us_tariff->distribution.low, 35.0);
  EXPECT_EQ(us_tariff->distribution.high, 50.0);
  EXPECT_EQ(us_tariff->distribution.kind, DistributionKind::uniform);
  const auto* cn_align = find(s, "cn.align.position");  // per-issue spread 4: 10 +- 4
  EXPECT_EQ(cn_align->distribution.low, 6.0);
  EXPECT_EQ(cn_align->distribution.high, 14.0);
  const auto* cn_align_sal = find(s, "cn.align.salience");  // 95 +- 10 on [0, 100] -> [85, 100]
  EXPECT_EQ(cn_align_sal->distribution.high, 100.0);
  const auto* kr_cap = find(s, "kr.capability");  // 20 +- 25% -> [15, 25]
  EXPECT_EQ(kr_cap->distribution.low, 15.0);
  EXPECT_EQ(kr_cap->distribution.high, 25.0);
  // Ordered by variable id: actor-major, capability first.
  EXPECT_EQ(uncertain_input_name(s, s.uncertainty.front()), "us.capability");
  EXPECT_EQ(uncertain_variable_id(s, s.uncertainty.back()), 2u * 5u + 4u);
}

TEST(Uncertainty, CsvRowsOverrideDefaults) {
  Study s = tiny("[uncertainty]\nposition = 10\ndistribution = \"pert\"\n");
  resolve_uncertainty(s,
                      "actor,issue,field,distribution,low,mode,high,sd\n"
                      "cn,align,salience,triangular,70,,100,\n"
                      "us,tariff,position,truncated_normal,30,45,50,5\n"
                      "kr,,capability,uniform,10,,40,\n",
                      "uncertainty.csv");
  // 6 default positions (one replaced by a row) + 1 salience + 1 capability.
  EXPECT_EQ(s.uncertainty.size(), 8u);
  const auto* sal = find(s, "cn.align.salience");
  EXPECT_EQ(sal->distribution.kind, DistributionKind::triangular);
  EXPECT_EQ(sal->distribution.mode, 95.0);  // empty mode: the actors.csv value
  EXPECT_EQ(sal->origin, "uncertainty.csv:2");
  const auto* pos = find(s, "us.tariff.position");
  EXPECT_EQ(pos->distribution.kind, DistributionKind::truncated_normal);
  EXPECT_EQ(pos->distribution.sd, 5.0);
  const auto* kr = find(s, "kr.align.position");  // default PERT around 50: [40, 60], mode 50
  EXPECT_EQ(kr->distribution.kind, DistributionKind::pert);
  EXPECT_EQ(kr->distribution.mode, 50.0);
}

void expect_error(const std::string& csv, std::size_t line, std::size_t column, const std::string& field,
                  const std::string& words) {
  Study s = tiny("");
  try {
    resolve_uncertainty(s, csv, "u.csv");
    FAIL() << "accepted: " << csv;
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().file, "u.csv");
    EXPECT_EQ(e.position().line, line) << e.what();
    EXPECT_EQ(e.position().column, column) << e.what();
    EXPECT_EQ(e.position().field, field) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(Uncertainty, BadRowsNameFileLineColumn) {
  const std::string h = "actor,issue,field,distribution,low,mode,high,sd\n";
  expect_error(h + "xx,tariff,position,uniform,1,,2,\n", 2, 1, "actor", "unknown actor 'xx'");
  expect_error(h + "us,nope,position,uniform,1,,2,\n", 2, 4, "issue", "unknown issue 'nope'");
  expect_error(h + "us,tariff,loyalty,uniform,1,,2,\n", 2, 11, "field",
               "expected capability, position, salience, risk");
  // Risk is a field only for actors whose actors.csv row gives one (none here).
  expect_error(h + "us,,risk,uniform,0,,1,\n", 2, 5, "field", "actor 'us' has no risk in actors.csv");
  expect_error(h + "us,tariff,position,gamma,1,,2,\n", 2, 20, "distribution", "expected uniform");
  expect_error(h + "us,tariff,position,uniform,1,,60,\n", 2, 31, "high", "expected a number in [0, 50]");
  expect_error(h + "us,tariff,position,uniform,9,,2,\n", 2, 31, "high", "expected high > low");
  expect_error(h + "us,tariff,position,uniform,1,1.5,2,\n", 2, 30, "mode", "uniform has no mode");
  expect_error(h + "us,tariff,position,triangular,1,,2,\n", 2, 20, "mode", "outside [1, 2]");
  expect_error(h + "us,tariff,position,truncated_normal,40,45,50,\n", 2, 20, "sd", "needs sd");
  expect_error(h + "us,tariff,position,pert,40,45,50,3\n", 2, 34, "sd", "truncated_normal only");
  expect_error(h + "us,,capability,uniform,1,,2,\nus,,capability,pert,1,1.5,2,\n", 3, 1, "actor",
               "already given at u.csv:2");
  expect_error("actor,issue,field,distribution,low,high,weight\n", 1, 41, "weight", "unknown column");
  expect_error("actor,issue,field,low,high\n", 1, 1, "distribution", "missing column");
}

TEST(Uncertainty, BadDefaultsNameTheKey) {
  auto error_of = [](const std::string& extra) -> std::string {
    try {
      tiny(extra);
    } catch (const InputError& e) {
      return e.what();
    }
    return "accepted";
  };
  EXPECT_NE(error_of("[uncertainty]\nposition = -1\n").find("scenario.toml:9:12: uncertainty.position"),
            std::string::npos)
      << error_of("[uncertainty]\nposition = -1\n");
  EXPECT_NE(error_of("[uncertainty]\nposition = 1\npositon = 2\n").find("unknown key"), std::string::npos);
  EXPECT_NE(error_of("[uncertainty]\ndistribution = \"normal\"\n").find("expected \"uniform\""), std::string::npos);
  EXPECT_NE(error_of("[uncertainty.positions]\nnope = 3\n").find("unknown issue 'nope'"), std::string::npos);
}

}  // namespace
}  // namespace pivot
