// PPML with high-dimensional fixed effects: the fixed effects solved exactly for
// the current beta by iterative proportional fitting (their first-order
// conditions say each group's fitted total equals its observed total), and beta
// by Newton steps on the likelihood concentrated in the fixed effects, whose
// Hessian is X~' W X~ with X~ the regressors with the fixed effects partialled
// out (weights mu) by alternating projections. Why this and not ppmlhdfe's IRLS:
// docs/models/ge.md, "PPML".
#include "pivot/econ/ppml.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "pivot/core/error.hpp"

namespace pivot::gravity {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_sizes(const PpmlProblem& p) {
  const std::size_t n = p.y.size();
  if (p.regressors.size() != p.terms.size()) throw UsageError("ppml: one regressor column per term expected");
  for (const auto& column : p.regressors)
    if (column.size() != n) throw UsageError("ppml: every regressor needs one value per observation");
  if (!p.offset.empty() && p.offset.size() != n) throw UsageError("ppml: the offset needs one value per observation");
  if (!p.cluster.empty() && p.cluster.size() != n)
    throw UsageError("ppml: the cluster needs one value per observation");
  for (const auto& fe : p.fixed_effects) {
    if (fe.group.size() != n)
      throw UsageError(fmt::format("ppml: fixed effect {} needs one group per observation", fe.name));
    for (auto g : fe.group)
      if (g >= fe.groups) throw UsageError(fmt::format("ppml: fixed effect {} has a group out of range", fe.name));
  }
  for (double y : p.y)
    if (!(y >= 0) || !std::isfinite(y)) throw UsageError("ppml: the dependent variable must be finite and >= 0");
}

// Separation by the fixed effects: a group whose observations all have y = 0 has
// fitted means 0 at the optimum (its effect goes to minus infinity). Dropping it
// can empty another group's positive observations, so repeat until nothing changes.
// And by one regressor (Correia, Guimaraes & Zylkin 2019, the single-regressor
// case): a regressor that is 0 wherever y > 0 and of one sign where it is not 0
// sends its coefficient to -/+ infinity and those observations' means to 0.
std::vector<bool> separated(const PpmlProblem& p) {
  const std::size_t n = p.y.size();
  std::vector<bool> dropped(n, false);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& column : p.regressors) {
      bool positive = false, negative = false, on_positive_y = false;
      for (std::size_t o = 0; o < n && !on_positive_y; ++o) {
        if (dropped[o] || column[o] == 0) continue;
        if (p.y[o] > 0) on_positive_y = true;
        (column[o] > 0 ? positive : negative) = true;
      }
      if (on_positive_y || positive == negative) continue;  // not separating, or both signs: not decided here
      for (std::size_t o = 0; o < n; ++o)
        if (!dropped[o] && column[o] != 0) {
          dropped[o] = true;
          changed = true;
        }
    }
    for (const auto& fe : p.fixed_effects) {
      std::vector<double> total(fe.groups, 0.0);
      for (std::size_t o = 0; o < n; ++o)
        if (!dropped[o]) total[fe.group[o]] += p.y[o];
      for (std::size_t o = 0; o < n; ++o)
        if (!dropped[o] && total[fe.group[o]] <= 0) {
          dropped[o] = true;
          changed = true;
        }
    }
  }
  return dropped;
}

// The estimation state over the kept observations.
struct State {
  const PpmlProblem& p;
  std::vector<std::size_t> kept;                  // observation indices
  std::vector<std::vector<std::uint32_t>> group;  // per dimension, per kept observation
  std::vector<std::vector<double>> y_total;       // per dimension, per group
  std::vector<std::vector<double>> alpha;         // per dimension, per group (log)
  std::vector<double> y, mu;                      // per kept observation
  std::vector<std::vector<double>> x;             // per term, per kept observation
  long long sweeps = 0, demean_sweeps = 0;

  explicit State(const PpmlProblem& problem, const std::vector<bool>& dropped) : p(problem) {
    for (std::size_t o = 0; o < p.y.size(); ++o)
      if (!dropped[o]) kept.push_back(o);
    const std::size_t m = kept.size();
    y.resize(m);
    for (std::size_t i = 0; i < m; ++i) y[i] = p.y[kept[i]];
    for (const auto& fe : p.fixed_effects) {
      auto& g = group.emplace_back(m);
      auto& total = y_total.emplace_back(fe.groups, 0.0);
      for (std::size_t i = 0; i < m; ++i) {
        g[i] = fe.group[kept[i]];
        total[g[i]] += y[i];
      }
      alpha.emplace_back(fe.groups, 0.0);
    }
    for (const auto& column : p.regressors) {
      auto& c = x.emplace_back(m);
      for (std::size_t i = 0; i < m; ++i) c[i] = column[kept[i]];
    }
  }

