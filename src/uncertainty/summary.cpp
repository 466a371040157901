// Summaries of a run's outputs: moments, type-7 quantiles, histogram, discrete
// outcomes and how the median settles as trials grow.
#include <algorithm>
#include <cmath>
#include <map>

#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {
namespace {

constexpr int kHistogramBins = 10;
constexpr double kAtomShare = 0.05;  // a value held by at least 5% of trials is reported as a discrete outcome
constexpr std::size_t kMaxAtoms = 5;

std::vector<double> sorted_copy(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values;
}

Histogram histogram_of(const std::vector<double>& sorted, const TrialOutput& output) {
  Histogram h;
  h.lo = output.min, h.hi = output.max;
  if (!(h.hi > h.lo)) h.lo = sorted.front(), h.hi = sorted.back();
  h.counts.assign(kHistogramBins, 0);
  const double width = (h.hi - h.lo) / kHistogramBins;
  for (double v : sorted) {
    int bin = width > 0.0 ? static_cast<int>(std::floor((v - h.lo) / width)) : 0;
    ++h.counts[std::clamp(bin, 0, kHistogramBins - 1)];
  }
  return h;
}

std::vector<Atom> atoms_of(const std::vector<double>& sorted) {
  std::vector<std::pair<std::uint64_t, double>> runs;  // (count, value) of runs of equal values
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    if (static_cast<double>(j - i) >= kAtomShare * static_cast<double>(sorted.size()))
      runs.push_back({j - i, sorted[i]});
    i = j;
  }
  std::stable_sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Atom> atoms;
  for (std::size_t i = 0; i < runs.size() && i < kMaxAtoms; ++i)
    atoms.push_back({runs[i].second, static_cast<double>(runs[i].first) / static_cast<double>(sorted.size())});
  return atoms;
}

}  // namespace

Histogram fitted_histogram(const std::vector<double>& sorted, int min_bins, int max_bins) {
  Histogram h;
  if (sorted.empty()) return h;
  h.lo = sorted.front(), h.hi = sorted.back();
  const double range = h.hi - h.lo;
  if (!(range > 0)) {
    h.counts = {static_cast<std::uint64_t>(sorted.size())};
    return h;
  }
  const double iqr = quantile_type7(sorted, 0.75) - quantile_type7(sorted, 0.25);
  const double width = 2 * iqr / std::cbrt(static_cast<double>(sorted.size()));
  const double wanted = width > 0 ? std::ceil(range / width) : static_cast<double>(max_bins);
  const int bins = static_cast<int>(std::clamp(wanted, static_cast<double>(min_bins), static_cast<double>(max_bins)));
  h.counts.assign(static_cast<std::size_t>(bins), 0);
  for (double v : sorted) {
    const int bin = static_cast<int>(std::floor((v - h.lo) / range * bins));
    ++h.counts[static_cast<std::size_t>(std::clamp(bin, 0, bins - 1))];
  }
  return h;
}

double quantile_type7(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return NAN;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

std::vector<OutputSummary> summarize_run(const McRun& run) {
  std::vector<OutputSummary> summaries;
  const std::size_t n = run.results.size();
  if (n == 0) return summaries;
  for (std::size_t k = 0; k < run.outputs.size(); ++k) {
    std::vector<double> values(n);
    for (std::size_t t = 0; t < n; ++t) values[t] = run.results[t][k];
    OutputSummary s;
    s.output = run.outputs[k];
    s.trials = n;
    double sum = 0.0;
    for (double v : values) sum += v;
    s.mean = sum / static_cast<double>(n);
    double squares = 0.0;
    for (double v : values) squares += (v - s.mean) * (v - s.mean);
    s.sd = n > 1 ? std::sqrt(squares / static_cast<double>(n - 1)) : 0.0;
    for (std::uint64_t part : {n / 4, n / 2}) {
      if (part == 0) continue;
      const auto first = sorted_copy(std::vector<double>(values.begin(), values.begin() + part));
      s.median_convergence.push_back({part, quantile_type7(first, 0.5)});
    }
    const auto sorted = sorted_copy(values);
    s.median_convergence.push_back({n, quantile_type7(sorted, 0.5)});
    const double probabilities[] = {0.05, 0.25, 0.50, 0.75, 0.95};
    for (int q = 0; q < 5; ++q) s.quantiles[q] = quantile_type7(sorted, probabilities[q]);
    s.histogram = histogram_of(sorted, s.output);
    s.fitted_histogram = fitted_histogram(sorted);
    s.atoms = atoms_of(sorted);
    summaries.push_back(std::move(s));
  }
  return summaries;
}

bool point_outside_band(const OutputSummary& summary, double point) {
  const double p5 = summary.quantiles[0], p95 = summary.quantiles[4];
  if (!std::isfinite(point) || !std::isfinite(p5) || !std::isfinite(p95)) return false;
  // A point equal to a quantile up to rounding (discrete outputs put both on one atom) is inside.
  const double slack = 1e-9 * std::max({1.0, std::fabs(p5), std::fabs(p95)});
  return point < p5 - slack || point > p95 + slack;
}

}  // namespace pivot
