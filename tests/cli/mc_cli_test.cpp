// `pivot mc` and `pivot merge` as a user meets them: the same bytes whatever
// the threads or shards, exit code 2 and nothing written on bad input, and a
// clean stop on Ctrl-C.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"


#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace pivot_test;  // tests/support/pivot_cli.hpp

namespace fs = std::filesystem;

// korea-2025 without its shipped uncertainty (uncertainty.csv and the [uncertainty] table, which
// ends scenario.toml), as a scenario directory of its own.
fs::path plain_korea(const std::string& name) {
  fs::path dir = fresh_dir(name) / "korea";
  fs::copy(fs::path(PIVOT_TEST_DATA) / "../../scenarios/korea-2025", dir, fs::copy_options::recursive);
  fs::remove(dir / "uncertainty.csv");
  const std::string toml = slurp(dir / "scenario.toml");
  const auto table = toml.find("\n[uncertainty]");
  if (table != std::string::npos) std::ofstream(dir / "scenario.toml", std::ios::trunc) << toml.substr(0, table + 1);
  return dir;
}

// korea-2025 with +-10 on positions and saliences and nothing else uncertain.
fs::path uncertain_korea(const std::string& name, const std::string& uncertainty_csv = "") {
  fs::path dir = plain_korea(name);
  std::ofstream(dir / "scenario.toml", std::ios::app) << "\n[uncertainty]\nposition = 10\nsalience = 10\n";
  if (!uncertainty_csv.empty()) std::ofstream(dir / "uncertainty.csv") << uncertainty_csv;
  return dir;
}

void expect_same_files(const fs::path& a, const fs::path& b) {
  for (const char* file : {"trials.csv", "summary.csv", "manifest.json"}) {
    ASSERT_TRUE(fs::exists(a / file)) << a / file;
    EXPECT_EQ(slurp(a / file), slurp(b / file)) << file;
  }
}

TEST(McCli, OneAndTwoThreadsWriteIdenticalFiles) {
  fs::path scenario = uncertain_korea("threads"), out = scenario.parent_path();
  const std::string common = "mc " + scenario.string() + " --trials 120 --seed 11 --csv ";
  CommandResult one = run_pivot(common + (out / "t1").string() + " --threads 1");
  ASSERT_EQ(one.code, 0) << one.out;
  ASSERT_EQ(run_pivot(common + (out / "t2").string() + " --threads 2").code, 0);
  expect_same_files(out / "t1", out / "t2");
  // trials.csv: header then one row per trial; summary.csv: one row per issue.
  const std::string trials = slurp(out / "t1/trials.csv");
  EXPECT_EQ(trials.rfind("trial,us-trump.us-tariff-korea.position,", 0), 0u);
  EXPECT_EQ(std::count(trials.begin(), trials.end(), '\n'), 121);
  const std::string summary = slurp(out / "t1/summary.csv");
  EXPECT_EQ(summary.rfind("issue,model,mean,p5,p25,p50,p75,p95\nus-tariff-korea,ktab,", 0), 0u);
  EXPECT_NE(one.out.find("P50 over the first n trials"), std::string::npos);
}

TEST(McCli, ShardsMergeToTheSingleRunsBytes) {
  fs::path scenario = uncertain_korea("shards"), out = scenario.parent_path();
  const std::string base = "mc " + scenario.string() + " --trials 101 --model bdm --threads 1";
  const std::string common = base + " --seed 5";
  ASSERT_EQ(run_pivot(common + " --csv " + (out / "single").string()).code, 0);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(
        run_pivot(common + " --shard " + std::to_string(i) + "/3 --csv " + (out / ("s" + std::to_string(i))).string())
            .code,
        0);
  // Shards given out of order still merge in trial order.
  CommandResult merged = run_pivot("merge " + (out / "s2").string() + " " + (out / "s0").string() + " " +
                                   (out / "s1").string() + " --csv " + (out / "merged").string());
  ASSERT_EQ(merged.code, 0) << merged.out;
  expect_same_files(out / "single", out / "merged");

  // A missing or repeated shard, or a shard of another run, is refused and nothing is written.
  CommandResult missing =
      run_pivot("merge " + (out / "s0").string() + " " + (out / "s1").string() + " --csv " + (out / "bad").string());
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.out.find("shard 2/3 is missing"), std::string::npos) << missing.out;
  CommandResult twice = run_pivot("merge " + (out / "s0").string() + " " + (out / "s0").string() + " " +
                                  (out / "s1").string() + " --csv " + (out / "bad").string());
  EXPECT_EQ(twice.code, 2);
  ASSERT_EQ(run_pivot(base + " --seed 6 --shard 2/3 --csv " + (out / "other").string()).code, 0);
  CommandResult other = run_pivot("merge " + (out / "s0").string() + " " + (out / "s1").string() + " " +
                                  (out / "other").string() + " --csv " + (out / "bad").string());
  EXPECT_EQ(other.code, 2);
  EXPECT_NE(other.out.find("not a shard of the same run"), std::string::npos) << other.out;
  EXPECT_FALSE(fs::exists(out / "bad"));
}