  // mu = exp(offset + x'beta + sum alpha), the linear predictor rebuilt in full.
  void rebuild_mu(const std::vector<double>& beta) {
    const std::size_t m = kept.size();
    mu.assign(m, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
      double eta = p.offset.empty() ? 0.0 : p.offset[kept[i]];
      for (std::size_t k = 0; k < x.size(); ++k)
        if (std::isfinite(beta[k])) eta += beta[k] * x[k][i];
      for (std::size_t d = 0; d < group.size(); ++d) eta += alpha[d][group[d][i]];
      mu[i] = std::exp(eta);
    }
  }

  // One proportional-fitting pass over dimension d; returns the largest |log factor|.
  double fit_dimension(std::size_t d) {
    const auto& g = group[d];
    std::vector<double>& mu_total = scratch_total;
    std::vector<double>& factor = scratch_factor;
    mu_total.assign(alpha[d].size(), 0.0);
    factor.assign(alpha[d].size(), 1.0);
    for (std::size_t i = 0; i < mu.size(); ++i) mu_total[g[i]] += mu[i];
    double worst = 0;
    for (std::size_t h = 0; h < factor.size(); ++h) {
      if (y_total[d][h] <= 0 || mu_total[h] <= 0) continue;  // empty group
      factor[h] = y_total[d][h] / mu_total[h];
      const double log_factor = std::log(factor[h]);
      alpha[d][h] += log_factor;
      worst = std::max(worst, std::abs(log_factor));
    }
    for (std::size_t i = 0; i < mu.size(); ++i) mu[i] *= factor[g[i]];
    return worst;
  }
  std::vector<double> scratch_total, scratch_factor;

  // The fixed effects for the current beta: sweeps until every group's fitted
  // total matches its observed total to `tolerance` (relative). True if it did.
  bool fit_fixed_effects(double tolerance, long long max_sweeps) {
    if (group.empty()) return true;
    while (sweeps < max_sweeps) {
      double worst = 0;
      for (std::size_t d = 0; d < group.size(); ++d) worst = std::max(worst, fit_dimension(d));
      ++sweeps;
      if (worst <= tolerance) return true;
    }
    return false;
  }

  double log_likelihood() const {
    double sum = 0;
    for (std::size_t i = 0; i < mu.size(); ++i) sum += (y[i] > 0 ? y[i] * std::log(mu[i]) : 0.0) - mu[i];
    return sum;
  }

  // One alternating-projection sweep: subtract each dimension's weighted group means in
  // turn (weights mu; `inverse_weight` per dimension and group: 1 / its total of mu, or 0);
  // returns the largest mean subtracted.
  double project_sweep(std::vector<double>& column, const std::vector<std::vector<double>>& inverse_weight) {
    double moved = 0;
    for (std::size_t d = 0; d < group.size(); ++d) {
      const auto& g = group[d];
      std::vector<double>& mean = scratch_total;
      mean.assign(alpha[d].size(), 0.0);
      for (std::size_t i = 0; i < column.size(); ++i) mean[g[i]] += mu[i] * column[i];
      for (std::size_t h = 0; h < mean.size(); ++h) {
        mean[h] *= inverse_weight[d][h];
        moved = std::max(moved, std::abs(mean[h]));
      }
      for (std::size_t i = 0; i < column.size(); ++i) column[i] -= mean[g[i]];
    }
    ++demean_sweeps;
    return moved;
  }

