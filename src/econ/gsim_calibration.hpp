// What both GSIM solvers derive from a market before solving: internal-price
// import shares, proportional tariff changes and which exporters' world
// prices are unknowns. Internal to src/econ.
#pragma once

#include <Eigen/Dense>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <vector>

#include "gsim_structured.hpp"
#include "pivot/econ/trade.hpp"

namespace pivot::trade::detail {

struct Calibration {
  Eigen::Index n = 0;                     // exporters
  Eigen::Index m = 0;                     // importers
  Eigen::MatrixXd value;                  // V(r,v): flows at initial world prices
  Eigen::MatrixXd share;                  // theta(r,v): share of r in v's imports at internal prices
  Eigen::MatrixXd tariff_after;           // T1: power factors
  Eigen::MatrixXd tariff_ratio;           // T1/T0, the factor by which the internal price moves at fixed world prices
  Eigen::VectorXd exports;                // X(r) = sum over v of V(r,v)
  Eigen::VectorXd spending;               // E(v) = sum over r of T0 V(r,v): imports at internal prices
  Eigen::VectorXd revenue_before;         // sum over r of (T0 - 1) V(r,v): tariff revenue before
  Eigen::VectorXd em, es;                 // per importer
  Eigen::VectorXd ex;                     // per exporter (may be +inf: world price fixed)
  std::vector<Eigen::Index> free;         // exporters whose world price is solved for (X > 0, Ex finite)
  std::vector<std::string> regions;       // region_names(market): a solution's rows
  std::vector<std::size_t> importer_row;  // importer v's row in `regions`
};

Calibration calibrate(const Market& market);

/// A Market's (and a MarketSolution's) matrices: row-major, exporters by importers.
using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMajorMap = Eigen::Map<RowMajorMatrix>;

/// to = from between matrices of opposite storage orders, 16 x 16 tiles at a
/// time: element by element, every read of a 200-region matrix touched a new
/// cache line, and such copies were a tenth of a product's solve.
template <typename From, typename To>
void copy_in_tiles(const From& from, To&& to) {
  constexpr Eigen::Index tile = 16;
  for (Eigen::Index r = 0; r < from.rows(); r += tile)
    for (Eigen::Index v = 0; v < from.cols(); v += tile) {
      const Eigen::Index rows = std::min(tile, from.rows() - r), cols = std::min(tile, from.cols() - v);
      to.block(r, v, rows, cols) = from.block(r, v, rows, cols);
    }
}

/// How a market's square systems are solved: a dense LU per system, or
/// matrix-free GMRES on their structure (falling back to the LU when it does
/// not reach rounding level); `automatic` picks by size.
enum class LinearAlgebra { automatic, dense, iterative };

/// `how` with `automatic` resolved for this market.
LinearAlgebra resolve(const Calibration& cal, LinearAlgebra how);

/// The Jacobian of market clearing (demand - supply, in money) with respect to
/// log world prices y, at demands `quantity` and internal-price `shares`:
/// quantity diag(Em+Es) shares' - diag(quantity Es + Ex X e^(Ex y)). It borrows
/// its arguments (y excepted).
StructuredMatrix clearing_matrix(const Calibration& cal, const Eigen::MatrixXd& quantity, const Eigen::MatrixXd& shares,
                                 const Eigen::VectorXd& y);

/// The Jacobian's diagonal term over the free exporters, from
/// substitution(r) = sum_v q(r,v) Es(v): substitution + Ex X e^(Ex y).
Eigen::VectorXd clearing_diagonal(const Calibration& cal, const Eigen::VectorXd& substitution,
                                  const Eigen::VectorXd& y);

/// GSIM's linear matrix A = (V diag(Em+Es)) theta' - diag(V Es + Ex X) over the
/// free exporters; it borrows `cal`. A is also the levels model's Jacobian at
/// the initial prices.
StructuredMatrix linear_matrix(const Calibration& cal);

/// GSIM's linear system A x = b over the free exporters, factorised, so that
/// the non-linear solver can start from the same factorisation.
struct LinearSystem {
  Eigen::PartialPivLU<Eigen::MatrixXd> lu;
  Eigen::VectorXd rhs;  // b over free exporters
};

LinearSystem linear_system(const Calibration& cal);

/// The linear solution from a factorised system (`how` = dense) or by GMRES
/// (`how` = iterative; `system` unused and may be null).
MarketSolution solve_linear(const Calibration& cal, const LinearSystem* system, LinearAlgebra how);

/// The non-linear solution, Newton's method from log world prices `start`
/// (null: the initial prices, 0). Dense: chord-Newton with `initial`'s LU
/// (null: factorise the Jacobian at the start). Iterative: Newton-GMRES on the
/// structured Jacobian at every step.
MarketSolution solve_nonlinear(const Market& market, const Calibration& cal, const LinearSystem* initial,
                               LinearAlgebra how, const Eigen::VectorXd* start);

/// Tells glibc to keep freed blocks for reuse instead of returning them to the
/// system: each 200-region market allocates and frees about 5 MB of matrices,
/// and with glibc's default thresholds every product paid that back in page
/// faults, which took half of the solve time (docs/performance.md). Once per process.
void keep_freed_memory();

/// Both solutions of one market, solved the way `how` says.
MarketResult solve_market(const Market& market, LinearAlgebra how);

/// Consumer-surplus-free pieces every solver reports the same way: tariff
/// revenue change per importer from flows before (cal.value) and after, at world prices.
Eigen::VectorXd tariff_revenue_change(const Calibration& cal, const Eigen::MatrixXd& after);

/// Fills a MarketSolution's region rows from per-exporter and per-importer results.
void fill_regions(const Calibration& cal, const Eigen::VectorXd& world_price_change,
                  const Eigen::VectorXd& import_price_change, const Eigen::VectorXd& producer_surplus,
                  const Eigen::VectorXd& consumer_surplus, const Eigen::MatrixXd& flows_after,
                  MarketSolution& solution);

}  // namespace pivot::trade::detail
