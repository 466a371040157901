// The ktab model against KTAB's own smpc (built from KTAB's source, -O2, default
// seed): tests/data/ktab/*.ref.csv hold smpc's positions for every turn, actor
// and dimension (read from smpc's SQLite output; see tests/data/ktab/README.md).
// The synthetic inputs are ours and ship with the tests; KTAB's own examples are
// read from the shared data directory (see ReproducesSmpcOnKtabExamples).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "pivot/bargain/forecast.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {
namespace {

namespace fs = std::filesystem;

struct Reference {
  int turns = 0;
  std::map<std::tuple<int, int, int>, double> position;  // (turn, actor, dim) -> 0..100
};

Reference read_reference(const fs::path& path) {
  Reference ref;
  CsvTable table = read_csv_file(path);
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& f = table.rows[r].fields;
    int turn = std::stoi(f[0].text), actor = std::stoi(f[1].text), dim = std::stoi(f[2].text);
    ref.position[{turn, actor, dim}] = std::stod(f[3].text);
    ref.turns = std::max(ref.turns, turn);
  }
  return ref;
}

// Compares turn by turn and reports the first turn that differs.
void expect_matches_smpc(const fs::path& input, const fs::path& reference) {
  SCOPED_TRACE(input.string());
  Scenario scenario = pipeline::load_scenario(input.string());
  Reference ref = read_reference(reference);
  ForecastResult result = run_forecast(scenario, "ktab", {});
  ASSERT_EQ(static_cast<int>(result.rounds.size()) - 1, ref.turns) << "number of turns differs";
  for (int t = 0; t <= ref.turns; ++t) {
    double worst = 0.0;
    for (std::size_t a = 0; a < scenario.actors.size(); ++a)
      for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
        auto it = ref.position.find({t, static_cast<int>(a), static_cast<int>(k)});
        ASSERT_NE(it, ref.position.end()) << "reference lacks turn " << t << " actor " << a << " dim " << k;
        worst = std::max(worst, std::fabs(result.rounds[t].positions[a][k] - it->second));
      }
    ASSERT_LE(worst, 1e-6) << "first turn that differs from smpc: " << t;
  }
}

std::vector<fs::path> reference_inputs(const fs::path& dir) {
  std::vector<fs::path> inputs;
  if (!fs::is_directory(dir)) return inputs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto& p = entry.path();
    if (p.extension() == ".csv" && p.string().find(".ref.") == std::string::npos) inputs.push_back(p);
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

TEST(Ktab, ReproducesSmpcOnSyntheticScenarios) {
  const fs::path dir = fs::path(PIVOT_TEST_DATA) / "ktab";
  auto inputs = reference_inputs(dir);
  ASSERT_FALSE(inputs.empty()) << "no reference scenarios in " << dir;
  for (const auto& input : inputs) {
    fs::path ref = input;
    ref.replace_extension(".ref.csv");
    ASSERT_TRUE(fs::exists(ref)) << ref;
    expect_matches_smpc(input, ref);
  }
}

// KTAB's own example data (SOE-Pol-Comp, dummyData_3Dim, dummyData_6Dim,
// dummyData-a040, dummyData-a080) is not ours and does not ship with pivot: the
// inputs are read from the shared data directory beside the checkout
// (../shared/data/ktab/NAME.csv), smpc's positions for them from
// tests/data/ktab/examples/NAME.ref.csv. Without the shared inputs the test fails
// on CI (CI=true) and is skipped elsewhere.
TEST(Ktab, ReproducesSmpcOnKtabExamples) {
  const fs::path inputs = fs::path(PIVOT_SHARED_DATA) / "ktab";
  const fs::path refs = fs::path(PIVOT_TEST_DATA) / "ktab" / "examples";
  std::vector<fs::path> references;
  for (const auto& entry : fs::directory_iterator(refs)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 8 && name.ends_with(".ref.csv")) references.push_back(entry.path());
  }
  std::sort(references.begin(), references.end());
  ASSERT_FALSE(references.empty()) << "no .ref.csv in " << refs;
  std::vector<std::string> missing;
  for (const auto& ref : references) {
    const std::string name = ref.filename().string();
    const fs::path input = inputs / (name.substr(0, name.size() - 8) + ".csv");
    if (!fs::exists(input)) {
      missing.push_back(input.string());
      continue;
    }
    expect_matches_smpc(input, ref);
  }
  if (missing.empty()) return;
  std::string list;
  for (const auto& m : missing) list += "\n  " + m;
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") FAIL() << "KTAB's example inputs are missing (CI=true):" << list;
  GTEST_SKIP() << "KTAB's example inputs are not in the shared data directory:" << list;
}

TEST(Ktab, SameInputSameOutputWhateverTheThreadCount) {
  const fs::path dir = fs::path(PIVOT_TEST_DATA) / "ktab";
  auto inputs = reference_inputs(dir);
  ASSERT_FALSE(inputs.empty());
  Scenario scenario = pipeline::load_scenario(inputs.back().string());
  ForecastOptions one, two;
  one.threads = 1;
  two.threads = 2;
  auto a = run_forecast(scenario, "ktab", one), b = run_forecast(scenario, "ktab", two);
  ASSERT_EQ(a.rounds.size(), b.rounds.size());
  for (std::size_t t = 0; t < a.rounds.size(); ++t) EXPECT_EQ(a.rounds[t].positions, b.rounds[t].positions);
}

TEST(Ktab, StochasticModeIsReproducibleForASeed) {
  Scenario scenario = parse_ktab_csv(
      "T,d,5,1\nActor,Description,Power,P,S\nA,a,100,0,80\nB,b,80,30,60\nC,c,60,55,90\nD,d,40,80,50\nE,e,20,100,70\n",
      "t.csv");
  ForecastOptions options;
  options.seed = 42;
  options.settings["transition"] = "stochastic";
  auto a = run_forecast(scenario, "ktab", options), b = run_forecast(scenario, "ktab", options);
  ASSERT_EQ(a.rounds.size(), b.rounds.size());
  for (std::size_t t = 0; t < a.rounds.size(); ++t) EXPECT_EQ(a.rounds[t].positions, b.rounds[t].positions);
}

// smpc rounds every bargain to 4 decimals on 0..1: an actor that moved sits on the 0.01 grid (0..100).
TEST(Ktab, MovedActorsLandOnTheHundredthGrid) {
  Scenario scenario = parse_ktab_csv(
      "T,d,4,1\nActor,Description,Power,P,S\nA,a,100,3.3333,80\nB,b,80,31.4159,60\nC,c,60,57.77,90\nD,d,40,88.1,50\n",
      "t.csv");
  auto r = run_forecast(scenario, "ktab", {});
  int moved = 0;
  for (std::size_t t = 1; t < r.rounds.size(); ++t)
    for (const auto& m : r.rounds[t].moves)
      if (m.to != m.from) {
        ++moved;
        EXPECT_NEAR(m.to[0] * 100, std::round(m.to[0] * 100), 1e-6);
      }
  EXPECT_GT(moved, 0);
}

}  // namespace
}  // namespace pivot
