// Poisson pseudo-maximum likelihood (PPML; Santos Silva & Tenreyro 2006) with
// high-dimensional fixed effects, an offset and standard errors clustered by a
// group (by pair in gravity). The algorithm and its cost: docs/models/ge.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pivot::gravity {

/// One fixed-effect dimension: a group index per observation (0..groups-1).
struct FixedEffect {
  std::string name;  // "exporter", "importer", "exporter-year", "importer-year", "pair"
  std::vector<std::uint32_t> group;
  std::size_t groups = 0;
};

/// y_o ~ Poisson(mu_o), log mu_o = offset_o + x_o'beta + sum_d alpha_d[group_d(o)].
struct PpmlProblem {
  std::vector<double> y;                        // >= 0
  std::vector<std::string> terms;               // regressor names
  std::vector<std::vector<double>> regressors;  // one column per term, each of y.size()
  std::vector<double> offset;                   // empty = 0
  std::vector<FixedEffect> fixed_effects;
  std::vector<std::uint32_t> cluster;  // cluster per observation; empty = one per observation
  double tolerance = 1e-10;            // on the step in beta and on the fixed effects' first-order conditions
  int max_iterations = 200;            // Newton steps in beta
  int max_sweeps = 100000;             // fixed-effect sweeps per Newton step (in total, over the run)
};

/// Why an observation was dropped before estimation.
enum class Separation : std::uint8_t {
  none = 0,
  fixed_effect = 1,  // a fixed-effect group whose flows are all 0
  regressor = 2,     // one regressor non-zero, of one sign, only where y = 0
  combination = 3,   // a combination of regressors and fixed effects (the ReLU check)
};

struct PpmlResult {
  std::vector<std::string> terms;
  std::vector<double> beta;                        // NaN where omitted
  std::vector<double> std_error;                   // clustered; NaN where omitted
  std::vector<bool> omitted;                       // collinear with the fixed effects
  std::vector<std::vector<double>> fixed_effects;  // alpha_d per group (log scale), normalised so the
                                                   // last dimension's groups carry no constant shift
  std::vector<double> mu;                          // fitted means; 0 for dropped observations
  std::vector<bool> dropped;                       // separated (see separation for how)
  std::vector<std::uint8_t> separation;            // a Separation per observation
  std::size_t dropped_count = 0;
  int relu_fits = 0;  // least-squares fits the ReLU separation check took (0: not needed)
  std::size_t clusters = 0;
  int iterations = 0;           // Newton steps in beta
  long long sweeps = 0;         // fixed-effect sweeps (each one pass over the observations per dimension)
  long long demean_sweeps = 0;  // alternating-projection sweeps over the regressors
  bool converged = false;
  double deviance = 0;
  double pseudo_log_likelihood = 0;  // sum y log mu - mu - log y!
};

/// Estimates the model. Separated observations (their fitted mean is 0 at the
/// optimum; Correia, Guimaraes & Zylkin 2021) are dropped and counted, each with
/// its Separation, as ppmlhdfe does: those in a fixed-effect group whose y are all
/// 0, those where a regressor that is 0 wherever y > 0 is non-zero with one sign,
/// and, by the iterated ReLU least squares, those some combination of regressors
/// and fixed effects separates. Throws UsageError for mismatched sizes.
PpmlResult estimate_ppml(const PpmlProblem& problem);

}  // namespace pivot::gravity
