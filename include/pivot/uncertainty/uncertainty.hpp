// Uncertainty: Monte Carlo over a scenario's uncertain inputs, summaries of the
// outcome distributions, and the files that record them (trials.csv,
// summary.csv, manifest.json), sharded by hand or over MPI ranks and merged.
// Results depend only on (scenario, model, seed, trials): never on threads,
// shards or ranks. See docs/uncertainty.md.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "pivot/scenario/distribution.hpp"
#include "pivot/bargain/forecast.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {

struct SensitivityReport;

/// One number a model reports per trial, e.g. ktab's prediction on one issue.
struct TrialOutput {
  std::string name;   // trials.csv column, e.g. "ktab.us-tariff-korea"
  std::string model;  // summary.csv `model`
  std::string issue;  // summary.csv `issue`
  std::string unit;
  double min = 0.0;   // scale for histograms; min == max: the observed range
  double max = 0.0;
};

/// Any model the uncertainty engine can run. `run` gets a scenario whose uncertain
/// fields hold one trial's draws and a seed for the model's own randomness; it
/// returns one value per output and must be safe to call from several threads.
struct TrialModel {
  std::string name;
  std::vector<std::pair<std::string, std::string>> options;  // as applied, for the manifest
  std::vector<TrialOutput> outputs;
  std::function<std::vector<double>(const Scenario& sampled, std::uint64_t seed)> run;
};

/// A forecast model ("ktab", "bdm", "mean", "median", "nbs") as a TrialModel with
/// one output per issue. Each trial runs single-threaded (options.threads is set to 1).
TrialModel forecast_trial_model(const Scenario& scenario, const std::string& model, ForecastOptions options);

/// The scenario's deal.toml as a TrialModel: PV per side, tariff avoided, peak reserve outflow
/// (money and % of reserves and of the current account). Needs uncertain `deal.*` parameters.
TrialModel deal_trial_model(const Scenario& scenario);

/// The scenario's trade/NAME.toml as a TrialModel: welfare and world price change per region
/// (totals over products, from the file's reported solver). Needs uncertain `trade.NAME.*` parameters.
TrialModel trade_trial_model(const Scenario& scenario, const std::string& name);

/// The scenario's games/NAME.efg as a TrialModel. Each trial solves the sampled game with the
/// method `pivot run` uses (backward induction for perfect information, else the sequence form)
/// and reports per outcome the probability that play reaches it (mean = P(outcome)), each
/// player's equilibrium payoff, and `ties` (backward induction broke a tie: other subgame-perfect
/// equilibria exist) or `equilibria` (two-player sequence form: how many distinct extreme
/// equilibria enummixed finds). Needs uncertain `game.NAME.*` parameters.
TrialModel game_trial_model(const Scenario& scenario, const std::string& name);

/// "deal", "trade:NAME", "game:NAME" or a forecast model name, as a TrialModel. Throws UsageError.
TrialModel make_trial_model(const Scenario& scenario, const std::string& model, const ForecastOptions& options);

/// Called as trials finish, from worker threads (possibly concurrently).
using ProgressCallback = std::function<void(std::uint64_t done, std::uint64_t total)>;

struct McOptions {
  std::uint64_t seed = 0;
  std::uint64_t trials = 1000;  // in the whole run, over all shards
  int threads = 0;              // 0 = all cores
  int shard_index = 0;          // this process computes shard `shard_index` of `shard_count`
  int shard_count = 1;
  ProgressCallback progress;
  const std::atomic<bool>* stop = nullptr;  // set (e.g. on SIGINT) to stop early
};

/// One uncertain input as recorded in a run: its column name and distribution.
struct McInput {
  std::string name;
  Distribution distribution;
  double point = 0.0;  // the unperturbed value the point forecast uses
  std::string source;  // where that value came from when not from its file (a parameter's source)
};

