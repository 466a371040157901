// All extreme equilibria of random integer bimatrix games (payoffs 0..99) by
// walking one best-response polytope and solving the other's complementary
// faces. scripts/bench-games.sh times lrsnash beside it on the same games.
#include <benchmark/benchmark.h>

#include <random>

#include "pivot/games/game.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/solvers/enummixed.hpp"
#include "pivot/games/solvers/enumpure.hpp"
#include "pivot/games/solvers/lcp.hpp"

namespace {

pivot::StrategicGame random_bimatrix(std::size_t m, std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> payoff(0, 99);
  pivot::StrategicGame game;
  game.players = {"1", "2"};
  game.strategies = {std::vector<std::string>(m, "s"), std::vector<std::string>(n, "t")};
  for (std::size_t k = 0; k < m * n; ++k) game.payoffs.push_back({payoff(rng), payoff(rng)});
  return game;
}

void BM_EnumMixedRandom(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const auto game = random_bimatrix(size, size, 42);
  std::size_t found = 0;
  for (auto _ : state) {
    found = pivot::mixed_equilibria_2p(game).equilibria.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["equilibria"] = static_cast<double>(found);
}
BENCHMARK(BM_EnumMixedRandom)->Arg(6)->Arg(8)->Arg(10)->Arg(12)->Unit(benchmark::kMillisecond);
// The sizes: seconds each, so a few iterations only.
BENCHMARK(BM_EnumMixedRandom)->Arg(15)->Arg(20)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_EnumPureRandom(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const auto game = random_bimatrix(size, size, 42);
  for (auto _ : state) benchmark::DoNotOptimize(pivot::pure_equilibria(game).size());
}
BENCHMARK(BM_EnumPureRandom)->Arg(20)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

// One equilibrium by exact Lemke–Howson on random integer games (`pivot solve
// -m lcp --max-equilibria 1`: shortest path over all labels); the target
// is 200x200 within 10 s.
void BM_LemkeHowsonAnyRandom(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const auto game = random_bimatrix(size, size, 42);
  for (auto _ : state) benchmark::DoNotOptimize(pivot::lemke_howson_any(game));
}
BENCHMARK(BM_LemkeHowsonAnyRandom)->Arg(30)->Arg(100)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(1);

// The path of label 1 alone (gambit-lcp's default start), whatever its length.
void BM_LemkeHowsonLabel1Random(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const auto game = random_bimatrix(size, size, 42);
  for (auto _ : state) benchmark::DoNotOptimize(pivot::lemke_howson(game, 1));
}
BENCHMARK(BM_LemkeHowsonLabel1Random)->Arg(30)->Arg(60)->Unit(benchmark::kMillisecond)->Iterations(1);

// The logit method end to end: path tracing, refinement and verification.
void BM_LogitRandom(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const auto game = random_bimatrix(size, size, 42);
  for (auto _ : state) benchmark::DoNotOptimize(pivot::solve_game(game, "logit").equilibria.size());
}
BENCHMARK(BM_LogitRandom)->Arg(10)->Arg(50)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
