// Gambit's own game collection (../shared/data/gambit-games: catalog, contrib,
// the files of Gambit's test suite; not ours, never copied into the repository)
// as a test suite: every file loads, writes back in Gambit's format and reloads
// to an identical game; every method that applies returns profiles that an
// exact regret check written here, independent of pivot's own checks, accepts;
// where Gambit's tests (tests/test_extensive.py, test_node.py,
// test_infosets.py) state a property of a file, pivot agrees; every two-player
// strategic game's enummixed set equals lrsnash's. Without the files the tests
// fail on CI (CI=true) and are skipped elsewhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "games/lrsnash_oracle.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/game_structure.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/io/nfg.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/solvers/enummixed.hpp"

namespace {

namespace fs = std::filesystem;
using pivot::BehaviourProfile;
using pivot::EfgNodeKind;
using pivot::ExtensiveGame;
using pivot::MixedProfile;
using pivot::Rational;
using pivot::StrategicGame;

fs::path collection() { return fs::path(PIVOT_SHARED_DATA) / "gambit-games"; }

// Skips (or, on CI, fails) when the collection is absent; else lists its game files.
std::vector<fs::path> game_files() {
  std::vector<fs::path> out;
  if (!fs::is_directory(collection())) return out;
  for (const auto& entry : fs::recursive_directory_iterator(collection())) {
    const auto ext = entry.path().extension();
    if (ext == ".nfg" || ext == ".efg") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

#define REQUIRE_COLLECTION()                                                                  \
  do {                                                                                        \
    if (!fs::is_directory(collection())) {                                                    \
      const char* ci = std::getenv("CI");                                                     \
      if (ci && std::string(ci) == "true") FAIL() << "missing (CI=true): " << collection();   \
      GTEST_SKIP() << "Gambit's game collection is not in the shared data: " << collection(); \
    }                                                                                         \
  } while (false)

fs::path file(const std::string& relative) { return collection() / relative; }

// ---------------------------------------------------------------------------
// Identical games, field by field.

void expect_same(const ExtensiveGame& a, const ExtensiveGame& b, const std::string& name) {
  EXPECT_EQ(a.title, b.title) << name;
  EXPECT_EQ(a.comment, b.comment) << name;
  EXPECT_EQ(a.players, b.players) << name;
  ASSERT_EQ(a.nodes.size(), b.nodes.size()) << name;
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    const auto &x = a.nodes[i], &y = b.nodes[i];
    EXPECT_TRUE(x.kind == y.kind && x.label == y.label && x.player == y.player && x.infoset == y.infoset &&
                x.outcome == y.outcome && x.children == y.children)
        << name << " node " << i;
  }
  ASSERT_EQ(a.infosets.size(), b.infosets.size()) << name;
  for (std::size_t p = 0; p < a.infosets.size(); ++p) {
    ASSERT_EQ(a.infosets[p].size(), b.infosets[p].size()) << name;
    for (std::size_t h = 0; h < a.infosets[p].size(); ++h)
      EXPECT_TRUE(a.infosets[p][h].label == b.infosets[p][h].label &&
                  a.infosets[p][h].actions == b.infosets[p][h].actions &&
                  a.infosets[p][h].number == b.infosets[p][h].number)
          << name << " information set " << p + 1 << ":" << h + 1;
  }
  ASSERT_EQ(a.chance_sets.size(), b.chance_sets.size()) << name;
  for (std::size_t c = 0; c < a.chance_sets.size(); ++c)
    EXPECT_TRUE(a.chance_sets[c].label == b.chance_sets[c].label &&
                a.chance_sets[c].actions == b.chance_sets[c].actions &&
                a.chance_sets[c].probabilities == b.chance_sets[c].probabilities)
        << name << " chance set " << c;
  ASSERT_EQ(a.outcomes.size(), b.outcomes.size()) << name;
  for (std::size_t o = 0; o < a.outcomes.size(); ++o)
    EXPECT_TRUE(a.outcomes[o].label == b.outcomes[o].label && a.outcomes[o].payoffs == b.outcomes[o].payoffs)
        << name << " outcome " << o + 1;
}

void expect_same(const StrategicGame& a, const StrategicGame& b, const std::string& name) {
  EXPECT_EQ(a.title, b.title) << name;
  EXPECT_EQ(a.comment, b.comment) << name;
  EXPECT_EQ(a.players, b.players) << name;
  EXPECT_EQ(a.strategies, b.strategies) << name;
  EXPECT_EQ(a.payoffs, b.payoffs) << name;
}

// ---------------------------------------------------------------------------
// The independent check: expected payoffs by walking the tree with chance's
// probabilities and `choice(player, infoset, action)` at decision nodes, and
// regrets against every full pure plan (an action at every information set).

using Plan = std::vector<std::size_t>;  // [infoset] action
using Choice = std::function<Rational(std::size_t, std::size_t, std::size_t)>;

Rational walk(const ExtensiveGame& game, std::size_t node, std::size_t player, const Choice& choice,
              std::vector<Rational> path_payoff) {
  const auto& at = game.nodes[node];
  if (at.outcome)
    for (std::size_t p = 0; p < path_payoff.size(); ++p) path_payoff[p] += game.outcomes[at.outcome - 1].payoffs[p];
  if (at.kind == EfgNodeKind::terminal) return path_payoff[player];
  Rational total = 0;
  for (std::size_t k = 0; k < at.children.size(); ++k) {
    const Rational w = at.kind == EfgNodeKind::chance ? game.chance_sets[at.infoset].probabilities[k]
                                                      : choice(at.player, at.infoset, k);
    if (w != 0) total += w * walk(game, at.children[k], player, choice, path_payoff);
  }
  return total;
}

Rational payoff(const ExtensiveGame& game, std::size_t player, const Choice& choice) {
  return walk(game, 0, player, choice, std::vector<Rational>(game.num_players(), 0));
}

std::vector<Plan> all_plans(const ExtensiveGame& game, std::size_t player) {
  std::vector<Plan> out;
  Plan plan(game.infosets[player].size(), 0);
  while (true) {
    out.push_back(plan);
    std::size_t h = plan.size();
    while (h-- > 0) {
      if (++plan[h] < game.infosets[player][h].actions.size()) break;
      plan[h] = 0;
    }
    if (h == static_cast<std::size_t>(-1)) return out;
  }
}

bool small_enough(const ExtensiveGame& game) {
  for (const auto& sets : game.infosets) {
    double count = 1;
    for (const auto& set : sets) count *= static_cast<double>(set.actions.size());
    if (count > 256) return false;
  }
  return game.nodes.size() < 2000;
}

// Largest regret of a behaviour profile over the full pure plans.
Rational behaviour_regret(const ExtensiveGame& game, const BehaviourProfile& b) {
  Rational worst = 0;
  const Choice everyone = [&](std::size_t p, std::size_t h, std::size_t k) { return b[p][h][k]; };
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const Rational achieved = payoff(game, i, everyone);
    for (const auto& plan : all_plans(game, i)) {
      const Choice deviate = [&](std::size_t p, std::size_t h, std::size_t k) {
        return p == i ? Rational(plan[h] == k ? 1 : 0) : b[p][h][k];
      };
      worst = std::max(worst, Rational(payoff(game, i, deviate) - achieved));
    }
  }
  return worst;
}

// A reduced strategy's label ("12*": one digit per information set, '*' unreached) as a plan.
Plan plan_of(const std::string& label, std::size_t infosets) {
  Plan plan(infosets, 0);
  for (std::size_t h = 0; h < infosets && h < label.size(); ++h) plan[h] = label[h] == '*' ? 0 : label[h] - '1';
  return plan;
}

// Largest regret of a mixed profile over reduced strategies (labels), against
// every full pure plan: sums over the pure profiles of the others' supports.
Rational mixed_regret(const ExtensiveGame& game, const std::vector<std::vector<std::string>>& labels,
                      const MixedProfile& mixed) {
  const std::size_t n = game.num_players();
  std::vector<std::vector<std::size_t>> support(n);
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t s = 0; s < mixed[p].size(); ++s)
      if (mixed[p][s] != 0) support[p].push_back(s);
  // Value to player i of `own` (a plan) or of i's own mixture (own == nullptr).
  auto value = [&](std::size_t i, const Plan* own) {
    Rational total = 0;
    std::vector<std::size_t> pick(n, 0);
    while (true) {
      Rational weight = 1;
      std::vector<Plan> plans(n);
      for (std::size_t p = 0; p < n; ++p) {
        const std::size_t s = support[p][pick[p]];
        plans[p] = plan_of(labels[p][s], game.infosets[p].size());
        if (p != i || !own) weight *= mixed[p][s];
      }
      if (own) plans[i] = *own;
      const Choice pure = [&](std::size_t p, std::size_t h, std::size_t k) {
        return Rational(plans[p][h] == k ? 1 : 0);
      };
      if (!own || pick[i] == 0) total += weight * payoff(game, i, pure);
      std::size_t q = 0;
      for (; q < n; ++q) {
        if (++pick[q] < support[q].size()) break;
        pick[q] = 0;
      }
      if (q == n) return total;
    }
  };
  Rational worst = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Rational achieved = value(i, nullptr);
    for (const auto& plan : all_plans(game, i)) worst = std::max(worst, Rational(value(i, &plan) - achieved));
  }
  return worst;
}

}  // namespace