/// The trials a run or a shard computed, and what produced them.
struct McRun {
  std::string version;  // pivot version (merging needs the same one)
  std::string scenario;
  std::string input_hash;
  std::string model;
  std::vector<std::pair<std::string, std::string>> model_options;
  std::uint64_t seed = 0;
  std::uint64_t total_trials = 0;
  int shard_index = 0;
  int shard_count = 1;
  std::vector<McInput> inputs;
  std::vector<TrialOutput> outputs;
  std::uint64_t first_trial = 0;             // trial number of row 0
  std::vector<std::vector<double>> sampled;  // [row][input]
  std::vector<std::vector<double>> results;  // [row][output]
  std::vector<double> point;                 // [output] the model on the unperturbed inputs; empty = unknown
  bool interrupted = false;                  // stopped early: the rows are incomplete, write nothing
};

/// The trials [begin, end) that shard `index` of `count` computes: contiguous, in order.
std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t trials, int index, int count);

/// Draws every uncertain input of `base` for one trial into `values` (one per
/// scenario.uncertainty entry) and writes them into `out`'s actor fields.
void sample_trial_inputs(const Scenario& base, std::uint64_t seed, std::uint32_t stream, std::uint64_t trial,
                         Scenario& out, std::vector<double>& values);

/// Runs `model` on `options.trials` sampled scenarios (this shard's share) in parallel.
/// Throws UsageError when the scenario has no uncertain inputs or the options are invalid.
McRun run_monte_carlo(const Scenario& scenario, const TrialModel& model, const McOptions& options);

/// Quantile of sorted data by Hyndman & Fan (1996) type 7: h = (n-1)p, linear between order statistics.
double quantile_type7(const std::vector<double>& sorted, double p);

/// A value that many trials share exactly (a discrete outcome) and how often.
struct Atom {
  double value = 0.0;
  double probability = 0.0;
};

struct Histogram {
  double lo = 0.0;
  double hi = 0.0;
  std::vector<std::uint64_t> counts;  // equal-width bins over [lo, hi]
};

/// The distribution of one output over a run's trials.
struct OutputSummary {
  TrialOutput output;
  std::uint64_t trials = 0;
  double mean = 0.0;
  double sd = 0.0;                    // sample standard deviation (n - 1)
  std::array<double, 5> quantiles{};  // P5, P25, P50, P75, P95
  Histogram histogram;
  std::vector<Atom> atoms;  // values held by at least 5% of trials, most frequent first
  std::vector<std::pair<std::uint64_t, double>> median_convergence;  // (first n trials, P50) for n = N/4, N/2, N
};

/// True when the point forecast lies outside [P5, P95] of its Monte Carlo distribution:
/// the inputs sit on a knife edge, and the point alone misleads (docs/uncertainty.md).
bool point_outside_band(const OutputSummary& summary, double point);

/// Per-output summaries of a run (in trial order, so identical for merged shards).
std::vector<OutputSummary> summarize_run(const McRun& run);

/// trials.csv: `trial,<inputs>,<outputs>`, one row per trial, numbers in shortest round-trip form.
std::string trials_csv(const McRun& run);

/// summary.csv: `issue,model,mean,p5,p25,p50,p75,p95`.
std::string summary_csv(const std::vector<OutputSummary>& summaries);

/// manifest.json of a run: version, scenario, hash, model and options, seed, trials, shard, inputs, outputs.
std::string mc_manifest_json(const McRun& run);

/// The report for people: per output the quantiles, convergence of P50, discrete outcomes and a histogram.
std::string mc_report(const McRun& run, const std::vector<OutputSummary>& summaries);

/// mc.json of one or more runs on the same scenario and seed: per model, per output the
/// quantiles, mean, sd, histogram, atoms and P50 convergence, and the [outcomes] probabilities.
/// With `first_sensitivity`, its tornado bars too; the first run also sits at the top
/// level in the shape docs/report.md reads.
std::string mc_json(const std::vector<std::pair<McRun, std::vector<OutputSummary>>>& runs,
                    const SensitivityReport* first_sensitivity = nullptr);

