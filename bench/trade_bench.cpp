// GSIM timings (Google Benchmark): 200 regions x 5,000 products on 2 threads,
// the target being under 5 s. Markets are dense (every pair trades)
// with random flows, tariffs and tariff changes from a fixed seed. To keep
// memory near 100 MB rather than 8 GB, 5,000 products cycle over a pool of 16
// distinct markets; each product is still solved from scratch.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <random>

#include "econ/gsim_calibration.hpp"
#include "pivot/econ/trade.hpp"

namespace {

pivot::trade::Market random_market(std::size_t regions, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> flow(1.0, 1000.0), rate(0.0, 0.3), change(-0.1, 0.25);
  pivot::trade::Market m;
  m.product = "p" + std::to_string(seed);
  for (std::size_t r = 0; r < regions; ++r) m.exporters.push_back("r" + std::to_string(r));
  m.importers = m.exporters;
  for (std::size_t i = 0; i < regions * regions; ++i) {
    const double before = 1 + rate(rng);
    m.flows.push_back(flow(rng));
    m.tariffs_before.push_back(before);
    m.tariffs_after.push_back(std::max(1.0, before + change(rng)));
  }
  m.exporter_elasticities.assign(regions, {-1.25, 1.5, 5.0});
  m.importer_elasticities.assign(regions, {-1.25, 1.5, 5.0});
  return m;
}

template <typename Solve>
void run(benchmark::State& state, Solve solve) {
  const auto regions = static_cast<std::size_t>(state.range(0));
  const auto products = static_cast<std::size_t>(state.range(1));
  const int threads = static_cast<int>(state.range(2));
  std::vector<pivot::trade::Market> pool;
  for (std::uint32_t k = 0; k < 16; ++k) pool.push_back(random_market(regions, k + 1));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  pivot::trade::detail::keep_freed_memory();  // as solve_trade does
  for (auto _ : state) {
    std::atomic<int> iterations{0};
    tbb::parallel_for(std::size_t{0}, products, [&](std::size_t p) {
      const auto s = solve(pool[p % pool.size()]);
      iterations += s.iterations;
      benchmark::DoNotOptimize(s.regions.data());
    });
    state.counters["iterations_per_product"] = double(iterations) / double(products);
  }
  state.counters["regions"] = double(regions);
  state.counters["products"] = double(products);
  state.counters["threads"] = threads;
}

void BM_GsimLinear(benchmark::State& state) { run(state, pivot::trade::solve_linear); }
void BM_GsimNonlinear(benchmark::State& state) { run(state, pivot::trade::solve_nonlinear); }
void BM_GsimBoth(benchmark::State& state) {
  run(state, [](const pivot::trade::Market& m) { return pivot::trade::solve_market(m).nonlinear; });
}

// Both solutions by one method, forced: the dense LU path (before issue #6's
// work, and still the fall-back) against matrix-free GMRES, over market sizes,
// which is where kStructuredFromSize comes from.
using pivot::trade::detail::LinearAlgebra;
template <LinearAlgebra how>
void BM_GsimBothBy(benchmark::State& state) {
  run(state, [](const pivot::trade::Market& m) { return pivot::trade::detail::solve_market(m, how).nonlinear; });
}

// CPU is the whole process's (both threads), so that CPU / wall shows how
// much of the two cores the run got.
BENCHMARK(BM_GsimLinear)
    ->Args({200, 5000, 2})
    ->Args({200, 500, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_GsimNonlinear)
    ->Args({200, 5000, 2})
    ->Args({200, 500, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_GsimBoth)
    ->Args({200, 5000, 2})
    ->Args({200, 500, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_TEMPLATE(BM_GsimBothBy, LinearAlgebra::dense)
    ->Args({200, 100, 1})
    ->Args({64, 1000, 1})
    ->Args({48, 1000, 1})
    ->Args({32, 1000, 1})
    ->Args({16, 1000, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_TEMPLATE(BM_GsimBothBy, LinearAlgebra::iterative)
    ->Args({200, 100, 1})
    ->Args({64, 1000, 1})
    ->Args({48, 1000, 1})
    ->Args({32, 1000, 1})
    ->Args({16, 1000, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
