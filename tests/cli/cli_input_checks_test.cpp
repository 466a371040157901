// Regression tests for issue #13's "silent acceptance" and "internal error"
// items: inputs and flags that pivot used to accept or crash on. Each case is
// built by hand here; the expected messages are what the issue asks for.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../support/pivot_cli.hpp"

namespace {

using namespace pivot_test;  // tests/support/pivot_cli.hpp

namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A two-issue scenario directory with the given actors.csv body.
fs::path scenario_with_actors(const std::string& name, const std::string& actors) {
  const fs::path dir = fresh_dir(name);
  std::ofstream(dir / "scenario.toml") << "name = \"t\"\n[[issues]]\nid = \"a\"\n[[issues]]\nid = \"b\"\n";
  std::ofstream(dir / "actors.csv") << "id,name,capability,a.position,a.salience,b.position,b.salience\n" << actors;
  return dir;
}

TEST(CliInputChecks, AllCapabilitiesZeroIsRefusedNamingTheColumn) {
  const fs::path dir = scenario_with_actors("zero_cap", "x,X,0,10,50,20,50\ny,Y,0,90,50,80,50\n");
  const CommandResult r = run_pivot("forecast " + dir.string() + " --model mean");
  EXPECT_EQ(r.code, 2) << r.out;
  // The header is line 1; capability is its third column.
  EXPECT_TRUE(has(r.out, "actors.csv:1:") && has(r.out, "capability")) << r.out;
  EXPECT_FALSE(has(r.out, "internal error")) << r.out;
}

TEST(CliInputChecks, AnIssueNobodyWeighsIsRefused) {
  // Both actors have capability but neither gives issue b any salience.
  const fs::path dir = scenario_with_actors("zero_sal", "x,X,5,10,50,20,0\ny,Y,3,90,50,80,0\n");
  const CommandResult r = run_pivot("run " + dir.string() + " -o " + (dir / "out").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(has(r.out, "b.salience") && has(r.out, "'b'")) << r.out;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(CliInputChecks, ZeroWeightsInPredictioneerCsvAreRefused) {
  const fs::path dir = fresh_dir("zero_pred");
  std::ofstream(dir / "p.csv") << "Actor,Capability,Position,Salience\nA,10,0,0\nB,20,100,0\n";
  const CommandResult r = run_pivot("forecast " + (dir / "p.csv").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(has(r.out, "p.csv:1:") && has(r.out, "Salience")) << r.out;
}

TEST(CliInputChecks, UnknownModelOptionListsTheValidOnes) {
  const CommandResult r = run_pivot("forecast korea-2025 --set max_turn=5");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(has(r.out, "max_turn") && has(r.out, "max_turns") && has(r.out, "min_delta_ratio")) << r.out;
  const CommandResult mean = run_pivot("forecast korea-2025 --model mean --set rounds=3");
  EXPECT_EQ(mean.code, 2) << mean.out;
  EXPECT_TRUE(has(mean.out, "takes no options")) << mean.out;
  EXPECT_EQ(run_pivot("forecast korea-2025 --model bdm --set rounds=3").code, 0);
}

TEST(CliInputChecks, UnknownScenarioTomlKeysAreRefusedWithPosition) {
  const fs::path dir = scenario_with_actors("toml_keys", "x,X,1,10,50,20,50\ny,Y,1,90,50,80,50\n");
  std::ofstream(dir / "scenario.toml")
      << "name = \"t\"\ntitel = \"typo\"\n[[issues]]\nid = \"a\"\n[[issues]]\nid = \"b\"\n";
  CommandResult r = run_pivot("forecast " + dir.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(has(r.out, "scenario.toml:2:1: titel: unknown key") && has(r.out, "title")) << r.out;

  std::ofstream(dir / "scenario.toml")
      << "name = \"t\"\n[[issues]]\nid = \"a\"\nstatus_qou = 3\n[[issues]]\nid = \"b\"\n";
  r = run_pivot("forecast " + dir.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(has(r.out, "scenario.toml:4:1: issues[0].status_qou: unknown key") && has(r.out, "status_quo")) << r.out;

  std::ofstream(dir / "scenario.toml") << "name = \"t\"\n[[issues]]\nid = \"a\"\n[[issues]]\nid = \"b\"\n"
                                       << "[models.ktab]\nmax_turn = 5\n";
  r = run_pivot("forecast " + dir.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(has(r.out, "scenario.toml:7:") && has(r.out, "max_turns")) << r.out;

  std::ofstream(dir / "scenario.toml") << "name = \"t\"\n[[issues]]\nid = \"a\"\n[[issues]]\nid = \"b\"\n"
                                       << "[models.ktaab]\nmax_turns = 5\n";
  r = run_pivot("forecast " + dir.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(has(r.out, "models.ktaab") && has(r.out, "unknown model")) << r.out;
}

TEST(CliInputChecks, NegativeSeedsAndCountsAreRefused) {
  for (const char* args : {"forecast korea-2025 --seed -1", "run korea-2025 --seed -1", "mc korea-2025 --trials -5",
                           "forecast korea-2025 --threads -2"}) {
    const CommandResult r = run_pivot(args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.out;
  }
}

TEST(CliInputChecks, UnknownCommandAndHelpListTheCommands) {
  const CommandResult help = run_pivot("help");
  EXPECT_EQ(help.code, 0) << help.out;
  EXPECT_TRUE(has(help.out, "forecast") && has(help.out, "solve") && has(help.out, "serve")) << help.out;
  const CommandResult bad = run_pivot("frobnicate");
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_TRUE(has(bad.out, "unknown command 'frobnicate'") && has(bad.out, "forecast")) << bad.out;
  EXPECT_FALSE(has(bad.out, "A subcommand is required")) << bad.out;
}

TEST(CliInputChecks, UnwritableOutputsAreErrorsNotInternalErrors) {
  const fs::path dir = fresh_dir("unwritable");
  std::ofstream(dir / "file") << "x";
  const std::string file = (dir / "file").string();
  struct Case {
    std::string args, path;
  };
  for (const Case& c :
       {Case{"run korea-2025 -o " + file, file}, Case{"forecast korea-2025 --json /proc/x/y.json", "/proc/x"},
        Case{"forecast korea-2025 --json " + dir.string(), dir.string()},
        Case{"forecast korea-2025 --csv " + file, file}}) {
    const CommandResult r = run_pivot(c.args);
    EXPECT_EQ(r.code, 2) << c.args << "\n" << r.out;
    EXPECT_TRUE(has(r.out, "error: cannot write " + c.path)) << c.args << "\n" << r.out;
    EXPECT_FALSE(has(r.out, "internal error")) << r.out;
  }
  EXPECT_EQ(slurp(dir / "file"), "x");
}

TEST(CliInputChecks, OneUnwritableOutputLeavesTheOthersUnwritten) {
  const fs::path dir = fresh_dir("partial");
  const CommandResult r =
      run_pivot("forecast korea-2025 --model mean --csv " + (dir / "csv").string() + " --json /proc/x/y.json");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_FALSE(fs::exists(dir / "csv" / "outcome.csv"));
}

TEST(CliInputChecks, DashMeansStandardOutput) {
  const fs::path dir = fresh_dir("dash");
  const CommandResult r = run_pivot("forecast korea-2025 --model mean --json - | head -c 1");
  EXPECT_EQ(r.out, "{");
  EXPECT_FALSE(fs::exists("-"));
  // The JSON alone: the table would make stdout unparsable.
  const CommandResult whole = run_pivot("forecast korea-2025 --model mean --json -");
  EXPECT_EQ(whole.code, 0);
  EXPECT_FALSE(has(whole.out, "ktab rounds")) << whole.out.substr(0, 200);
  EXPECT_EQ(whole.out.back(), '\n');
  const CommandResult html = run_pivot("report korea-2025 -o - | head -c 15");
  EXPECT_EQ(html.out, "<!doctype html>");
  EXPECT_EQ(run_pivot("forecast korea-2025 --csv -").code, 2);
  EXPECT_EQ(run_pivot("run korea-2025 -o -").code, 2);
}

}  // namespace

namespace {

// The trade_matrix fuzz target found a flow of 1e308 that the loader accepted and
// the GSIM solver could not solve (its sums overflow). Flows above 1e15 (world
// trade is about 3e13 dollars a year) are refused at their cell.
TEST(CliInputChecks, TradeFlowsBeyondTheBoundAreRefusedAtTheirCell) {
  const fs::path dir = fresh_dir("trade_bound");
  for (const char* file :
       {"gsim-example.toml", "gsim-example-flows.csv", "gsim-example-before.csv", "gsim-example-after.csv"})
    fs::copy_file(fs::path(PIVOT_TEST_DATA) / "trade" / file, dir / file);
  std::string flows = slurp(dir / "gsim-example-flows.csv");
  flows.replace(flows.find("US,0,"), 5, "US,1e308,");
  std::ofstream(dir / "gsim-example-flows.csv", std::ios::trunc) << flows;
  const CommandResult r = run_pivot("trade " + (dir / "gsim-example.toml").string());
  EXPECT_EQ(r.code, 2) << r.out;
  // Row 2 is US's; its first value starts at column 4 (after "US,").
  EXPECT_TRUE(has(r.out, "gsim-example-flows.csv:2:4: US: expected a trade value of at most 1e15")) << r.out;
}

}  // namespace
