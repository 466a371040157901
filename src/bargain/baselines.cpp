// Baselines reported beside every model: weighted mean, weighted median (the
// median voter) and the asymmetric Nash bargaining solution, each issue on its
// own with weights capability x salience. See docs/models/baselines.md.
#include <algorithm>
#include <cmath>

#include "bargain/weights.hpp"
#include "pivot/bargain/forecast.hpp"

namespace pivot {
namespace {

using bargain::equal_weights_if_none;
using bargain::weighted_mean;
using bargain::weighted_median;

std::vector<double> weights_on(const Scenario& s, std::size_t issue) {
  std::vector<double> w;
  for (const Actor& a : s.actors) w.push_back(a.capability * a.salience[issue]);
  return w;
}

// Maximises sum_i w_i log(1 - |x - x_i| / range) over [min, max]: Nash's product
// of utility gains over the worst outcome (disagreement = utility 0), with
// bargaining powers w_i (Kalai 1977). The objective is concave on the hull of
// the positions, so a golden-section search finds the maximum.
double nash_bargaining(const std::vector<double>& x, std::vector<double> w, double lo, double hi) {
  equal_weights_if_none(w, x.size());
  const double range = hi - lo;
  auto objective = [&](double y) {
    double s = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (w[i] <= 0.0) continue;
      const double u = 1.0 - std::fabs(y - x[i]) / (range * (1.0 + 1e-9));
      s += w[i] * std::log(u);
    }
    return s;
  };
  double a = *std::min_element(x.begin(), x.end()), b = *std::max_element(x.begin(), x.end());
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  double c = b - ratio * (b - a), d = a + ratio * (b - a);
  double fc = objective(c), fd = objective(d);
  for (int it = 0; it < 200 && b - a > 1e-12 * std::max(1.0, range); ++it) {
    if (fc >= fd) {
      b = d, d = c, fd = fc;
      c = b - ratio * (b - a);
      fc = objective(c);
    } else {
      a = c, c = d, fc = fd;
      d = a + ratio * (b - a);
      fd = objective(d);
    }
  }
  return (a + b) / 2.0;
}

template <typename Rule>
std::vector<double> per_issue(const Scenario& s, Rule rule) {
  std::vector<double> out;
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    std::vector<double> x;
    for (const Actor& a : s.actors) x.push_back(a.position[k]);
    out.push_back(rule(x, weights_on(s, k), s.issues[k]));
  }
  return out;
}

}  // namespace

std::vector<double> weighted_mean_outcome(const Scenario& s) {
  return per_issue(s, [](const auto& x, const auto& w, const Issue&) { return weighted_mean(x, w); });
}

std::vector<double> weighted_median_outcome(const Scenario& s) {
  return per_issue(s, [](const auto& x, const auto& w, const Issue&) { return weighted_median(x, w); });
}

std::vector<double> nash_bargaining_outcome(const Scenario& s) {
  return per_issue(
      s, [](const auto& x, const auto& w, const Issue& issue) { return nash_bargaining(x, w, issue.min, issue.max); });
}

}  // namespace pivot