namespace {

// Largest regret of a mixed profile of a strategic game: every pure deviation's
// payoff summed over the profile table here, not by pivot's regrets().
Rational strategic_regret(const StrategicGame& game, const MixedProfile& profile) {
  const std::size_t n = game.num_players();
  Rational worst = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Rational> deviation(game.num_strategies(i), 0);
    Rational achieved = 0;
    std::vector<std::size_t> pure(n, 0);
    for (std::size_t index = 0; index < game.num_profiles(); ++index) {
      Rational others = 1;
      for (std::size_t q = 0; q < n; ++q)
        if (q != i) others *= profile[q][pure[q]];
      deviation[pure[i]] += others * game.payoffs[index][i];
      achieved += others * profile[i][pure[i]] * game.payoffs[index][i];
      for (std::size_t q = 0; q < n; ++q) {
        if (++pure[q] < game.num_strategies(q)) break;
        pure[q] = 0;
      }
    }
    for (const auto& d : deviation) worst = std::max(worst, Rational(d - achieved));
  }
  return worst;
}

bool is_distribution(const std::vector<Rational>& mix) {
  Rational total = 0;
  for (const auto& p : mix) {
    if (p < 0) return false;
    total += p;
  }
  return total == 1;
}

const Rational tolerance(1, 1000000000);

