// The GE model file: what it accepts, and errors that name file, line, column and
// key (or field) for what it refuses; the CLI writes nothing on a bad file.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"

#include <fstream>
#include <string>

#include "pivot/core/error.hpp"
#include "pivot/econ/ge_model.hpp"

namespace {

namespace fs = std::filesystem;
using namespace pivot_test;  // tests/support/pivot_cli.hpp

// Three countries, one year; the flows' costs set by distance and a border dummy.
const char* const kFlows =
    "exporter,importer,year,trade,dist,border\n"
    "A,A,2000,100,1,0\nA,B,2000,10,2,1\nA,C,2000,5,3,1\n"
    "B,A,2000,8,2,1\nB,B,2000,80,1,0\nB,C,2000,6,2,1\n"
    "C,A,2000,4,3,1\nC,B,2000,7,2,1\nC,C,2000,60,1,0\n";

const char* const kModel =
    "[data]\nflows = \"flows.csv\"\n"
    "[estimation]\nterms = [\"dist\", \"border\"]\n"
    "[ge]\nsigma = 5\nreference = \"A\"\n"
    "[counterfactual]\nset = { border = 0 }\n";

fs::path model_dir(const std::string& name, const std::string& model, const std::string& flows = kFlows) {
  const fs::path dir = fresh_dir(name);
  std::ofstream(dir / "model.toml", std::ios::binary) << model;
  std::ofstream(dir / "flows.csv", std::ios::binary) << flows;
  return dir;
}

std::string error_of(const fs::path& dir) {
  try {
    pivot::gravity::load_ge_model(dir / "model.toml");
  } catch (const pivot::InputError& e) {
    return e.what();
  }
  return "";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(GeModelFile, ASmallModelLoadsAndSolves) {
  const fs::path dir = model_dir("ge_ok", kModel);
  const auto model = pivot::gravity::load_ge_model(dir / "model.toml");
  EXPECT_EQ(model.data.countries, (std::vector<std::string>{"A", "B", "C"}));
  const auto run = pivot::gravity::run_ge(model);
  ASSERT_EQ(run.beta.size(), 2u);
  // Removing the border raises every country's real income (the costs only fall).
  for (std::size_t i = 0; i < 3; ++i) EXPECT_GT(run.result.full.real_output[i], run.result.baseline.real_output[i]);
  // The conditional equilibrium keeps each country's output: row totals unchanged.
  for (std::size_t i = 0; i < 3; ++i) {
    double before = 0, after = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      before += run.result.baseline.flows[i * 3 + j];
      after += run.result.conditional.flows[i * 3 + j];
    }
    EXPECT_NEAR(after / before, 1.0, 1e-10);
  }
}

TEST(GeModelFile, ErrorsNameTheFileLineAndKey) {
  struct Case {
    std::string model, expected;
  };
  const std::vector<Case> cases = {
      {"[data]\nflows = \"flows.csv\"\n[estimation]\nterms = [\"dist\"]\n[ge]\nsigma = 0.5\nreference = \"A\"\n"
       "[counterfactual]\nset = { dist = 0 }\n",
       "model.toml:6:9: sigma: expected sigma"},
      {"[data]\nflows = \"flows.csv\"\n[estimation]\nterms = [\"dist\"]\n[ge]\nsigma = 5\nreference = \"Z\"\n"
       "[counterfactual]\nset = { dist = 0 }\n",
       "model.toml:7:13: reference: no country 'Z'"},
      {"[data]\nflows = \"flows.csv\"\n[estimation]\nterms = [\"dist\", \"tariff\"]\n[ge]\nsigma = 5\n"
       "reference = \"A\"\n[counterfactual]\nset = { dist = 0 }\n",
       "model.toml:4:18: terms: no column 'tariff'"},
      {"[data]\nflows = \"flows.csv\"\n[estimation]\nterms = [\"dist\"]\nfixed_effects = [\"country\"]\n[ge]\n"
       "sigma = 5\nreference = \"A\"\n[counterfactual]\nset = { dist = 0 }\n",
       "model.toml:5:18: fixed_effects: unknown fixed effect 'country'"},
      {"[data]\nflows = \"flows.csv\"\n[estimation]\nterms = [\"dist\"]\n[ge]\nsigma = 5\nreference = \"A\"\n"
       "closure = \"exact\"\n[counterfactual]\nset = { dist = 0 }\n",
       "model.toml:8:11: closure: expected \"geppml\", \"hat\" or \"one_step\""},
      {"[data]\nflows = \"flows.csv\"\n[estimation]\nterms = [\"dist\"]\n[ge]\nsigma = 5\nreference = \"A\"\n"
       "[counterfactual]\nset = { border = 0 }\n",
       "model.toml:9:18: border: 'border' is not a term of the trade costs"},
      {"[data]\nflows = \"nowhere.csv\"\n[estimation]\nterms = [\"dist\"]\n[ge]\nsigma = 5\nreference = \"A\"\n"
       "[counterfactual]\nset = { dist = 0 }\n",
       "model.toml:2:9: flows: no such file"},
      {"[data]\nflows = \"flows.csv\"\n[estimation]\nterms = [\"dist\"]\n[ge]\nsigma = 5\nreference = \"A\"\n"
       "[counterfactual]\nset = { dist = 0 }\npairs = [[\"A\", \"Q\"]]\n",
       "model.toml:10:10: pairs: no country 'Q'"},
      {"[data]\nflows = \"flows.csv\"\nspeed = 1\n", "model.toml:3:1: speed: unknown key (expected flows, "},
  };
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const std::string message = error_of(model_dir("ge_bad" + std::to_string(c), cases[c].model));
    EXPECT_TRUE(has(message, cases[c].expected)) << "case " << c << ": " << message;
  }
}

