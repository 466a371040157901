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
// Both are exact and cheap; the general case (a combination) is relu_separated's.
void simple_separated(const PpmlProblem& p, std::vector<bool>& dropped, std::vector<std::uint8_t>& reason) {
  const std::size_t n = p.y.size();
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
          reason[o] = static_cast<std::uint8_t>(Separation::regressor);
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
          reason[o] = static_cast<std::uint8_t>(Separation::fixed_effect);
          changed = true;
        }
    }
  }
}

// Weighted least squares of a column on the fixed effects' dummies by alternating
// projections (weighted group means subtracted in turn, every second sweep extrapolated
// by Irons & Tuck): the column is replaced by its residual. False when `max_sweeps` ran
// out before a sweep moved no value by more than `tolerance` times the column's scale.
bool partial_out_weighted(std::vector<double>& column, const std::vector<std::vector<std::uint32_t>>& group,
                          const std::vector<double>& w, const std::vector<std::vector<double>>& inverse_weight,
                          double tolerance, long long max_sweeps, long long& sweeps) {
  if (group.empty()) return true;
  double scale = 0;
  for (double v : column) scale = std::max(scale, std::abs(v));
  if (scale == 0) return true;
  std::vector<double> mean, v0, v1;
  auto sweep = [&] {
    double moved = 0;
    for (std::size_t d = 0; d < group.size(); ++d) {
      const auto& g = group[d];
      mean.assign(inverse_weight[d].size(), 0.0);
      for (std::size_t i = 0; i < column.size(); ++i) mean[g[i]] += w[i] * column[i];
      for (std::size_t h = 0; h < mean.size(); ++h) {
        mean[h] *= inverse_weight[d][h];
        moved = std::max(moved, std::abs(mean[h]));
      }
      for (std::size_t i = 0; i < column.size(); ++i) column[i] -= mean[g[i]];
    }
    ++sweeps;
    return moved;
  };
  for (long long s = 0; s < max_sweeps; s += 2) {
    v0 = column;
    if (sweep() <= tolerance * scale) return true;
    v1 = column;
    if (sweep() <= tolerance * scale) return true;
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
  return false;
}

// Separation by a combination of regressors and fixed effects: the iterated ReLU
// least squares of Correia, Guimaraes & Zylkin (2021, "Verifying the existence of
// maximum likelihood estimates for generalized linear models", sec. 3; ppmlhdfe's
// default). The observations are separated iff some z = X g + D a (D the fixed
// effects' dummies) is 0 wherever y > 0, >= 0 wherever y = 0 and > 0 somewhere;
// those with z > 0 are the separated ones. Start from u = 1 where y = 0 (0 where
// y > 0); fit u by least squares on [X, D] with weight 1 where y = 0 and a large
// weight where y > 0 (which holds the fit there at 0); if every fitted value where
// y = 0 is >= 0, those > 0 are separated; else u = max(fit, 0) there and again.
// A shortcut ends the search early when there is no separation: the weighted
// residual r of any such fit is orthogonal to every z of the form above, so if r is
// > 0 at every y = 0 observation, z'r = sum over y = 0 of z r > 0 for a separating z
// would contradict z'r = 0 (Gordan's alternative): nothing is separated.
// Two ways to fit: exactly (relu_dense: the combinations that are 0 wherever y > 0
// are the null space of those rows of [X, D], from an SVD, and each fit a least
// squares in that space), where [X, D] is small enough to hold densely; else
// (relu_weighted) as ppmlhdfe does, a weighted least squares with the fixed effects
// partialled out by alternating projections, the rows with y > 0 weighted 1e8.
// The weighted fit converges slowly along directions only the y = 0 rows pin down
// (exactly the separating ones), so it is given a budget of sweeps and is a
// best effort; the dense one is exact.
// Each returns the number of least-squares fits it took.
constexpr double kReluTolerance = 1e-7;  // a fitted value above this (where y = 0) is separated
constexpr int kReluMaxFits = 1000;

// The ReLU iteration once the fit is a linear map: `fit(u, z)` sets z to the least-squares
// fit of u (given at the y = 0 rows, 0 elsewhere) among the combinations 0 where y > 0,
// and returns the residual's smallest value. Marks the separated rows (indices into
// `rows`) and returns the number of fits.
template <class Fit>
int relu_iterate(std::size_t mb, Fit&& fit, std::vector<bool>& separated_row) {
  std::vector<double> u(mb, 1.0), z(mb);
  for (int fits = 1; fits <= kReluMaxFits; ++fits) {
    const double least_residual = fit(u, z);
    if (std::isnan(least_residual)) return fits;  // out of budget: undecided, nothing marked
    double scale = 0, lowest = 0;
    for (std::size_t i = 0; i < mb; ++i) {
      scale = std::max(scale, u[i]);
      lowest = std::min(lowest, z[i]);
    }
    if (least_residual > kReluTolerance * scale) return fits;  // the certificate: nothing separated
    if (lowest >= -kReluTolerance) {
      for (std::size_t i = 0; i < mb; ++i) separated_row[i] = z[i] > kReluTolerance;
      return fits;
    }
    double largest = 0;
    for (std::size_t i = 0; i < mb; ++i) {
      u[i] = std::max(z[i], 0.0);
      largest = std::max(largest, u[i]);
    }
    if (largest <= kReluTolerance) return fits;  // shrunk to nothing: no separating direction
  }
  return kReluMaxFits;
}

// The exact fit: M = [X, D] over the kept rows (regressors scaled to a largest |value| of
// 1, one dummy per group present); N spans the null space of M's rows with y > 0 (right
// singular vectors with singular values below 1e-9 of the largest); every fit is a least
// squares of u on M_B N, M_B the rows with y = 0.
int relu_dense(const PpmlProblem& p, const std::vector<std::size_t>& kept, std::vector<bool>& dropped,
               std::vector<std::uint8_t>& reason) {
  const std::size_t k = p.regressors.size();
  std::vector<std::vector<std::int64_t>> column_of(p.fixed_effects.size());
  std::size_t c = k;
  for (std::size_t d = 0; d < p.fixed_effects.size(); ++d) {
    column_of[d].assign(p.fixed_effects[d].groups, -1);
    for (std::size_t o : kept) {
      auto& col = column_of[d][p.fixed_effects[d].group[o]];
      if (col < 0) col = std::int64_t(c++);
    }
  }
  std::vector<std::size_t> interior, boundary;
  for (std::size_t o : kept) (p.y[o] > 0 ? interior : boundary).push_back(o);
  std::vector<double> scale(k, 0.0);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t o : kept) scale[a] = std::max(scale[a], std::abs(p.regressors[a][o]));
    if (scale[a] == 0) scale[a] = 1;
  }
  auto rows = [&](const std::vector<std::size_t>& which) {
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(Eigen::Index(which.size()), Eigen::Index(c));
    for (std::size_t r = 0; r < which.size(); ++r) {
      for (std::size_t a = 0; a < k; ++a) out(Eigen::Index(r), Eigen::Index(a)) = p.regressors[a][which[r]] / scale[a];
      for (std::size_t d = 0; d < p.fixed_effects.size(); ++d)
        out(Eigen::Index(r), column_of[d][p.fixed_effects[d].group[which[r]]]) = 1.0;
    }
    return out;
  };
  const Eigen::MatrixXd mp = rows(interior);
  Eigen::BDCSVD<Eigen::MatrixXd> svd(mp, Eigen::ComputeFullV);
  const auto& sv = svd.singularValues();
  const double largest = sv.size() > 0 ? sv(0) : 0.0;
  Eigen::Index rank = 0;
  while (rank < sv.size() && sv(rank) > 1e-9 * largest) ++rank;
  const Eigen::MatrixXd null = svd.matrixV().rightCols(Eigen::Index(c) - rank);
  if (null.cols() == 0) return 0;  // only z = 0 is 0 wherever y > 0: nothing can be separated
  // M's entries are at most 1 and N's columns orthonormal: what is left below 1e-10 is
  // rounding, a combination that is 0 at that row too.
  const Eigen::MatrixXd b = (rows(boundary) * null).unaryExpr([](double v) { return std::abs(v) < 1e-10 ? 0.0 : v; });
  if (b.isZero(0.0)) return 0;
  Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod;
  cod.setThreshold(1e-10);
  cod.compute(b);
  std::vector<bool> separated_row(boundary.size(), false);
  const int fits = relu_iterate(
      boundary.size(),
      [&](const std::vector<double>& u, std::vector<double>& z) {
        const Eigen::VectorXd uv = Eigen::Map<const Eigen::VectorXd>(u.data(), Eigen::Index(u.size()));
        const Eigen::VectorXd zv = b * cod.solve(uv);
        double least = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < u.size(); ++i) {
          z[i] = zv(Eigen::Index(i));
          least = std::min(least, u[i] - z[i]);
        }
        return least;
      },
      separated_row);
  for (std::size_t r = 0; r < boundary.size(); ++r)
    if (separated_row[r]) {
      dropped[boundary[r]] = true;
      reason[boundary[r]] = static_cast<std::uint8_t>(Separation::combination);
    }
  return fits;
}

