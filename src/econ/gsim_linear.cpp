// GSIM's linearised market-clearing system (Francois & Hall 2003, section 2):
// demand changes from own- and cross-price elasticities of an Armington
// import system, export supply with constant elasticity, and one
// market-clearing condition per exporter, solved exactly by LU.
#include <Eigen/LU>

#include "gsim_calibration.hpp"

namespace pivot::trade {

MarketSolution solve_linear(const Market& market) {
  const detail::Calibration cal = detail::calibrate(market);
  const Eigen::MatrixXd tariff_change = cal.tariff_ratio.array() - 1.0;  // T-dot
  const Eigen::VectorXd sum_elasticity = cal.em + cal.es;                // Em + Es per importer

  // Composite import price change at fixed world prices: sum_k theta(k,v) Tdot(k,v).
  const Eigen::VectorXd tariff_index = (cal.share.array() * tariff_change.array()).colwise().sum().transpose();

  // The demand change for r in v is (Em+Es) Pdot(v) - Es pdot(r,v), which is
  // the paper's own-price elasticity theta Em - (1-theta) Es on r's price and
  // cross-price elasticity theta_k (Em+Es) on k's. Market clearing for r:
  //   sum_v V(r,v) Mdot(r,v) = Ex(r) X(r) x(r),  pdot(r,v) = Tdot(r,v) + x(r).
  // Collecting the unknown world price changes x gives A x = b with
  //   A = (V diag(Em+Es)) theta' - diag(sum_v V(r,v) Es(v) + Ex(r) X(r)).
  const Eigen::MatrixXd weighted = cal.value * sum_elasticity.asDiagonal();
  Eigen::VectorXd rhs = -(weighted * tariff_index - (cal.value * cal.es.asDiagonal()).cwiseProduct(tariff_change).rowwise().sum());

  Eigen::VectorXd x = Eigen::VectorXd::Zero(cal.n);
  const auto k = static_cast<Eigen::Index>(cal.free.size());
  if (k > 0) {
    Eigen::MatrixXd a(k, k);
    Eigen::VectorXd b(k);
    const bool all_free = k == cal.n;
    if (all_free) {
      a.noalias() = weighted * cal.share.transpose();
      b = rhs;
    } else {
      for (Eigen::Index i = 0; i < k; ++i) {
        b(i) = rhs(cal.free[i]);
        for (Eigen::Index j = 0; j < k; ++j) a(i, j) = weighted.row(cal.free[i]).dot(cal.share.row(cal.free[j]));
      }
    }
    for (Eigen::Index i = 0; i < k; ++i) {
      const Eigen::Index r = cal.free[i];
      a(i, i) -= cal.value.row(r).dot(cal.es) + cal.ex(r) * cal.exports(r);
    }
    const Eigen::VectorXd solved = a.partialPivLu().solve(b);
    for (Eigen::Index i = 0; i < k; ++i) x(cal.free[i]) = solved(i);
  }

  const Eigen::MatrixXd price_change = tariff_change.colwise() + x;  // pdot(r,v), linear in the paper
  const Eigen::VectorXd import_price = (cal.share.array() * price_change.array()).colwise().sum().transpose();
  Eigen::MatrixXd quantity_change(cal.n, cal.m);
  for (Eigen::Index v = 0; v < cal.m; ++v)
    quantity_change.col(v) = sum_elasticity(v) * import_price(v) - cal.es(v) * price_change.col(v).array();
  // Value after at the new world price: V (1 + Mdot)(1 + x).
  const Eigen::MatrixXd flows_after =
      (cal.value.array() * (1.0 + quantity_change.array())).colwise() * (1.0 + x.array());

  // Surplus changes by the trapezoid rule on the linearised curves:
  //   dPS(r) = X(r) (x + Ex x^2 / 2),  dCS(v) = -E(v) (Pdot + Em Pdot^2 / 2).
  Eigen::VectorXd producer(cal.n);
  for (Eigen::Index r = 0; r < cal.n; ++r) {
    const double ex = std::isfinite(cal.ex(r)) ? cal.ex(r) : 0.0;  // fixed world price: x = 0
    producer(r) = cal.exports(r) * (x(r) + 0.5 * ex * x(r) * x(r));
  }
  const Eigen::VectorXd consumer =
      -(cal.spending.array() * (import_price.array() + 0.5 * cal.em.array() * import_price.array().square()));

  MarketSolution solution;
  solution.solver = Solver::linear;
  solution.iterations = 1;
  detail::fill_regions(market, cal, x, import_price, producer, consumer, flows_after, solution);
  // Residual of the linear solution in the linear system itself (rounding only).
  double residual = 0;
  for (Eigen::Index r : cal.free) {
    const double demand = cal.value.row(r).dot(quantity_change.row(r));
    residual = std::max(residual, std::abs(demand - cal.ex(r) * cal.exports(r) * x(r)) / cal.exports(r));
  }
  solution.residual = residual;
  return solution;
}

}  // namespace pivot::trade
