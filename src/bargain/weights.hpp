// Weighted summaries of actors' positions on one issue, shared by the baselines
// (baselines.cpp) and bdm (bdm.cpp), so both report the same number for the
// same weights.
//
// Zero total weight: the loaders refuse scenarios where no actor weighs an
// issue (check_weights in src/scenario/table_reader.cpp), but a Monte Carlo
// draw can still bring every capability x salience to 0. Then every actor
// counts equally; that fallback is part of the published outputs, so keep it.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

namespace pivot::bargain {

// Equal weights where the weights sum to nothing (see above). The sum is
// std::accumulate's left-to-right one, as every caller used before.
inline void equal_weights_if_none(std::vector<double>& w, std::size_t n) {
  if (std::accumulate(w.begin(), w.end(), 0.0) <= 0.0) w.assign(n, 1.0);
}

// sum w_i x_i / sum w_i, both sums in input order (results are compared bit for
// bit). Zero total weight gives the unweighted mean; no positions give NaN (0/0),
// which no caller passes.
inline double weighted_mean(const std::vector<double>& x, const std::vector<double>& w) {
  double sw = 0.0, swx = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sw += w[i];
    swx += w[i] * x[i];
  }
  if (sw <= 0.0) return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  return swx / sw;
}

// The lower weighted median: the smallest position with at least half the
// weight at or below it (the `median` baseline).
inline double weighted_median(const std::vector<double>& x, std::vector<double> w) {
  equal_weights_if_none(w, x.size());
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  const double half = std::accumulate(w.begin(), w.end(), 0.0) / 2.0;
  double acc = 0.0;
  for (std::size_t idx : order) {
    acc += w[idx];
    if (acc >= half) return x[idx];
  }
  return x[order.back()];
}

// bdm's median voter: the position (among those held) that wins or ties every
// pairwise vote (Scholz et al., Appendix step 3, eqs. 26-29 with linear
// utilities), i.e. the minimiser of sum_k w_k |x_k - y|; ties, up to a relative
// 1e-12, go to the lowest such position. Mathematically a weighted median like
// the one above, but it is computed as bdm's published runs were, and the two
// can differ in the last bits or on near-ties, so they stay two functions.
inline double median_voter(const std::vector<double>& x, std::vector<double> w) {
  equal_weights_if_none(w, x.size());
  std::vector<double> candidates = x;
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  double best = candidates.front();
  double best_loss = 0.0;
  for (std::size_t m = 0; m < candidates.size(); ++m) {
    const double y = candidates[m];
    double loss = 0.0;
    for (std::size_t k = 0; k < x.size(); ++k) loss += w[k] * std::fabs(x[k] - y);
    if (m == 0 || loss < best_loss - 1e-12 * std::max(1.0, std::fabs(best_loss))) {
      best_loss = loss;
      best = y;
    }
  }
  return best;
}

}  // namespace pivot::bargain
