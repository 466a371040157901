// Sensitivity: which uncertain inputs move a model's outputs, by a one-at-a-time
// sweep (tornado) and by Sobol indices. See docs/uncertainty.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pivot/scenario/distribution.hpp"
#include "pivot/scenario/study.hpp"
#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {

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
SensitivityInputs sensitivity_inputs(const Study& study);
VectorModel scenario_vector_model(const Study& study, const TrialModel& model);

/// Output values with each input at its low and high end, the others at their base values.
struct OneAtATime {
  std::vector<double> base;                  // [output] at the base values
  std::vector<std::vector<double>> at_low;   // [input][output]
  std::vector<std::vector<double>> at_high;  // [input][output]
  bool interrupted = false;
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

/// Below this many base samples the indices are mostly estimator noise (docs/uncertainty.md, "When Sobol indices mean
/// something").
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
SobolResult sobol_indices(const SensitivityInputs& inputs, const std::vector<SobolFactor>& factors, std::size_t outputs,
                          const VectorModel& model, std::uint64_t samples, const RunControl& control);

/// Factors for a scenario: "input" (each uncertain field), "actor" (all of an actor's
/// fields) or "issue" (every position and salience on an issue; capabilities as one group).
std::vector<SobolFactor> scenario_factors(const Study& study, const std::string& by);

/// A sensitivity analysis of one model on one scenario, ready to report.
struct SensitivityReport {
  std::string scenario;
  std::string model;
  std::string factor_grouping;  // "input", "actor" or "issue"
  std::uint64_t seed = 0;
  std::uint64_t samples = 0;  // Sobol base samples N (0: no Sobol analysis)
  SensitivityInputs inputs;
  std::vector<TrialOutput> outputs;
  OneAtATime sweep;
  SobolResult sobol;
};

/// A report for `model` on `scenario` with its inputs and outputs set and no runs yet
/// (fill `sweep` with one_at_a_time and `sobol` with sobol_indices).
SensitivityReport sensitivity_report(const Study& study, const TrialModel& model, const std::string& by,
                                     std::uint64_t seed, std::uint64_t samples);

/// The sweep and (samples > 0) the Sobol indices of `model` on `scenario`, factors grouped `by`.
SensitivityReport sensitivity_analysis(const Study& study, const TrialModel& model, const std::string& by,
                                       std::uint64_t samples, const RunControl& control);

}  // namespace pivot