/// Reads a run back from a directory written with trials_csv and mc_manifest_json. Throws InputError.
McRun read_mc_run(const std::filesystem::path& dir);

/// Joins the shards of one run (any order) into the run a single process would have
/// computed. Throws InputError when they are not exactly the shards 0..n-1 of one run.
McRun merge_mc_runs(std::vector<McRun> shards, const std::vector<std::string>& where);

// --- Sensitivity -----------------------------------------------------------

/// A model of a plain input vector (one value per input, in order), returning one value per output.
using VectorModel = std::function<std::vector<double>(const std::vector<double>& inputs, std::uint64_t seed)>;

/// Inputs as a sensitivity analysis sees them: distributions, the ids that key their
/// draws, names, and the point values a one-at-a-time sweep holds the others at.
struct SensitivityInputs {
  std::vector<std::string> names;
  std::vector<Distribution> distributions;
  std::vector<std::uint32_t> keys;
  std::vector<double> base;
};

/// A scenario's uncertain inputs, and the scenario model as a VectorModel over them.
SensitivityInputs sensitivity_inputs(const Scenario& scenario);
VectorModel scenario_vector_model(const Scenario& scenario, const TrialModel& model);

/// Output values with each input at its low and high end, the others at their base values.
struct OneAtATime {
  std::vector<double> base;                  // [output] at the base values
  std::vector<std::vector<double>> at_low;   // [input][output]
  std::vector<std::vector<double>> at_high;  // [input][output]
  bool interrupted = false;
};

struct RunControl {
  std::uint64_t seed = 0;
  int threads = 0;  // 0 = all cores
  ProgressCallback progress;
  const std::atomic<bool>* stop = nullptr;
};

/// The one-at-a-time sweep: 2k + 1 model runs for k inputs.
OneAtATime one_at_a_time(const SensitivityInputs& inputs, const VectorModel& model, const RunControl& control);

/// Inputs ranked by swing |f(high) - f(low)| on one output, largest first (ties: input order).
std::vector<std::size_t> tornado_order(const OneAtATime& sweep, std::size_t output);

/// A factor of a Sobol analysis: one input or a group of inputs varied together.
struct SobolFactor {
  std::string name;
  std::vector<std::size_t> inputs;
};

/// One factor's indices on one output.
struct SobolIndex {
  double first = 0.0;  // Saltelli et al. (2010) estimator of S_i
  double total = 0.0;  // Jansen (1999) estimator of S_Ti
  // 95% bootstrap percentile intervals over the N rows (Archer, Saltelli & Sobol 1997).
  double first_low = 0.0, first_high = 0.0;
  double total_low = 0.0, total_high = 0.0;
};

/// First-order and total indices from model values on the matrices A, B and A_B^(i)
/// (Saltelli et al. 2010, Table 2: their recommended first-order estimator and Jansen's
/// total-effect estimator), with V(Y) from A and B together. `rows` picks the rows
/// to use (with repeats, for a bootstrap resample); empty = every row once.
SobolIndex sobol_estimate(const std::vector<double>& f_a, const std::vector<double>& f_b,
                          const std::vector<double>& f_ab, const std::vector<std::size_t>& rows = {});

/// Bootstrap resamples used for the intervals.
inline constexpr int kSobolBootstrap = 200;

struct SobolResult {
  std::vector<SobolFactor> factors;
  std::vector<double> variance;                // [output], V(Y) over A and B
  std::vector<std::vector<SobolIndex>> index;  // [output][factor]
  bool interrupted = false;
};

/// Below this many base samples the indices are mostly estimator noise (docs/uncertainty.md, "When Sobol indices mean something").
inline constexpr std::uint64_t kSobolMinSamples = 500;
/// A 95% interval wider than this on any index: that index is not resolved yet.
inline constexpr double kSobolMaxInterval = 0.2;
/// How far outside [0, 1] an index may stray by rounding before it counts as outside.
inline constexpr double kSobolRangeSlack = 0.01;

