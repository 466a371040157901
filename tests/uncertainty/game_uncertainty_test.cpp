// Games under uncertainty: how uncertainty.csv names a payoff, the errors bad
// names get, and Monte Carlo probabilities of each outcome checked against hand
// calculations (the threshold a uniform payoff must cross), not our own output.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "../support/load_error.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/output/mc_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {
namespace {

namespace fs = std::filesystem;

// Entry deterrence (Selten's chain-store stage game): the entrant stays out (0, 10) or
// enters; the incumbent then fights (-1, 0) or accommodates (X, 5). The incumbent always
// accommodates, so the entrant enters exactly when X > 0.
const char* kEntryGame = R"(EFG 2 R "entry" { "Entrant" "Incumbent" }
""
p "" 1 1 "entrant" { "out" "in" } 0
t "" 1 "stays out" { 0 10 }
p "" 2 1 "incumbent" { "fight" "accommodate" } 0
t "" 2 "price war" { -1 0 }
t "" 3 "entry, accommodated" { 2 5 }
)";

fs::path write_scenario(const std::string& name, const std::string& uncertainty_csv) {
  fs::path dir = fs::temp_directory_path() / ("pivot_game_unc_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "games");
  std::ofstream(dir / "scenario.toml") << "name = \"entry\"\n[[issues]]\nid = \"x\"\n";
  std::ofstream(dir / "actors.csv") << "id,name,capability,x.position,x.salience\na,A,50,0,50\nb,B,50,50,50\n";
  std::ofstream(dir / "games" / "entry.efg") << kEntryGame;
  std::ofstream(dir / "uncertainty.csv") << "actor,issue,field,distribution,low,mode,high,sd\n" << uncertainty_csv;
  return dir;
}

using pivot_test::load_error;

const OutputSummary& summary_of(const std::vector<OutputSummary>& summaries, const std::string& name) {
  for (const OutputSummary& s : summaries)
    if (s.output.name == name) return s;
  throw std::runtime_error("no output " + name);
}

TEST(GameUncertainty, OutcomeAndPlayerIdsComeFromTheLabels) {
  const ExtensiveGame game = parse_efg(kEntryGame, "entry.efg");
  EXPECT_EQ(outcome_ids(game), (std::vector<std::string>{"stays-out", "price-war", "entry-accommodated"}));
  EXPECT_EQ(player_ids(game), (std::vector<std::string>{"entrant", "incumbent"}));
  // Empty and repeated labels fall back to their number.
  const ExtensiveGame plain = parse_efg(R"(EFG 2 R "" { "A" "a" }
""
p "" 1 1 "" { "l" "r" } 0
t "" 1 "" { 1 0 }
t "" 2 "" { 0 1 }
)",
                                        "plain.efg");
  EXPECT_EQ(outcome_ids(plain), (std::vector<std::string>{"outcome-1", "outcome-2"}));
  EXPECT_EQ(player_ids(plain), (std::vector<std::string>{"a", "player-2"}));
}

TEST(GameUncertainty, PayoffsAreParametersNamedByOutcomeAndPlayer) {
  const Study s = pipeline::load_study(
      write_scenario("names", ",,game.entry.entry-accommodated.entrant,uniform,-2,,6,\n").string());
  ASSERT_EQ(s.uncertainty.size(), 1u);
  EXPECT_EQ(uncertain_input_name(s, s.uncertainty[0]), "game.entry.entry-accommodated.entrant");
  EXPECT_EQ(s.parameters[parameter_index(s, "game.entry.stays-out.incumbent")].value, 10.0);
}

TEST(GameUncertainty, BadGameNamesGiveFileLineAndTheNamesThereAre) {
  const std::string outcome = load_error(write_scenario("outcome", ",,game.entry.entry.entrant,uniform,-2,,6,\n"));
  EXPECT_NE(outcome.find("uncertainty.csv:2:3: field: expected game.entry.OUTCOME.PLAYER with OUTCOME one of "
                         "entry-accommodated, price-war, stays-out and PLAYER one of entrant, incumbent; found "
                         "'game.entry.entry.entrant'"),
            std::string::npos)
      << outcome;
  const std::string game = load_error(write_scenario("game", ",,game.exit.stays-out.entrant,uniform,-2,,6,\n"));
  EXPECT_NE(game.find("uncertainty.csv:2:3: field: expected game.NAME.OUTCOME.PLAYER with games/exit.efg"),
            std::string::npos)
      << game;
  const std::string actor = load_error(write_scenario("actor", "a,,game.entry.stays-out.entrant,uniform,-2,,6,\n"));
  EXPECT_NE(actor.find("uncertainty.csv:2:1: actor"), std::string::npos) << actor;
}