TEST(GeModelFile, FlowErrorsNameTheLineAndField) {
  std::string flows = kFlows;
  flows += "A,B,2000,3,2,1\n";
  EXPECT_TRUE(
      has(error_of(model_dir("ge_dup", kModel, flows)), "flows.csv:11:1: exporter: A to B in 2000 appears twice"));
  flows = kFlows;
  flows.replace(flows.find("A,B,2000,10"), 11, "A,B,2000,-1");
  EXPECT_TRUE(has(error_of(model_dir("ge_neg", kModel, flows)), "flows.csv:3:10: trade: expected a flow within"));
}

TEST(GeCli, WritesTheFilesAndRefusesABadModelWithExit2AndNothingWritten) {
  const fs::path dir = model_dir("ge_cli", kModel);
  const auto ok = run_pivot("ge " + (dir / "model.toml").string() + " --csv " + (dir / "out").string());
  ASSERT_EQ(ok.code, 0) << ok.out;
  for (const char* file : {"countries.csv", "pairs.csv", "coefficients.csv"})
    EXPECT_TRUE(fs::exists(dir / "out" / file));
  EXPECT_TRUE(pivot_test::slurp(dir / "out" / "countries.csv")
                  .starts_with("country,real_gdp_change_pct_conditional,real_gdp_change_pct_full,"));
  EXPECT_TRUE(pivot_test::slurp(dir / "out" / "coefficients.csv").starts_with("term,estimate,std_error\n"));

  const fs::path bad = model_dir("ge_cli_bad", std::string(kModel) + "sigma = 3\n");
  const auto refused = run_pivot("ge " + (bad / "model.toml").string() + " --csv " + (bad / "out").string());
  EXPECT_EQ(refused.code, 2) << refused.out;
  EXPECT_TRUE(has(refused.out, "model.toml:")) << refused.out;
  EXPECT_FALSE(fs::exists(bad / "out"));
}

TEST(GeModelFile, AGeppmlIterationThatDivergesIsRefusedNotPrinted) {
  // The made-up example's tariff makes GEPPML's undamped price updates oscillate and grow.
  auto model = pivot::gravity::load_ge_model(fs::path(PIVOT_TEST_DATA) / "ge" / "example.toml");
  model.closure = pivot::gravity::Closure::geppml;
  try {
    pivot::gravity::run_ge(model);
    FAIL() << "expected an InputError";
  } catch (const pivot::InputError& e) {
    EXPECT_TRUE(has(e.what(), "example.toml:16:11: closure: the GEPPML iteration did not converge")) << e.what();
  }
  model.closure = pivot::gravity::Closure::hat;
  const auto run = pivot::gravity::run_ge(model);
  EXPECT_LT(run.result.hat_residual, 1e-10);
}

// Separation said and listed: the flow C -> A (CSV line 8) is 0, and z = p + q is 0 on
// every other flow (A -> B: 1 - 1; elsewhere 0 + 0) and 1 there, so the PPML estimate
// does not exist with it (Correia, Guimaraes & Zylkin 2021); neither p nor q alone is
// 0 wherever the flow is positive (both are non-zero on A -> B), and exporter C and
// importer A have positive flows, so only the combination check finds it. Once it is
// dropped q = -p on every row kept: q is omitted.
TEST(GeCli, SaysAndListsTheObservationsACombinationSeparates) {
  const char* const flows =
      "exporter,importer,year,trade,border,p,q\n"
      "A,A,2000,100,0,0,0\nA,B,2000,10,1,1,-1\nA,C,2000,5,1,0,0\n"
      "B,A,2000,8,1,0,0\nB,B,2000,80,0,0,0\nB,C,2000,6,1,0,0\n"
      "C,A,2000,0,1,1,0\nC,B,2000,7,1,0,0\nC,C,2000,60,0,0,0\n";
  const std::string model =
      "[data]\nflows = \"flows.csv\"\n"
      "[estimation]\nterms = [\"border\", \"p\", \"q\"]\n"
      "[ge]\nsigma = 5\nreference = \"A\"\nclosure = \"hat\"\n"
      "[counterfactual]\nset = { border = 0 }\n";
  const fs::path dir = model_dir("ge_separated", model, flows);
  const auto ok = run_pivot("ge " + (dir / "model.toml").string() + " --json " + (dir / "ge.json").string());
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_TRUE(has(ok.out,
                  "dropped 1 separated observations: 0 in a fixed-effect group with no positive flow, 0 by "
                  "one regressor, 1 by a combination of regressors and fixed effects (ReLU check)"))
      << ok.out;
  EXPECT_TRUE(has(ok.out, "  line 8: C -> A 2000 (combination)\n")) << ok.out;
  EXPECT_TRUE(has(ok.out, "\nq                         omitted")) << ok.out;
  const std::string json = pivot_test::slurp(dir / "ge.json");
  EXPECT_TRUE(has(json, "\"dropped_separated\": 1")) << json;
  EXPECT_TRUE(has(json, "\"by\": \"combination\"")) << json;
  EXPECT_TRUE(has(json, "\"exporter\": \"C\"")) << json;
  EXPECT_TRUE(has(json, "\"line\": 8")) << json;
}

