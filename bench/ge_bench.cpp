// Structural gravity timings (Google Benchmark), the targets in brackets:
// - GEPPML's 41-country example end to end: load, PPML, conditional and full GE (< 50 ms);
// - a synthetic panel of 200 countries x 20 years (800,000 flows) with exporter-year,
//   importer-year and pair fixed effects: PPML to 1e-8 (< 10 s on 2 cores), then the
//   full-endowment GE of its last year (< 5 s); peak memory (< 2 GB) as a counter.
// The panel is drawn from a fixed seed: flows exp(x'beta + effects) times log-normal
// noise, one in twenty set to zero.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "pivot/econ/ge_model.hpp"

namespace {

using namespace pivot::gravity;

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

struct Panel {
  PpmlProblem problem;
  std::size_t countries = 0, years = 0;
};

Panel synthetic_panel(std::size_t n, std::size_t years) {
  std::mt19937_64 rng(2025);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> exp_year(n * years), imp_year(n * years), pair(n * n);
  for (double& v : exp_year) v = normal(rng);
  for (double& v : imp_year) v = normal(rng);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) pair[i * n + j] = i == j ? 3.0 : -1.0 + 0.5 * normal(rng);
  Panel panel;
  panel.countries = n;
  panel.years = years;
  PpmlProblem& p = panel.problem;
  p.terms = {"rta", "ln_tariff"};
  p.regressors.assign(2, {});
  const std::size_t obs = n * n * years;
  FixedEffect ey{"exporter-year", {}, n * years}, iy{"importer-year", {}, n * years}, pr{"pair", {}, n * n};
  for (auto* v : {&p.y, &p.regressors[0], &p.regressors[1]}) v->reserve(obs);
  for (auto* g : {&ey.group, &iy.group, &pr.group, &p.cluster}) g->reserve(obs);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t start = (i * 31 + j * 17) % (years + 5);  // an agreement from this year on
      for (std::size_t t = 0; t < years; ++t) {
        const double rta = i != j && t >= start ? 1.0 : 0.0;
        const double tariff = i == j ? 0.0 : std::log(1.0 + 0.1 * uniform(rng));
        const double eta =
            0.3 * rta - 5.0 * tariff + exp_year[i * years + t] + imp_year[j * years + t] + pair[i * n + j];
        p.y.push_back(uniform(rng) < 0.05 ? 0.0 : std::exp(eta + 0.5 * normal(rng)));
        p.regressors[0].push_back(rta);
        p.regressors[1].push_back(tariff);
        ey.group.push_back(static_cast<std::uint32_t>(i * years + t));
        iy.group.push_back(static_cast<std::uint32_t>(j * years + t));
        pr.group.push_back(static_cast<std::uint32_t>(i * n + j));
        p.cluster.push_back(static_cast<std::uint32_t>(i * n + j));
      }
    }
  p.fixed_effects = {ey, iy, pr};
  p.tolerance = 1e-8;
  return panel;
}

// The last year of the panel as GE inputs: costs exp(x'beta + pair effect), every
// regional agreement dissolved in the counterfactual, sigma 7, country 0 the reference.
GeInputs last_year(const Panel& panel, const PpmlResult& fit) {
  const std::size_t n = panel.countries, years = panel.years;
  GeInputs in;
  for (std::size_t i = 0; i < n; ++i) in.countries.push_back("c" + std::to_string(i));
  in.sigma = 7;
  in.present.assign(n * n, true);
  in.trade.assign(n * n, 0.0);
  in.cost_baseline.assign(n * n, 0.0);
  in.cost_counterfactual.assign(n * n, 0.0);
  const auto& p = panel.problem;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t o = (i * n + j) * years + (years - 1), c = i * n + j;
      const double pair = fit.fixed_effects[2][c];
      in.trade[c] = p.y[o];
      in.cost_baseline[c] = std::exp(fit.beta[0] * p.regressors[0][o] + fit.beta[1] * p.regressors[1][o] + pair);
      in.cost_counterfactual[c] = std::exp(fit.beta[1] * p.regressors[1][o] + pair);
    }
  // A country with no flows at all in that year has no output: give it its fitted flows.
  for (std::size_t c = 0; c < n * n; ++c)
    if (in.trade[c] == 0) in.trade[c] = fit.mu[(c)*years + (years - 1)];
  in.closure = Closure::geppml;
  in.tolerance = 1e-8;
  return in;
}

const Panel& shared_panel() {
  static const Panel panel = synthetic_panel(200, 20);
  return panel;
}

void BM_PpmlPanel200x20(benchmark::State& state) {
  const Panel& panel = shared_panel();
  PpmlResult r;
  for (auto _ : state) {
    r = estimate_ppml(panel.problem);
    benchmark::DoNotOptimize(r.beta.data());
  }
  state.counters["observations"] = double(panel.problem.y.size());
  state.counters["dropped"] = double(r.dropped_count);
  state.counters["relu_fits"] = r.relu_fits;
  state.counters["newton_steps"] = r.iterations;
  state.counters["fe_sweeps"] = double(r.sweeps);
  state.counters["demean_sweeps"] = double(r.demean_sweeps);
  state.counters["rta"] = r.beta[0];
  state.counters["ln_tariff"] = r.beta[1];
  state.counters["converged"] = r.converged;
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_PpmlPanel200x20)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_GeFull200(benchmark::State& state) {
  const Panel& panel = shared_panel();
  static const PpmlResult fit = estimate_ppml(panel.problem);
  const GeInputs in = last_year(panel, fit);
  GeResult r;
  for (auto _ : state) {
    r = solve_ge(in);
    benchmark::DoNotOptimize(r.full.factory_price.data());
  }
  state.counters["geppml_rounds"] = r.rounds.empty() ? 0 : r.rounds.back().round;
  state.counters["converged"] = r.converged;
  state.counters["hat_iterations"] = r.hat_iterations;
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_GeFull200)->Unit(benchmark::kMillisecond)->Iterations(1);

// GEPPML's example from its model file; skipped when ../shared/data/ge is not beside the checkout.
void BM_GeAly41EndToEnd(benchmark::State& state) {
  const std::filesystem::path model =
      std::filesystem::path(PIVOT_BENCH_SOURCE_DIR) / "tests/data/ge/aly2018_geppml_41.toml";
  if (!std::filesystem::exists(std::filesystem::path(PIVOT_BENCH_SOURCE_DIR) / "../shared/data/ge/aly2018_geppml_41")) {
    state.SkipWithError("../shared/data/ge/aly2018_geppml_41 is missing");
    return;
  }
  int rounds = 0;
  for (auto _ : state) {
    const GeRun run = run_ge(load_ge_model(model));
    rounds = run.result.rounds.back().round;
    benchmark::DoNotOptimize(run.result.full.real_output.data());
  }
  state.counters["geppml_rounds"] = rounds;
}
BENCHMARK(BM_GeAly41EndToEnd)->Unit(benchmark::kMillisecond);

}  // namespace