// enumpoly enumerates every combination of supports, prod (2^n_i - 1), skipping
// those with a conditionally dominated strategy before solving (contrib's
// 8 x 8 game, 65025 pairs: about 1 s CPU, 43 s without the skipping); where
// few are dominated (reduced forms of trees, with many payoff ties) the cost
// still grows with the count, so to keep the suite under 2 min it runs where
// there are at most 4000 combinations.
bool few_supports(const std::vector<double>& strategies) {
  double combinations = 1;
  for (double n : strategies) combinations *= std::pow(2.0, n) - 1;
  return combinations <= 4000;
}

// A profile is accepted when its regret is 0, or within the tolerance where the method says it is not exact.
void expect_verified(const Rational& regret, bool exact, const std::string& what) {
  if (exact) {
    EXPECT_EQ(regret, 0) << what;
  } else {
    EXPECT_LE(regret, tolerance) << what;
  }
}

void check_strategic_file(const fs::path& path, const std::string& name) {
  const StrategicGame game = pivot::read_nfg_file(path);
  const StrategicGame again = pivot::parse_nfg(pivot::write_nfg(game), name);
  expect_same(game, again, name);
  // The approximate methods on the small games only, to keep the suite fast.
  std::vector<std::string> methods{"enumpure"};
  if (game.num_players() == 2) methods.insert(methods.end(), {"enummixed", "lcp"});
  if (game.num_profiles() <= 64) methods.push_back("logit");
  std::vector<double> strategies;
  for (std::size_t i = 0; i < game.num_players(); ++i)
    strategies.push_back(static_cast<double>(game.num_strategies(i)));
  if (few_supports(strategies)) methods.push_back("enumpoly");
  for (const auto& method : methods) {
    const auto result = pivot::solve_game(game, method);
    for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
      for (const auto& mix : result.equilibria[e]) EXPECT_TRUE(is_distribution(mix)) << name << " " << method;
      expect_verified(strategic_regret(game, result.equilibria[e]), result.exact[e], name + " " + method);
    }
    if (method == "lcp" || method == "logit") {
      EXPECT_FALSE(result.equilibria.empty()) << name << " " << method;
    }
  }
}

