// Structural gravity in general equilibrium: baseline and conditional
// equilibria by bi-proportional fitting (exactly the two-way fixed-effects PPML
// with an offset, whose first-order conditions are the row and column totals),
// then the full endowment by the chosen closure. docs/models/ge.md.
#include "pivot/econ/ge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "pivot/core/error.hpp"

namespace pivot::gravity {
namespace {

using Vector = std::vector<double>;

// mu_ij = a_i b_j cost_ij on the present cells with row totals `rows` and column
// totals `columns` (equal sums), b_reference = 1.
struct Fit {
  Vector a, b, flows;
};

Fit biproportional(const GeInputs& in, const Vector& cost, const Vector& rows, const Vector& columns) {
  const std::size_t n = in.countries.size();
  Fit fit{Vector(n, 1.0), Vector(n, 1.0), Vector(n * n, 0.0)};
  Vector column_sum(n);
  bool converged = false;
  for (int iteration = 0; iteration < 100000 && !converged; ++iteration) {
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0;
      for (std::size_t j = 0; j < n; ++j)
        if (in.present[i * n + j]) sum += fit.b[j] * cost[i * n + j];
      fit.a[i] = rows[i] / sum;
    }
    std::fill(column_sum.begin(), column_sum.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (in.present[i * n + j]) column_sum[j] += fit.a[i] * cost[i * n + j];
    double worst = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const double b = columns[j] / column_sum[j];
      worst = std::max(worst, std::abs(std::log(b / fit.b[j])));
      fit.b[j] = b;
    }
    converged = worst <= 1e-13;
  }
  // Totals no scaling of these cells can meet (a country's only cells with zero cost, say).
  if (!converged) throw UsageError("ge: the fixed effects (bi-proportional fit) did not converge");
  const double shift = fit.b[in.reference];
  for (std::size_t i = 0; i < n; ++i) {
    fit.b[i] /= shift;
    fit.a[i] *= shift;
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (in.present[i * n + j]) fit.flows[i * n + j] = fit.a[i] * fit.b[j] * cost[i * n + j];
  return fit;
}

Vector row_totals(const Vector& m, std::size_t n) {
  Vector out(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) out[i] += m[i * n + j];
  return out;
}

Vector column_totals(const Vector& m, std::size_t n) {
  Vector out(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) out[j] += m[i * n + j];
  return out;
}

double total(const Vector& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

Vector shares(const Vector& v) {
  const double sum = total(v);
  Vector out(v);
  for (double& x : out) x /= sum;
  return out;
}

// Exports and imports (international flows) and real output of a state.
void finish(GeState& s, std::size_t n, double sigma) {
  s.exports.assign(n, 0.0);
  s.imports.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j) {
        s.exports[i] += s.flows[i * n + j];
        s.imports[j] += s.flows[i * n + j];
      }
  s.real_output.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    s.real_output[i] = s.output[i] / resistance_level(s.imr_power[i], sigma);  // output already at p'
}

// The masses a state is built on: GEPPML's observed totals, or gegravity's supplied ones.
struct Masses {
  Vector output, expenditure;  // levels
  Vector row_share, column_share;
  double omr_scale = 1;   // OMR power in GEPPML units (Y E_R / exporter effect) or gegravity's share units
  double flow_scale = 1;  // modelled flows = share fit x this
};

Masses masses(const GeInputs& in) {
  const std::size_t n = in.countries.size();
  Masses m;
  if (in.supplied_output.empty()) {
    m.output = row_totals(in.trade, n);
    m.expenditure = column_totals(in.trade, n);
    m.omr_scale = m.flow_scale = total(m.output);
  } else {
    m.output = in.supplied_output;
    m.expenditure = in.supplied_expenditure;
    m.flow_scale = total(m.expenditure);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!(m.output[i] > 0) || !(m.expenditure[i] > 0))
      throw UsageError(fmt::format("ge: {} has no output or no expenditure", in.countries[i]));
  m.row_share = shares(m.output);
  m.column_share = shares(m.expenditure);
  return m;
}

// A state from a fit of the share totals: P^(1-sigma) = e_j / (b_j e_R), Pi^(1-sigma) = y_i e_R / a_i.
GeState fitted_state(const GeInputs& in, const Masses& m, const Fit& fit) {
  const std::size_t n = in.countries.size();
  const double e_ref = m.column_share[in.reference];
  GeState s;
  s.factory_price.assign(n, 1.0);
  s.output = m.output;
  s.expenditure = m.expenditure;
  s.imr_power.resize(n);
  s.omr_power.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    s.imr_power[i] = m.column_share[i] / (fit.b[i] * e_ref);
    s.omr_power[i] = m.omr_scale * m.row_share[i] * e_ref / fit.a[i];
  }
  s.flows = fit.flows;
  for (double& x : s.flows) x *= m.flow_scale;
  finish(s, n, in.sigma);
  return s;
}

// Statistics over the observations of a per-exporter vector (each exporter counted
// once per present cell of its row), as Stata's `summarize` gives them.
GeRound summarize_rows(const GeInputs& in, const Vector& values, int round) {
  const std::size_t n = in.countries.size();
  GeRound r;
  r.round = round;
  double count = 0, sum = 0;
  r.min = INFINITY;
  r.max = -INFINITY;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (in.present[i * n + j]) {
        count += 1;
        sum += values[i];
        r.min = std::min(r.min, values[i]);
        r.max = std::max(r.max, values[i]);
      }
  r.mean = sum / count;
  double squares = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (in.present[i * n + j]) squares += (values[i] - r.mean) * (values[i] - r.mean);
  r.sd = count > 1 ? std::sqrt(squares / (count - 1)) : 0.0;
  return r;
}

// GEPPML's full-endowment iteration (Anderson, Larch & Yotov 2018, eq. 14, as
// their Stata code runs it): flows of round k are last round's fitted flows times
// the exporter's and importer's price changes over the changes in the OMR and IMR;
// the two-way fixed effects are re-fitted with the counterfactual costs; prices are
// the ratio of exporter effects deflated by the reference expenditure; stop when
// the sd and |max| of the change in prices between the two rounds before are within
// the tolerance.
GeState geppml_full(const GeInputs& in, const Masses& m, const Fit& base, const Fit& cond, GeResult& result) {
  const std::size_t n = in.countries.size();
  const double exponent = 1.0 / (1.0 - in.sigma);
  const double W = total(m.output);
  Vector phi(n);
  for (std::size_t i = 0; i < n; ++i) phi[i] = m.expenditure[i] / m.output[i];
  const std::size_t R = in.reference;
  // Level exporter effects (the share fit's a times world output).
  Vector e0(n), e_prev(n), p_prev(n), p_prevprev(n, 0.0), omr_prev(n), imr_prev(n);
  Vector omr_change(n, 1.0), imr_change(n, 1.0), b_last = cond.b;
  const double E_R0 = m.expenditure[R];
  for (std::size_t i = 0; i < n; ++i) {
    e0[i] = base.a[i] * W;
    e_prev[i] = cond.a[i] * W;
    p_prev[i] = std::pow(e_prev[i] / e0[i], exponent);
    omr_prev[i] = m.output[i] * E_R0 / e_prev[i];
    imr_prev[i] = m.expenditure[i] / (cond.b[i] * E_R0);
  }
  Vector pred = cond.flows;
  for (double& x : pred) x *= W;
  double E_R_prev = E_R0;
  Vector trade(n * n), e_now(n), p(n), omr(n), imr(n);
  result.converged = false;
  for (int k = 2; k < in.max_rounds + 2; ++k) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        trade[i * n + j] = pred[i * n + j] * p_prev[i] * p_prev[j] / (omr_change[i] * imr_change[j]);
    const Vector out = row_totals(trade, n);
    const Vector col = column_totals(trade, n);
    const Fit fit = biproportional(in, in.cost_counterfactual, out, col);
    pred = fit.flows;
    b_last = fit.b;
    const double E_R = in.reference_expenditure == ReferenceExpenditure::fitted ? col[R] : phi[R] * out[R];
    for (std::size_t i = 0; i < n; ++i) {
      e_now[i] = fit.a[i];
      p[i] = std::pow((e_now[i] / e_prev[i]) / (E_R / E_R_prev), exponent);
      omr[i] = out[i] * E_R / e_now[i];
      omr_change[i] = omr[i] / omr_prev[i];
      imr[i] = phi[i] * out[i] / (fit.b[i] * E_R);
      imr_change[i] = imr[i] / imr_prev[i];
    }
    Vector diff(n);
    for (std::size_t i = 0; i < n; ++i) diff[i] = p_prev[i] - p_prevprev[i];
    const GeRound round = summarize_rows(in, diff, k);
    result.rounds.push_back(round);
    if (!std::isfinite(round.sd)) break;  // the iteration diverged (it oscillates with growing amplitude)
    p_prevprev = p_prev;
    p_prev = p;
    e_prev = e_now;
    E_R_prev = E_R;
    omr_prev = omr;
    imr_prev = imr;
    if (round.sd <= in.tolerance && std::abs(round.max) <= in.tolerance) {
      result.converged = true;
      break;
    }
  }
  // The indexes from the last round (the Stata code's final block).
  const Vector out = row_totals(pred, n);
  const double E_R = phi[R] * out[R];
  GeState s;
  s.factory_price.resize(n);
  s.output.resize(n);
  s.expenditure.resize(n);
  s.imr_power.resize(n);
  s.omr_power.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    s.factory_price[i] = std::pow((e_prev[i] / e0[i]) / (E_R / E_R0), exponent);
    s.output[i] = s.factory_price[i] * m.output[i];
    s.expenditure[i] = phi[i] * s.output[i];
    s.omr_power[i] = s.output[i] * E_R / e_prev[i];
    s.imr_power[i] = phi[i] * out[i] / (b_last[i] * E_R);
  }
  s.flows.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (in.present[i * n + j])
        s.flows[i * n + j] =
            s.output[i] * s.expenditure[j] * in.cost_counterfactual[i * n + j] / (s.imr_power[j] * s.omr_power[i]);
  finish(s, n, in.sigma);
  return s;
}

