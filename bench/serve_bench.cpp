// `pivot serve` timings (Google Benchmark): one korea-2025 run request end to
// end over HTTP on 127.0.0.1, and the same work without HTTP (models plus the
// JSON answer), so the server's own overhead is the difference.
#include <benchmark/benchmark.h>
#include <httplib.h>

#include <thread>

#include "pivot/pipeline/pipeline.hpp"
#include "pivot/serve/serve.hpp"
#include "serve/api.hpp"

namespace {

void BM_ServeRunLibrary(benchmark::State& state) {
  const pivot::Study korea = pivot::pipeline::load_study("korea-2025");
  std::size_t bytes = 0;
  for (auto _ : state) {
    pivot::serve::RunRecord run = pivot::serve::run_models(korea, 0, 0);
    bytes = pivot::serve::run_json(run).dump().size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ServeRunLibrary)->Unit(benchmark::kMillisecond);

void BM_ServeRunRequest(benchmark::State& state) {
  pivot::ServeConfig config;
  config.scenario = "korea-2025";
  pivot::UiServer server(config);
  std::thread listening([&server] { server.listen(); });
  httplib::Client client("127.0.0.1", server.port());
  const httplib::Headers auth = {{"X-Pivot-Token", server.token()}};
  const std::string edit = R"({"actors": [{"id": "us-trump", "position": [0, 100, 1, 90, 0, 75, 80, 60, 0]}]})";
  for (auto _ : state) {
    auto res = client.Post("/api/run", auth, edit, "application/json");
    if (!res || res->status != 200) state.SkipWithError("run request failed");
    benchmark::DoNotOptimize(res);
  }
  server.stop();
  listening.join();
}
BENCHMARK(BM_ServeRunRequest)->Unit(benchmark::kMillisecond);

}  // namespace
