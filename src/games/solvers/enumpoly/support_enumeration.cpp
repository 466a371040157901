// Equilibria of games with any number of players by support enumeration: for
// every profile of supports (smallest first) the indifference conditions form
// a polynomial system; it is solved by Newton from the centroid of the supports
// and from a few fixed pseudo-random interior points, and each solution is
// verified (exactly, or regret <= tolerance) before it is kept (McKelvey &
// McLennan 1996, section 6; the polynomial systems as in Gambit's enumpoly).
// Newton replaces exact polynomial solving, so completeness is not promised,
// but it reaches points of non-isolated components, which exact isolated-root
// solvers miss.
#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <set>

#include "games/mixed_payoffs.hpp"
#include "games/solvers/enumpoly/support_newton.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/solvers/enumpoly.hpp"

namespace pivot {

using games::double_game;
using games::DoubleGame;
using games::solve_support_newton;
using games::SupportFlags;
using games::unflatten;

namespace {

// Every profile of non-empty supports (bit masks per player), smallest total size first.
std::vector<std::vector<unsigned long>> support_profiles(const DoubleGame& g) {
  double count = 1;
  for (std::size_t c : g.count) {
    if (c > 20) throw UsageError("enumpoly: a player has more than 20 strategies; too many supports");
    count *= static_cast<double>((1ul << c) - 1);
  }
  if (count > 2e5) throw UsageError(fmt::format("enumpoly: {:.0f} support profiles is too many (limit 200000)", count));
  std::vector<std::vector<unsigned long>> out;
  std::vector<unsigned long> masks(g.players, 1);
  while (true) {
    out.push_back(masks);
    std::size_t q = 0;
    for (; q < g.players; ++q) {
      if (++masks[q] < (1ul << g.count[q])) break;
      masks[q] = 1;
    }
    if (q == g.players) break;
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    auto size = [](const auto& m) {
      int s = 0;
      for (unsigned long x : m) s += __builtin_popcountl(x);
      return s;
    };
    return size(a) < size(b);
  });
  return out;
}

}  // namespace

std::vector<MixedProfile> support_enumeration_equilibria(const StrategicGame& game, double tolerance) {
  const DoubleGame g = double_game(game);
  std::vector<MixedProfile> found;
  std::set<std::vector<Rational>> seen;
  std::mt19937 rng(12345);  // fixed: same starting points, same output, every run
  std::uniform_real_distribution<double> weight(0.05, 1.0);
  for (const auto& masks : support_profiles(g)) {
    SupportFlags support(g.total, false);
    for (std::size_t i = 0; i < g.players; ++i)
      for (std::size_t j = 0; j < g.count[i]; ++j) support[g.offset[i] + j] = (masks[i] >> j) & 1u;
    for (int start_number = 0; start_number < 4; ++start_number) {
      std::vector<double> start(g.total, 0.0);
      for (std::size_t i = 0; i < g.players; ++i) {
        double total = 0;
        for (std::size_t j = 0; j < g.count[i]; ++j)
          if (support[g.offset[i] + j]) total += (start[g.offset[i] + j] = start_number == 0 ? 1.0 : weight(rng));
        for (std::size_t j = 0; j < g.count[i]; ++j) start[g.offset[i] + j] /= total;
      }
      const auto solved = solve_support_newton(g, support, start);
      if (!solved) continue;
      if (std::any_of(solved->begin(), solved->end(), [](double x) { return x < -1e-9; })) continue;
      auto profile = refine_equilibrium(game, unflatten(g, *solved), tolerance);
      if (!profile) continue;
      std::vector<Rational> flat;
      for (const auto& mix : *profile) flat.insert(flat.end(), mix.begin(), mix.end());
      if (seen.insert(flat).second) found.push_back(std::move(*profile));
      break;  // one equilibrium per support profile
    }
  }
  return found;
}

SolveResult solve_enumpoly(const StrategicGame& game, const SolveOptions& options) {
  return {.method = "enumpoly", .equilibria = support_enumeration_equilibria(game, options.tolerance)};
}

}  // namespace pivot
