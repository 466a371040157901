// Summaries of a Monte Carlo run: per output the mean, quantiles, histogram,
// discrete outcomes and how the median settles.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {

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
  Histogram histogram;                // 10 bins over the output's whole scale (the text's one-line histogram)
  Histogram fitted_histogram;         // bins fitted to the trials (fitted_histogram), as the report draws them
  std::vector<Atom> atoms;            // values held by at least 5% of trials, most frequent first
  std::vector<std::pair<std::uint64_t, double>> median_convergence;  // (first n trials, P50) for n = N/4, N/2, N
};

/// A histogram fitted to sorted data: bins of the Freedman–Diaconis width 2 IQR / n^(1/3)
/// (Freedman & Diaconis 1981) over [min, max], but at least `min_bins` (where the data span
/// any range) and at most `max_bins`; one bin when every value is the same.
Histogram fitted_histogram(const std::vector<double>& sorted, int min_bins = 20, int max_bins = 60);

/// True when the point forecast lies outside [P5, P95] of its Monte Carlo distribution:
/// a knife edge or input ranges lopsided about their points, and the point alone misleads
/// (docs/uncertainty.md).
bool point_outside_band(const OutputSummary& summary, double point);

/// Per-output summaries of a run (in trial order, so identical for merged shards).
std::vector<OutputSummary> summarize_run(const McRun& run);

}  // namespace pivot