// Exact hat algebra (Dekle, Eaton & Kortum 2008) on the baseline flows X:
// P^_j^(1-sigma) = sum_i pi_ij tau_ij p^_i^(1-sigma), Y'_i = p^_i Y_i = sum_j pi'_ij E'_j,
// E'_j = s phi_j Y'_j with s = sum Y' / sum phi Y' (world expenditure equals world
// output), P^_reference = 1. Solved by p^_i <- p^_i (demand_i / Y'_i)^(1/sigma).
GeState hat_full(const GeInputs& in, const GeState& base, GeResult& result) {
  const std::size_t n = in.countries.size();
  const double one_minus = 1.0 - in.sigma;
  const Vector& X = base.flows;
  const Vector Y = row_totals(X, n), E = column_totals(X, n);
  Vector tau(n * n, 1.0), p(n, 1.0), ppow(n), Eprime(n), demand(n);
  for (std::size_t c = 0; c < n * n; ++c)
    if (in.present[c]) tau[c] = in.cost_counterfactual[c] / in.cost_baseline[c];
  double gap = INFINITY;
  int iteration = 0;
  for (; iteration < 100000; ++iteration) {
    std::fill(ppow.begin(), ppow.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const double pi = std::pow(p[i], one_minus);
      for (std::size_t j = 0; j < n; ++j) ppow[j] += X[i * n + j] / E[j] * tau[i * n + j] * pi;
    }
    // Normalise: P^_reference = 1 (the system is homogeneous of degree one in p^).
    const double scale = std::pow(ppow[in.reference], 1.0 / one_minus);
    for (std::size_t i = 0; i < n; ++i) p[i] /= scale;
    for (std::size_t j = 0; j < n; ++j) ppow[j] /= ppow[in.reference];
    double world_output = 0, world_spending = 0;
    for (std::size_t i = 0; i < n; ++i) {
      world_output += p[i] * Y[i];
      world_spending += E[i] / Y[i] * p[i] * Y[i];
    }
    for (std::size_t j = 0; j < n; ++j) Eprime[j] = world_output / world_spending * E[j] * p[j];
    gap = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0;
      for (std::size_t j = 0; j < n; ++j) sum += X[i * n + j] / E[j] * tau[i * n + j] * Eprime[j] / ppow[j];
      demand[i] = std::pow(p[i], one_minus) * sum;
      gap = std::max(gap, std::abs(demand[i] / (p[i] * Y[i]) - 1));
    }
    if (gap <= 1e-13) break;
    for (std::size_t i = 0; i < n; ++i) p[i] *= std::pow(demand[i] / (p[i] * Y[i]), 1.0 / in.sigma);
  }
  result.hat_iterations = iteration;
  result.hat_residual = gap;
  GeState s;
  s.factory_price = p;
  s.output.resize(n);
  s.expenditure.resize(n);
  s.imr_power.resize(n);
  s.omr_power.resize(n);
  s.flows.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      s.flows[i * n + j] = X[i * n + j] / E[j] * tau[i * n + j] * std::pow(p[i], one_minus) * Eprime[j] / ppow[j];
  for (std::size_t i = 0; i < n; ++i) {
    s.output[i] = p[i] * base.output[i];
    s.expenditure[i] = Eprime[i] / E[i] * base.expenditure[i];
    s.imr_power[i] = base.imr_power[i] * ppow[i];
    double omr_hat = 0;  // Pi^(1-sigma) = sum_j t_ij E_j / P_j^(1-sigma), as a ratio to the baseline
    for (std::size_t j = 0; j < n; ++j) omr_hat += X[i * n + j] * tau[i * n + j] * (Eprime[j] / E[j]) / ppow[j];
    s.omr_power[i] = base.omr_power[i] * omr_hat / Y[i];
  }
  finish(s, n, in.sigma);
  return s;
}