void check_extensive_file(const fs::path& path, const std::string& name) {
  const ExtensiveGame game = pivot::read_efg_file(path);
  const std::string text = pivot::write_efg(game);
  const ExtensiveGame again = pivot::parse_efg(text, name);
  expect_same(game, again, name);
  EXPECT_EQ(pivot::write_efg(again), text) << name;
  const bool small = small_enough(game);
  // The strategic-form methods where its reduced form is small (the approximate ones smaller still).
  const bool recall = pivot::has_perfect_recall(game);
  const auto description = pivot::describe_game(game);
  const mpz_class profiles = description.strategy_profiles;
  std::vector<double> strategies;
  for (const auto& n : description.reduced_strategies) strategies.push_back(n.get_d());
  for (const auto& method : pivot::applicable_methods(game)) {
    // Logit on the tree (central-difference Jacobians) on trees up to cs.efg's size.
    if (method == "logit" && recall && game.nodes.size() > 150) continue;
    const bool on_tree = method == "lcp" || method == "backward" || (method == "logit" && recall);
    const bool approximate = method == "logit" || method == "enumpoly";
    // enummixed's vertex enumeration takes 25 s on tim.efg (6 x 64), 4 s on 9 x 27.
    if (!on_tree && (!small || profiles == 0 || profiles > (approximate ? 64 : 256))) continue;
    if (method == "enumpoly" && !few_supports(strategies)) continue;
    const auto result = pivot::solve_extensive_game(game, method);
    const std::string what = name + " " + method;
    for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
      const auto& b = result.equilibria[e];
      Rational regret = 0;
      if (small) {
        regret = behaviour_regret(game, b);
      } else {  // too many pure plans to list: pivot's sequence-form regrets
        for (const auto& r : pivot::behaviour_regrets(game, b)) regret = std::max(regret, r);
      }
      expect_verified(regret, result.exact[e], what);
    }
    if (method == "lcp" || method == "backward" || method == "logit") {
      EXPECT_TRUE(!result.equilibria.empty() || (result.mixed && !result.mixed->mixed.empty())) << what;
    }
    if (!result.mixed) continue;
    const auto& m = *result.mixed;
    for (std::size_t e = 0; e < m.mixed.size(); ++e) {
      expect_verified(mixed_regret(game, m.form.strategies, m.mixed[e]), m.exact[e], what);
      if (!m.behaviour[e]) continue;
      // The behaviour equivalent gives every player the mixed profile's payoff.
      const auto& b = *m.behaviour[e];
      const Choice behave = [&](std::size_t p, std::size_t h, std::size_t k) { return b[p][h][k]; };
      const auto expected = pivot::expected_payoffs(m.form, m.mixed[e]);
      for (std::size_t p = 0; p < game.num_players(); ++p)
        EXPECT_EQ(payoff(game, p, behave), expected[p]) << what << " behaviour of player " << p + 1;
    }
  }
}