// An offset is a cost with its coefficient fixed at 1: with offset = -0.5 * dist the
// estimate of dist is the free one plus 0.5 (the fitted means, so the fixed effects and
// every GE result, are the same: exp(-0.5 dist + (b + 0.5) dist) = exp(b dist)).
TEST(GeModelFile, AnOffsetIsACostWithCoefficientOne) {
  // kFlows with a column -0.5 * dist.
  const std::string flows =
      "exporter,importer,year,trade,dist,border,half_dist\n"
      "A,A,2000,100,1,0,-0.5\nA,B,2000,10,2,1,-1\nA,C,2000,5,3,1,-1.5\n"
      "B,A,2000,8,2,1,-1\nB,B,2000,80,1,0,-0.5\nB,C,2000,6,2,1,-1\n"
      "C,A,2000,4,3,1,-1.5\nC,B,2000,7,2,1,-1\nC,C,2000,60,1,0,-0.5\n";
  const fs::path free_dir = model_dir("ge_offset_free", kModel, flows);
  std::string with_offset = kModel;
  with_offset.replace(with_offset.find("terms = [\"dist\", \"border\"]\n"),
                      std::string("terms = [\"dist\", \"border\"]\n").size(),
                      "terms = [\"dist\", \"border\"]\noffset = \"half_dist\"\n");
  const fs::path offset_dir = model_dir("ge_offset", with_offset, flows);
  const auto free_run = pivot::gravity::run_ge(pivot::gravity::load_ge_model(free_dir / "model.toml"));
  const auto offset_run = pivot::gravity::run_ge(pivot::gravity::load_ge_model(offset_dir / "model.toml"));
  EXPECT_NEAR(offset_run.beta[0], free_run.beta[0] + 0.5, 1e-8);
  EXPECT_NEAR(offset_run.beta[1], free_run.beta[1], 1e-8);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_NEAR(offset_run.result.full.real_output[i] / free_run.result.full.real_output[i], 1.0, 1e-9);
  // An offset that is also a term is refused, naming the key.
  std::string both = with_offset;
  both.replace(both.find("offset = \"half_dist\""), std::string("offset = \"half_dist\"").size(), "offset = \"dist\"");
  const std::string refused = error_of(model_dir("ge_offset_bad", both, flows));
  EXPECT_TRUE(has(refused, "model.toml:5:10: offset: 'dist' is a term")) << refused;
}

// A 25% tariff on B -> A multiplies that pair's t^(1-sigma) by 1.25^(-sigma) = 1.25^-5
// = 0.32768 by default, and by 1.25^-4 = 0.4096 with tariff_exponent = -4; other pairs
// keep their costs.
TEST(GeModelFile, TheTariffExponentIsSigmaUnlessTheModelStatesIt) {
  const std::string base =
      "[data]\nflows = \"flows.csv\"\n"
      "[estimation]\nterms = [\"dist\", \"border\"]\n"
      "[ge]\nsigma = 5\nreference = \"A\"\nclosure = \"hat\"\n"
      "[counterfactual]\npairs = [[\"B\", \"A\"]]\ntariff_percent = 25\n";
  const auto by_default =
      pivot::gravity::run_ge(pivot::gravity::load_ge_model(model_dir("ge_t5", base) / "model.toml"));
  const auto stated = pivot::gravity::run_ge(
      pivot::gravity::load_ge_model(model_dir("ge_t4", base + "tariff_exponent = -4\n") / "model.toml"));
  const std::size_t ba = 1 * 3 + 0, ab = 0 * 3 + 1;  // exporter B = 1, importer A = 0
  for (const auto* run : {&by_default, &stated}) {
    const auto& in = run->inputs;
    EXPECT_NEAR(in.cost_counterfactual[ab] / in.cost_baseline[ab], 1.0, 1e-15);
  }
  EXPECT_NEAR(by_default.inputs.cost_counterfactual[ba] / by_default.inputs.cost_baseline[ba], 0.32768, 1e-12);
  EXPECT_NEAR(stated.inputs.cost_counterfactual[ba] / stated.inputs.cost_baseline[ba], 0.4096, 1e-12);
  const std::string refused = error_of(model_dir("ge_t_bad", base + "tariff_exponent = 2\n"));
  EXPECT_TRUE(has(refused, "model.toml:12:19: tariff_exponent: expected a number in [-50, 0]")) << refused;
}
