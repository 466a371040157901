// Trial models: any model the uncertainty engine can run on one trial's sampled
// scenario (forecast models, the deal, a trade model, a game tree), with the
// numbers it reports per trial. See docs/uncertainty.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "pivot/bargain/forecast.hpp"
#include "pivot/scenario/study.hpp"

namespace pivot {

/// One number a model reports per trial, e.g. ktab's prediction on one issue.
struct TrialOutput {
  std::string name;   // trials.csv column, e.g. "ktab.us-tariff-korea"
  std::string model;  // summary.csv `model`
  std::string issue;  // summary.csv `issue`
  std::string unit;
  double min = 0.0;  // scale for histograms; min == max: the observed range
  double max = 0.0;
};

/// Any model the uncertainty engine can run. `run` gets a study whose uncertain
/// fields (actor fields and parameters) hold one trial's draws and a seed for the model's own randomness; it
/// returns one value per output and must be safe to call from several threads.
struct TrialModel {
  std::string name;
  std::vector<std::pair<std::string, std::string>> options;  // as applied, for the manifest
  std::vector<TrialOutput> outputs;
  std::function<std::vector<double>(const Study& sampled, std::uint64_t seed)> run;
};

/// A forecast model ("ktab", "bdm", "mean", "median", "nbs") as a TrialModel with
/// one output per issue. Each trial runs single-threaded (options.threads is set to 1).
TrialModel forecast_trial_model(const Scenario& scenario, const std::string& model, ForecastOptions options);

/// The scenario's deal.toml as a TrialModel: PV per side, tariff avoided, peak reserve outflow
/// (money and % of reserves and of the current account). Needs uncertain `deal.*` parameters.
TrialModel deal_trial_model(const Study& study);

/// The scenario's trade/NAME.toml as a TrialModel: welfare and world price change per region
/// (totals over products, from the file's reported solver). Needs uncertain `trade.NAME.*` parameters.
TrialModel trade_trial_model(const Study& study, const std::string& name);

/// The scenario's games/NAME.efg as a TrialModel. Each trial solves the sampled game with the
/// method `pivot run` uses (backward induction for perfect information, else the sequence form)
/// and reports per outcome the probability that play reaches it (mean = P(outcome)), each
/// player's equilibrium payoff, and `ties` (backward induction broke a tie: other subgame-perfect
/// equilibria exist) or `equilibria` (two-player sequence form: how many distinct extreme
/// equilibria enummixed finds). Needs uncertain `game.NAME.*` parameters.
TrialModel game_trial_model(const Study& study, const std::string& name);

/// The scenario's trade/NAME.toml in general equilibrium (ge/ge.toml's view) as a TrialModel:
/// real-income change (full GE, %) per region, sigma and the tariff pass-through read from the
/// sampled `ge.NAME.sigma` and `ge.NAME.pass_through`. Needs an uncertain `ge.NAME.*` parameter.
TrialModel ge_trial_model(const Study& study, const std::string& name);

/// "deal", "trade:NAME", "ge:NAME", "game:NAME" or a forecast model name, as a TrialModel. Throws UsageError.
TrialModel make_trial_model(const Study& study, const std::string& model, const ForecastOptions& options);

}  // namespace pivot
