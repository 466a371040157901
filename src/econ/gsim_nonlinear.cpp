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

// out = x^a, by repeated squaring when a is a small integer: GSIM's
// substitution elasticities are usually whole numbers (Es = 5 gives a = -5),
// and a few multiplications cost far less than a vectorised exp and log per
// cell, which were a quarter of the non-linear solve (docs/performance.md).
// `base` is scratch, so that a loop over columns allocates nothing.
template <typename Column>
void power_into(const Column& x, double a, Eigen::ArrayXd& out, Eigen::ArrayXd& base) {
  if (a != std::round(a) || std::abs(a) > 64) {
    out = (a * x.log()).exp();
    return;
  }
  out.setOnes(x.size());
  base = x;
  for (auto k = static_cast<unsigned>(std::abs(a)); k > 0; k >>= 1) {
    if (k & 1) out *= base;
    if (k > 1) base *= base;
  }
  if (a < 0) out = out.inverse();
}

// Prices and demands at given log world prices y: the quantities q(r,v) (in
// initial-world-price units) and the current internal-price shares
// s(r,v) = d ln P(v) / d ln p(r,v). With one substitution elasticity for
// every importer, the usual case, both factor into constant matrices scaled by
// row and column vectors,
//   q = diag(demand_shift) value_powered diag(column_scale),
//   s = diag(shifted) share_powered diag(inverse_sum),
// and nothing n x m is formed per evaluation; otherwise q and s are formed.
struct State {
  Eigen::VectorXd shifted, demand_shift;      // e^((1-Es) y), e^(-Es y): factored only
  Eigen::VectorXd column_scale, inverse_sum;  // per importer: factored only
  Eigen::MatrixXd quantity, weight;           // formed only
  Eigen::VectorXd demand;                     // sum over v of q(r,v)
  Eigen::VectorXd log_index;                  // ln P(v), composite import price relative to before
  Eigen::VectorXd excess;                     // (demand - supply) / X for free exporters
};

class Evaluator {
 public:
  // The only cell-dependent powers, computed once: with internal prices
  // p = ratio e^y, theta p^(1-Es) = share_powered e^((1-Es) y) and
  // V p^(1-Es) / p = value_powered e^(-Es y).
  explicit Evaluator(const detail::Calibration& cal) : cal_(cal) {
    const bool uniform_es = cal.m > 0 && (cal.es.array() == cal.es(0)).all();
    factored_ = uniform_es && std::abs(1.0 - cal.es(0)) >= 1e-12;  // Cobb-Douglas is formed
    share_powered_.resize(cal.n, cal.m);
    value_powered_.resize(cal.n, cal.m);
    Eigen::ArrayXd powered(cal.n), scratch(cal.n);  // ratio^(-Es) for one importer
    for (Eigen::Index v = 0; v < cal.m; ++v) {
      power_into(cal.tariff_ratio.col(v).array(), -cal.es(v), powered, scratch);
      value_powered_.col(v) = cal.value.col(v).array() * powered;
      share_powered_.col(v) = cal.share.col(v).array() * cal.tariff_ratio.col(v).array() * powered;
    }
  }

  void evaluate(const Eigen::VectorXd& y, State& s) const {
    s.log_index.setZero(cal_.m);
    if (factored_)
      evaluate_factored(y, s);
    else
      evaluate_formed(y, s);
    const auto k = static_cast<Eigen::Index>(cal_.free.size());
    s.excess.resize(k);
    for (Eigen::Index i = 0; i < k; ++i) {
      const Eigen::Index r = cal_.free[i];
      const double supply = cal_.exports(r) * std::exp(cal_.ex(r) * y(r));
      s.excess(i) = (s.demand(r) - supply) / cal_.exports(r);
    }
  }

  // d (X * excess) / d y over free exporters (unscaled, so that at y = 0 it is GSIM's linear matrix A):
  //   J(r,k) = sum_v q(r,v) (Em+Es)(v) s(k,v) - delta(r,k) (sum_v q(r,v) Es(v) + Ex X e^{Ex y})
  // It borrows `s`.
  detail::StructuredMatrix jacobian(const Eigen::VectorXd& y, const State& s) const {
    if (!factored_) return detail::clearing_matrix(cal_, s.quantity, s.weight, y);
    detail::StructuredMatrix j;
    j.left = &value_powered_;
    j.right = &share_powered_;
    j.column_weight = s.column_scale.cwiseProduct(cal_.em + cal_.es).cwiseProduct(s.inverse_sum);
    j.left_scale = s.demand_shift;
    j.right_scale = s.shifted;
    j.free = &cal_.free;
    j.diagonal = detail::clearing_diagonal(cal_, cal_.es(0) * s.demand, y);
    return j;
  }

