// Monte Carlo results as text and JSON: the report people read and mc.json.
// Nothing here runs a model (pivot/uncertainty/ does).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/summary.hpp"

namespace pivot {

/// The report for people: per output the quantiles, convergence of P50, discrete outcomes and a histogram.
std::string mc_report(const McRun& run, const std::vector<OutputSummary>& summaries);

/// mc.json of one or more runs on the same scenario and seed: per model, per output the
/// quantiles, mean, sd, histogram, atoms and P50 convergence, and the [outcomes] probabilities.
/// With `first_sensitivity`, its tornado bars too; the first run also sits at the top
/// level in the shape docs/report.md reads.
std::string mc_json(const std::vector<std::pair<McRun, std::vector<OutputSummary>>>& runs,
                    const SensitivityReport* first_sensitivity = nullptr);

}  // namespace pivot
