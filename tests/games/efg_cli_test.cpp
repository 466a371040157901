// `pivot solve` on .efg games: behaviour-strategy NE lines, --check, --json,
// errors with positions, and SCENARIO:NAME game names.
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

// Hand calculation in efg_test.cpp: (in, accommodate) is the subgame-perfect equilibrium.
TEST(EfgCli, BackwardInductionIsTheDefaultForPerfectInformation) {
  const CommandResult r = run_pivot("solve " + data + "entry.efg");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "NE,0,1,0,1\n");
  const CommandResult pure = run_pivot("solve " + data + "entry.efg --method enumpure -d 2");
  EXPECT_EQ(pure.out, "NE,1.00,0.00,1.00,0.00\nNE,0.00,1.00,0.00,1.00\n");
}

TEST(EfgCli, CheckPrintsRegrets) {
  const CommandResult bad = run_pivot("solve " + data + "entry.efg --check NE,0,1,1,0");
  EXPECT_EQ(bad.code, 3);
  EXPECT_NE(bad.out.find("regret,Entrant,1\nregret,Incumbent,2\nequilibrium: no"), std::string::npos) << bad.out;
  const CommandResult good = run_pivot("solve " + data + "entry.efg --check 1,0,1/2,1/2");
  EXPECT_EQ(good.code, 0) << good.out;
}

TEST(EfgCli, JsonHasPayoffs) {
  const fs::path json = fs::temp_directory_path() / ("pivot_efg_" + std::to_string(::getpid()) + ".json");
  const CommandResult r = run_pivot("solve " + data + "kuhn-poker.efg --method lcp --json " + json.string());
  EXPECT_EQ(r.code, 0) << r.out;
  std::ifstream in(json);
  std::stringstream ss;
  ss << in.rdbuf();
  fs::remove(json);
  // Kuhn (1950): the value to player 1 is -1/18.
  EXPECT_NE(ss.str().find("\"-1/18\""), std::string::npos) << ss.str();
  // Beside the exact string, the number.
  const nlohmann::json doc = nlohmann::json::parse(ss.str());
  EXPECT_EQ(doc["equilibria"][0]["payoffs"][0], "-1/18");
  EXPECT_DOUBLE_EQ(doc["equilibria"][0]["payoff_values"][0].get<double>(), -1.0 / 18.0);
}

TEST(EfgCli, MalformedFileExitsTwoWithPosition) {
  const fs::path bad = fs::temp_directory_path() / ("pivot_efg_bad_" + std::to_string(::getpid()) + ".efg");
  std::ofstream(bad) << "EFG 2 R \"x\" { \"A\" \"B\" }\np \"\" 1 1 \"s\" { \"a\" \"b\" } 0\nt \"\" 0\n";
  const CommandResult r = run_pivot("solve " + bad.string());
  fs::remove(bad);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find(":4:1:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("expected a node"), std::string::npos) << r.out;
}

TEST(EfgCli, BackwardInductionRefusesImperfectInformation) {
  const CommandResult r = run_pivot("solve " + data + "kuhn-poker.efg --method backward");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("perfect information"), std::string::npos) << r.out;
}

TEST(EfgCli, UnknownScenarioGameIsAUsageError) {
  const CommandResult r = run_pivot("solve korea-2025:no-such-game");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("no game 'no-such-game'"), std::string::npos) << r.out;
}

}  // namespace

namespace {

// The korea-2025 games, with equilibria worked out by hand from the payoffs
// in scenarios/korea-2025/games/ (the payoffs' sources are in sources.csv there).
TEST(KoreaGames, UsChinaEscalation) {
  // US: escalate is strictly dominant (33.33 > 0, -23.92 > -43.89); China's
  // best reply to it is hold (-33.33 > -73.15): the unique equilibrium.
  const CommandResult r = run_pivot("solve korea-2025:us-china-escalation --method enummixed");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "NE,0,1,1,0\n");
}

TEST(KoreaGames, KoreaAlignment) {
  // A resolute China retaliates (2.03 > 0), a pragmatic one accepts (0 > -0.97);
  // Korea then expects (1/2)(-0.925) + (1/2)(6.575) = 2.825 > 0 from aligning.
  const CommandResult r = run_pivot("solve korea-2025:korea-alignment");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "NE,0,1,0,1,1,0\n");
}

TEST(KoreaGames, UsKoreaDeal) {
  // Korea rejects offers worth less than the 25% tariff (-58.81, -43.46 < 0) and
  // accepts the others; the US's best accepted offer is half cash over 8 years
  // (15.22 > 0 > -143.67).
  const CommandResult r = run_pivot("solve korea-2025:us-korea-deal");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "NE,0,0,1,0,0,1,0,1,1,0,1,0\n");
}

TEST(KoreaGames, RunWritesGamesJson) {
  const fs::path out = fs::temp_directory_path() / ("pivot_efg_run_" + std::to_string(::getpid()));
  const CommandResult r = run_pivot("run korea-2025 --threads 1 -o " + out.string());
  EXPECT_EQ(r.code, 0) << r.out;
  std::ifstream in(out / "games.json");
  std::stringstream ss;
  ss << in.rdbuf();
  fs::remove_all(out);
  for (const char* name :
       {"\"us-china-escalation\"", "\"korea-alignment\"", "\"us-korea-deal\"", "Hyundai Research Institute"})
    EXPECT_NE(ss.str().find(name), std::string::npos) << name;
  EXPECT_NE(r.out.find("Games (3 in games/"), std::string::npos) << r.out;
}

}  // namespace