// The dense (exact) ReLU fit when [X, D] has at most this many columns, its rows at most
// this many cells (80 MB) and their decompositions (about rows x columns^2 multiply-adds)
// at most this much work (a second or so).
constexpr std::size_t kDenseColumns = 2000;
constexpr std::size_t kDenseCells = 10'000'000;
constexpr double kDenseWork = 2e9;

int relu_weighted(const PpmlProblem& p, const std::vector<std::size_t>& kept, std::vector<bool>& dropped,
                  std::vector<std::uint8_t>& reason) {
  const std::size_t m = kept.size();
  constexpr double kInteriorWeight = 1e8;    // holds the fit at 0 where y > 0 to about 1e-8
  constexpr long long kSweepsPerFit = 1000;  // the budget (see above), per fit or regressor
  constexpr long long kSweepBudget = 4000;   // and in all: about as much work as the estimation itself
  std::vector<double> w(m);
  std::vector<std::size_t> boundary;  // positions in kept
  for (std::size_t i = 0; i < m; ++i) {
    const bool zero = p.y[kept[i]] == 0;
    w[i] = zero ? 1.0 : kInteriorWeight;
    if (zero) boundary.push_back(i);
  }
  std::vector<std::vector<std::uint32_t>> group;
  std::vector<std::vector<double>> inverse_weight;
  for (const auto& fe : p.fixed_effects) {
    auto& g = group.emplace_back(m);
    auto& iw = inverse_weight.emplace_back(fe.groups, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
      g[i] = fe.group[kept[i]];
      iw[g[i]] += w[i];
    }
    for (double& v : iw) v = v > 0 ? 1.0 / v : 0.0;
  }
  long long sweeps = 0;
  const double demean_tolerance = 1e-13;
  // A partialling-out within what is left of both budgets; false (undecided) when it ran out.
  const auto partial_out = [&](std::vector<double>& column) {
    const long long allowed = std::min(kSweepsPerFit, kSweepBudget - sweeps);
    return allowed > 0 && partial_out_weighted(column, group, w, inverse_weight, demean_tolerance, allowed, sweeps);
  };
  // The regressors with the fixed effects partialled out (same weights every fit).
  const std::size_t k = p.regressors.size();
  Eigen::MatrixXd xt(m, k);
  for (std::size_t a = 0; a < k; ++a) {
    std::vector<double> column(m);
    for (std::size_t i = 0; i < m; ++i) column[i] = p.regressors[a][kept[i]];
    if (!partial_out(column)) return 0;  // undecided: nothing dropped
    for (std::size_t i = 0; i < m; ++i) xt(i, a) = column[i];
  }
  const Eigen::VectorXd wv = Eigen::Map<const Eigen::VectorXd>(w.data(), Eigen::Index(m));
  Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod;  // collinear regressors allowed
  if (k > 0) {
    cod.setThreshold(1e-10);
    cod.compute(xt.transpose() * wv.asDiagonal() * xt);
  }
  std::vector<bool> separated_row(boundary.size(), false);
  std::vector<double> residual(m);
  const int fits = relu_iterate(
      boundary.size(),
      [&](const std::vector<double>& u, std::vector<double>& z) {
        std::fill(residual.begin(), residual.end(), 0.0);
        for (std::size_t r = 0; r < boundary.size(); ++r) residual[boundary[r]] = u[r];
        if (!partial_out(residual)) return std::numeric_limits<double>::quiet_NaN();  // undecided
        if (k > 0) {
          Eigen::VectorXd rhs = Eigen::VectorXd::Zero(Eigen::Index(k));
          for (std::size_t a = 0; a < k; ++a)
            for (std::size_t i = 0; i < m; ++i) rhs(a) += xt(i, a) * w[i] * residual[i];
          const Eigen::VectorXd g = cod.solve(rhs);
          for (std::size_t i = 0; i < m; ++i)
            for (std::size_t a = 0; a < k; ++a) residual[i] -= xt(i, a) * g(a);
        }
        double least = std::numeric_limits<double>::infinity();
        for (std::size_t r = 0; r < boundary.size(); ++r) {
          z[r] = u[r] - residual[boundary[r]];
          least = std::min(least, residual[boundary[r]]);
        }
        return least;
      },
      separated_row);
  for (std::size_t r = 0; r < boundary.size(); ++r)
    if (separated_row[r]) {
      dropped[kept[boundary[r]]] = true;
      reason[kept[boundary[r]]] = static_cast<std::uint8_t>(Separation::combination);
    }
  return fits;
}