TEST(GambitCollection, EveryFileRoundTripsAndEveryApplicableMethodVerifies) {
  REQUIRE_COLLECTION();
  const auto files = game_files();
  EXPECT_EQ(files.size(), 234u);
  for (const auto& path : files) {
    const std::string name = fs::relative(path, collection()).string();
    SCOPED_TRACE(name);
    if (path.extension() == ".nfg") {
      check_strategic_file(path, name);
    } else {
      check_extensive_file(path, name);
    }
  }
}

// `pivot solve --describe` lists a method exactly when `pivot solve` accepts
// it: the strategic methods where the reduced strategic form can be built
// (cs.efg, 134 million profiles, and ttt.efg, over 100,000 strategies for
// player 2, are the two files where it cannot), and a refused method's
// error names the reason.
TEST(GambitCollection, DescribedMethodsAreTheMethodsSolveAccepts) {
  REQUIRE_COLLECTION();
  std::size_t too_large = 0;
  for (const auto& path : game_files()) {
    if (path.extension() != ".efg") continue;
    const std::string name = fs::relative(path, collection()).string();
    const ExtensiveGame game = pivot::read_efg_file(path);
    const auto methods = pivot::applicable_methods(game);
    EXPECT_EQ(pivot::describe_game(game).methods, methods) << name;
    bool builds = true;
    try {
      (void)pivot::reduced_strategic_form(game);
    } catch (const pivot::UsageError&) {
      builds = false;
    }
    too_large += !builds;
    for (const std::string method : {"enumpure", "enummixed", "enumpoly"}) {
      const bool listed = std::find(methods.begin(), methods.end(), method) != methods.end();
      EXPECT_EQ(listed, builds && (method != "enummixed" || game.num_players() == 2)) << name << " " << method;
      if (listed) continue;
      try {
        (void)pivot::solve_extensive_game(game, method);
        ADD_FAILURE() << name << " " << method << " accepted but not listed";
      } catch (const pivot::UsageError& e) {
        if (!builds && game.num_players() == 2) {
          EXPECT_NE(std::string(e.what()).find("too large"), std::string::npos) << name << ": " << e.what();
        }
      }
    }
  }
  EXPECT_EQ(too_large, 2u);
  EXPECT_EQ(pivot::applicable_methods(pivot::read_efg_file(file("contrib/games/cs.efg"))),
            (std::vector<std::string>{"logit"}));
}

TEST(GambitCollection, EnummixedEqualsLrsnashOnEveryTwoPlayerStrategicGame) {
  REQUIRE_COLLECTION();
  if (!pivot::testing::lrsnash_installed()) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL() << "lrsnash is missing (CI=true)";
    GTEST_SKIP() << "lrsnash (lrslib) is not installed";
  }
  std::size_t compared = 0;
  for (const auto& path : game_files()) {
    if (path.extension() != ".nfg") continue;
    const StrategicGame game = pivot::read_nfg_file(path);
    if (game.num_players() != 2) continue;
    std::set<std::string> ours;
    for (const auto& profile : pivot::mixed_equilibria_2p(game).equilibria) ours.insert(pivot::ne_csv_line(profile));
    EXPECT_EQ(ours, pivot::testing::lrsnash_equilibria(game)) << fs::relative(path, collection());
    ++compared;
  }
  EXPECT_GT(compared, 0u);
}

// ---------------------------------------------------------------------------
// Properties Gambit's own tests state for these files.

// The node reached from the root by these action labels.
std::size_t node_at(const ExtensiveGame& game, const std::vector<std::string>& path) {
  std::size_t node = 0;
  for (const auto& label : path) {
    const auto& at = game.nodes[node];
    const auto& actions = at.kind == EfgNodeKind::chance ? game.chance_sets[at.infoset].actions
                                                         : game.infosets[at.player][at.infoset].actions;
    const auto k = static_cast<std::size_t>(std::find(actions.begin(), actions.end(), label) - actions.begin());
    if (k >= at.children.size()) throw std::runtime_error("no action " + label);
    node = at.children[k];
  }
  return node;
}