  // The regressors with the fixed effects partialled out, weights mu: alternating
  // projections, each pair of sweeps extrapolated by Irons & Tuck (1969) as fixest does,
  // until a sweep moves no value by more than tolerance times the column's scale.
  std::vector<std::vector<double>> demeaned(double tolerance, long long max_sweeps) {
    std::vector<std::vector<double>> out = x;
    if (group.empty()) return out;
    std::vector<std::vector<double>> inverse_weight(group.size());
    for (std::size_t d = 0; d < group.size(); ++d) {
      inverse_weight[d].assign(alpha[d].size(), 0.0);
      for (std::size_t i = 0; i < mu.size(); ++i) inverse_weight[d][group[d][i]] += mu[i];
      for (double& w : inverse_weight[d]) w = w > 0 ? 1.0 / w : 0.0;
    }
    std::vector<double> v0, v1;
    for (auto& column : out) {
      double scale = 0;
      for (double v : column) scale = std::max(scale, std::abs(v));
      if (scale == 0) continue;
      for (long long sweep = 0; sweep < max_sweeps; sweep += 2) {
        v0 = column;
        if (project_sweep(column, inverse_weight) <= tolerance * scale) break;
        v1 = column;
        if (project_sweep(column, inverse_weight) <= tolerance * scale) break;
        // column = v2; extrapolate along the second difference.
        double num = 0, den = 0;
        for (std::size_t i = 0; i < column.size(); ++i) {
          const double d2 = column[i] - v1[i], dd = d2 - (v1[i] - v0[i]);
          num += dd * d2;
          den += dd * dd;
        }
        if (den > 0) {
          const double step = num / den;
          for (std::size_t i = 0; i < column.size(); ++i) column[i] -= step * (column[i] - v1[i]);
        }
      }
    }
    return out;
  }
};

// beta's clustered covariance: H^-1 (sum over clusters of s_c s_c') H^-1 * G/(G-1),
// s_c the cluster's sum of x~ (y - mu); the small-sample factor is Stata's.
Eigen::MatrixXd clustered_covariance(const State& s, const std::vector<std::vector<double>>& xt,
                                     const std::vector<std::size_t>& active, const Eigen::MatrixXd& h_inverse,
                                     std::size_t& clusters) {
  const std::size_t k = active.size();
  std::vector<std::uint32_t> cluster(s.kept.size());
  std::uint32_t count = 0;
  if (s.p.cluster.empty()) {
    std::iota(cluster.begin(), cluster.end(), 0u);
    count = static_cast<std::uint32_t>(cluster.size());
  } else {
    // Renumber the clusters the kept observations use, in order of first appearance.
    std::vector<std::int64_t> renumber(*std::max_element(s.p.cluster.begin(), s.p.cluster.end()) + 1, -1);
    for (std::size_t i = 0; i < s.kept.size(); ++i) {
      auto& r = renumber[s.p.cluster[s.kept[i]]];
      if (r < 0) r = count++;
      cluster[i] = static_cast<std::uint32_t>(r);
    }
  }
  clusters = count;
  Eigen::MatrixXd scores = Eigen::MatrixXd::Zero(count, k);
  for (std::size_t i = 0; i < s.kept.size(); ++i)
    for (std::size_t a = 0; a < k; ++a) scores(cluster[i], a) += xt[active[a]][i] * (s.y[i] - s.mu[i]);
  const Eigen::MatrixXd meat = scores.transpose() * scores;
  const double small_sample = count > 1 ? double(count) / double(count - 1) : 1.0;
  return small_sample * h_inverse * meat * h_inverse;
}

}  // namespace

