// Exchange model timings (Google Benchmark): Stokman's equal-gain exchange model on
// synthetic inputs of the shape docs/performance.md ("Exchange model against Decide")
// times: every actor on every issue, positions 0..100, saliences 0.01..1, powers
// 0.01..1, from a fixed seed (std::mt19937_64, not the Python file's draws). One round
// and ten, under Decide's rules (the default) and equal-gain's (compat=equalgain).
#include <benchmark/benchmark.h>

#include <random>

#include "pivot/bargain/exchange.hpp"

namespace {

pivot::ExchangeInput synthetic(int actors, int issues, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> position(0, 100), hundredths(1, 100);
  pivot::ExchangeInput in;
  in.actors = actors;
  in.issues = issues;
  for (int a = 0; a < actors; ++a) {
    in.power.push_back(hundredths(rng) / 100.0);
    for (int k = 0; k < issues; ++k) {
      in.present.push_back(1);
      in.position.push_back(position(rng));
      in.salience.push_back(hundredths(rng) / 100.0);
    }
  }
  return in;
}

void run_exchange(benchmark::State& state, pivot::ExchangeCompat compat) {
  const pivot::ExchangeInput in = synthetic(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)), 1);
  pivot::ExchangeSettings settings;
  settings.rounds = static_cast<int>(state.range(2));
  settings.compat = compat;
  std::size_t exchanges = 0, candidates = 0;
  for (auto _ : state) {
    const auto rounds = pivot::run_exchange_rounds(in, settings);
    exchanges = candidates = 0;
    for (const auto& round : rounds) {
      exchanges += round.exchanges.size();
      candidates += static_cast<std::size_t>(round.candidates);
    }
    benchmark::DoNotOptimize(rounds.data());
  }
  state.counters["exchanges"] = static_cast<double>(exchanges);
  state.counters["candidates"] = static_cast<double>(candidates);
}

void decide(benchmark::State& state) { run_exchange(state, pivot::ExchangeCompat::decide); }
void equalgain(benchmark::State& state) { run_exchange(state, pivot::ExchangeCompat::equalgain); }

// {actors, issues, rounds}: COP21's shape, then the 100 x 20 of the issue.
BENCHMARK(decide)
    ->Args({15, 13, 10})
    ->Args({50, 10, 10})
    ->Args({100, 20, 1})
    ->Args({100, 20, 10})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(equalgain)->Args({15, 13, 10})->Args({50, 10, 10})->Args({100, 20, 1})->Unit(benchmark::kMillisecond);

}  // namespace
