// The principal branch of the logit QRE correspondence (McKelvey & Palfrey
// 1995), traced from the centroid at lambda = 0 by arc-length
// predictor–corrector continuation (Allgower & Georg 1990) in the variables
// (log p, lambda), as in Turocy (2005). For each player i the equations are
//   log p_ij - log p_i0 - lambda (u_ij(p) - u_i0(p)) = 0   (j > 0)
//   sum_j p_ij - 1 = 0,
// K equations in K + 1 unknowns, so the solutions form curves.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

#include "games/mixed_payoffs.hpp"
#include "pivot/games/game.hpp"

namespace pivot {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

struct System {
  const DoubleGame& g;
  std::vector<double> p, u;
  MatrixXd d;

  // H(z) at z = (log p, lambda) and, when `jac` is given, its Jacobian (K x (K+1)).
  void evaluate(const VectorXd& z, VectorXd& h, MatrixXd* jac) {
    const std::size_t k = g.total;
    const double lambda = z(static_cast<Index>(k));
    p.resize(k);
    for (std::size_t a = 0; a < k; ++a) p[a] = std::exp(z(static_cast<Index>(a)));
    mixed_payoffs(g, p, u, jac ? &d : nullptr);
    h.setZero(static_cast<Index>(k));
    if (jac) jac->setZero(static_cast<Index>(k), static_cast<Index>(k + 1));
    for (std::size_t i = 0; i < g.players; ++i) {
      const auto first = static_cast<Index>(g.offset[i]);
      const std::size_t f = g.offset[i];
      for (std::size_t j = 0; j < g.count[i]; ++j) {
        const std::size_t a = g.offset[i] + j;
        const auto row = static_cast<Index>(a);
        h(first) += p[a];
        if (jac) (*jac)(first, row) = p[a];
        if (j == 0) continue;
        h(row) = z(row) - z(first) - lambda * (u[a] - u[f]);
        if (!jac) continue;
        (*jac)(row, row) += 1.0;
        (*jac)(row, first) -= 1.0;
        (*jac)(row, static_cast<Index>(k)) = -(u[a] - u[f]);
        for (std::size_t b = 0; b < k; ++b) {
          const double deriv = d(row, static_cast<Index>(b)) - d(first, static_cast<Index>(b));
          if (deriv != 0.0) (*jac)(row, static_cast<Index>(b)) -= lambda * deriv * p[b];
        }
      }
      h(first) -= 1.0;
    }
  }
};

// [J; row] factorised: the tangent solve and the corrector's (chord) matrix.
Eigen::PartialPivLU<MatrixXd> bordered(const MatrixXd& jac, const VectorXd& row) {
  MatrixXd aug(jac.rows() + 1, jac.cols());
  aug.topRows(jac.rows()) = jac;
  aug.row(jac.rows()) = row.transpose();
  return aug.partialPivLu();
}

// Unit tangent of the curve (the null vector of J) from the factorised [J; previous], oriented along previous.
VectorXd tangent(const Eigen::PartialPivLU<MatrixXd>& lu, const VectorXd& previous) {
  VectorXd rhs = VectorXd::Zero(previous.size());
  rhs(previous.size() - 1) = 1.0;
  VectorXd t = lu.solve(rhs);
  t.normalize();
  if (t.dot(previous) < 0) t = -t;
  return t;
}

LogitPoint point_of(const DoubleGame& g, const VectorXd& z) {
  LogitPoint point;
  point.lambda = z(static_cast<Index>(g.total));
  std::vector<double> flat(g.total);
  for (std::size_t a = 0; a < g.total; ++a) flat[a] = std::exp(z(static_cast<Index>(a)));
  point.profile = unflatten(g, flat);
  return point;
}

}  // namespace

LogitTrace trace_logit(const StrategicGame& game, const LogitOptions& options) {
  const DoubleGame g = double_game(game);
  const std::size_t k = g.total;
  const auto last = static_cast<Index>(k);
  System sys{g, {}, {}, {}};
  VectorXd z(last + 1);
  for (std::size_t i = 0; i < g.players; ++i)
    for (std::size_t j = 0; j < g.count[i]; ++j)
      z(static_cast<Index>(g.offset[i] + j)) = -std::log(static_cast<double>(g.count[i]));
  z(last) = 0.0;

  LogitTrace trace;
  VectorXd h;
  MatrixXd jac;
  sys.evaluate(z, h, &jac);
  VectorXd t = VectorXd::Zero(last + 1);
  t(last) = 1.0;
  auto lu = bordered(jac, t);
  t = tangent(lu, t);
  double step = options.first_step;
  trace.last = point_of(g, z);
  if (options.keep_path) trace.path.push_back(trace.last);
  for (int accepted = 0; accepted < 100000 && z(last) < options.max_lambda;) {
    if (step < 1e-12) throw std::runtime_error("logit: the path could not be followed (step size underflow)");
    // Predictor along the tangent; corrector: chord Newton on [H = 0, t.(y - predicted) = 0]
    // with the matrix factorised at the last accepted point.
    const VectorXd predicted = z + step * t;
    VectorXd y = predicted;
    bool converged = false;
    double previous_norm = 0;
    int iterations = 0;
    for (; iterations < 12; ++iterations) {
      sys.evaluate(y, h, nullptr);
      VectorXd rhs(last + 1);
      rhs.head(last) = -h;
      rhs(last) = -t.dot(y - predicted);
      const VectorXd delta = lu.solve(rhs);
      const double norm = delta.norm();
      if (!std::isfinite(norm) || norm > 0.5 * step + 1e-9 ||
          (iterations > 0 && norm > 0.7 * previous_norm && norm > 1e-12))
        break;  // diverging or contracting too slowly: shorten the step
      y += delta;
      previous_norm = norm;
      if (norm < 1e-11 * (1.0 + y.norm())) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      step *= 0.5;
      continue;
    }
    sys.evaluate(y, h, &jac);
    auto lu_new = bordered(jac, t);
    const VectorXd t_new = tangent(lu_new, t);
    if (t_new.dot(t) < 0.95) {  // turned too sharply: risk of jumping branches
      step *= 0.5;
      continue;
    }
    z = y;
    t = t_new;
    lu = std::move(lu_new);
    ++accepted;
    trace.last = point_of(g, z);
    if (options.keep_path) trace.path.push_back(trace.last);
    if (options.stop && options.stop(trace.last)) break;
    // Far out the path is nearly straight: log p of dropped strategies falls
    // linearly in lambda, so the step may grow without bound while Newton agrees.
    if (iterations <= 3)
      step *= 2.0;
    else if (iterations <= 6)
      step *= 1.3;
  }
  return trace;
}

}  // namespace pivot
