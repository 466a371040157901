// pipeline::forecast_run, the call pivot.forecast makes (bench/python_forecast.py
// times the Python side on the same scenarios): korea-2025 and, where the shared data
// is beside the checkout, KTAB's dummyData-a080. Threads 1 and all cores.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "pivot/pipeline/pipeline.hpp"

namespace {

void forecast(benchmark::State& state, const std::string& scenario_name, int threads) {
  const pivot::Study study = pivot::pipeline::load_study(scenario_name);
  pivot::pipeline::ForecastStudySettings settings;
  settings.threads = threads;
  for (auto _ : state) {
    auto run = pivot::pipeline::forecast_run(study, settings);
    benchmark::DoNotOptimize(run.results.data());
  }
}

const bool registered = [] {
  std::vector<std::pair<std::string, std::string>> scenarios = {{"korea-2025", "korea-2025"}};
  const char* shared = std::getenv("PIVOT_SHARED_DATA");
  const std::filesystem::path a080 =
      std::filesystem::path(shared ? shared : "../shared/data") / "ktab/dummyData-a080.csv";
  if (std::filesystem::exists(a080)) scenarios.emplace_back("dummyData-a080", a080.string());
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  for (const auto& [name, path] : scenarios)
    for (int threads : {1, cores})
      benchmark::RegisterBenchmark(("pipeline_forecast/" + name + "/threads:" + std::to_string(threads)).c_str(),
                                   [path, threads](benchmark::State& s) { forecast(s, path, threads); })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime()
          ->MinTime(2.0);
  return true;
}();

}  // namespace
