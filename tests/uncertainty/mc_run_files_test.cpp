// read_mc_run, the loader of `pivot merge`: a run directory's manifest.json
// and trials.csv, written here by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../support/pivot_cli.hpp"
#include "pivot/core/error.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/run_files.hpp"

namespace {

namespace fs = std::filesystem;

// One input, one output, two trials.
const std::string kManifest = R"({"command": "mc", "version": "v", "scenario": "s", "input_hash": "h",
 "model": "mean", "options": {}, "seed": SEED, "trials": 2,
 "inputs": [{"name": "a.i.position", "distribution": "uniform", "low": 0, "mode": 1, "high": 2}],
 "outputs": [{"name": "mean.i", "model": "mean", "issue": "i", "unit": "", "min": 0, "max": 10}]})";
const char* kTrials = "trial,a.i.position,mean.i\n0,0.5,3\n1,1.5,4\n";

fs::path run_dir(const std::string& name, const std::string& seed) {
  const fs::path dir = pivot_test::fresh_dir(name);
  std::string manifest = kManifest;
  manifest.replace(manifest.find("SEED"), 4, seed);
  std::ofstream(dir / "manifest.json") << manifest;
  std::ofstream(dir / "trials.csv") << kTrials;
  return dir;
}

TEST(McRunFiles, ReadsWhatTheFilesSay) {
  const pivot::McRun run = pivot::read_mc_run(run_dir("mc_run_ok", "1"));
  EXPECT_EQ(run.seed, 1u);
  EXPECT_EQ(run.total_trials, 2u);
  ASSERT_EQ(run.sampled.size(), 2u);
  EXPECT_DOUBLE_EQ(run.sampled[1][0], 1.5);
  EXPECT_DOUBLE_EQ(run.results[1][0], 4);
}

// Found by fuzz/mc_run_fuzz.cpp: a number beyond a double (1e3081) made
// nlohmann's parser throw out_of_range, which escaped as an unknown exception.
TEST(McRunFiles, NumberBeyondADoubleIsAnInputError) {
  const fs::path dir = run_dir("mc_run_overflow", "1e3081");
  try {
    pivot::read_mc_run(dir);
    FAIL() << "expected InputError";
  } catch (const pivot::InputError& e) {
    EXPECT_EQ(e.position().file, (dir / "manifest.json").string());
    EXPECT_NE(std::string(e.what()).find("1e3081"), std::string::npos) << e.what();
  }
}

// manifest.json errors name the line and column (counted by hand in kManifest).
pivot::SourcePosition manifest_error(const std::string& name, const std::string& from, const std::string& to) {
  const fs::path dir = run_dir(name, "1");
  std::string manifest = kManifest;
  manifest.replace(manifest.find(from), from.size(), to);
  if (manifest.find("SEED") != std::string::npos) manifest.replace(manifest.find("SEED"), 4, "1");
  std::ofstream(dir / "manifest.json") << manifest;
  try {
    pivot::read_mc_run(dir);
  } catch (const pivot::InputError& e) {
    EXPECT_EQ(e.position().file, (dir / "manifest.json").string());
    return e.position();
  }
  ADD_FAILURE() << "expected InputError";
  return {};
}

TEST(McRunFiles, ManifestErrorsNameLineAndColumn) {
  // Line 2 is ` "model": "mean", "options": {}, "seed": SEED, "trials": 2,`.
  pivot::SourcePosition at = manifest_error("mc_run_bad_json", R"("seed": SEED)", R"("seed": ,)");
  EXPECT_EQ(at.line, 2u);
  EXPECT_EQ(at.column, 42u);  // the comma where a value belongs
  at = manifest_error("mc_run_bad_seed", R"("seed": SEED)", R"("seed": "x")");
  EXPECT_EQ(at.line, 2u);
  EXPECT_EQ(at.column, 34u);
  EXPECT_EQ(at.field, "seed");
  // Line 4 is ` "outputs": [{... "min": 0, ...}]}`: an element points at its array.
  at = manifest_error("mc_run_bad_min", R"("min": 0)", R"("min": "zero")");
  EXPECT_EQ(at.line, 4u);
  EXPECT_EQ(at.column, 2u);
  EXPECT_EQ(at.field, "outputs[0].min");
}

}  // namespace