int relu_separated(const PpmlProblem& p, std::vector<bool>& dropped, std::vector<std::uint8_t>& reason) {
  std::vector<std::size_t> kept;
  std::size_t zeros = 0;
  for (std::size_t o = 0; o < p.y.size(); ++o)
    if (!dropped[o]) {
      kept.push_back(o);
      zeros += p.y[o] == 0;
    }
  if (zeros == 0 || kept.size() == zeros) return 0;
  // Fixed effects alone separate only through two or more dimensions (one is the check above).
  if (p.regressors.empty() && p.fixed_effects.size() < 2) return 0;
  std::size_t columns = p.regressors.size();
  for (const auto& fe : p.fixed_effects) columns += fe.groups;
  // The dense fit holds both the rows with y > 0 (their SVD) and those with y = 0 (the
  // product with the null space and its decomposition): the limits count all of them.
  if (columns <= kDenseColumns && kept.size() * columns <= kDenseCells &&
      double(kept.size()) * double(columns) * double(columns) <= kDenseWork)
    return relu_dense(p, kept, dropped, reason);
  return relu_weighted(p, kept, dropped, reason);
}

std::vector<bool> separated(const PpmlProblem& p, std::vector<std::uint8_t>& reason, int& relu_fits) {
  const std::size_t n = p.y.size();
  std::vector<bool> dropped(n, false);
  reason.assign(n, static_cast<std::uint8_t>(Separation::none));
  relu_fits = 0;
  // A drop by the ReLU check can leave a regressor or fixed effect separating on its own: repeat.
  for (std::size_t before = 0;;) {
    simple_separated(p, dropped, reason);
    relu_fits += relu_separated(p, dropped, reason);
    const std::size_t now = std::count(dropped.begin(), dropped.end(), true);
    if (now == before) break;
    before = now;
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
    for (auto& column : out)
      partial_out_weighted(column, group, mu, inverse_weight, tolerance, max_sweeps, demean_sweeps);
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
  result.dropped = separated(problem, result.separation, result.relu_fits);
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
    // A term collinear with earlier ones (once the fixed effects are partialled out) is
    // omitted, the later one as Stata does: its part not explained by the terms kept
    // before it (the Schur complement in H) is below 1e-9 of its weighted variance.
    // Dropping separated observations can leave such a pair (the separating
    // combination is 0 on every kept observation).
    std::vector<Eigen::Index> keep;
    for (Eigen::Index a = 0; a < h.rows(); ++a) {
      double rest = h(a, a);
      if (!keep.empty()) {
        const Eigen::Index q = Eigen::Index(keep.size());
        Eigen::MatrixXd hk(q, q);
        Eigen::VectorXd ha(q);
        for (Eigen::Index i = 0; i < q; ++i) {
          ha(i) = h(keep[i], a);
          for (Eigen::Index j = 0; j < q; ++j) hk(i, j) = h(keep[i], keep[j]);
        }
        rest -= ha.dot(hk.ldlt().solve(ha));
      }
      if (rest > 1e-9 * h(a, a))
        keep.push_back(a);
      else {
        result.omitted[active[a]] = true;
        beta[active[a]] = 0;
      }
    }
    if (Eigen::Index(keep.size()) < h.rows()) {
      std::vector<std::size_t> kept_terms;
      Eigen::MatrixXd hk(keep.size(), keep.size());
      for (std::size_t i = 0; i < keep.size(); ++i) {
        kept_terms.push_back(active[keep[i]]);
        for (std::size_t j = 0; j < keep.size(); ++j) hk(i, j) = h(keep[i], keep[j]);
      }
      active = kept_terms;
      h = hk;
      if (active.empty()) return;
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