// gegravity v0.3's "full GE": the conditional MRs (counterfactual costs, baseline
// shares), p^(1-sigma) = Pi^(1-sigma) / Pi'^(1-sigma), Y' = p Y, E' = (E/Y) Y', and
// X'_ij = E'_j (Y'_i / sum Y') t'_ij / (Pi'_i P'_j) in share units.
GeState one_step_full(const GeInputs& in, const Masses& m, const GeState& base, const GeState& cond,
                      const Fit& cond_fit) {
  const std::size_t n = in.countries.size();
  GeState s = cond;
  for (std::size_t i = 0; i < n; ++i) {
    s.factory_price[i] = std::pow(base.omr_power[i] / cond.omr_power[i], 1.0 / (1.0 - in.sigma));
    s.output[i] = s.factory_price[i] * m.output[i];
    s.expenditure[i] = m.expenditure[i] / m.output[i] * s.output[i];
  }
  const double world = total(s.output);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)  // the share fit is y_i e_j t'/(Pi' P'): swap in y'_i and E'_j
      s.flows[i * n + j] =
          cond_fit.flows[i * n + j] * (s.output[i] / world) / m.row_share[i] * s.expenditure[j] / m.column_share[j];
  finish(s, n, in.sigma);
  return s;
}

}  // namespace

