// Arc-length predictor–corrector continuation (Allgower & Georg 1990): an
// Euler predictor along the unit tangent, a chord-Newton corrector on
// [H = 0, t.(y - predicted) = 0], and step-size control by the corrector's
// contraction and the turn of the tangent.
#include "games/solvers/path_following.hpp"

#include <cmath>

namespace pivot::games {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

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

// Newton on [H = 0, t.(y - predicted) = 0] from predicted = z + size t, refactorising at every
// iterate: the step across a bifurcation point, where the chord matrix at z is singular.
bool jump(const PathEquations& equations, const VectorXd& z, const VectorXd& t, double size, VectorXd& y) {
  const Index last = z.size() - 1;
  const VectorXd predicted = z + size * t;
  y = predicted;
  VectorXd h;
  MatrixXd jac;
  for (int iteration = 0; iteration < 30; ++iteration) {
    equations(y, h, &jac);
    VectorXd rhs(last + 1);
    rhs.head(last) = -h;
    rhs(last) = -t.dot(y - predicted);
    const VectorXd delta = bordered(jac, t).solve(rhs);
    if (!delta.allFinite() || delta.norm() > size) return false;
    y += delta;
    if (delta.norm() < 1e-11 * (1.0 + y.norm())) return true;
  }
  return false;
}

}  // namespace

bool follow_path(const PathEquations& equations, VectorXd& z, double first_step, double max_lambda,
                 const std::function<bool(const VectorXd&)>& accepted_point) {
  const Index last = z.size() - 1;
  VectorXd h;
  MatrixXd jac;
  equations(z, h, &jac);
  VectorXd t = VectorXd::Zero(last + 1);
  t(last) = 1.0;
  auto lu = bordered(jac, t);
  t = tangent(lu, t);
  double step = first_step;
  int jumps = 0;
  for (int accepted = 0; accepted < 100000 && z(last) < max_lambda;) {
    if (step < 1e-12) {
      // The step collapsed onto a singular point: at a simple bifurcation (a symmetric
      // subgame, say) jump over it along the tangent and go on oriented as before, as
      // Gambit's path follower does (Turocy 2010).
      if (++jumps > 1000) return false;
      VectorXd y;
      bool landed = false;
      for (double size : {1e-4, 1e-3, 1e-2})
        if ((landed = jump(equations, z, t, size, y))) break;
      if (!landed) return false;
      equations(y, h, &jac);
      lu = bordered(jac, t);
      t = tangent(lu, t);
      z = y;
      step = first_step * 1e-2;
      if (accepted_point(z)) return true;
      continue;
    }
    // Predictor along the tangent; corrector: chord Newton on [H = 0, t.(y - predicted) = 0]
    // with the matrix factorised at the last accepted point.
    const VectorXd predicted = z + step * t;
    VectorXd y = predicted;
    bool converged = false;
    double previous_norm = 0;
    int iterations = 0;
    for (; iterations < 12; ++iterations) {
      equations(y, h, nullptr);
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
    equations(y, h, &jac);
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
    if (accepted_point(z)) return true;
    // Far out the path is nearly straight: log p of dropped strategies falls
    // linearly in lambda, so the step may grow without bound while Newton agrees.
    if (iterations <= 3)
      step *= 2.0;
    else if (iterations <= 6)
      step *= 1.3;
  }
  return true;
}

}  // namespace pivot::games
