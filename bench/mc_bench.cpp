// Monte Carlo throughput: 10,000 trials of the korea-2025 ktab forecast with
// +-10 on every position and salience, on 1, 2 and all cores. The target is
// under 10 s on 2 cores and throughput close to linear in cores; the
// `trials/s` counter is what docs/uncertainty.md reports.
#include <benchmark/benchmark.h>

#include <thread>

#include "pivot/scenario.hpp"
#include "pivot/uncertainty.hpp"

namespace {

pivot::Scenario uncertain_korea() {
  pivot::Scenario s = pivot::load_scenario("korea-2025");
  s.uncertainty_defaults.position = 10.0;
  s.uncertainty_defaults.salience = 10.0;
  pivot::resolve_uncertainty(s, "", "");
  return s;
}

void mc_korea_ktab(benchmark::State& state) {
  const pivot::Scenario scenario = uncertain_korea();
  const pivot::TrialModel model = pivot::forecast_trial_model(scenario, "ktab", {});
  pivot::McOptions options;
  options.trials = static_cast<std::uint64_t>(state.range(0));
  options.threads = static_cast<int>(state.range(1));
  options.seed = 1;
  for (auto _ : state) {
    pivot::McRun run = pivot::run_monte_carlo(scenario, model, options);
    benchmark::DoNotOptimize(run.results.data());
  }
  state.counters["trials/s"] =
      benchmark::Counter(static_cast<double>(options.trials) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["inputs"] = static_cast<double>(scenario.uncertainty.size());
}

void thread_counts(benchmark::internal::Benchmark* b) {
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  for (int threads : {1, 2, 4, 8, 16})
    if (threads <= cores) b->Args({10000, threads});
}

BENCHMARK(mc_korea_ktab)->Apply(thread_counts)->ArgNames({"trials", "threads"})->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace
