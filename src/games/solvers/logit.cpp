// The principal branch of the logit QRE correspondence (McKelvey & Palfrey
// 1995), traced from the centroid at lambda = 0 by arc-length
// predictor–corrector continuation (Allgower & Georg 1990) in the variables
// (log p, lambda), as in Turocy (2005). For each player i the equations are
//   log p_ij - log p_i0 - lambda (u_ij(p) - u_i0(p)) = 0   (j > 0)
//   sum_j p_ij - 1 = 0,
// K equations in K + 1 unknowns, so the solutions form curves.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "games/mixed_payoffs.hpp"
#include "games/solvers/path_following.hpp"
#include "pivot/games/solvers/enumpoly.hpp"
#include "pivot/games/solvers/logit.hpp"

namespace pivot {

using games::double_game;
using games::DoubleGame;
using games::follow_path;
using games::mixed_payoffs;
using games::PathEquations;
using games::unflatten;

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
  trace.last = point_of(g, z);
  if (options.keep_path) trace.path.push_back(trace.last);
  PathEquations equations = [&sys](const VectorXd& at, VectorXd& h, MatrixXd* jac) { sys.evaluate(at, h, jac); };
  follow_path(equations, z, options.first_step, options.max_lambda, [&](const VectorXd& at) {
    trace.last = point_of(g, at);
    if (options.keep_path) trace.path.push_back(trace.last);
    return options.stop && options.stop(trace.last);
  });
  return trace;
}

// Logit: trace the principal branch; each time lambda times the payoff range
// doubles from 1000 on (earlier, refining large supports costs more than
// tracing), refine the current point. Stop when two successive refinements
// give the same verified equilibrium and the path is within 0.01 of it.
SolveResult solve_logit(const StrategicGame& game, const SolveOptions& options) {
  SolveResult result{.method = "logit"};
  Rational low = game.payoffs.at(0).at(0), high = low;
  for (const auto& cell : game.payoffs)
    for (const auto& v : cell) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
  const double range = high > low ? Rational(high - low).get_d() : 1.0;
  LogitOptions settings;
  settings.keep_path = options.trace;
  double next_check = 1000.0 / range;
  std::optional<MixedProfile> previous, accepted;
  settings.stop = [&](const LogitPoint& point) {
    if (point.lambda < next_check) return false;
    while (next_check <= point.lambda) next_check *= 2.0;
    auto refined = refine_equilibrium(game, point.profile, options.tolerance);
    if (refined && previous && *refined == *previous) {
      double distance = 0;
      for (std::size_t i = 0; i < refined->size(); ++i)
        for (std::size_t j = 0; j < (*refined)[i].size(); ++j)
          distance = std::max(distance, std::abs((*refined)[i][j].get_d() - point.profile[i][j]));
      if (distance <= 0.01) accepted = refined;
    }
    previous = std::move(refined);
    return accepted.has_value();
  };
  LogitTrace trace = trace_logit(game, settings);
  if (!accepted) accepted = refine_equilibrium(game, trace.last.profile, options.tolerance);
  if (accepted) result.equilibria.push_back(std::move(*accepted));
  result.path = std::move(trace.path);
  return result;
}

}  // namespace pivot
