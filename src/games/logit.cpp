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
#include "pivot/game.hpp"

namespace pivot {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

struct System {
  const DoubleGame& g;
  std::vector<double> p, u;
  MatrixXd d;

  // H(z) and its Jacobian (K x (K+1)) at z = (log p, lambda).
  void evaluate(const VectorXd& z, VectorXd& h, MatrixXd& jac) {
    const std::size_t k = g.total;
    const double lambda = z(static_cast<Index>(k));
    p.resize(k);
    for (std::size_t a = 0; a < k; ++a) p[a] = std::exp(z(static_cast<Index>(a)));
    mixed_payoffs(g, p, u, &d);
    h.setZero(static_cast<Index>(k));
    jac.setZero(static_cast<Index>(k), static_cast<Index>(k + 1));
    for (std::size_t i = 0; i < g.players; ++i) {
      const auto first = static_cast<Index>(g.offset[i]);
      for (std::size_t j = 0; j < g.count[i]; ++j) {
        const auto a = static_cast<Index>(g.offset[i] + j);
        h(first) += p[static_cast<std::size_t>(a)];
        jac(first, a) = p[static_cast<std::size_t>(a)];
        if (j == 0) continue;
        h(a) = z(a) - z(first) - lambda * (u[static_cast<std::size_t>(a)] - u[static_cast<std::size_t>(first)]);
        jac(a, a) += 1.0;
        jac(a, first) -= 1.0;
        jac(a, static_cast<Index>(k)) = -(u[static_cast<std::size_t>(a)] - u[static_cast<std::size_t>(first)]);
        for (std::size_t b = 0; b < k; ++b) {
          const double deriv = d(a, static_cast<Index>(b)) - d(first, static_cast<Index>(b));
          if (deriv != 0.0) jac(a, static_cast<Index>(b)) -= lambda * deriv * p[b];
        }
      }
      h(first) -= 1.0;
    }
  }
};

// Unit tangent of the curve: the null vector of J, oriented along `previous`.
VectorXd tangent(const MatrixXd& jac, const VectorXd& previous) {
  const Index k = jac.rows();
  MatrixXd aug(k + 1, k + 1);
  aug.topRows(k) = jac;
  aug.row(k) = previous.transpose();
  VectorXd rhs = VectorXd::Zero(k + 1);
  rhs(k) = 1.0;
  VectorXd t = aug.partialPivLu().solve(rhs);
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
  System sys{g, {}, {}, {}};
  VectorXd z(static_cast<Index>(k + 1));
  for (std::size_t i = 0; i < g.players; ++i)
    for (std::size_t j = 0; j < g.count[i]; ++j)
      z(static_cast<Index>(g.offset[i] + j)) = -std::log(static_cast<double>(g.count[i]));
  z(static_cast<Index>(k)) = 0.0;

  LogitTrace trace;
  VectorXd h, hp;
  MatrixXd jac, jp;
  sys.evaluate(z, h, jac);
  VectorXd t = VectorXd::Zero(static_cast<Index>(k + 1));
  t(static_cast<Index>(k)) = 1.0;
  t = tangent(jac, t);
  double step = options.first_step;
  trace.last = point_of(g, z);
  if (options.keep_path) trace.path.push_back(trace.last);
  for (int accepted = 0; accepted < 200000 && z(static_cast<Index>(k)) < options.max_lambda;) {
    if (step < 1e-12) throw std::runtime_error("logit: the path could not be followed (step size underflow)");
    // Predictor along the tangent, then Newton on H = 0 within the hyperplane normal to it.
    VectorXd y = z + step * t;
    bool converged = false;
    double previous_norm = 0;
    int iterations = 0;
    for (; iterations < 8; ++iterations) {
      sys.evaluate(y, hp, jp);
      MatrixXd aug(static_cast<Index>(k + 1), static_cast<Index>(k + 1));
      aug.topRows(static_cast<Index>(k)) = jp;
      aug.row(static_cast<Index>(k)) = t.transpose();
      VectorXd rhs(static_cast<Index>(k + 1));
      rhs.head(static_cast<Index>(k)) = -hp;
      rhs(static_cast<Index>(k)) = 0.0;
      const VectorXd delta = aug.partialPivLu().solve(rhs);
      const double norm = delta.norm();
      if (!std::isfinite(norm) || norm > 0.5 * step + 1e-9 ||
          (iterations > 0 && norm > 0.6 * previous_norm && norm > 1e-12))
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
    sys.evaluate(y, hp, jp);
    const VectorXd t_new = tangent(jp, t);
    if (t_new.dot(t) < 0.95) {  // turned too sharply: risk of jumping branches
      step *= 0.5;
      continue;
    }
    z = y;
    t = t_new;
    ++accepted;
    trace.last = point_of(g, z);
    if (options.keep_path) trace.path.push_back(trace.last);
    if (options.stop && options.stop(trace.last)) break;
    if (iterations <= 3) step = std::min(step * 1.5, options.max_step * (1.0 + std::abs(z(static_cast<Index>(k)))));
  }
  return trace;
}

}  // namespace pivot
