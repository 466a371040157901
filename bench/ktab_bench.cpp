// ktab model timings (Google Benchmark). Scenarios come from the command line
// environment: PIVOT_BENCH_DATA names a directory of KTAB SMP CSV files
// (scripts/bench.sh fills it with synthetic cases and, where available, KTAB's
// dummyData-a040/a080); each file becomes one benchmark.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "pivot/bargain/forecast.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"

namespace {

void run_ktab(benchmark::State& state, const std::string& path, int threads) {
  const pivot::Scenario scenario = pivot::pipeline::load_scenario(path);
  pivot::ForecastOptions options;
  options.threads = threads;
  int turns = 0;
  for (auto _ : state) {
    auto result = pivot::run_forecast(scenario, "ktab", options);
    turns = static_cast<int>(result.rounds.size()) - 1;
    benchmark::DoNotOptimize(result.predicted.data());
  }
  state.counters["actors"] = static_cast<double>(scenario.actors.size());
  state.counters["dims"] = static_cast<double>(scenario.issues.size());
  state.counters["turns"] = turns;
}

void register_all() {
  const char* dir = std::getenv("PIVOT_BENCH_DATA");
  if (!dir) dir = "build/bench-data";
  if (!std::filesystem::is_directory(dir)) return;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  for (const auto& f : files)
    for (int threads : {1, cores}) {
      if (threads == 1 && cores == 1) continue;
      benchmark::RegisterBenchmark(("ktab/" + f.stem().string() + "/threads:" + std::to_string(threads)).c_str(),
                                   [path = f.string(), threads](benchmark::State& s) { run_ktab(s, path, threads); })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime()
          ->Iterations(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
