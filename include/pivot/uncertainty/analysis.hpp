// Whole uncertainty analyses: the models a scenario's uncertain inputs reach, each
// with a Monte Carlo run and (the first few) a sensitivity analysis, as `pivot run`
// reports them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pivot/bargain/forecast.hpp"
#include "pivot/scenario/study.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {

/// The models the scenario's uncertain inputs reach: the forecast model `forecast` (with
/// `options`), then deal, trade:NAME and game:NAME for each one whose parameters it samples
/// (in that order: parameters are registered deal first, games last).
std::vector<TrialModel> sampled_models(const Study& study, const std::string& forecast, const ForecastOptions& options);

/// A Monte Carlo run per model and a sensitivity analysis of the first few, as mc.json and
/// sensitivity.json hold them.
struct UncertaintyAnalysis {
  std::vector<std::pair<McRun, std::vector<OutputSummary>>> runs;  // [model]
  std::vector<SensitivityReport> sensitivity;                      // [model], the first with_sensitivity
};

/// For each model `trials` Monte Carlo trials; for the first `with_sensitivity` models also the
/// one-at-a-time sweep and `samples` Sobol base samples (factors grouped `by`). All seeded by
/// control.seed: same bytes for any thread count.
UncertaintyAnalysis analyse_uncertainty(const Study& study, const std::vector<TrialModel>& models, std::uint64_t trials,
                                        std::uint64_t samples, const std::string& by, const RunControl& control,
                                        std::size_t with_sensitivity = SIZE_MAX);

}  // namespace pivot