PpmlResult estimate_ppml(const PpmlProblem& problem) {
  check_sizes(problem);
  PpmlResult result;
  result.terms = problem.terms;
  result.dropped = separated(problem);
  result.dropped_count = std::count(result.dropped.begin(), result.dropped.end(), true);
  State s(problem, result.dropped);
  const std::size_t k = problem.terms.size();
  std::vector<double> beta(k, 0.0);
  result.omitted.assign(k, false);
  const double tol = problem.tolerance;
  // The fixed effects are fitted loosely while beta still moves far and tightly near the
  // optimum (below the tolerance on beta, so the last steps see exact first-order
  // conditions); the Hessian only steers Newton, so its partialling out can be loose
  // until the standard errors need it.
  const double tight_fe = tol * 1e-2;
  double fe_tol = 1e-4;

  // Start: every mean at the observed average (one pass of the first dimension does it).
  s.rebuild_mu(beta);
  if (s.group.empty() && k == 0) throw UsageError("ppml: nothing to estimate (no regressors, no fixed effects)");
  bool fe_ok = s.fit_fixed_effects(fe_tol, problem.max_sweeps);
  double loglik = s.log_likelihood();
  std::vector<std::size_t> active;
  for (std::size_t a = 0; a < k; ++a) active.push_back(a);
  Eigen::MatrixXd h_inverse;
  std::vector<std::vector<double>> xt;

  // Newton's Hessian and its inverse over the active (not omitted) terms.
  auto hessian = [&](double demean_tolerance) {
    xt = s.demeaned(demean_tolerance, problem.max_sweeps);
    // A term the fixed effects explain leaves (almost) nothing: omitted.
    std::vector<std::size_t> still;
    for (std::size_t a : active) {
      double before = 0, after = 0;
      for (std::size_t i = 0; i < s.mu.size(); ++i) {
        before += s.mu[i] * s.x[a][i] * s.x[a][i];
        after += s.mu[i] * xt[a][i] * xt[a][i];
      }
      if (after <= 1e-10 * std::max(before, 1e-300)) {
        result.omitted[a] = true;
        beta[a] = 0;
      } else {
        still.push_back(a);
      }
    }
    active = still;
    Eigen::MatrixXd h = Eigen::MatrixXd::Zero(active.size(), active.size());
    for (std::size_t a = 0; a < active.size(); ++a)
      for (std::size_t b = a; b < active.size(); ++b) {
        double sum = 0;
        for (std::size_t i = 0; i < s.mu.size(); ++i) sum += s.mu[i] * xt[active[a]][i] * xt[active[b]][i];
        h(a, b) = h(b, a) = sum;
      }
    Eigen::FullPivLU<Eigen::MatrixXd> lu(h);
    if (!lu.isInvertible())
      throw UsageError("ppml: the regressors are collinear (with each other or the fixed effects)");
    h_inverse = lu.inverse();
  };

  for (int iteration = 0; iteration < problem.max_iterations && k > 0; ++iteration) {
    hessian(1e-6);
    if (active.empty()) {
      result.converged = fe_ok;
      break;
    }
    Eigen::VectorXd score = Eigen::VectorXd::Zero(active.size());
    for (std::size_t a = 0; a < active.size(); ++a)
      for (std::size_t i = 0; i < s.mu.size(); ++i) score(a) += s.x[active[a]][i] * (s.y[i] - s.mu[i]);
    const Eigen::VectorXd step = h_inverse * score;
    // Convergence is judged on the full Newton step, never on a halved one.
    double largest = 0;
    for (std::size_t a = 0; a < active.size(); ++a)
      largest = std::max(largest, std::abs(step(a)) / (1.0 + std::abs(beta[active[a]])));
    // Step halving keeps the concentrated likelihood rising (it is concave, so a full step rarely fails).
    const std::vector<double> old_beta = beta;
    const auto old_alpha = s.alpha;
    double length = 1.0;
    for (int halving = 0; halving < 40; ++halving, length /= 2) {
      beta = old_beta;
      s.alpha = old_alpha;
      for (std::size_t a = 0; a < active.size(); ++a) beta[active[a]] += length * step(a);
      s.rebuild_mu(beta);
      fe_ok = s.fit_fixed_effects(fe_tol, problem.max_sweeps);
      const double candidate = s.log_likelihood();
      if (candidate >= loglik - 1e-12 * std::abs(loglik)) {
        loglik = candidate;
        break;
      }
    }
    ++result.iterations;
    if (largest <= tol && fe_ok && fe_tol <= tight_fe) {
      result.converged = true;
      break;
    }
    const double next_fe_tol = std::clamp(largest * 1e-3, tight_fe, 1e-4);
    if (next_fe_tol < fe_tol) {  // the likelihood the next line search compares against, at the new accuracy
      fe_tol = next_fe_tol;
      fe_ok = s.fit_fixed_effects(fe_tol, problem.max_sweeps);
      loglik = s.log_likelihood();
    }
  }
  if (k == 0) result.converged = s.fit_fixed_effects(tight_fe, problem.max_sweeps);

  result.beta.assign(k, kNaN);
  result.std_error.assign(k, kNaN);
  if (k > 0 && !active.empty()) {
    hessian(tol * 1e-2);  // at the final means, to the standard errors' accuracy
    const Eigen::MatrixXd v = clustered_covariance(s, xt, active, h_inverse, result.clusters);
    for (std::size_t a = 0; a < active.size(); ++a) {
      result.beta[active[a]] = beta[active[a]];
      result.std_error[active[a]] = std::sqrt(v(a, a));
    }
  }
  result.mu.assign(problem.y.size(), 0.0);
  double deviance = 0, log_factorials = 0;
  for (std::size_t i = 0; i < s.kept.size(); ++i) {
    result.mu[s.kept[i]] = s.mu[i];
    if (s.y[i] > 0) deviance += s.y[i] * std::log(s.y[i] / s.mu[i]);
    deviance -= s.y[i] - s.mu[i];
    log_factorials += std::lgamma(s.y[i] + 1);
  }
  result.deviance = 2 * deviance;
  result.pseudo_log_likelihood = loglik - log_factorials;
  result.fixed_effects = s.alpha;
  result.sweeps = s.sweeps;
  result.demean_sweeps = s.demean_sweeps;
  return result;
}

}  // namespace pivot::gravity
