// F(p) = [u_ij(p) - u_if(p) for supported j other than the player's first
// supported f; sum of supported p_ij - 1], solved with Gauss–Newton steps
// through a complete orthogonal decomposition (minimum-norm for rank-deficient
// Jacobians, which is what continua of equilibria produce).
#include "games/solvers/enumpoly/support_newton.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace pivot::games {

std::optional<std::vector<double>> solve_support_newton(const DoubleGame& g, const SupportFlags& support,
                                                        std::vector<double> p) {
  using Eigen::Index;
  std::vector<std::size_t> vars;  // flat indices of supported strategies
  for (std::size_t a = 0; a < g.total; ++a)
    if (support[a]) vars.push_back(a);
  std::vector<Index> column(g.total, -1);
  for (std::size_t v = 0; v < vars.size(); ++v) column[vars[v]] = static_cast<Index>(v);
  const auto size = static_cast<Index>(vars.size());
  std::vector<double> u;
  Eigen::MatrixXd d, jac(size, size);
  Eigen::VectorXd f(size);
  double scale = 1.0;
  for (double v : g.payoff) scale = std::max(scale, std::abs(v));
  for (int iteration = 0; iteration < 60; ++iteration) {
    mixed_payoffs(g, p, u, &d);
    jac.setZero();
    f.setZero();
    Index row = 0;
    for (std::size_t i = 0; i < g.players; ++i) {
      std::size_t first = g.total;
      const Index sum_row = row++;
      for (std::size_t j = 0; j < g.count[i]; ++j) {
        const std::size_t a = g.offset[i] + j;
        if (!support[a]) continue;
        f(sum_row) += p[a];
        jac(sum_row, column[a]) = 1.0;
        if (first == g.total) {
          first = a;
          continue;
        }
        f(row) = u[a] - u[first];
        for (std::size_t b : vars)
          jac(row, column[b]) =
              d(static_cast<Index>(a), static_cast<Index>(b)) - d(static_cast<Index>(first), static_cast<Index>(b));
        ++row;
      }
      f(sum_row) -= 1.0;
    }
    if (!f.allFinite()) return std::nullopt;
    if (f.norm() < 1e-13 * scale) return p;
    const Eigen::VectorXd step = jac.completeOrthogonalDecomposition().solve(-f);
    if (!step.allFinite()) return std::nullopt;
    for (std::size_t v = 0; v < vars.size(); ++v) p[vars[v]] += step(static_cast<Index>(v));
  }
  return std::nullopt;
}

}  // namespace pivot::games
