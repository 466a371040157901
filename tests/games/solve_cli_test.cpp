// `pivot solve` as a user meets it: NE lines, exit codes, errors with positions.
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
