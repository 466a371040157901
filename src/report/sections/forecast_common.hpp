// What the outcome and positions sections share: model names for people, and
// each model's marker in the outcome chart.
#pragma once

#include <string>

namespace pivot::report {

/// "KTAB SMP", "BDM expected utility", "Weighted mean"...; unknown names pass through.
std::string model_title(const std::string& model);

/// Baselines (mean, median, nbs) are drawn hollow and grey, models in colour.
bool is_baseline(const std::string& model);

}  // namespace pivot::report