/// Why the Sobol indices of a result computed from `samples` base samples cannot yet be read
/// as shares of variance, one sentence each (too few samples, an index outside [0, 1], an
/// interval wider than kSobolMaxInterval); empty when they can. Indices are never clipped.
std::vector<std::string> sobol_caveats(const SobolResult& sobol, const std::vector<TrialOutput>& outputs,
                                       std::uint64_t samples);

/// Sobol indices from N base samples: N (factors + 2) model runs in parallel. Draws for
/// A and B use streams kStreamSobolA/B, so results are identical for any thread count.
SobolResult sobol_indices(const SensitivityInputs& inputs, const std::vector<SobolFactor>& factors,
                          std::size_t outputs, const VectorModel& model, std::uint64_t samples,
                          const RunControl& control);

/// Factors for a scenario: "input" (each uncertain field), "actor" (all of an actor's
/// fields) or "issue" (every position and salience on an issue; capabilities as one group).
std::vector<SobolFactor> scenario_factors(const Scenario& scenario, const std::string& by);

/// A sensitivity analysis of one model on one scenario, ready to report.
struct SensitivityReport {
  std::string scenario;
  std::string model;
  std::string factor_grouping;  // "input", "actor" or "issue"
  std::uint64_t seed = 0;
  std::uint64_t samples = 0;    // Sobol base samples N (0: no Sobol analysis)
  SensitivityInputs inputs;
  std::vector<TrialOutput> outputs;
  OneAtATime sweep;
  SobolResult sobol;
};

/// A report for `model` on `scenario` with its inputs and outputs set and no runs yet
/// (fill `sweep` with one_at_a_time and `sobol` with sobol_indices).
SensitivityReport sensitivity_report(const Scenario& scenario, const TrialModel& model, const std::string& by,
                                     std::uint64_t seed, std::uint64_t samples);

/// The sweep and (samples > 0) the Sobol indices of `model` on `scenario`, factors grouped `by`.
SensitivityReport sensitivity_analysis(const Scenario& scenario, const TrialModel& model, const std::string& by,
                                       std::uint64_t samples, const RunControl& control);

// --- Whole analyses ---------------------------------------------------------

/// The models the scenario's uncertain inputs reach: the forecast model `forecast` (with
/// `options`), then deal, trade:NAME and game:NAME for each one whose parameters it samples
/// (in that order: parameters are registered deal first, games last).
std::vector<TrialModel> sampled_models(const Scenario& scenario, const std::string& forecast,
                                       const ForecastOptions& options);

/// A Monte Carlo run per model and a sensitivity analysis of the first few, as mc.json and
/// sensitivity.json hold them.
struct UncertaintyAnalysis {
  std::vector<std::pair<McRun, std::vector<OutputSummary>>> runs;  // [model]
  std::vector<SensitivityReport> sensitivity;                       // [model], the first with_sensitivity
};

/// For each model `trials` Monte Carlo trials; for the first `with_sensitivity` models also the
/// one-at-a-time sweep and `samples` Sobol base samples (factors grouped `by`). All seeded by
/// control.seed: same bytes for any thread count.
UncertaintyAnalysis analyse_uncertainty(const Scenario& scenario, const std::vector<TrialModel>& models,
                                        std::uint64_t trials, std::uint64_t samples, const std::string& by,
                                        const RunControl& control, std::size_t with_sensitivity = SIZE_MAX);

/// Tornado table rows `issue,model,rank,input,low,high,output_low,output_high,swing`.
std::string tornado_csv(const SensitivityReport& report);

/// `issue,model,factor,first_order,total`, one row per output and factor.
std::string sobol_csv(const SensitivityReport& report);

/// sensitivity.json: per analysis and output the tornado bars (ranked) and the Sobol indices (by total effect).
std::string sensitivity_json(const std::vector<SensitivityReport>& reports);

/// The report for people: per output the `top` largest swings, then the Sobol indices by total effect.
std::string sensitivity_text(const SensitivityReport& report, std::size_t top);

}  // namespace pivot
