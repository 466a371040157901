// `pivot report` as a user meets it: from a `pivot run` directory or on its
// own, and a broken document refused with its position and nothing written.
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

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(ReportCli, RunWritesTheReportAndReportFromRedrawsIt) {
  const fs::path dir = fresh_dir("run");
  const CommandResult run = run_pivot("run korea-2025 --threads 2 --out " + (dir / "run").string());
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_NE(run.out.find("report.html"), std::string::npos);
  const std::string from_run = slurp(dir / "run" / "report.html");
  // korea-2025 has 9 issues; ktab, bdm and exchange each draw one positions chart per issue.
  EXPECT_EQ(count(from_run, "<svg class=\"chart positions\""), 27);
  // The exchange model's section: one row per issue in how the outcome moved, round 1's first ten exchanges.
  EXPECT_NE(from_run.find("<section id=\"exchange\">"), std::string::npos);
  EXPECT_EQ(count(from_run, "<g class=\"issue-row\" data-issue=\"cash-share\" data-start="), 1);
  EXPECT_EQ(count(from_run, "<g class=\"exchange\" data-round=\"1\""), 10);
  EXPECT_NE(from_run.find("Korea between Washington and Beijing"), std::string::npos);

  // The run writes the exchange model's trades: exchanges.csv with the columns, the same rows as
  // `pivot forecast --model exchange --csv` writes, and the trace in forecast.json.
  const std::string exchanges = slurp(dir / "run" / "exchanges.csv");
  EXPECT_EQ(exchanges.rfind("round,rank,actor_a,issue_a,from_a,to_a,actor_b,issue_b,from_b,to_b,gain\n", 0), 0u);
  EXPECT_NE(exchanges.find("\n1,1,"), std::string::npos);
  const CommandResult forecast = run_pivot("forecast korea-2025 --model exchange --csv " + (dir / "exchange").string());
  ASSERT_EQ(forecast.code, 0) << forecast.out;
  EXPECT_EQ(exchanges, slurp(dir / "exchange" / "exchanges.csv"));
  EXPECT_TRUE(fs::exists(dir / "run" / "positions-exchange.csv"));
  const std::string trace = slurp(dir / "run" / "forecast.json");
  EXPECT_NE(trace.find("\"model\": \"exchange\""), std::string::npos);
  EXPECT_NE(trace.find("\"actor_a\": "), std::string::npos);
  // korea-2025's exchange run breaks ties (Decide's list order), so the run adds the forecast's
  // range over 20 tie draws, and the report shows it.
  EXPECT_NE(trace.find("\"tie_draws\": {"), std::string::npos);
  EXPECT_NE(trace.find("\"draws\": 20,"), std::string::npos);
  EXPECT_NE(from_run.find("Across the 20 tie draws the forecast"), std::string::npos);

  const CommandResult again =
      run_pivot("report korea-2025 --from " + (dir / "run").string() + " -o " + (dir / "again.html").string());
  ASSERT_EQ(again.code, 0) << again.out;
  EXPECT_EQ(slurp(dir / "again.html"), from_run);  // same documents, same bytes

  // The games section draws each extensive game's tree from its .efg in the scenario
  // directory (games.json keeps the equilibria and the file's hash, not the tree): korea-2025
  // ships three .efg files of 4, 6 and 8 leaves, all under the 60-leaf limit.
  // (A card with a tree spans the grid's row.)
  const std::string tree_card = "<figure class=\"card game\" style=\"grid-column:1/-1\">";
  EXPECT_EQ(count(from_run, tree_card), 3);
  // A run whose .efg has changed since (here: games.json naming another hash for one file)
  // draws that game's bars without a tree, and says why.
  fs::create_directories(dir / "stale");
  for (const auto& entry : fs::directory_iterator(dir / "run"))
    fs::copy_file(entry.path(), dir / "stale" / entry.path().filename());
  std::string games = slurp(dir / "stale" / "games.json");
  const std::string deal_file = "\"file\": \"games/us-korea-deal.efg\",\n      \"file_hash\": \"";
  const auto at = games.find(deal_file);
  ASSERT_NE(at, std::string::npos) << games.substr(0, 2000);
  games.replace(at + deal_file.size(), 16, "0123456789abcdef");
  std::ofstream(dir / "stale" / "games.json", std::ios::binary) << games;
  const CommandResult stale =
      run_pivot("report korea-2025 --from " + (dir / "stale").string() + " -o " + (dir / "stale.html").string());
  ASSERT_EQ(stale.code, 0) << stale.out;
  const std::string stale_html = slurp(dir / "stale.html");
  EXPECT_EQ(count(stale_html, tree_card), 2);
  EXPECT_NE(stale_html.find("games/us-korea-deal.efg has changed since the run solved it"), std::string::npos);

  // Without --from, the forecast runs here: the same charts (the manifest names another command).
  const CommandResult alone = run_pivot("report korea-2025 --threads 1 -o " + (dir / "alone.html").string());
  ASSERT_EQ(alone.code, 0) << alone.out;
  EXPECT_EQ(count(slurp(dir / "alone.html"), "<svg class=\"chart positions\""), 27);
  fs::remove_all(dir);
}

TEST(ReportCli, BrokenDocumentExitsTwoWithPositionAndWritesNothing) {
  const fs::path dir = fresh_dir("bad");
  std::ofstream(dir / "forecast.json") << "{\"models\": [\n  {\"model\": \"ktab\",}\n]}\n";
  const CommandResult r = run_pivot("report korea-2025 --from " + dir.string() + " -o " + (dir / "r.html").string());
  EXPECT_EQ(r.code, 2) << r.out;
  // The stray "}" after the comma: line 2, column 20.
  EXPECT_NE(r.out.find((dir / "forecast.json").string() + ":2:20: not valid JSON"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "r.html"));

  std::ofstream(dir / "forecast.json", std::ios::trunc) << "{\"models\": [{\"model\": \"ktab\"}]}";
  const CommandResult shape =
      run_pivot("report korea-2025 --from " + dir.string() + " -o " + (dir / "r.html").string());
  EXPECT_EQ(shape.code, 2) << shape.out;
  EXPECT_NE(shape.out.find("forecast.json: /models/0: missing \"outcome\""), std::string::npos) << shape.out;
  EXPECT_FALSE(fs::exists(dir / "r.html"));

  // A run directory of other input files (here: a made-up input hash) is refused before anything is drawn.
  std::ofstream(dir / "forecast.json", std::ios::trunc) << "{\"manifest\": {\"input_hash\": \"0\"}, \"models\": []}";
  const CommandResult other =
      run_pivot("report korea-2025 --from " + dir.string() + " -o " + (dir / "r.html").string());
  EXPECT_EQ(other.code, 2) << other.out;
  EXPECT_NE(other.out.find("/manifest/input_hash: was made from other input files"), std::string::npos) << other.out;
  EXPECT_FALSE(fs::exists(dir / "r.html"));

  const CommandResult missing = run_pivot("report korea-2025 --from " + (dir / "nope").string() + " -o x.html");
  EXPECT_EQ(missing.code, 2);
  fs::remove_all(dir);
}

}  // namespace