  // Flows at the state's world prices e^y: q(r,v) e^y(r).
  Eigen::MatrixXd flows(const Eigen::VectorXd& y, const State& s) const {
    const Eigen::VectorXd world_price = y.array().exp();
    if (!factored_) return world_price.asDiagonal() * s.quantity;
    const Eigen::VectorXd row_scale = s.demand_shift.cwiseProduct(world_price);
    return row_scale.asDiagonal() * value_powered_ * s.column_scale.asDiagonal();
  }

 private:
  void evaluate_factored(const Eigen::VectorXd& y, State& s) const {
    const double a = 1.0 - cal_.es(0);
    s.shifted = (a * y.array()).exp();
    s.demand_shift = s.shifted.array() * (-y.array()).exp();
    // P^(1-Es) = sum_r theta p^(1-Es);  q = V (p/P)^(-Es) P^Em = V p^(1-Es) / p * P^(1+Em) / sum
    const Eigen::VectorXd sums = share_powered_.transpose() * s.shifted;
    s.column_scale.resize(cal_.m);
    s.inverse_sum.resize(cal_.m);
    for (Eigen::Index v = 0; v < cal_.m; ++v) {
      if (!(cal_.spending(v) > 0)) {  // buys nothing: no price index, no demand
        s.column_scale(v) = s.inverse_sum(v) = 0;
        continue;
      }
      const double log_p = std::log(sums(v)) / a;
      s.log_index(v) = log_p;
      s.inverse_sum(v) = 1.0 / sums(v);
      s.column_scale(v) = std::exp((1.0 + cal_.em(v)) * log_p) / sums(v);
    }
    s.demand = s.demand_shift.cwiseProduct(value_powered_ * s.column_scale);
  }

  void evaluate_formed(const Eigen::VectorXd& y, State& s) const {
    const auto n = cal_.n, m = cal_.m;
    s.quantity.resize(n, m);
    s.weight.resize(n, m);
    const Eigen::ArrayXd inverse_world_price = (-y.array()).exp();
    Eigen::ArrayXd demand = Eigen::ArrayXd::Zero(n);
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
        // q = V P^(1+Em) / p with p = ratio e^y; value_powered = V / ratio here
        s.quantity.col(v) = value_powered_.col(v).array() * inverse_world_price * std::exp((1.0 + em) * log_p);
      } else {
        const Eigen::ArrayXd shifted = (a * y.array()).exp();
        s.weight.col(v) = share_powered_.col(v).array() * shifted;
        const double sum = s.weight.col(v).sum();
        const double log_p = std::log(sum) / a;
        s.log_index(v) = log_p;
        s.weight.col(v) /= sum;
        const double scale = std::exp((1.0 + em) * log_p) / sum;
        s.quantity.col(v) = value_powered_.col(v).array() * shifted * inverse_world_price * scale;
      }
      demand += s.quantity.col(v).array();
    }
    s.demand = demand.matrix();
  }

  const detail::Calibration& cal_;
  bool factored_ = false;
  Eigen::MatrixXd share_powered_;  // theta ratio^(1-Es)
  Eigen::MatrixXd value_powered_;  // V ratio^(-Es)
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
// Jacobian at the initial prices, y = 0 (null: factorise one at `y`).
// Iterative: each step solves with the Jacobian at the current y by GMRES
// (Newton-Krylov, Kelley 1995 ch. 6), an LU only where GMRES fails. Returns false when it stalls or runs out of
// iterations, leaving y where it got.
bool newton(const Evaluator& evaluator, const detail::Calibration& cal,
            const Eigen::PartialPivLU<Eigen::MatrixXd>* initial, detail::LinearAlgebra how, Eigen::VectorXd& y,
            State& state, int& iterations) {
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
  bool fresh = !initial || y.isZero();  // the step comes from the Jacobian at the current y
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
                               LinearAlgebra how, const Eigen::VectorXd* start) {
  const Evaluator evaluator(cal);
  Eigen::VectorXd y = start ? *start : Eigen::VectorXd::Zero(cal.n);
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
    if (!solved)
      throw std::runtime_error("GSIM non-linear solve did not converge for product '" + market.product + "'");
    evaluator.evaluate(y, state);
  }

  const Eigen::VectorXd x = y.array().exp() - 1.0;
  const Eigen::VectorXd import_price = state.log_index.array().exp() - 1.0;
  const Eigen::MatrixXd flows_after = evaluator.flows(y, state);
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
  fill_regions(cal, x, import_price, producer, consumer, flows_after, solution);
  return solution;
}

}  // namespace detail

MarketSolution solve_nonlinear(const Market& market) {
  const detail::Calibration cal = detail::calibrate(market);
  return detail::solve_nonlinear(market, cal, nullptr, detail::LinearAlgebra::automatic, nullptr);
}

}  // namespace pivot::trade
