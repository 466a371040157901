// GSIM in levels: CES (Armington 1969) import aggregation in each importer,
// constant-elasticity composite import demand and export supply, calibrated
// to the initial flows with world prices normalised to 1. Market clearing for
// each exporter is solved for its log world price by Newton's method. With a
// dense LU, the Jacobian is refreshed only when convergence slows (a
// chord-Newton hybrid); with GMRES on the Jacobian's structure every step uses
// the current Jacobian, at O(n m) per product with it.
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "gsim_calibration.hpp"

namespace pivot::trade {
namespace {

// Prices and demands at given log world prices y.
struct State {
  Eigen::MatrixXd quantity;  // q(r,v) in initial-world-price units
  Eigen::MatrixXd weight;    // s(r,v) = d ln P(v) / d ln p(r,v): current internal-price shares
  Eigen::VectorXd log_index; // ln P(v), composite import price relative to before
  Eigen::VectorXd excess;    // (demand - supply) / X for free exporters
};

class Evaluator {
 public:
  explicit Evaluator(const detail::Calibration& cal) : cal_(cal) {
    uniform_es_ = cal.m > 0 && (cal.es.array() == cal.es(0)).all();
    // ratio^(1-Es) once per cell: the only powers that depend on the cell.
    powered_ratio_.resize(cal.n, cal.m);
    value_over_ratio_ = cal.value.array() / cal.tariff_ratio.array();
    for (Eigen::Index v = 0; v < cal.m; ++v)
      powered_ratio_.col(v) = ((1.0 - cal.es(v)) * cal.tariff_ratio.col(v).array().log()).exp();
  }

  void evaluate(const Eigen::VectorXd& y, State& s) const {
    const auto n = cal_.n, m = cal_.m;
    s.quantity.resize(n, m);
    s.weight.resize(n, m);
    s.log_index.setZero(m);
    const Eigen::ArrayXd inverse_world_price = (-y.array()).exp();
    Eigen::ArrayXd shifted(n);  // exp((1-Es) y) for the current column's Es
    if (uniform_es_) shifted = ((1.0 - cal_.es(0)) * y.array()).exp();
    for (Eigen::Index v = 0; v < m; ++v) {
      if (!(cal_.spending(v) > 0)) {
        s.quantity.col(v).setZero();
        s.weight.col(v).setZero();
        continue;
      }
      const double a = 1.0 - cal_.es(v);
      const double em = cal_.em(v);
      if (std::abs(a) < 1e-12) {  // Es = 1: Cobb-Douglas aggregator
        const double log_p = cal_.share.col(v).dot((cal_.tariff_ratio.col(v).array().log() + y.array()).matrix());
        s.log_index(v) = log_p;
        s.weight.col(v) = cal_.share.col(v);
        // q = V P^(1+Em) / p with p = ratio e^y
        s.quantity.col(v) =
            value_over_ratio_.col(v).array() * inverse_world_price * std::exp((1.0 + em) * log_p);
        continue;
      }
      if (!uniform_es_) shifted = (a * y.array()).exp();
      // p^(1-Es) = ratio^(1-Es) e^((1-Es) y); P^(1-Es) = sum_r theta p^(1-Es)
      const auto powered = powered_ratio_.col(v).array() * shifted;
      const double sum = (cal_.share.col(v).array() * powered).sum();
      const double log_p = std::log(sum) / a;
      s.log_index(v) = log_p;
      s.weight.col(v) = cal_.share.col(v).array() * powered * (1.0 / sum);
      // q = V (p/P)^(-Es) P^Em = V (p^(1-Es)/sum) P^(1+Em) / p
      const double scale = std::exp((1.0 + em) * log_p) / sum;
      s.quantity.col(v) = value_over_ratio_.col(v).array() * powered * inverse_world_price * scale;
    }
    const Eigen::VectorXd demand = s.quantity.rowwise().sum();
    const auto k = static_cast<Eigen::Index>(cal_.free.size());
    s.excess.resize(k);
    for (Eigen::Index i = 0; i < k; ++i) {
      const Eigen::Index r = cal_.free[i];
      const double supply = cal_.exports(r) * std::exp(cal_.ex(r) * y(r));
      s.excess(i) = (demand(r) - supply) / cal_.exports(r);
    }
  }

