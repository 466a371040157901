// The HTML report of korea-2025 (ktab and bdm rounds plus the three baselines):
// parsing forecast.json and drawing every section. The forecast itself runs
// once, outside the timed loop.
#include <benchmark/benchmark.h>

#include "pivot/output/forecast_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/report.hpp"

namespace {

std::string korea_forecast_json(const pivot::Study& study) {
  const pivot::Scenario& scenario = study.scenario;
  pivot::ForecastOptions options;
  options.threads = 1;
  std::vector<pivot::ForecastResult> results;
  for (const char* model : {"ktab", "bdm", "mean", "median", "nbs"})
    results.push_back(pivot::run_forecast(scenario, model, options));
  return pivot::forecast_json(scenario, results, pivot::make_manifest("bench", study, options, results.front()));
}

void BM_ReportKorea(benchmark::State& state) {
  const pivot::Study study = pivot::pipeline::load_study("korea-2025");
  const std::string text = korea_forecast_json(study);
  std::size_t bytes = 0;
  for (auto _ : state) {
    pivot::ReportInputs inputs;
    inputs.study = study;
    inputs.forecast = pivot::parse_report_document(text, "forecast.json");
    bytes = pivot::render_report(inputs).size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["forecast_json_MB"] = static_cast<double>(text.size()) / 1e6;
  state.counters["report_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_ReportKorea)->Unit(benchmark::kMillisecond);

}  // namespace
