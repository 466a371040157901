// Extensive games: the sequence-form LCP on Kuhn poker with a deck of N cards
// (Kuhn 1950 has N = 3), backward induction on a complete binary tree, and
// the .efg reader on the same tree.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/solvers/backward.hpp"
#include "pivot/games/solvers/lcp.hpp"

namespace {

// Kuhn poker with cards 1..N: ante 1, one card each, check/bet, fold/call.
std::string kuhn_efg(int cards) {
  std::string out = "EFG 2 R \"Kuhn poker\" { \"1\" \"2\" } \"\"\nc \"\" 1 \"deal\" {";
  const int deals = cards * (cards - 1);
  for (int a = 0; a < cards; ++a)
    for (int b = 0; b < cards; ++b)
      if (a != b) out += " \"" + std::to_string(a) + "-" + std::to_string(b) + "\" 1/" + std::to_string(deals);
  out += " } 0\n";
  int outcome = 0;
  auto leaf = [&](int u) {
    out += "t \"\" " + std::to_string(++outcome) + " \"\" { " + std::to_string(u) + " " + std::to_string(-u) + " }\n";
  };
  for (int a = 0; a < cards; ++a)
    for (int b = 0; b < cards; ++b) {
      if (a == b) continue;
      const int win = a > b ? 1 : -1;
      out += "p \"\" 1 " + std::to_string(a + 1) + " \"\" { \"check\" \"bet\" } 0\n";
      out += "p \"\" 2 " + std::to_string(b + 1) + " \"\" { \"check\" \"bet\" } 0\n";
      leaf(win);
      out += "p \"\" 1 " + std::to_string(cards + a + 1) + " \"\" { \"fold\" \"call\" } 0\n";
      leaf(-1);
      leaf(2 * win);
      out += "p \"\" 2 " + std::to_string(cards + b + 1) + " \"\" { \"fold\" \"call\" } 0\n";
      leaf(1);
      leaf(2 * win);
    }
  return out;
}

// A complete binary tree of the given depth, players alternating, random leaves.
std::string binary_tree_efg(int depth) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> payoff(0, 99);
  std::string out = "EFG 2 R \"tree\" { \"1\" \"2\" } \"\"\n";
  int set = 0, outcome = 0;
  std::vector<int> stack{0};  // depth of each pending node, prefix order
  while (!stack.empty()) {
    const int d = stack.back();
    stack.pop_back();
    if (d == depth) {
      out += "t \"\" " + std::to_string(++outcome) + " \"\" { " + std::to_string(payoff(rng)) + " " +
             std::to_string(payoff(rng)) + " }\n";
      continue;
    }
    out += "p \"\" " + std::to_string(d % 2 + 1) + " " + std::to_string(++set) + " \"\" { \"l\" \"r\" } 0\n";
    stack.push_back(d + 1);
    stack.push_back(d + 1);
  }
  return out;
}

void BM_SequenceFormKuhn(benchmark::State& state) {
  const auto game = pivot::parse_efg(kuhn_efg(static_cast<int>(state.range(0))), "kuhn.efg");
  for (auto _ : state) benchmark::DoNotOptimize(pivot::sequence_form_equilibrium(game).size());
}
BENCHMARK(BM_SequenceFormKuhn)->Arg(3)->Arg(6)->Arg(13)->Unit(benchmark::kMillisecond);

void BM_BackwardInductionBinaryTree(benchmark::State& state) {
  const auto game = pivot::parse_efg(binary_tree_efg(static_cast<int>(state.range(0))), "tree.efg");
  for (auto _ : state) benchmark::DoNotOptimize(pivot::backward_induction(game).ties);
  state.counters["nodes"] = static_cast<double>(game.nodes.size());
}
BENCHMARK(BM_BackwardInductionBinaryTree)->Arg(10)->Arg(16)->Unit(benchmark::kMillisecond);

void BM_ParseEfgBinaryTree(benchmark::State& state) {
  const std::string text = binary_tree_efg(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(pivot::parse_efg(text, "tree.efg").nodes.size());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseEfgBinaryTree)->Arg(16)->Unit(benchmark::kMillisecond);

}  // namespace
