// `pivot solve` as a user meets it: NE lines, exit codes, errors with positions.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../support/pivot_cli.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace pivot_test;  // tests/support/pivot_cli.hpp

namespace fs = std::filesystem;

const std::string data = std::string(PIVOT_TEST_DATA) + "/games/";

// Expected lines: the battle of the sexes' three equilibria (hand calculation,
// see games_test.cpp), in Gambit's NE format.
TEST(SolveCli, PrintsGambitNeLines) {
  const CommandResult r = run_pivot("solve " + data + "bos-outcome.nfg --method enummixed");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("NE,2/3,1/3,1/3,2/3\n"), std::string::npos);
  EXPECT_NE(r.out.find("NE,1,0,1,0\n"), std::string::npos);
  const CommandResult d = run_pivot("solve " + data + "bos-outcome.nfg -d 3");
  EXPECT_NE(d.out.find("NE,0.667,0.333,0.333,0.667"), std::string::npos);
}

// --json gives each probability and payoff as a number beside its exact string (issue #15).
// The battle of the sexes' mixed equilibrium by hand: Row plays Opera with 2/3, Col with
// 1/3, and each expects 2/3 (the game's payoffs are in bos-outcome.nfg).
TEST(SolveCli, JsonHasNumbersBesideTheExactStrings) {
  const fs::path json = fs::temp_directory_path() / ("pivot_solve_json_" + std::to_string(::getpid()) + ".json");
  const CommandResult r = run_pivot("solve " + data + "bos-outcome.nfg --method enummixed --json " + json.string());
  ASSERT_EQ(r.code, 0) << r.out;
  std::ifstream in(json);
  const nlohmann::json doc = nlohmann::json::parse(in);
  fs::remove(json);
  ASSERT_EQ(doc["equilibria"].size(), 3u);
  const nlohmann::json& mixed = doc["equilibria"][1];
  EXPECT_EQ(mixed["profile"], nlohmann::json::parse(R"([["2/3", "1/3"], ["1/3", "2/3"]])"));
  EXPECT_DOUBLE_EQ(mixed["profile_values"][0][0].get<double>(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(mixed["profile_values"][0][1].get<double>(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(mixed["profile_values"][1][0].get<double>(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(mixed["payoff_values"][0].get<double>(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(mixed["payoff_values"][1].get<double>(), 2.0 / 3.0);
}

TEST(SolveCli, NothingFoundIsAnErrorOnStderr) {
  const CommandResult r = run_pivot("solve " + data + "pennies.nfg --method enumpure");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("no equilibrium found"), std::string::npos);
}

TEST(SolveCli, CheckReportsRegrets) {
  const CommandResult r = run_pivot("solve " + data + "pennies.nfg --check NE,1/2,1/2,1/2,1/2");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("regret,Even,0"), std::string::npos);
  EXPECT_NE(r.out.find("equilibrium: yes"), std::string::npos);
}

TEST(SolveCli, MalformedGameExitsTwoAndWritesNothing) {
  const fs::path dir = fs::temp_directory_path() / ("pivot_solve_bad_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "bad.nfg") << "NFG 1 R \"t\" { \"a\" \"b\" } { 2 2 }\n1 2 3 4\n5 6 7 1/0\n";
  const CommandResult r = run_pivot("solve " + (dir / "bad.nfg").string() + " --json " + (dir / "out.json").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("bad.nfg:3:7:"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "out.json"));
  const CommandResult m = run_pivot("solve " + data + "pennies.nfg --method nosuch");
  EXPECT_EQ(m.code, 2);
  fs::remove_all(dir);
}

}  // namespace
