// `pivot run`'s flags (--trials, --set, --seed, --quiet, --no-mc, --threads) and the
// progress every long command shows: a bar on a terminal (a pseudo-terminal from
// script(1) here), plain lines elsewhere, nothing with --quiet; Ctrl-C writes nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "../support/pivot_cli.hpp"

namespace {

using namespace pivot_test;  // tests/support/pivot_cli.hpp
namespace fs = std::filesystem;

nlohmann::json read_json(const fs::path& path) { return nlohmann::json::parse(slurp(path)); }

TEST(RunCli, TrialsSeedAndNoMc) {
  const fs::path dir = fresh_dir("run-flags");
  CommandResult r = run_pivot("run korea-2025 --trials 40 --seed 7 --threads 1 -o " + (dir / "a").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const auto mc = read_json(dir / "a/mc.json");
  EXPECT_EQ(mc["trials"], 40);
  EXPECT_EQ(mc["seed"], 7);
  // Two threads, same bytes.
  ASSERT_EQ(run_pivot("run korea-2025 --trials 40 --seed 7 --threads 2 -o " + (dir / "b").string()).code, 0);
  EXPECT_EQ(slurp(dir / "a/mc.json"), slurp(dir / "b/mc.json"));
  EXPECT_EQ(slurp(dir / "a/report.html"), slurp(dir / "b/report.html"));

  CommandResult no_mc = run_pivot("run korea-2025 --no-mc -o " + (dir / "c").string());
  ASSERT_EQ(no_mc.code, 0) << no_mc.out;
  EXPECT_FALSE(fs::exists(dir / "c/mc.json"));
  EXPECT_FALSE(fs::exists(dir / "c/sensitivity.json"));
  EXPECT_TRUE(fs::exists(dir / "c/report.html"));
  EXPECT_NE(no_mc.out.find("Monte Carlo and sensitivity not run (--no-mc)"), std::string::npos) << no_mc.out;
  // The forecast is the plain run's.
  ASSERT_EQ(run_pivot("run korea-2025 -o " + (dir / "d").string()).code, 0);
  EXPECT_EQ(slurp(dir / "c/forecast.json"), slurp(dir / "d/forecast.json"));
  EXPECT_EQ(run_pivot("run korea-2025 --trials 0 -o " + (dir / "e").string()).code, 2);
  EXPECT_FALSE(fs::exists(dir / "e"));
}

TEST(RunCli, SetReachesTheModelsThatReadIt) {
  const fs::path dir = fresh_dir("run-set");
  CommandResult r = run_pivot("run korea-2025 --no-mc --set ktab.max_turns=3 --set bdm.rounds=2 -o " + dir.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const auto forecast = read_json(dir / "forecast.json");
  EXPECT_EQ(forecast["models"][0]["model"], "ktab");
  EXPECT_EQ(forecast["models"][0]["outcome"]["us-tariff-korea"]["rounds"], 3);
  EXPECT_EQ(forecast["models"][1]["outcome"]["us-tariff-korea"]["rounds"], 2);
  CommandResult bad = run_pivot("run korea-2025 --set nosuch=1 -o " + (dir / "bad").string());
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("no model here reads 'nosuch'"), std::string::npos) << bad.out;
  EXPECT_FALSE(fs::exists(dir / "bad"));
}

TEST(RunCli, QuietPrintsOnlyWhatWasWritten) {
  const fs::path dir = fresh_dir("run-quiet");
  CommandResult r = run_pivot("run korea-2025 --no-mc --quiet -o " + dir.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("wrote ", 0), 0u) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
}

TEST(ProgressCli, PlainLinesWhenNotATerminalNoneWhenQuiet) {
  const fs::path dir = fresh_dir("progress-lines");
  // An interval of 0: a line at every update, then the closing line.
  setenv("PIVOT_PROGRESS_INTERVAL", "0", 1);
  CommandResult r = run_pivot("mc korea-2025 --trials 60 --threads 1 2>&1 >/dev/null | cat");
  CommandResult quiet = run_pivot("mc korea-2025 --trials 60 --threads 1 --quiet 2>&1 >/dev/null | cat");
  unsetenv("PIVOT_PROGRESS_INTERVAL");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("trials: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("/60 ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ETA "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("trials: 60/60 in "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\r'), std::string::npos) << "no bar redraws in a log";
  EXPECT_EQ(quiet.code, 0);
  EXPECT_EQ(quiet.out, "");
  // The default interval (5 s) leaves a short run silent.
  CommandResult short_run = run_pivot("mc korea-2025 --trials 20 2>&1 >/dev/null | cat");
  EXPECT_EQ(short_run.out, "");
}

TEST(ProgressCli, ABarOnATerminal) {
  // script(1) gives pivot a pseudo-terminal; what pivot writes there comes back in the typescript.
  const fs::path dir = fresh_dir("progress-tty");
  const std::string log = (dir / "typescript").string();
  const std::string command = std::string(PIVOT_BINARY) + " mc korea-2025 --trials 80 --threads 1 --csv " +
                              (dir / "csv").string() + " > /dev/null";
  const int status = std::system(("script -qec '" + command + "' " + log + " > /dev/null 2>&1").c_str());
  ASSERT_EQ(WEXITSTATUS(status), 0);
  const std::string typescript = slurp(log);
  EXPECT_NE(typescript.find("\r["), std::string::npos) << typescript;
  EXPECT_NE(typescript.find("80/80 trials"), std::string::npos) << typescript;
  EXPECT_NE(typescript.find("/s  ETA "), std::string::npos) << typescript;
  EXPECT_NE(typescript.find("\r\033[K"), std::string::npos) << "the bar is cleared at the end";
  const int quiet = std::system(("script -qec '" + command + " --quiet' " + log + " > /dev/null 2>&1").c_str());
  ASSERT_EQ(WEXITSTATUS(quiet), 0);
  EXPECT_EQ(slurp(log).find("80/80"), std::string::npos) << slurp(log);
}

TEST(ProgressCli, CtrlCStopsARunAndWritesNothing) {
  const fs::path dir = fresh_dir("run-sigint"), out = dir / "out";
  EXPECT_EQ(
      pivot_test::exit_code_after_sigint({"run", "korea-2025", "--trials", "10000000", "-o", out.string()},
                                         dir / "stderr", std::chrono::milliseconds(1500), std::chrono::seconds(30)),
      130);
  EXPECT_NE(slurp(dir / "stderr").find("interrupted"), std::string::npos) << slurp(dir / "stderr");
  EXPECT_FALSE(fs::exists(out));
  for (const auto& entry : fs::directory_iterator(dir))  // no staging directory left behind
    EXPECT_TRUE(entry.path().filename() == "stderr") << entry.path();
}

}  // namespace
