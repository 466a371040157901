// Sensitivity analysis: the one-at-a-time low/high sweep behind a tornado
// table, and variance-based (Sobol) indices. Estimators and sources in
// docs/uncertainty.md.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "pivot/core/error.hpp"
#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"
#include "uncertainty/parallel_trials.hpp"

namespace pivot {

SensitivityReport sensitivity_report(const Study& study, const TrialModel& model, const std::string& by,
                                     std::uint64_t seed, std::uint64_t samples) {
  SensitivityReport report;
  report.scenario = study.scenario.name;
  report.model = model.name;
  report.factor_grouping = by;
  report.seed = seed;
  report.samples = samples;
  report.inputs = sensitivity_inputs(study);
  report.outputs = model.outputs;
  return report;
}

SensitivityInputs sensitivity_inputs(const Study& study) {
  SensitivityInputs in;
  for (const UncertainInput& u : study.uncertainty) {
    in.names.push_back(uncertain_input_name(study, u));
    in.distributions.push_back(u.distribution);
    in.keys.push_back(uncertain_variable_id(study, u));
    in.base.push_back(actor_field(study, u));
  }
  return in;
}

VectorModel scenario_vector_model(const Study& study, const TrialModel& model) {
  auto base = std::make_shared<Study>(study);
  base->scenario.sources.clear();
  return [base, run = model.run](const std::vector<double>& x, std::uint64_t seed) {
    Study s = *base;
    for (std::size_t v = 0; v < x.size(); ++v) actor_field(s, base->uncertainty[v]) = x[v];
    return run(s, seed);
  };
}

OneAtATime one_at_a_time(const SensitivityInputs& inputs, const VectorModel& model, const RunControl& control) {
  const std::size_t k = inputs.base.size();
  OneAtATime sweep;
  sweep.at_low.resize(k);
  sweep.at_high.resize(k);
  const std::uint64_t seed = keyed_bits({control.seed, kStreamModelSeed, 0, 0});
  // Run 0 is the base; run 1 + 2i moves input i to its low end, run 2 + 2i to its high end.
  const bool complete = uncertainty::for_each_trial(
      2 * k + 1, control.threads, control.stop, control.progress, [&](std::uint64_t run) {
        std::vector<double> x = inputs.base;
        if (run == 0) {
          sweep.base = model(x, seed);
          return;
        }
        const std::size_t i = (run - 1) / 2;
        const bool high = (run - 1) % 2 == 1;
        x[i] = high ? inputs.distributions[i].high : inputs.distributions[i].low;
        (high ? sweep.at_high : sweep.at_low)[i] = model(x, seed);
      });
  sweep.interrupted = !complete;
  return sweep;
}

std::vector<std::size_t> tornado_order(const OneAtATime& sweep, std::size_t output) {
  std::vector<std::size_t> order(sweep.at_low.size());
  std::iota(order.begin(), order.end(), 0);
  auto swing = [&](std::size_t i) { return std::fabs(sweep.at_high[i][output] - sweep.at_low[i][output]); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return swing(a) > swing(b); });
  return order;
}

SobolIndex sobol_estimate(const std::vector<double>& f_a, const std::vector<double>& f_b,
                          const std::vector<double>& f_ab, const std::vector<std::size_t>& rows) {
  const std::size_t n = rows.empty() ? f_a.size() : rows.size();
  auto row = [&](std::size_t j) { return rows.empty() ? j : rows[j]; };
  double mean = 0.0;
  for (std::size_t j = 0; j < n; ++j) mean += f_a[row(j)] + f_b[row(j)];
  mean /= static_cast<double>(2 * n);
  double variance = 0.0, first = 0.0, total = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    const double a = f_a[row(j)], b = f_b[row(j)], ab = f_ab[row(j)];
    variance += (a - mean) * (a - mean) + (b - mean) * (b - mean);
    first += b * (ab - a);         // Saltelli et al. 2010
    total += (a - ab) * (a - ab);  // Jansen 1999
  }
  variance /= static_cast<double>(2 * n - 1);
  if (!(variance > 0.0)) return {};  // a constant output depends on nothing
  SobolIndex index;
  index.first = first / static_cast<double>(n) / variance;
  index.total = total / (2.0 * static_cast<double>(n)) / variance;
  index.first_low = index.first_high = index.first;
  index.total_low = index.total_high = index.total;
  return index;
}

