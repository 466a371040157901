// What both GSIM solvers derive from a market before solving: internal-price
// import shares, proportional tariff changes and which exporters' world
// prices are unknowns. Internal to src/econ.
#pragma once

#include <Eigen/Dense>
#include <Eigen/LU>

#include <cmath>
#include <vector>

#include "pivot/trade.hpp"

namespace pivot::trade::detail {

struct Calibration {
  Eigen::Index n = 0;  // exporters
  Eigen::Index m = 0;  // importers
  Eigen::MatrixXd value;        // V(r,v): flows at initial world prices
  Eigen::MatrixXd share;        // theta(r,v): share of r in v's imports at internal prices
  Eigen::MatrixXd tariff_ratio; // T1/T0, the factor by which the internal price moves at fixed world prices
  Eigen::VectorXd exports;      // X(r) = sum over v of V(r,v)
  Eigen::VectorXd spending;     // E(v) = sum over r of T0 V(r,v): imports at internal prices
  Eigen::VectorXd em, es;       // per importer
  Eigen::VectorXd ex;           // per exporter (may be +inf: world price fixed)
  std::vector<Eigen::Index> free;  // exporters whose world price is solved for (X > 0, Ex finite)
};

Calibration calibrate(const Market& market);

/// GSIM's linear system A x = b over the free exporters, factorised. A is also
/// the Jacobian of the levels model's excess demand at the initial prices, so
/// the non-linear solver can start from this factorisation.
struct LinearSystem {
  Eigen::PartialPivLU<Eigen::MatrixXd> lu;
  Eigen::VectorXd rhs;  // b over free exporters
};

LinearSystem linear_system(const Calibration& cal);

/// The linear solution from a factorised system.
MarketSolution solve_linear(const Market& market, const Calibration& cal, const LinearSystem& system);

/// The non-linear solution, starting Newton with `initial` as the Jacobian at the initial prices.
MarketSolution solve_nonlinear(const Market& market, const Calibration& cal, const LinearSystem& initial);

/// Consumer-surplus-free pieces every solver reports the same way: tariff
/// revenue change per importer from flows before/after at world prices.
Eigen::VectorXd tariff_revenue_change(const Market& market, const Eigen::MatrixXd& before,
                                      const Eigen::MatrixXd& after);

/// Fills a MarketSolution's region rows from per-exporter and per-importer results.
void fill_regions(const Market& market, const Calibration& cal, const Eigen::VectorXd& world_price_change,
                  const Eigen::VectorXd& import_price_change, const Eigen::VectorXd& producer_surplus,
                  const Eigen::VectorXd& consumer_surplus, const Eigen::MatrixXd& flows_after,
                  MarketSolution& solution);

}  // namespace pivot::trade::detail
