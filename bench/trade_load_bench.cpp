// Loading a trade model (Google Benchmark): three dense matrix CSVs with a
// product column (`product,exporter,r000,...`), values as in trade_bench.cpp's
// random markets, written once per size to a temporary directory. TradeLoad
// times load_trade_model whole (three files read in parallel, then the
// markets assembled); CsvStream only streams the flows file, fields split but
// no number parsed, to show what the CSV scan alone costs.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <random>

#include "pivot/core/csv.hpp"
#include "pivot/econ/trade.hpp"

namespace {

namespace fs = std::filesystem;

// A model directory per size, removed when the benchmark program ends.
class ModelFiles {
 public:
  ~ModelFiles() {
    for (const auto& [size, dir] : dirs_) fs::remove_all(dir);
  }

  const fs::path& get(std::size_t regions, std::size_t products) {
    auto [it, added] = dirs_.try_emplace({regions, products});
    if (added) it->second = write(regions, products);
    return it->second;
  }

 private:
  static fs::path write(std::size_t regions, std::size_t products) {
    const fs::path dir =
        fs::temp_directory_path() / fmt::format("pivot_bench_trade_{}x{}_{}", regions, products, ::getpid());
    fs::create_directories(dir);
    std::FILE* model = std::fopen((dir / "model.toml").c_str(), "w");
    fmt::print(model,
               "flows = \"flows.csv\"\ntariffs_before = \"before.csv\"\ntariffs_after = \"after.csv\"\n"
               "import_demand_elasticity = -1.25\nexport_supply_elasticity = 1.5\nsubstitution_elasticity = 5.0\n");
    std::fclose(model);
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> flow(1.0, 1000.0), rate(0.0, 0.3), change(-0.1, 0.25);
    std::string header = "product,exporter";
    for (std::size_t r = 0; r < regions; ++r) header += fmt::format(",r{:03}", r);
    std::string text[3];
    for (auto& t : text) t = header + "\n";
    for (std::size_t p = 0; p < products; ++p)
      for (std::size_t e = 0; e < regions; ++e) {
        for (auto& t : text) fmt::format_to(std::back_inserter(t), "p{:05},r{:03}", p, e);
        for (std::size_t i = 0; i < regions; ++i) {
          const double before = 1 + rate(rng);
          fmt::format_to(std::back_inserter(text[0]), ",{:.3f}", flow(rng));
          fmt::format_to(std::back_inserter(text[1]), ",{:.4f}", before);
          fmt::format_to(std::back_inserter(text[2]), ",{:.4f}", std::max(1.0, before + change(rng)));
        }
        for (auto& t : text) t += '\n';
      }
    const char* const names[] = {"flows.csv", "before.csv", "after.csv"};
    for (int k = 0; k < 3; ++k) {
      std::FILE* f = std::fopen((dir / names[k]).c_str(), "wb");
      std::fwrite(text[k].data(), 1, text[k].size(), f);
      std::fclose(f);
    }
    return dir;
  }

  std::map<std::pair<std::size_t, std::size_t>, fs::path> dirs_;
};

ModelFiles& model_files() {
  static ModelFiles files;
  return files;
}

std::int64_t bytes_of(const fs::path& dir) {
  std::int64_t bytes = 0;
  for (const char* name : {"flows.csv", "before.csv", "after.csv"})
    bytes += static_cast<std::int64_t>(fs::file_size(dir / name));
  return bytes;
}

void BM_TradeLoad(benchmark::State& state) {
  const auto regions = static_cast<std::size_t>(state.range(0));
  const auto products = static_cast<std::size_t>(state.range(1));
  const fs::path& dir = model_files().get(regions, products);
  for (auto _ : state) {
    const auto model = pivot::trade::load_trade_model(dir / "model.toml");
    benchmark::DoNotOptimize(model.markets.data());
  }
  state.SetBytesProcessed(state.iterations() * bytes_of(dir));
  state.counters["cells"] = double(3 * regions * regions * products);
}

void BM_CsvStream(benchmark::State& state) {
  const fs::path& dir =
      model_files().get(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  std::size_t fields = 0;
  for (auto _ : state)
    pivot::for_each_csv_row(dir / "flows.csv", [&](const pivot::CsvRowView& row) { fields += row.fields.size(); });
  benchmark::DoNotOptimize(fields);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(fs::file_size(dir / "flows.csv")));
}

}  // namespace

BENCHMARK(BM_TradeLoad)->Args({200, 200})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CsvStream)->Args({200, 200})->Unit(benchmark::kMillisecond)->UseRealTime();