TEST(GameUncertainty, EntryProbabilityIsTheShareOfTheRangeAboveTheThreshold) {
  // X ~ U(a, b) = U(-2, 6) and the entrant enters when X > t = 0: P(enter) = (b - t) / (b - a) = 0.75.
  const double a = -2, b = 6, t = 0, p = (b - t) / (b - a);
  const Study s = pipeline::load_study(
      write_scenario("entry", ",,game.entry.entry-accommodated.entrant,uniform,-2,,6,\n").string());
  const TrialModel model = make_trial_model(s, "game:entry", {});
  McOptions options;
  options.trials = 4000;
  options.seed = 5;
  const auto summaries = summarize_run(run_monte_carlo(s, model, options));
  // Binomial standard error sqrt(p(1-p)/n) = 0.0068; 5 of them keep a false failure below 1e-6.
  const double se = std::sqrt(p * (1 - p) / static_cast<double>(options.trials));
  EXPECT_NEAR(summary_of(summaries, "game:entry.outcome.entry-accommodated").mean, p, 5 * se);
  EXPECT_NEAR(summary_of(summaries, "game:entry.outcome.stays-out").mean, 1 - p, 5 * se);
  EXPECT_EQ(summary_of(summaries, "game:entry.outcome.price-war").mean, 0.0);  // off the equilibrium path
  // The entrant gets max(X, 0): E = (b - t)^2 / (2 (b - a)) = 2.25, sd of max(X, 0) below 2.2.
  EXPECT_NEAR(summary_of(summaries, "game:entry.payoff.entrant").mean, (b - t) * (b - t) / (2 * (b - a)),
              5 * 2.2 / std::sqrt(4000.0));
  // The incumbent gets 5 after entry, 10 otherwise: 5 p + 10 (1 - p) = 6.25.
  EXPECT_NEAR(summary_of(summaries, "game:entry.payoff.incumbent").mean, 5 * p + 10 * (1 - p), 5 * 5 * se);
  EXPECT_EQ(summary_of(summaries, "game:entry.ties").mean, 0.0);  // a continuous X never ties
  EXPECT_NE(mc_report(run_monte_carlo(s, model, options), summaries).find("P(entry, accommodated) = 0.7"),
            std::string::npos);
}

TEST(GameUncertainty, AGameWithoutSampledPayoffsIsAUsageError) {
  const Study s = pipeline::load_study(write_scenario("unsampled", "a,x,position,uniform,0,,10,\n").string());
  EXPECT_THROW(make_trial_model(s, "game:entry", {}), UsageError);
  EXPECT_THROW(make_trial_model(s, "game:none", {}), UsageError);
}

// korea-2025's shipped ranges, checked against the probabilities they imply by hand
// (the thresholds are in scenarios/korea-2025/uncertainty.csv's reasoning), within
// 5 binomial standard errors.
TEST(GameUncertainty, Korea2025GameProbabilitiesMatchTheirThresholds) {
  const Study s = pipeline::load_study("korea-2025");
  McOptions options;
  options.trials = 3000;
  options.seed = 1;
  double n = static_cast<double>(options.trials);
  {
    // The deal is struck iff Korea's half-cash payoff K ~ U(-62.70, 60.21) and the US's
    // U ~ U(-20.13, 50.57) are both above 0 (else the US offers what Korea rejects).
    const double p = (60.21 / (60.21 + 62.70)) * (50.57 / (50.57 + 20.13));
    const auto summaries = summarize_run(run_monte_carlo(s, make_trial_model(s, "game:us-korea-deal", {}), options));
    const double se = std::sqrt(p * (1 - p) / n);
    EXPECT_NEAR(summary_of(summaries, "game:us-korea-deal.outcome.deal-half-cash-8-years").mean, p, 5 * se);
    EXPECT_NEAR(summary_of(summaries, "game:us-korea-deal.outcome.no-deal-25-tariff").mean, 1 - p, 5 * se);
    // With no deal the US is indifferent between the offers Korea rejects: a tie, broken to the first.
    EXPECT_NEAR(summary_of(summaries, "game:us-korea-deal.ties").mean, 1 - p, 5 * se);
  }
  options.trials = 1000;  // the sequence form (and its equilibrium count) costs about 1 ms a trial
  n = static_cast<double>(options.trials);
  {
    // A resolute China (chance 1/2) retaliates iff its payoff R ~ U(-0.97, 5.03) is above 0.
    const double p = 0.5 * 5.03 / 6.0;
    const auto summaries = summarize_run(run_monte_carlo(s, make_trial_model(s, "game:korea-alignment", {}), options));
    const double se = 0.5 * std::sqrt((5.03 / 6.0) * (0.97 / 6.0) / n);
    EXPECT_NEAR(summary_of(summaries, "game:korea-alignment.outcome.align-retaliation-by-a-resolute-china").mean, p,
                5 * se);
    EXPECT_NEAR(summary_of(summaries, "game:korea-alignment.outcome.align-accepted").mean, 1 - p, 5 * se);
  }
}

}  // namespace
}  // namespace pivot