TEST(McCli, BadInputExitsTwoAndWritesNothing) {
  fs::path scenario = uncertain_korea("bad",
                                      "actor,issue,field,distribution,low,mode,high\n"
                                      "china,rare-earth-controls,salience,pert,70,,90\n"
                                      "china,rare-earth-controls,salience,pert,70,80,95\n");
  fs::path out = scenario.parent_path() / "out";
  CommandResult dup = run_pivot("mc " + scenario.string() + " --trials 10 --csv " + out.string());
  EXPECT_EQ(dup.code, 2);
  EXPECT_NE(dup.out.find("uncertainty.csv:3:1: actor: china.rare-earth-controls.salience is already given"),
            std::string::npos)
      << dup.out;
  // A scenario without uncertainty: say how to add it.
  CommandResult none = run_pivot("mc " + plain_korea("none").string() + " --trials 10 --csv " + out.string());
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.out.find("no uncertain inputs"), std::string::npos) << none.out;
  EXPECT_EQ(run_pivot("mc " + scenario.string() + " --shard 3/3").code, 2);
  EXPECT_EQ(run_pivot("mc " + scenario.string() + " --trials 0").code, 2);
  EXPECT_EQ(run_pivot("mc " + scenario.string() + " --model nope").code, 2);
  EXPECT_FALSE(fs::exists(out));
}

TEST(McCli, CtrlCStopsCleanlyAndWritesNothing) {
  fs::path scenario = uncertain_korea("sigint"), out = scenario.parent_path() / "out";
  // It stops within one trial per thread; 130 is the shell's code for SIGINT.
  EXPECT_EQ(pivot_test::exit_code_after_sigint({"mc", scenario.string(), "--trials", "1000000", "--csv", out.string()},
                                               "/dev/null", std::chrono::milliseconds(500), std::chrono::seconds(20)),
            130);
  EXPECT_FALSE(fs::exists(out));
}