TEST(GambitCollection, PerfectRecallAsGambitsTestsState) {
  REQUIRE_COLLECTION();
  const std::vector<std::pair<std::string, bool>> cases{
      {"catalog/journals/ijgt/selten1975/fig2.efg", true},
      {"tests/test_games/stripped_down_poker.efg", true},
      {"catalog/journals/geb/wichardt2008.efg", false},
      {"tests/test_games/gilboa_two_am_agents.efg", false},
      {"tests/test_games/noPR-AM-driver-one-player.efg", false},
      {"tests/test_games/noPR-AM-driver-two-players.efg", false},
      {"tests/test_games/noPR-action-AM.efg", false},
      {"tests/test_games/noPR-action-AM-two-hops.efg", false},
  };
  for (const auto& [name, expected] : cases)
    EXPECT_EQ(pivot::has_perfect_recall(pivot::read_efg_file(file(name))), expected) << name;
}

// The action labels from the root to `node`, a repeated label at one node
// written as Gambit 17 reads it: the k-th "1" of a move is "1_k" (k >= 2).
std::vector<std::string> labelled_path(const ExtensiveGame& game, std::size_t node) {
  std::vector<std::size_t> parent(game.nodes.size(), node), which(game.nodes.size(), 0);
  for (std::size_t x = 0; x < game.nodes.size(); ++x)
    for (std::size_t k = 0; k < game.nodes[x].children.size(); ++k) {
      parent[game.nodes[x].children[k]] = x;
      which[game.nodes[x].children[k]] = k;
    }
  std::vector<std::string> path;
  for (std::size_t x = node; x != 0; x = parent[x]) {
    const auto& up = game.nodes[parent[x]];
    const auto& actions = up.kind == EfgNodeKind::chance ? game.chance_sets[up.infoset].actions
                                                         : game.infosets[up.player][up.infoset].actions;
    const std::string& label = actions[which[x]];
    const auto repeats = std::count(actions.begin(), actions.begin() + static_cast<std::ptrdiff_t>(which[x]), label);
    path.push_back(repeats == 0 ? label : label + "_" + std::to_string(repeats + 1));
  }
  std::reverse(path.begin(), path.end());
  return path;
}

TEST(GambitCollection, SubgameRootsAsGambitsTestsState) {
  REQUIRE_COLLECTION();
  using Paths = std::set<std::vector<std::string>>;
  const std::vector<std::pair<std::string, Paths>> cases{
      {"catalog/journals/ijgt/selten1975/fig2.efg", {{}, {"L"}, {"L", "L"}}},
      {"catalog/journals/geb/wichardt2008.efg", {{}}},
      {"tests/test_games/binary_3_levels_generic_payoffs.efg", {{}}},
      {"tests/test_games/subgame_roots_finder_small_subgames_and_overplapping_infosets.efg",
       {{}, {"1"}, {"2"}, {"2", "2", "1"}, {"2", "1", "2"}, {"2", "2", "1", "1", "1"}, {"2", "2", "2"}}},
      {"tests/test_games/subgame_roots_finder_overplapping_infosets_with_Nature.efg",
       {{}, {"1_2"}, {"1_2", "1_3", "1_2"}, {"1_2", "1_3"}}},
      {"tests/test_games/AM-subgames.efg", {{}, {"2"}, {"1", "1"}, {"1", "2"}}},
      {"tests/test_games/noPR-action-AM-two-hops.efg", {{}, {"1", "1", "2"}}},
      {"tests/test_games/AM-unary-hops.efg", {{}, {"1", "1"}, {"1", "1", "1", "1", "1", "T"}}},
      {"tests/test_games/AM-unary-branches.efg", {{}, {"T", "1", "1", "1"}}},
  };
  for (const auto& [name, expected] : cases) {
    const ExtensiveGame game = pivot::read_efg_file(file(name));
    Paths actual;
    for (std::size_t node : pivot::subgame_roots(game)) actual.insert(labelled_path(game, node));
    EXPECT_EQ(actual, expected) << name;
  }
}