namespace {

// Row indices of bootstrap resample b: N draws with replacement, keyed like every other draw.
std::vector<std::size_t> bootstrap_rows(std::uint64_t seed, int b, std::size_t n) {
  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j)
    rows[j] = static_cast<std::size_t>(
        keyed_bits({seed, kStreamBootstrap, static_cast<std::uint64_t>(b), static_cast<std::uint32_t>(j)}) % n);
  return rows;
}

// Adds 95% percentile intervals (type 7 quantiles of the resampled estimates) to `index`.
void add_bootstrap_intervals(SobolIndex& index, const std::vector<double>& f_a, const std::vector<double>& f_b,
                             const std::vector<double>& f_ab, const std::vector<std::vector<std::size_t>>& resamples) {
  std::vector<double> firsts, totals;
  for (const auto& rows : resamples) {
    const SobolIndex r = sobol_estimate(f_a, f_b, f_ab, rows);
    firsts.push_back(r.first);
    totals.push_back(r.total);
  }
  std::sort(firsts.begin(), firsts.end());
  std::sort(totals.begin(), totals.end());
  index.first_low = quantile_type7(firsts, 0.025), index.first_high = quantile_type7(firsts, 0.975);
  index.total_low = quantile_type7(totals, 0.025), index.total_high = quantile_type7(totals, 0.975);
}

}  // namespace

SobolResult sobol_indices(const SensitivityInputs& inputs, const std::vector<SobolFactor>& factors, std::size_t outputs,
                          const VectorModel& model, std::uint64_t samples, const RunControl& control) {
  if (samples < 2 || samples > std::numeric_limits<std::uint32_t>::max())
    throw UsageError("sobol: samples must be between 2 and 4294967295");
  const std::size_t k = inputs.base.size(), g = factors.size(), per_row = g + 2;
  auto draw = [&](std::uint32_t stream, std::uint64_t row, std::size_t i) {
    return sample_distribution(inputs.distributions[i], {control.seed, stream, row, inputs.keys[i]});
  };
  // values[which][row][output]; which 0 = A, 1 = B, 2 + f = A with factor f's columns from B.
  std::vector<std::vector<std::vector<double>>> values(per_row, std::vector<std::vector<double>>(samples));
  const bool complete = uncertainty::for_each_trial(
      samples * per_row, control.threads, control.stop, control.progress, [&](std::uint64_t e) {
        const std::uint64_t row = e / per_row;
        const std::size_t which = static_cast<std::size_t>(e % per_row);
        std::vector<double> x(k);
        for (std::size_t i = 0; i < k; ++i) x[i] = draw(which == 1 ? kStreamSobolB : kStreamSobolA, row, i);
        if (which >= 2)
          for (std::size_t i : factors[which - 2].inputs) x[i] = draw(kStreamSobolB, row, i);
        // The same model seed for a row in every matrix (common random numbers).
        values[which][row] = model(x, keyed_bits({control.seed, kStreamModelSeed, row, 0}));
      });
  SobolResult result;
  result.factors = factors;
  result.interrupted = !complete;
  if (!complete) return result;
  auto column = [&](std::size_t which, std::size_t out) {
    std::vector<double> c(samples);
    for (std::uint64_t j = 0; j < samples; ++j) c[j] = values[which][j].at(out);
    return c;
  };
  std::vector<std::vector<std::size_t>> resamples;
  for (int b = 0; b < kSobolBootstrap; ++b) resamples.push_back(bootstrap_rows(control.seed, b, samples));
  for (std::size_t out = 0; out < outputs; ++out) {
    const auto f_a = column(0, out), f_b = column(1, out);
    std::vector<SobolIndex> row;
    for (std::size_t f = 0; f < g; ++f) {
      const auto f_ab = column(2 + f, out);
      row.push_back(sobol_estimate(f_a, f_b, f_ab));
      add_bootstrap_intervals(row.back(), f_a, f_b, f_ab, resamples);
    }
    double mean = 0.0, variance = 0.0;
    for (std::uint64_t j = 0; j < samples; ++j) mean += f_a[j] + f_b[j];
    mean /= static_cast<double>(2 * samples);
    for (std::uint64_t j = 0; j < samples; ++j)
      variance += (f_a[j] - mean) * (f_a[j] - mean) + (f_b[j] - mean) * (f_b[j] - mean);
    result.variance.push_back(variance / static_cast<double>(2 * samples - 1));
    result.index.push_back(std::move(row));
  }
  return result;
}

