// `pivot mc --model game:NAME` and `pivot run`'s all-or-nothing output as a user
// meets them: the same bytes whatever the threads or shards, exit code 2 with
// file and line for a bad payoff name, and no output left by a failed run.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace {

using namespace pivot_test;  // tests/support/pivot_cli.hpp

namespace fs = std::filesystem;

void expect_same_files(const fs::path& a, const fs::path& b) {
  for (const char* file : {"trials.csv", "summary.csv", "manifest.json"}) {
    ASSERT_TRUE(fs::exists(a / file)) << a / file;
    EXPECT_EQ(slurp(a / file), slurp(b / file)) << file;
  }
}

TEST(McGamesCli, ShippedRangesRunWithNoFlags) {
  const CommandResult r = run_pivot("mc korea-2025 --model game:us-korea-deal");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("model game:us-korea-deal, 1000 trials"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("P(deal: half cash, 8 years) = 0."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("P(no deal: 25% tariff) = 0."), std::string::npos) << r.out;
}

TEST(McGamesCli, ThreadsAndShardsWriteIdenticalFiles) {
  const fs::path out = fresh_dir("mc-games");
  const std::string common = "mc korea-2025 --model game:korea-alignment --trials 300 --seed 4 ";
  const std::string at = " --csv " + out.string() + "/";
  ASSERT_EQ(run_pivot(common + "--threads 1" + at + "t1").code, 0);
  ASSERT_EQ(run_pivot(common + "--threads 2" + at + "t2").code, 0);
  ASSERT_EQ(run_pivot(common + "--shard 0/2" + at + "s0").code, 0);
  ASSERT_EQ(run_pivot(common + "--shard 1/2" + at + "s1").code, 0);
  const CommandResult merged =
      run_pivot("merge " + (out / "s1").string() + " " + (out / "s0").string() + " --csv " + (out / "merged").string());
  ASSERT_EQ(merged.code, 0) << merged.out;
  expect_same_files(out / "t1", out / "t2");
  expect_same_files(out / "t1", out / "merged");
  EXPECT_NE(slurp(out / "t1" / "trials.csv").find("game.korea-alignment.align-retaliation-by-a-resolute-china.china"),
            std::string::npos);
}

TEST(McGamesCli, BadPayoffNameExitsTwoWithFileAndLine) {
  const fs::path dir = fresh_dir("mc-games-bad") / "korea";
  fs::copy(fs::path(PIVOT_TEST_DATA) / "../../scenarios/korea-2025", dir, fs::copy_options::recursive);
  std::ofstream(dir / "uncertainty.csv", std::ios::app) << ",,game.us-korea-deal.deal.korea,uniform,0,,1,,,\n";
  const std::string text = slurp(dir / "uncertainty.csv");
  const auto line = std::count(text.begin(), text.end(), '\n');  // the row just added is the last
  const CommandResult r =
      run_pivot("mc " + dir.string() + " --model game:us-korea-deal --csv " + (dir.parent_path() / "out").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(
      r.out.find("uncertainty.csv:" + std::to_string(line) + ":3: field: expected game.us-korea-deal.OUTCOME.PLAYER"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("deal-half-cash-8-years"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir.parent_path() / "out"));
}

// A scenario whose forecast runs (and whose files `pivot run` would write first) and
// whose one game file is malformed, found only by the games step.
fs::path scenario_with_bad_game(const std::string& name) {
  const fs::path dir = fresh_dir(name) / "scenario";
  fs::create_directories(dir / "games");
  std::ofstream(dir / "scenario.toml") << "name = \"bad-game\"\n[[issues]]\nid = \"x\"\n";
  std::ofstream(dir / "actors.csv") << "id,name,capability,x.position,x.salience\na,A,50,0,50\nb,B,50,50,50\n";
  std::ofstream(dir / "games" / "broken.efg")
      << "EFG 2 R \"broken\" { \"A\" \"B\" }\n\"\"\np \"\" 1 1 \"a\" { \"l\" } 0\n";
  return dir;
}

TEST(RunAtomicCli, FailedStepLeavesNoOutputDirectory) {
  const fs::path scenario = scenario_with_bad_game("run-atomic-new");
  const fs::path out = scenario.parent_path() / "new" / "run";
  const CommandResult r = run_pivot("run " + scenario.string() + " -o " + out.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("broken.efg:"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(scenario.parent_path() / "new"));                 // not even the parent it would have made
  for (const auto& entry : fs::directory_iterator(scenario.parent_path()))  // and no staging area left
    EXPECT_EQ(entry.path().filename(), "scenario") << entry.path();
}

TEST(RunAtomicCli, FailedStepLeavesAnEarlierRunAsItWas) {
  const fs::path scenario = scenario_with_bad_game("run-atomic-old");
  const fs::path out = scenario.parent_path() / "run";
  fs::create_directories(out);
  std::ofstream(out / "forecast.json") << "from an earlier run\n";
  const CommandResult r = run_pivot("run " + scenario.string() + " -o " + out.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(slurp(out / "forecast.json"), "from an earlier run\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 1);
  // With the game fixed the same command succeeds and replaces the file.
  fs::remove(scenario / "games" / "broken.efg");
  const CommandResult ok = run_pivot("run " + scenario.string() + " -o " + out.string() + "/");
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(slurp(out / "forecast.json"), "from an earlier run\n");
  EXPECT_TRUE(fs::exists(out / "report.html"));
}

}  // namespace