const char* closure_name(Closure closure) {
  switch (closure) {
    case Closure::geppml:
      return "geppml";
    case Closure::hat:
      return "hat";
    case Closure::one_step:
      return "one_step";
  }
  return "";
}

double percent_change(double before, double after) { return 100.0 * (after / before - 1.0); }

double resistance_level(double power, double sigma) { return std::pow(power, 1.0 / (1.0 - sigma)); }

GeResult solve_ge(const GeInputs& in) {
  const std::size_t n = in.countries.size();
  if (!(in.sigma > 1)) throw UsageError(fmt::format("ge: sigma must be > 1, got {}", in.sigma));
  if (n == 0 || in.reference >= n) throw UsageError("ge: no countries or no reference country");
  if (in.present.size() != n * n || in.trade.size() != n * n || in.cost_baseline.size() != n * n ||
      in.cost_counterfactual.size() != n * n)
    throw UsageError("ge: every matrix must be countries x countries");
  const Masses m = masses(in);
  GeResult result;
  result.closure = in.closure;
  const Fit base = biproportional(in, in.cost_baseline, m.row_share, m.column_share);
  const Fit cond = biproportional(in, in.cost_counterfactual, m.row_share, m.column_share);
  result.baseline = fitted_state(in, m, base);
  result.conditional = fitted_state(in, m, cond);
  result.hat = hat_full(in, result.baseline, result);
  switch (in.closure) {
    case Closure::geppml:
      if (!in.supplied_output.empty())
        throw UsageError("ge: the geppml closure needs observed output (no supplied Y, E)");
      result.full = geppml_full(in, m, base, cond, result);
      break;
    case Closure::hat:
      result.full = result.hat;
      result.converged = result.hat_residual <= 1e-10;
      break;
    case Closure::one_step:
      result.full = one_step_full(in, m, result.baseline, result.conditional, cond);
      result.converged = true;
      break;
  }
  return result;
}

}  // namespace pivot::gravity