std::vector<SobolFactor> scenario_factors(const Study& study, const std::string& by) {
  std::vector<SobolFactor> factors;
  auto add_to = [&](const std::string& name, std::size_t input) {
    for (SobolFactor& f : factors)
      if (f.name == name) return f.inputs.push_back(input);
    factors.push_back({name, {input}});
  };
  for (std::size_t i = 0; i < study.uncertainty.size(); ++i) {
    const UncertainInput& u = study.uncertainty[i];
    // An economic parameter belongs to no actor or issue: it is a factor of its own.
    const bool parameter = u.field == ActorField::parameter;
    if (by == "input" || (parameter && (by == "actor" || by == "issue")))
      add_to(uncertain_input_name(study, u), i);
    else if (by == "actor")
      add_to(study.scenario.actors[u.actor].id, i);
    else if (by == "issue")
      add_to(u.issue >= 0 ? study.scenario.issues[u.issue].id
                          : std::string(u.field == ActorField::risk ? "risk" : "capability"),
             i);
    else
      throw UsageError(fmt::format("--by expects input, actor or issue; got '{}'", by));
  }
  return factors;
}

std::vector<std::string> sobol_caveats(const SobolResult& sobol, const std::vector<TrialOutput>& outputs,
                                       std::uint64_t samples) {
  std::vector<std::string> caveats;
  if (sobol.index.empty()) return caveats;
  if (samples < kSobolMinSamples)
    caveats.push_back(
        fmt::format("N = {} base samples, fewer than the {} the indices need to settle", samples, kSobolMinSamples));
  // The worst offender of each kind names where to look; the count says how widespread it is.
  std::size_t outside = 0, wide = 0;
  double worst_out = 0, worst_width = 0;
  std::string where_out, where_wide;
  for (std::size_t k = 0; k < sobol.index.size(); ++k)
    for (std::size_t f = 0; f < sobol.factors.size(); ++f) {
      const SobolIndex& i = sobol.index[k][f];
      const std::string where =
          fmt::format("{} on {}", sobol.factors[f].name, k < outputs.size() ? outputs[k].name : "?");
      for (double v : {i.first, i.total}) {
        if (!std::isfinite(v)) continue;
        const double excess = std::max(-v, v - 1.0);
        if (excess <= kSobolRangeSlack) continue;
        ++outside;
        if (excess > worst_out) worst_out = excess, where_out = fmt::format("{:.3g} for {}", v, where);
      }
      for (double width : {i.first_high - i.first_low, i.total_high - i.total_low}) {
        if (!std::isfinite(width) || width <= kSobolMaxInterval) continue;
        ++wide;
        if (width > worst_width) worst_width = width, where_wide = fmt::format("{:.3g}, for {}", width, where);
      }
    }
  if (outside > 0)
    caveats.push_back(fmt::format("{} indices lie outside [0, 1] (worst {}): estimator noise, not a share of variance",
                                  outside, where_out));
  if (wide > 0)
    caveats.push_back(
        fmt::format("{} 95% intervals are wider than {:g} (widest {})", wide, kSobolMaxInterval, where_wide));
  return caveats;
}

}  // namespace pivot
