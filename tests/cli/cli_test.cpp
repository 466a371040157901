// The pivot command line as a user meets it: exit codes, error messages,
// byte-identical outputs, nothing partial on bad input.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace pivot_test;  // tests/support/pivot_cli.hpp

namespace fs = std::filesystem;

TEST(Cli, VersionAndHelp) {
  CommandResult v = run_pivot("--version");
  EXPECT_EQ(v.code, 0);
  EXPECT_NE(v.out.find("0.1.0+"), std::string::npos);
  CommandResult h = run_pivot("forecast --help");
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("--model"), std::string::npos);
}

TEST(Cli, BadInputExitsTwoNamesFileLineAndWritesNothing) {
  fs::path dir = fresh_dir("bad");
  std::ofstream(dir / "bad.csv") << "T,d,3,1\nActor,Description,Power,Pos,Sal\nA,a,1,0,50\nB,b,1,150,50\nC,c,1,1,1\n";
  CommandResult r = run_pivot("forecast " + (dir / "bad.csv").string() + " --csv " + (dir / "out").string() +
                              " --json " + (dir / "out.json").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("bad.csv:4:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Pos position"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "out"));
  EXPECT_FALSE(fs::exists(dir / "out.json"));
}

TEST(Cli, UnknownModelAndOptionExitTwo) {
  EXPECT_EQ(run_pivot("forecast korea-2025 --model nope").code, 2);
  EXPECT_EQ(run_pivot("forecast korea-2025 --set max_turns=abc").code, 2);
  EXPECT_EQ(run_pivot("forecast /nonexistent/file.csv").code, 2);
  EXPECT_EQ(run_pivot("forecast").code, 2);
}

TEST(Cli, SameInputSameBytes) {
  fs::path a = fresh_dir("a"), b = fresh_dir("b");
  for (const auto& dir : {a, b}) {
    CommandResult r =
        run_pivot("forecast korea-2025 --json " + (dir / "f.json").string() + " --csv " + (dir / "csv").string());
    ASSERT_EQ(r.code, 0) << r.out;
  }
  EXPECT_EQ(slurp(a / "f.json"), slurp(b / "f.json"));
  EXPECT_EQ(slurp(a / "csv/positions.csv"), slurp(b / "csv/positions.csv"));
  EXPECT_EQ(slurp(a / "csv/outcome.csv"), slurp(b / "csv/outcome.csv"));
}

TEST(Cli, CsvHasTidyColumnsAndRoundZero) {
  fs::path dir = fresh_dir("csv");
  ASSERT_EQ(run_pivot("forecast korea-2025 --csv " + dir.string()).code, 0);
  std::string positions = slurp(dir / "positions.csv");
  EXPECT_EQ(positions.rfind("round,actor,issue,position\n0,", 0), 0u);
  std::string outcome = slurp(dir / "outcome.csv");
  EXPECT_EQ(outcome.rfind("issue,model,predicted\nus-tariff-korea,ktab,", 0), 0u);
  EXPECT_NE(outcome.find("us-tariff-korea,median,"), std::string::npos);
  EXPECT_NE(slurp(dir / "manifest.json").find("\"input_hash\""), std::string::npos);
}

}  // namespace
