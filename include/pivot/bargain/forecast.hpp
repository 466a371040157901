// Forecasting models for multi-actor bargaining and the record they leave:
// positions round by round and, for every actor and round, who challenged whom,
// the expected utilities, the vote and the resulting move.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pivot/bargain/exchange.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {

/// One actor's decision in a round: whom it challenges, and what it offers.
struct Challenge {
  int challenger = -1;
  int target = -1;                       // -1: no challenge worth making
  int issue = -1;                        // -1: all issues at once (ktab), else the issue (bdm)
  double expected_gain = 0.0;            // EU(challenge) - EU(status quo), challenger's view
  double win_probability = 0.0;          // challenger's estimate that it prevails
  std::string kind;                      // e.g. "bargain", "compel", "compromise", "conflict"
  std::vector<double> challenger_offer;  // proposed position for the challenger (native units)
  std::vector<double> target_offer;      // proposed position for the target (native units)
};

/// How one actor chose among the proposals it holds (KTAB's per-actor vote).
struct Vote {
  int actor = -1;
  std::vector<int> initiators;        // initiator of each proposal (-1: status quo)
  std::vector<int> receivers;         // receiver of each proposal (-1: status quo)
  std::vector<double> probabilities;  // victory probability of each proposal
  int chosen = -1;                    // index into the lists above
};

/// Where an actor went this round, and why.
struct Move {
  int actor = -1;
  int partner = -1;          // actor whose proposal it accepted (-1: none)
  int issue = -1;            // -1: all issues
  std::vector<double> from;  // native units
  std::vector<double> to;
  std::string reason;  // one line, for people
};

struct Round {
  int index = 0;                               // 0 = the input positions
  std::vector<std::vector<double>> positions;  // [actor][issue], native units
  std::vector<Challenge> challenges;
  std::vector<Vote> votes;
  std::vector<Move> moves;
  std::vector<ExchangeRecord> exchanges;  // exchange model: realised in order, native units
  int exchange_ties = 0;                  // exchange model: realisations decided by a tie break
};

/// The outcome of one model on every issue.
struct ForecastResult {
  std::string model;
  std::vector<Round> rounds;
  std::vector<double> predicted;                             // per issue, native units
  std::vector<int> rounds_used;                              // per issue (ktab: the same for all)
  std::vector<bool> converged;                               // per issue
  std::vector<std::pair<std::string, std::string>> options;  // as applied, for the manifest
  ExchangeTieDraws tie_draws;                                // exchange model: the forecast's range over tie draws
};

/// Options shared by every model; model-specific keys come from the scenario's
/// [models.NAME] table and from the command line (`--set key=value`).
struct ForecastOptions {
  std::uint64_t seed = 0;
  int threads = 0;                              // 0 = all cores
  std::map<std::string, std::string> settings;  // model-specific key=value
};

/// Names of the models `run_forecast` knows.
std::vector<std::string> forecast_model_names();

/// The option names a model reads (empty for the baselines); UsageError for an unknown model.
std::vector<std::string> forecast_option_names(const std::string& model);

/// Refuses a `[models.NAME]` table of scenario.toml for a model that does not exist,
/// or an option the model does not read (InputError at its position).
void check_model_settings(const Scenario& scenario);

/// Runs a named model ("ktab", "bdm", "exchange", "mean", "median", "nbs"). Throws UsageError,
/// also for an option the model does not read (a typo must not pass as a default).
ForecastResult run_forecast(const Scenario& scenario, const std::string& model, const ForecastOptions& options);

/// Reruns the exchange model as often as its option tie_draws says (20 unless set; 0: not at
/// all) with ties=random (the other options as given), the n-th draw seeded by
/// SplitMix64(options.seed + n): per issue the lowest and highest forecast. Serial, so the
/// same bytes for any thread count.
ExchangeTieDraws exchange_tie_draws(const Scenario& scenario, const ForecastOptions& options);

/// Capability x salience weighted mean per issue (native units).
std::vector<double> weighted_mean_outcome(const Scenario& scenario);
/// Capability x salience weighted median per issue: the median voter's position.
std::vector<double> weighted_median_outcome(const Scenario& scenario);
/// Asymmetric Nash bargaining solution per issue (weights capability x salience).
std::vector<double> nash_bargaining_outcome(const Scenario& scenario);

}  // namespace pivot