TEST(McCli, SpreadOnTheCommandLineEqualsTheSameTable) {
  // --spread position=10 --spread salience=10 on the shipped korea-2025 is the same
  // uncertainty as [uncertainty] position = 10, salience = 10 in its scenario.toml; only
  // the input hash (scenario.toml's bytes) differs, so compare trials and summaries.
  fs::path scenario = uncertain_korea("spread"), out = scenario.parent_path();
  ASSERT_EQ(run_pivot("mc " + scenario.string() + " --trials 40 --csv " + (out / "table").string()).code, 0);
  CommandResult r =
      run_pivot("mc " + plain_korea("spread-plain").string() +
                " --trials 40 --spread position=10 --spread salience=10 --csv " + (out / "flag").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(slurp(out / "table/trials.csv"), slurp(out / "flag/trials.csv"));
  EXPECT_EQ(slurp(out / "table/summary.csv"), slurp(out / "flag/summary.csv"));
  EXPECT_EQ(run_pivot("mc korea-2025 --spread position.nope=3").code, 2);
  EXPECT_EQ(run_pivot("mc korea-2025 --spread salience=-1").code, 2);
}

TEST(SensitivityCli, OneAndTwoThreadsWriteIdenticalFiles) {
  fs::path scenario = uncertain_korea("sens"), out = scenario.parent_path();
  const std::string common = "sensitivity " + scenario.string() + " --model median --samples 64 --by issue --csv ";
  CommandResult one = run_pivot(common + (out / "t1").string() + " --threads 1");
  ASSERT_EQ(one.code, 0) << one.out;
  ASSERT_EQ(run_pivot(common + (out / "t2").string() + " --threads 2").code, 0);
  for (const char* file : {"tornado.csv", "sobol.csv"}) EXPECT_EQ(slurp(out / "t1" / file), slurp(out / "t2" / file));
  EXPECT_EQ(slurp(out / "t1/tornado.csv").rfind("issue,model,rank,input,low,high,output_low,output_high,swing\n", 0),
            0u);
  EXPECT_NE(one.out.find("Sobol indices by issue"), std::string::npos);
  EXPECT_EQ(run_pivot("sensitivity " + scenario.string() + " --by nope --csv " + (out / "bad").string()).code, 2);
  EXPECT_EQ(run_pivot("sensitivity " + plain_korea("sens-plain").string() + " --csv " + (out / "bad").string()).code,
            2);
  EXPECT_FALSE(fs::exists(out / "bad"));
}

TEST(McCli, Korea2025RunsWithItsShippedUncertainty) {
  fs::path out = fresh_dir("korea-shipped");
  // The forecast with the [outcomes] probabilities, and the deal over the sampled deal terms.
  CommandResult forecast = run_pivot("mc korea-2025 --model median --trials 40 --seed 1");
  ASSERT_EQ(forecast.code, 0) << forecast.out;
  EXPECT_NE(forecast.out.find("P(deal) = "), std::string::npos) << forecast.out;
  EXPECT_NE(forecast.out.find("(us-tariff-korea <= 17.5)"), std::string::npos) << forecast.out;
  CommandResult deal = run_pivot("mc korea-2025 --model deal --trials 40 --seed 1 --csv " + (out / "deal").string());
  ASSERT_EQ(deal.code, 0) << deal.out;
  EXPECT_EQ(slurp(out / "deal/summary.csv").rfind("issue,model,mean,p5,p25,p50,p75,p95\npayer-cost-pv,deal,", 0), 0u);
  EXPECT_NE(slurp(out / "deal/trials.csv").find(",deal.fx_reserves,"), std::string::npos);
  // A model whose parameters nothing samples, or that the scenario lacks, is refused.
  EXPECT_EQ(run_pivot("mc korea-2025 --model trade:nope --trials 5 --csv " + (out / "bad").string()).code, 2);
  EXPECT_EQ(run_pivot("mc " + plain_korea("plain-deal").string() +
                      " --model deal --trials 5 --spread position=5 --csv " + (out / "bad").string())
                .code,
            2);
  EXPECT_FALSE(fs::exists(out / "bad"));
}

TEST(RunCli, WritesMcAndSensitivityJson) {
  // One run (pivot run is the slowest command); that the same files come out for any
  // thread count is checked on pivot mc and pivot sensitivity above, which share the code.
  fs::path out = fresh_dir("run-json");
  CommandResult one = run_pivot("run korea-2025 --threads 2 -o " + (out / "t1").string());
  ASSERT_EQ(one.code, 0) << one.out;
  for (const char* file : {"mc.json", "sensitivity.json"}) ASSERT_TRUE(fs::exists(out / "t1" / file)) << file;
  EXPECT_NE(one.out.find("P(deal) = "), std::string::npos);
  const std::string mc = slurp(out / "t1/mc.json");
  EXPECT_NE(mc.find("\"model\": \"ktab\""), std::string::npos);
  EXPECT_NE(mc.find("\"model\": \"deal\""), std::string::npos);
  for (const char* game : {"us-china-escalation", "korea-alignment", "us-korea-deal"})
    EXPECT_NE(mc.find(std::string("\"model\": \"game:") + game + "\""), std::string::npos) << game;
  EXPECT_NE(one.out.find("P(deal: half cash, 8 years) = "), std::string::npos);
  EXPECT_NE(mc.find("\"condition\": \"us-tariff-korea <= 17.5\""), std::string::npos);
  EXPECT_NE(mc.find("\"trials\": 1000"), std::string::npos);
  const std::string sensitivity = slurp(out / "t1/sensitivity.json");
  EXPECT_NE(sensitivity.find("\"tornado\""), std::string::npos);
  EXPECT_NE(sensitivity.find("\"factor\": \"deal.cash_share\""), std::string::npos);
}

}  // namespace