TEST(GambitCollection, OwnPriorActionsAsGambitsTestsState) {
  REQUIRE_COLLECTION();
  // (path to a member, expected set): "-" for "no earlier own action", else
  // "infoset index (0-based):action label" of the member's player.
  using Expected = std::vector<std::pair<std::vector<std::string>, std::set<std::string>>>;
  const std::vector<std::pair<std::string, Expected>> cases{
      {"tests/test_games/binary_3_levels_generic_payoffs.efg",
       {{{}, {"-"}}, {{"Left", "Left"}, {"0:Left"}}, {{"Right", "Left"}, {"0:Right"}}, {{"Left"}, {"-"}}}},
      {"catalog/journals/geb/wichardt2008.efg", {{{}, {"-"}}, {{"R"}, {"0:L", "0:R"}}, {{"R", "r"}, {"-"}}}},
      {"tests/test_games/subgames.efg",
       {{{"1"}, {"-"}},
        {{"2"}, {"-"}},
        {{"2", "1", "2"}, {"1:1"}},
        {{"2", "2", "1", "1"}, {"5:1", "1:2"}},
        {{"2", "2", "1", "2"}, {"1:2"}},
        {{"2", "2", "1", "2", "2", "1"}, {"4:2"}},
        {{"2", "2", "2"}, {"1:2"}},
        {{}, {"-"}},
        {{"2", "1"}, {"0:2"}},
        {{"2", "2", "1"}, {"1:1"}},
        {{"2", "2", "1", "1", "1"}, {"2:1"}},
        {{"2", "2", "1", "2", "1"}, {"2:2"}},
        {{"2", "2", "1", "2", "2", "1", "1"}, {"4:1"}}}},
      {"tests/test_games/AM-driver-subgame.efg", {{{}, {"-", "0:S"}}, {{"S", "T"}, {"-"}}}},
  };
  for (const auto& [name, expected] : cases) {
    const ExtensiveGame game = pivot::read_efg_file(file(name));
    const auto prior = pivot::own_prior_actions(game);
    for (const auto& [path, want] : expected) {
      const auto& at = game.nodes[node_at(game, path)];
      const auto& mine = prior[at.player][at.infoset];
      std::set<std::string> actual;
      if (mine.none) actual.insert("-");
      for (const auto& a : mine.actions)
        actual.insert(std::to_string(a.infoset) + ":" + game.infosets[at.player][a.infoset].actions[a.action]);
      std::string where;
      for (const auto& label : path) where += "/" + label;
      EXPECT_EQ(actual, want) << name << " at " << where;
    }
  }
}

TEST(GambitCollection, AbsentMindednessAsGambitsTestsState) {
  REQUIRE_COLLECTION();
  using Paths = std::vector<std::vector<std::string>>;  // a member of each absent-minded set
  const std::vector<std::pair<std::string, Paths>> cases{
      {"catalog/journals/ijgt/selten1975/fig2.efg", {}},
      {"tests/test_games/stripped_down_poker.efg", {}},
      {"tests/test_games/basic_extensive_game.efg", {}},
      {"tests/test_games/gilboa_two_am_agents.efg", {}},
      {"catalog/journals/geb/wichardt2008.efg", {}},
      {"tests/test_games/noPR-AM-driver-two-players.efg", {{}}},
      {"tests/test_games/noPR-action-AM.efg", {{}}},
      {"tests/test_games/noPR-action-AM-two-hops.efg", {{"1", "1", "1", "1", "2"}, {"1", "1", "1"}}},
  };
  for (const auto& [name, paths] : cases) {
    const ExtensiveGame game = pivot::read_efg_file(file(name));
    std::set<std::pair<std::size_t, std::size_t>> expected, actual;
    for (const auto& path : paths) {
      const auto& at = game.nodes[node_at(game, path)];
      expected.insert({at.player, at.infoset});
    }
    const auto absent = pivot::absent_minded_infosets(game);
    for (std::size_t p = 0; p < absent.size(); ++p)
      for (std::size_t h = 0; h < absent[p].size(); ++h)
        if (absent[p][h]) actual.insert({p, h});
    EXPECT_EQ(actual, expected) << name;
  }
}

}  // namespace
