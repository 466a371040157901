// Monte Carlo throughput: 10,000 trials of the korea-2025 ktab forecast with
// +-10 on every position and salience, on 1, 2 and all cores. The target is
// under 10 s on 2 cores and throughput close to linear in cores; the
// `trials/s` counter is what docs/uncertainty.md reports. Then the korea-2025 games per trial.
#include <benchmark/benchmark.h>

#include <thread>

#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/study.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace {

pivot::Study uncertain_korea() {
  pivot::Study s = pivot::pipeline::load_study("korea-2025");
  s.uncertainty_defaults.position = 10.0;
  s.uncertainty_defaults.salience = 10.0;
  pivot::resolve_uncertainty(s, "", "");
  return s;
}

// Runs the trials once per iteration and reports trials/s.
void time_trials(benchmark::State& state, const pivot::Study& study, const pivot::TrialModel& model,
                 std::uint64_t trials, int threads) {
  pivot::McOptions options;
  options.trials = trials;
  options.threads = threads;
  options.seed = 1;
  for (auto _ : state) {
    pivot::McRun run = pivot::run_monte_carlo(study, model, options);
    benchmark::DoNotOptimize(run.results.data());
  }
  state.counters["trials/s"] =
      benchmark::Counter(static_cast<double>(options.trials) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["inputs"] = static_cast<double>(study.uncertainty.size());
}

void mc_korea_ktab(benchmark::State& state) {
  const pivot::Study study = uncertain_korea();
  time_trials(state, study, pivot::forecast_trial_model(study.scenario, "ktab", {}),
              static_cast<std::uint64_t>(state.range(0)), static_cast<int>(state.range(1)));
}

void thread_counts(benchmark::internal::Benchmark* b) {
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  for (int threads : {1, 2, 4, 8, 16})
    if (threads <= cores) b->Args({10000, threads});
}

BENCHMARK(mc_korea_ktab)
    ->Apply(thread_counts)
    ->ArgNames({"trials", "threads"})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

// A game per trial: korea-2025 with its shipped ranges, one thread (the per-trial cost of
// writing the draws into the tree and solving it exactly; threads scale as above).
void mc_korea_game(benchmark::State& state, const char* game) {
  const pivot::Study study = pivot::pipeline::load_study("korea-2025");
  time_trials(state, study, pivot::game_trial_model(study, game), 2000, 1);
}

BENCHMARK_CAPTURE(mc_korea_game, us_korea_deal, "us-korea-deal")
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(mc_korea_game, korea_alignment, "korea-alignment")
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(mc_korea_game, us_china_escalation, "us-china-escalation")
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
