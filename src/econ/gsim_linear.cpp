// GSIM's linearised market-clearing system (Francois & Hall 2003, section 2):
// demand changes from own- and cross-price elasticities of an Armington
// import system, export supply with constant elasticity, and one
// market-clearing condition per exporter, solved exactly: by LU, or by
// matrix-free GMRES on the system's structure (gsim_structured.hpp) with the
// LU as fall-back.
#include <cmath>
#include <optional>

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
namespace {

// b over the free exporters.
Eigen::VectorXd linear_rhs(const Calibration& cal) {
  // Column by column, so that no n x m temporaries are needed.
  Eigen::ArrayXd rhs = Eigen::ArrayXd::Zero(cal.n), tariff_change(cal.n);
  for (Eigen::Index v = 0; v < cal.m; ++v) {
    tariff_change = cal.tariff_ratio.col(v).array() - 1.0;
    const double tariff_index = (cal.share.col(v).array() * tariff_change).sum();
    rhs += cal.value.col(v).array() * (cal.es(v) * tariff_change - (cal.em(v) + cal.es(v)) * tariff_index);
  }
  Eigen::VectorXd free_rhs(static_cast<Eigen::Index>(cal.free.size()));
  for (std::size_t i = 0; i < cal.free.size(); ++i) free_rhs(static_cast<Eigen::Index>(i)) = rhs(cal.free[i]);
  return free_rhs;
}

// World price changes over all exporters (0 where fixed) from the free ones'.
Eigen::VectorXd spread(const Calibration& cal, const Eigen::VectorXd& solved) {
  Eigen::VectorXd x = Eigen::VectorXd::Zero(cal.n);
  for (std::size_t i = 0; i < cal.free.size(); ++i) x(cal.free[i]) = solved(static_cast<Eigen::Index>(i));
  return x;
}

Eigen::VectorXd world_price_change(const Calibration& cal, const LinearSystem* system, LinearAlgebra how) {
  if (cal.free.empty()) return Eigen::VectorXd::Zero(cal.n);
  if (how == LinearAlgebra::iterative) {
    const StructuredMatrix a = linear_matrix(cal);
    if (auto solved = solve_structured(a, linear_rhs(cal))) return spread(cal, *solved);
  }
  if (system) return spread(cal, system->lu.solve(system->rhs));
  const LinearSystem own = linear_system(cal);
  return spread(cal, own.lu.solve(own.rhs));
}

}  // namespace

LinearAlgebra resolve(const Calibration& cal, LinearAlgebra how) {
  if (how != LinearAlgebra::automatic) return how;
  return static_cast<Eigen::Index>(cal.free.size()) >= kStructuredFromSize ? LinearAlgebra::iterative
                                                                           : LinearAlgebra::dense;
}

StructuredMatrix clearing_matrix(const Calibration& cal, const Eigen::MatrixXd& quantity, const Eigen::MatrixXd& shares,
                                 const Eigen::VectorXd& y) {
  StructuredMatrix a;
  a.left = &quantity;
  a.right = &shares;
  a.column_weight = cal.em + cal.es;
  a.free = &cal.free;
  a.diagonal = clearing_diagonal(cal, quantity * cal.es, y);
  return a;
}

Eigen::VectorXd clearing_diagonal(const Calibration& cal, const Eigen::VectorXd& substitution,
                                  const Eigen::VectorXd& y) {
  Eigen::VectorXd diagonal(static_cast<Eigen::Index>(cal.free.size()));
  for (Eigen::Index i = 0; i < diagonal.size(); ++i) {
    const Eigen::Index r = cal.free[static_cast<std::size_t>(i)];
    diagonal(i) = substitution(r) + cal.ex(r) * cal.exports(r) * std::exp(cal.ex(r) * y(r));
  }
  return diagonal;
}

StructuredMatrix linear_matrix(const Calibration& cal) {
  return clearing_matrix(cal, cal.value, cal.share, Eigen::VectorXd::Zero(cal.n));
}

LinearSystem linear_system(const Calibration& cal) {
  LinearSystem system;
  if (cal.free.empty()) return system;
  system.rhs = linear_rhs(cal);
  system.lu.compute(dense(linear_matrix(cal)));
  return system;
}

MarketSolution solve_linear(const Calibration& cal, const LinearSystem* system, LinearAlgebra how) {
  const Eigen::VectorXd x = world_price_change(cal, system, how);
  // Column by column, so that no n x m temporaries are needed besides the flows after.
  Eigen::MatrixXd flows_after(cal.n, cal.m);
  Eigen::VectorXd import_price(cal.m), demand = Eigen::VectorXd::Zero(cal.n);
  Eigen::ArrayXd price_change(cal.n), quantity_change(cal.n);
  const Eigen::ArrayXd world_price = 1.0 + x.array();
  for (Eigen::Index v = 0; v < cal.m; ++v) {
    // Demand responds to the linear price change pdot(r,v) = Tdot(r,v) + x(r) ...
    price_change = cal.tariff_ratio.col(v).array() - 1.0 + x.array();
    const double linear_index = (cal.share.col(v).array() * price_change).sum();
    quantity_change = (cal.em(v) + cal.es(v)) * linear_index - cal.es(v) * price_change;
    demand.array() += cal.value.col(v).array() * quantity_change;
    // ... while the reported composite import price compounds the two changes,
    // sum_r theta(r,v) ((1 + x(r)) T1/T0 - 1), as the GSIM spreadsheet reports it.
    import_price(v) = (cal.share.col(v).array() * (cal.tariff_ratio.col(v).array() * world_price - 1.0)).sum();
    // Value after at the new world price: V (1 + Mdot)(1 + x).
    flows_after.col(v) = cal.value.col(v).array() * (1.0 + quantity_change) * world_price;
  }

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
  fill_regions(cal, x, import_price, producer, consumer, flows_after, solution);
  double residual = 0;  // of the linear system itself: rounding only
  for (Eigen::Index r : cal.free)
    residual = std::max(residual, std::abs(demand(r) - cal.ex(r) * cal.exports(r) * x(r)) / cal.exports(r));
  solution.residual = residual;
  return solution;
}

MarketResult solve_market(const Market& market, LinearAlgebra how) {
  const Calibration cal = calibrate(market);
  how = resolve(cal, how);
  // The dense path factorises A once for both solutions.
  std::optional<LinearSystem> system;
  if (how == LinearAlgebra::dense) system = linear_system(cal);
  const LinearSystem* shared = system ? &*system : nullptr;
  MarketSolution linear = solve_linear(cal, shared, how);
  // Newton starts from the linear solution, ln(1 + x): its error is of second
  // order in the tariff change, about where a first Newton step from the
  // initial prices would land, so that step is saved.
  // A linear answer of -90% or below is no guide: start from 0 then.
  Eigen::VectorXd start = Eigen::VectorXd::Zero(cal.n);
  bool usable = true;
  for (Eigen::Index r : cal.free) {
    const double x = linear.regions[static_cast<std::size_t>(r)].world_price_change;
    usable = usable && x > -0.9 && std::isfinite(x);
    if (usable) start(r) = std::log1p(x);
  }
  MarketSolution nonlinear = solve_nonlinear(market, cal, shared, how, usable ? &start : nullptr);
  return {market.product, std::move(linear), std::move(nonlinear)};
}

}  // namespace detail

MarketSolution solve_linear(const Market& market) {
  const detail::Calibration cal = detail::calibrate(market);
  return detail::solve_linear(cal, nullptr, detail::resolve(cal, detail::LinearAlgebra::automatic));
}

MarketResult solve_market(const Market& market) {
  return detail::solve_market(market, detail::LinearAlgebra::automatic);
}

}  // namespace pivot::trade
