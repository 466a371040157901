// `pivot init`, `pivot validate` and `pivot explain` as a user meets them.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "../support/pivot_cli.hpp"

namespace {

using namespace pivot_test;  // tests/support/pivot_cli.hpp
namespace fs = std::filesystem;

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = slurp(file);
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary) << text;
}

TEST(InitCli, WritesAScenarioThatValidatesAndRuns) {
  const fs::path dir = fresh_dir("init") / "trade-talks";
  CommandResult r = run_pivot("init " + dir.string());
  ASSERT_EQ(r.code, 0) << r.out;
  for (const char* f : {"scenario.toml", "actors.csv", "sources.csv"}) EXPECT_TRUE(fs::exists(dir / f)) << f;
  EXPECT_NE(slurp(dir / "scenario.toml").find("name = \"trade-talks\""), std::string::npos);
  CommandResult v = run_pivot("validate " + dir.string());
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_EQ(v.out, "0 errors, 0 warnings\n");
  CommandResult run = run_pivot("run " + dir.string() + " --trials 20 -o " + (dir.parent_path() / "out").string());
  EXPECT_EQ(run.code, 0) << run.out;
  // Never over an existing scenario.
  CommandResult again = run_pivot("init " + dir.string());
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.out.find("not empty"), std::string::npos) << again.out;
}

TEST(ValidateCli, ReportsEveryProblemAtOnce) {
  const fs::path dir = fresh_dir("validate") / "s";
  ASSERT_EQ(run_pivot("init " + dir.string()).code, 0);
  // Three files wrong at once: a note for an unknown actor, a game file that is not a game,
  // and a trade model that is not TOML.
  std::ofstream(dir / "sources.csv", std::ios::app) << "nobody,,capability,x,y\n";
  fs::create_directories(dir / "games");
  std::ofstream(dir / "games/broken.efg") << "not a game\n";
  fs::create_directories(dir / "trade");
  std::ofstream(dir / "trade/bad.toml") << "model = [\n";
  CommandResult v = run_pivot("validate " + dir.string());
  EXPECT_EQ(v.code, 2);
  EXPECT_NE(v.out.find("sources.csv:19:1: actor: unknown actor 'nobody'"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("broken.efg:1:"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("bad.toml:"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("3 errors, 0 warnings"), std::string::npos) << v.out;
  // A position beyond its issue's max: actors.csv names the cell.
  replace_in(dir / "actors.csv", "importer,Importing government,60,,10,", "importer,Importing government,60,,90,");
  CommandResult a = run_pivot("validate " + dir.string());
  EXPECT_NE(a.out.find("actors.csv:2:35: tariff.position: expected a number in [0, 50], found 90"), std::string::npos)
      << a.out;
}

TEST(ValidateCli, WarnsOfUnsourcedNumbersAndActorsWithoutAStake) {
  const fs::path dir = fresh_dir("validate-warn") / "s";
  ASSERT_EQ(run_pivot("init " + dir.string()).code, 0);
  replace_in(dir / "sources.csv", "industry,quota,salience,\"example: invented by pivot init\",\n", "");
  // The lobby cares about nothing: salience 0 on both issues.
  replace_in(dir / "actors.csv", "industry,Domestic industry lobby,30,,45,80,10,70",
             "industry,Domestic industry lobby,30,,45,0,10,0");
  CommandResult v = run_pivot("validate " + dir.string());
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("warning: 1 number without a source note in sources.csv: industry.quota.salience"),
            std::string::npos)
      << v.out;
  EXPECT_NE(v.out.find("warning: actor 'industry' has no stake: salience 0 on every issue"), std::string::npos)
      << v.out;
  EXPECT_NE(v.out.find("0 errors, 2 warnings"), std::string::npos) << v.out;
}

TEST(ValidateCli, AnIssueNobodyCaresAboutIsReported) {
  const fs::path dir = fresh_dir("validate-zero") / "s";
  ASSERT_EQ(run_pivot("init " + dir.string()).code, 0);
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"60,,10,70,80,50", "60,,10,70,80,0"},
                                                                                 {"40,,0,90,100,60", "40,,0,90,100,0"},
                                                                                 {"30,,45,80,10,70", "30,,45,80,10,0"}})
    replace_in(dir / "actors.csv", from, to);
  CommandResult v = run_pivot("validate " + dir.string());
  EXPECT_NE(v.out.find("quota"), std::string::npos) << v.out;
  EXPECT_EQ(v.code, 2) << "the loaders refuse an issue no actor weighs (check_actor_weights)";
}

TEST(ValidateCli, TheBuiltInScenarioIsClean) {
  CommandResult v = run_pivot("validate korea-2025");
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_EQ(v.out, "0 errors, 0 warnings\n");
}

TEST(ExplainCli, AnActorsStoryRoundByRound) {
  const fs::path dir = fresh_dir("explain");
  CommandResult r = run_pivot("explain korea-2025 --actor us-trump --issue us-tariff-korea");
  ASSERT_EQ(r.code, 0) << r.out;
  // actors.csv: us-trump's tariff position is 25 (%).
  EXPECT_EQ(r.out.rfind("President Trump (White House) (us-trump) under ktab in korea-2025, ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("Starts at us-tariff-korea 25.00 %."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Round 1: it challenged "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("P(win)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Turning points"), std::string::npos) << r.out;
  // Where the story ends is where positions-ktab.csv has it in the last round.
  ASSERT_EQ(run_pivot("forecast korea-2025 --csv " + dir.string()).code, 0);
  const std::string positions = slurp(dir / "positions.csv");
  std::smatch last;
  std::string value;
  const std::regex row(R"((\d+),us-trump,us-tariff-korea,([-0-9.e]+))");
  for (auto it = std::sregex_iterator(positions.begin(), positions.end(), row); it != std::sregex_iterator(); ++it)
    value = (*it)[2];
  ASSERT_FALSE(value.empty());
  char ends[64];
  std::snprintf(ends, sizeof ends, "Ends at us-tariff-korea %.2f %%.", std::stod(value));
  EXPECT_NE(r.out.find(ends), std::string::npos) << ends << "\n" << r.out;

  CommandResult bdm = run_pivot("explain korea-2025 --actor china --model bdm");
  EXPECT_EQ(bdm.code, 0) << bdm.out;
  EXPECT_NE(bdm.out.find("under bdm"), std::string::npos) << bdm.out;
  EXPECT_EQ(run_pivot("explain korea-2025 --actor nobody").code, 2);
  EXPECT_EQ(run_pivot("explain korea-2025 --actor china --issue nope").code, 2);
  EXPECT_EQ(run_pivot("explain korea-2025 --actor china --model mean").code, 2);
}

}  // namespace
