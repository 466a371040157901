// `pivot solve` with the lcp, lp, logit and enumpoly methods and CSV payoff
// tables, as a user meets them: NE lines, exit codes, errors with positions.
#include <gtest/gtest.h>

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

// Battle of the sexes: hand-calculated equilibria (see games_test.cpp).
TEST(SolversCli, LcpPrintsTheNetworkOrOneLabel) {
  const CommandResult all = run_pivot("solve " + data + "bos-outcome.nfg -m lcp");
  EXPECT_EQ(all.code, 0);
  EXPECT_NE(all.out.find("NE,2/3,1/3,1/3,2/3\n"), std::string::npos);
  const CommandResult one = run_pivot("solve " + data + "bos-outcome.nfg -m lcp --label 2");
  EXPECT_EQ(one.code, 0);
  EXPECT_EQ(one.out, "NE,0,1,0,1\n");  // dropping row 2 from (0,0): hand-followed path
  EXPECT_EQ(run_pivot("solve " + data + "bos-outcome.nfg -m lcp --label 9").code, 2);
  EXPECT_EQ(run_pivot("solve " + data + "horse.nfg -m lcp").code, 2);  // three players
}

// Matching pennies: value 0, both mix 1/2 (textbook).
TEST(SolversCli, LpPrintsEquilibriumAndValue) {
  const CommandResult r = run_pivot("solve " + data + "pennies.nfg -m lp");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "NE,1/2,1/2,1/2,1/2\nvalue,0\n");
  const CommandResult bad = run_pivot("solve " + data + "bos-outcome.nfg -m lp");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("zero-sum"), std::string::npos);
}

TEST(SolversCli, LogitTracePrintsPathThenEquilibrium) {
  const CommandResult r = run_pivot("solve " + data + "pennies.nfg -m logit --trace");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("0.0000000000,0.5000000000,0.5000000000,", 0), 0u);
  EXPECT_NE(r.out.find("\nNE,1/2,1/2,1/2,1/2\n"), std::string::npos);
}

TEST(SolversCli, EnumPolyOnSeltensHorse) {
  const CommandResult r = run_pivot("solve " + data + "horse.nfg -m enumpoly");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("NE,1,0,1,0,0,1\n"),
            std::string::npos);  // (A, a, R): in C2 (hand calculation in solvers_test.cpp)
}

TEST(SolversCli, CsvTables) {
  const std::string csv = data + "csv/";
  const CommandResult r = run_pivot("solve --row-payoffs " + csv + "bos-row.csv --col-payoffs " + csv + "bos-col.csv");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("NE,3/4,1/4,1/4,3/4\n"), std::string::npos);
  const fs::path bad = fs::temp_directory_path() / ("pivot_bad_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(bad) << ",L,R\nT,1,x\n";
  const fs::path json = fs::temp_directory_path() / ("pivot_bad_" + std::to_string(::getpid()) + ".json");
  const CommandResult e = run_pivot("solve --row-payoffs " + bad.string() + " --col-payoffs " + csv +
                                    "bos-col.csv --json " + json.string());
  EXPECT_EQ(e.code, 2);
  EXPECT_NE(e.out.find(bad.string() + ":2:5:"), std::string::npos) << e.out;
  EXPECT_FALSE(fs::exists(json));
  fs::remove(bad);
  EXPECT_EQ(run_pivot("solve --row-payoffs " + csv + "bos-row.csv").code, 2);  // half a game
}

}  // namespace
