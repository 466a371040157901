// GSIM's linearised market-clearing system (Francois & Hall 2003, section 2):
// demand changes from own- and cross-price elasticities of an Armington
// import system, export supply with constant elasticity, and one
// market-clearing condition per exporter, solved exactly by LU.
#include "gsim_calibration.hpp"

namespace pivot::trade {
namespace detail {

// The demand change for r in v is (Em+Es) Pdot(v) - Es pdot(r,v), which is
// the paper's own-price elasticity theta Em - (1-theta) Es on r's price and
// cross-price elasticity theta_k (Em+Es) on k's. Market clearing for r:
//   sum_v V(r,v) Mdot(r,v) = Ex(r) X(r) x(r),  pdot(r,v) = Tdot(r,v) + x(r).
// Collecting the unknown world price changes x gives A x = b with
//   A = (V diag(Em+Es)) theta' - diag(sum_v V(r,v) Es(v) + Ex(r) X(r)),
//   b = -(V diag(Em+Es)) Pdot_T + rowsum(V diag(Es) .* Tdot),  Pdot_T(v) = sum_k theta(k,v) Tdot(k,v).
LinearSystem linear_system(const Calibration& cal) {
  const Eigen::MatrixXd tariff_change = cal.tariff_ratio.array() - 1.0;
  const Eigen::MatrixXd weighted = cal.value * (cal.em + cal.es).asDiagonal();
  const Eigen::VectorXd tariff_index = (cal.share.array() * tariff_change.array()).colwise().sum().transpose();
  const Eigen::VectorXd rhs =
      -(weighted * tariff_index - (cal.value * cal.es.asDiagonal()).cwiseProduct(tariff_change).rowwise().sum());
  const auto k = static_cast<Eigen::Index>(cal.free.size());
  LinearSystem system;
  if (k == 0) return system;
  Eigen::MatrixXd a(k, k);
  system.rhs.resize(k);
  if (k == cal.n) {
    a.noalias() = weighted * cal.share.transpose();
    system.rhs = rhs;
  } else {
    for (Eigen::Index i = 0; i < k; ++i) {
      system.rhs(i) = rhs(cal.free[i]);
      for (Eigen::Index j = 0; j < k; ++j) a(i, j) = weighted.row(cal.free[i]).dot(cal.share.row(cal.free[j]));
    }
  }
  for (Eigen::Index i = 0; i < k; ++i) {
    const Eigen::Index r = cal.free[i];
    a(i, i) -= cal.value.row(r).dot(cal.es) + cal.ex(r) * cal.exports(r);
  }
  system.lu.compute(a);
  return system;
}

MarketSolution solve_linear(const Market& market, const Calibration& cal, const LinearSystem& system) {
  Eigen::VectorXd x = Eigen::VectorXd::Zero(cal.n);
  if (!cal.free.empty()) {
    const Eigen::VectorXd solved = system.lu.solve(system.rhs);
    for (std::size_t i = 0; i < cal.free.size(); ++i) x(cal.free[i]) = solved(static_cast<Eigen::Index>(i));
  }
  // Demand responds to the linear price change pdot(r,v) = Tdot(r,v) + x(r) ...
  const Eigen::MatrixXd price_change = (cal.tariff_ratio.array() - 1.0).matrix().colwise() + x;
  const Eigen::VectorXd linear_index = (cal.share.array() * price_change.array()).colwise().sum().transpose();
  Eigen::MatrixXd quantity_change(cal.n, cal.m);
  for (Eigen::Index v = 0; v < cal.m; ++v)
    quantity_change.col(v) = (cal.em(v) + cal.es(v)) * linear_index(v) - cal.es(v) * price_change.col(v).array();
  // ... while the reported composite import price compounds the two changes,
  // sum_r theta(r,v) ((1 + x(r)) T1/T0 - 1), as the GSIM spreadsheet reports it.
  const Eigen::VectorXd import_price =
      (cal.share.array() * ((cal.tariff_ratio.array().colwise() * (1.0 + x.array())) - 1.0))
          .colwise()
          .sum()
          .transpose();
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
  fill_regions(market, cal, x, import_price, producer, consumer, flows_after, solution);
  double residual = 0;  // of the linear system itself: rounding only
  for (Eigen::Index r : cal.free) {
    const double demand = cal.value.row(r).dot(quantity_change.row(r));
    residual = std::max(residual, std::abs(demand - cal.ex(r) * cal.exports(r) * x(r)) / cal.exports(r));
  }
  solution.residual = residual;
  return solution;
}

}  // namespace detail

MarketSolution solve_linear(const Market& market) {
  const detail::Calibration cal = detail::calibrate(market);
  return detail::solve_linear(market, cal, detail::linear_system(cal));
}

MarketResult solve_market(const Market& market) {
  const detail::Calibration cal = detail::calibrate(market);
  const detail::LinearSystem system = detail::linear_system(cal);
  return {market.product, detail::solve_linear(market, cal, system), detail::solve_nonlinear(market, cal, system)};
}

}  // namespace pivot::trade
