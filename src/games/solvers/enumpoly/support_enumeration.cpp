// Equilibria of games with any number of players by support enumeration: for
// every profile of supports (smallest first) the indifference conditions form
// a polynomial system; it is solved by Newton from the centroid of the supports
// and from a few fixed pseudo-random interior points, and each solution is
// verified (exactly, or regret <= tolerance) before it is kept (McKelvey &
// McLennan 1996, section 6; the polynomial systems as in Gambit's enumpoly).
// Newton replaces exact polynomial solving, so completeness is not promised,
// but it reaches points of non-isolated components, which exact isolated-root
// solvers miss.
//
// Support profiles with a conditionally dominated strategy are skipped before
// any solving (Porter, Nudelman & Shoham 2008, "Simple search methods for
// finding a Nash equilibrium", conditional strict dominance): if a strategy a
// of player i's support earns strictly less than some other strategy a'
// against every pure profile of the others' supports, then a' beats a against
// every mixture on those supports, so no solution of the profile's
// indifference system (which makes a as good as the rest of i's support)
// is an equilibrium, whatever probabilities it gives. Comparisons are exact:
// each player's payoffs are replaced by their ranks among that player's
// distinct payoffs.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
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

// Exact payoff ranks and the index strides of the profile table (first player fastest).
struct RankedGame {
  std::size_t players = 0;
  std::vector<std::size_t> count, stride;
  std::vector<std::uint32_t> rank;  // [profile * players + player]
};

RankedGame ranked_game(const StrategicGame& game) {
  RankedGame r;
  r.players = game.num_players();
  std::size_t stride = 1;
  for (std::size_t i = 0; i < r.players; ++i) {
    r.count.push_back(game.num_strategies(i));
    r.stride.push_back(stride);
    stride *= game.num_strategies(i);
  }
  r.rank.resize(game.payoffs.size() * r.players);
  for (std::size_t i = 0; i < r.players; ++i) {
    std::vector<Rational> values;
    for (const auto& row : game.payoffs) values.push_back(row[i]);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (std::size_t k = 0; k < game.payoffs.size(); ++k)
      r.rank[k * r.players + i] = static_cast<std::uint32_t>(
          std::lower_bound(values.begin(), values.end(), game.payoffs[k][i]) - values.begin());
  }
  return r;
}

// True when some player's support holds a strategy strictly dominated by
// another of its strategies against every pure profile of the others' supports.
bool has_conditionally_dominated_strategy(const RankedGame& g, const std::vector<unsigned long>& masks,
                                          std::vector<std::size_t>& bases, std::vector<std::size_t>& next) {
  for (std::size_t i = 0; i < g.players; ++i) {
    // Profile indices of the others' supported pure profiles, player i's strategy 0.
    bases.assign(1, 0);
    for (std::size_t q = 0; q < g.players; ++q) {
      if (q == i) continue;
      next.clear();
      for (std::size_t base : bases)
        for (std::size_t j = 0; j < g.count[q]; ++j)
          if ((masks[q] >> j) & 1u) next.push_back(base + j * g.stride[q]);
      bases.swap(next);
    }
    for (std::size_t a = 0; a < g.count[i]; ++a) {
      if (!((masks[i] >> a) & 1u)) continue;
      for (std::size_t b = 0; b < g.count[i]; ++b) {
        if (b == a) continue;
        bool dominates = true;
        for (std::size_t base : bases)
          if (g.rank[(base + b * g.stride[i]) * g.players + i] <= g.rank[(base + a * g.stride[i]) * g.players + i]) {
            dominates = false;
            break;
          }
        if (dominates) return true;
      }
    }
  }
  return false;
}

}  // namespace

std::vector<MixedProfile> support_enumeration_equilibria(const StrategicGame& game, double tolerance) {
  const DoubleGame g = double_game(game);
  std::vector<MixedProfile> found;
  std::set<std::vector<Rational>> seen;
  std::mt19937 rng(12345);  // fixed: same starting points, same output, every run
  std::uniform_real_distribution<double> weight(0.05, 1.0);
  const RankedGame ranked = ranked_game(game);
  std::vector<std::size_t> bases, next;
  for (const auto& masks : support_profiles(g)) {
    if (has_conditionally_dominated_strategy(ranked, masks, bases, next)) continue;
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