  // d (X * excess) / d y over free exporters (unscaled, so that at y = 0 it is GSIM's linear matrix A):
  //   J(r,k) = sum_v q(r,v) (Em+Es)(v) s(k,v) - delta(r,k) (sum_v q(r,v) Es(v) + Ex X e^{Ex y})
  // It borrows `s`.
  detail::StructuredMatrix jacobian(const Eigen::VectorXd& y, const State& s) const {
    return detail::clearing_matrix(cal_, s.quantity, s.weight, y);
  }

 private:
  const detail::Calibration& cal_;
  bool uniform_es_ = false;
  Eigen::MatrixXd powered_ratio_;
  Eigen::MatrixXd value_over_ratio_;  // V / (T1/T0)
};

double norm(const Eigen::VectorXd& v) { return v.size() ? v.cwiseAbs().maxCoeff() : 0.0; }

// Market-clearing error relative to current supply: at extreme prices, an error
// relative to initial exports would be unreachable (huge supply: rounding) or
// meaningless (tiny supply: loose in log terms).
double clearing_error(const detail::Calibration& cal, const Eigen::VectorXd& y, const State& s) {
  double worst = 0;
  for (std::size_t i = 0; i < cal.free.size(); ++i) {
    const Eigen::Index r = cal.free[i];
    const double scale = std::max(std::exp(cal.ex(r) * y(r)), 1e-300);
    worst = std::max(worst, std::abs(s.excess(static_cast<Eigen::Index>(i))) / scale);
  }
  return worst;
}

// Newton's method on log world prices from `y`, until market clearing holds to
// `tolerance`. Dense: chord-Newton with an LU, `initial` being a factorised
// Jacobian at `y` (null: compute one). Iterative: each step solves with the
// Jacobian at the current y by GMRES (Newton-Krylov, Kelley 1995 ch. 6), an
// LU only where GMRES fails. Returns false when it stalls or runs out of
// iterations, leaving y where it got.
bool newton(const Evaluator& evaluator, const detail::Calibration& cal, const Eigen::PartialPivLU<Eigen::MatrixXd>* initial,
            detail::LinearAlgebra how, Eigen::VectorXd& y, State& state, int& iterations) {
  const auto k = static_cast<Eigen::Index>(cal.free.size());
  constexpr double tolerance = 1e-12;
  constexpr int max_iterations = 200;
  // A chord step (old Jacobian) costs O(n m); a refresh costs a GEMM and an LU, O(n^2 m):
  // keep the old factorisation while each step cuts the error by at least a fifth.
  constexpr double kRefreshAbove = 0.8;
  State trial;
  evaluator.evaluate(y, state);
  if (k == 0 || clearing_error(cal, y, state) <= tolerance) return true;
  Eigen::VectorXd exports(k);
  for (Eigen::Index i = 0; i < k; ++i) exports(i) = cal.exports(cal.free[i]);
  bool iterative = how == detail::LinearAlgebra::iterative;
  Eigen::PartialPivLU<Eigen::MatrixXd> refreshed;
  if (!initial && !iterative) refreshed.compute(detail::dense(evaluator.jacobian(y, state)));
  const Eigen::PartialPivLU<Eigen::MatrixXd>* lu = initial ? initial : &refreshed;
  bool fresh = true;  // the step comes from the Jacobian at the current y
  for (int local = 0; clearing_error(cal, y, state) > tolerance; ++local) {
    if (local >= max_iterations) return false;
    ++iterations;
    const Eigen::VectorXd rhs = exports.cwiseProduct(state.excess);
    std::optional<Eigen::VectorXd> krylov;
    if (iterative) {
      // Inexact Newton (Dembo, Eisenstat & Steihaug 1982): a step solved to a
      // backward error proportional to the current clearing error keeps
      // Newton's quadratic convergence, and costs fewer GMRES products early on.
      const double forcing = std::clamp(clearing_error(cal, y, state), detail::kStructuredBackwardError, 1e-4);
      const detail::StructuredMatrix j = evaluator.jacobian(y, state);
      krylov = detail::solve_structured(j, rhs, forcing);
      if (!krylov) {  // not at rounding level: an LU of the same Jacobian from here on
        iterative = false;
        refreshed.compute(detail::dense(j));
        lu = &refreshed;
      }
    }
    const Eigen::VectorXd step = krylov ? *krylov : Eigen::VectorXd(lu->solve(rhs));
    const double before = norm(state.excess);
    // A fresh Jacobian backtracks (halving the step); a stale one gets one try.
    const int tries = fresh ? 40 : 1;
    double lambda = 1.0, after = before;
    bool accepted = false;
    for (int t = 0; t < tries && !accepted; ++t, lambda *= 0.5) {
      Eigen::VectorXd next = y;
      for (Eigen::Index i = 0; i < k; ++i) next(cal.free[i]) -= lambda * step(i);
      evaluator.evaluate(next, trial);
      after = norm(trial.excess);
      if (std::isfinite(after) && after < before * (1.0 - 1e-4 * lambda)) {
        y = next;
        std::swap(state, trial);
        accepted = true;
      }
    }
    if (!accepted && fresh) return clearing_error(cal, y, state) < 1e-9;  // at rounding level: report the residual
    // Refresh when the old factorisation failed or contracts slowly; else keep it (chord step).
    if (iterative) continue;  // the next step uses the next Jacobian anyway
    if (!accepted || after > kRefreshAbove * before) {
      refreshed.compute(detail::dense(evaluator.jacobian(y, state)));
      lu = &refreshed;
      fresh = true;
    } else {
      fresh = false;
    }
  }
  return true;
}

}  // namespace

namespace detail {

MarketSolution solve_nonlinear(const Market& market, const Calibration& cal, const LinearSystem* initial,
                               LinearAlgebra how) {
  const Evaluator evaluator(cal);
  Eigen::VectorXd y = Eigen::VectorXd::Zero(cal.n);
  State state;
  int iterations = 0;
  how = resolve(cal, how);
  const Eigen::PartialPivLU<Eigen::MatrixXd>* lu = initial && how == LinearAlgebra::dense ? &initial->lu : nullptr;
  if (!newton(evaluator, cal, lu, how, y, state, iterations)) {
    // Extreme tariff factors (e.g. 1 + t = 1e-9) can defeat Newton from the
    // initial prices. Fall back to continuation in log-tariff space: walk the
    // tariff change ln(T1/T0) from 0 to its full size in equal steps, each
    // solve starting from the last; finer steps if a walk fails.
    bool solved = false;
    for (int steps : {16, 256}) {
      y.setZero();
      solved = true;
      for (int j = 1; j <= steps && solved; ++j) {
        Calibration scaled = cal;
        scaled.tariff_ratio = (cal.tariff_ratio.array().log() * (double(j) / steps)).exp().matrix();
        const Evaluator partial(scaled);
        solved = newton(partial, scaled, nullptr, how, y, state, iterations);
      }
      if (solved) break;
    }
    if (!solved) throw std::runtime_error("GSIM non-linear solve did not converge for product '" + market.product + "'");
    evaluator.evaluate(y, state);
  }

  const Eigen::VectorXd x = y.array().exp() - 1.0;
  const Eigen::VectorXd import_price = state.log_index.array().exp() - 1.0;
  const Eigen::MatrixXd flows_after = state.quantity.array().colwise() * y.array().exp();
  // Exact areas under constant-elasticity curves, normalised at price 1:
  //   dPS(r) = X (P^(Ex+1) - 1) / (Ex+1),  dCS(v) = -E (P^(Em+1) - 1) / (Em+1)  (or -E ln P if Em = -1).
  Eigen::VectorXd producer = Eigen::VectorXd::Zero(cal.n);
  for (Eigen::Index r : cal.free) producer(r) = cal.exports(r) * std::expm1((cal.ex(r) + 1) * y(r)) / (cal.ex(r) + 1);
  Eigen::VectorXd consumer(cal.m);
  for (Eigen::Index v = 0; v < cal.m; ++v) {
    const double e1 = cal.em(v) + 1.0;
    const double lp = state.log_index(v);
    consumer(v) = -cal.spending(v) * (std::abs(e1) < 1e-12 ? lp : std::expm1(e1 * lp) / e1);
  }

  MarketSolution solution;
  solution.solver = Solver::nonlinear;
  solution.iterations = iterations;
  solution.residual = clearing_error(cal, y, state);
  fill_regions(market, cal, x, import_price, producer, consumer, flows_after, solution);
  return solution;
}

}  // namespace detail

MarketSolution solve_nonlinear(const Market& market) {
  const detail::Calibration cal = detail::calibrate(market);
  return detail::solve_nonlinear(market, cal, nullptr, detail::LinearAlgebra::automatic);
}

}  // namespace pivot::trade
