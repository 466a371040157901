// Equilibrium solvers and the .nfg reader against independent oracles:
// textbook games whose equilibrium sets are published, and lrsnash (lrslib,
// Avis et al.) on random games when the binary is installed.
#include <gtest/gtest.h>

#include "lrsnash_oracle.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "game_files.hpp"
#include "games/rational_text.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/io/bimatrix_csv.hpp"
#include "pivot/games/io/nfg.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/solvers/enummixed.hpp"
#include "pivot/games/solvers/enumpure.hpp"

// AddressSanitizer reserves memory of its own: no heap cap under it (GCC and Clang spell it differently).
#if defined(__SANITIZE_ADDRESS__)
#define PIVOT_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PIVOT_TEST_ASAN 1
#endif
#endif
#ifndef PIVOT_TEST_ASAN
#define PIVOT_TEST_ASAN 0
#endif

namespace {

using pivot::MixedProfile;
using pivot::StrategicGame;

using namespace pivot_test;  // tests/support/pivot_cli.hpp

// Matching pennies: unique equilibrium, both players mix 1/2-1/2
// (Osborne & Rubinstein 1994, Example 39.1 / any textbook); no pure equilibrium.
TEST(Games, MatchingPennies) {
  const auto game = game_file("pennies.nfg");
  EXPECT_EQ(ne_set(pivot::mixed_equilibria_2p(game).equilibria), (std::set<std::string>{"NE,1/2,1/2,1/2,1/2"}));
  EXPECT_TRUE(pivot::pure_equilibria(game).empty());
}

// Battle of the sexes with payoffs (2,1),(0,0),(0,0),(1,2): two pure equilibria
// and one mixed where each plays its favourite with probability 2/3
// (hand calculation: Col indifferent when 1*p = 2*(1-p), p = 2/3).
TEST(Games, BattleOfTheSexesOutcomeForm) {
  const auto game = game_file("bos-outcome.nfg");
  EXPECT_EQ(game.strategies[1][1], "Football");
  EXPECT_EQ(ne_set(pivot::mixed_equilibria_2p(game).equilibria),
            (std::set<std::string>{"NE,1,0,1,0", "NE,0,1,0,1", "NE,2/3,1/3,1/3,2/3"}));
  EXPECT_EQ(ne_set(pivot::pure_equilibria(game)), (std::set<std::string>{"NE,1,0,1,0", "NE,0,1,0,1"}));
}

// Prisoner's dilemma: defection is strictly dominant, so (D,D) is the only equilibrium.
TEST(Games, PrisonersDilemma) {
  const auto game = game_file("pd.nfg");
  EXPECT_EQ(ne_set(pivot::mixed_equilibria_2p(game).equilibria), (std::set<std::string>{"NE,0,1,0,1"}));
}

// von Stengel (2002), "Computing equilibria for two-person games", Handbook of
// Game Theory vol. 3, the degenerate 3x2 game A=[3 3;2 5;0 6], B=[3 3;2 6;3 1]:
// extreme equilibria (1,0,0) with (1,0) and with (2/3,1/3) - one component,
// the segment between them - and ((0,1/3,2/3),(1/3,2/3)) isolated. lrsnash
// prints the same three vertex pairs for this game.
TEST(Games, DegenerateGameHasAContinuum) {
  const auto game = game_file("vs-degenerate.nfg");
  const auto found = pivot::mixed_equilibria_2p(game);
  EXPECT_EQ(ne_set(found.equilibria),
            (std::set<std::string>{"NE,1,0,0,1,0", "NE,1,0,0,2/3,1/3", "NE,0,1/3,2/3,1/3,2/3"}));
  std::map<std::string, std::size_t> component;
  for (std::size_t e = 0; e < found.equilibria.size(); ++e)
    component[pivot::ne_csv_line(found.equilibria[e])] = found.component[e];
  EXPECT_EQ(component["NE,1,0,0,1,0"], component["NE,1,0,0,2/3,1/3"]);
  EXPECT_NE(component["NE,1,0,0,1,0"], component["NE,0,1/3,2/3,1/3,2/3"]);
}

// A three-player game where every player gets 1 when all match and 0 otherwise:
// the two "all match" profiles are the pure equilibria (hand check).
TEST(Games, EnumPureThreePlayers) {
  StrategicGame game;
  game.players = {"1", "2", "3"};
  game.strategies.assign(3, {"a", "b"});
  for (std::size_t i = 0; i < 8; ++i) {
    const pivot::Rational v = (i == 0 || i == 7) ? 1 : 0;
    game.payoffs.push_back({v, v, v});
  }
  EXPECT_EQ(ne_set(pivot::pure_equilibria(game)), (std::set<std::string>{"NE,1,0,1,0,1,0", "NE,0,1,0,1,0,1"}));
}

TEST(Games, RegretsOfAProfile) {
  const auto game = game_file("pennies.nfg");
  // Even plays heads, Odd mixes 1/2: Even gets 0, Odd's best reply (tails) gets 1 => regrets 0 and 1.
  const auto r = pivot::regrets(game, pivot::parse_profile(game, "1,0,1/2,1/2"));
  EXPECT_EQ(r[0], 0);
  EXPECT_EQ(r[1], 1);
  EXPECT_THROW(pivot::parse_profile(game, "1,0,1/2"), pivot::UsageError);
}

TEST(Games, RationalsAreReadExactly) {
  EXPECT_EQ(*pivot::games::parse_rational("0.25"), pivot::Rational(1, 4));
  EXPECT_EQ(*pivot::games::parse_rational("-3/6"), pivot::Rational(-1, 2));
  EXPECT_EQ(*pivot::games::parse_rational("1.5e-1"), pivot::Rational(3, 20));
  EXPECT_EQ(*pivot::games::parse_rational("010/3"), pivot::Rational(10, 3));  // decimal, not octal
  EXPECT_EQ(*pivot::games::parse_rational("2e2"), pivot::Rational(200));
  EXPECT_FALSE(pivot::games::parse_rational("1/0"));
  EXPECT_FALSE(pivot::games::parse_rational("abc"));
}

TEST(Games, NfgRoundTrip) {
  const auto game = game_file("bos-outcome.nfg");
  const auto again = pivot::parse_nfg(pivot::write_nfg(game), "roundtrip");
  EXPECT_EQ(again.payoffs, game.payoffs);
  EXPECT_EQ(again.strategies, game.strategies);
  EXPECT_EQ(again.title, game.title);
}

TEST(Games, MalformedNfgNamesLineAndColumn) {
  try {
    pivot::parse_nfg("NFG 1 R \"t\" { \"a\" \"b\" } { 2 2 }\n1 2 3 x 5 6 7 8\n", "bad.nfg");
    FAIL() << "expected InputError";
  } catch (const pivot::InputError& e) {
    EXPECT_EQ(e.position().line, 2u);
    EXPECT_EQ(e.position().column, 7u);
  }
  EXPECT_THROW(pivot::parse_nfg("NFG 1 R \"t\" { \"a\" } { 2 }\n1\n", "short.nfg"), pivot::InputError);
  EXPECT_THROW(pivot::parse_nfg("NFG 1 R \"t\" { \"a\" } { 1 }\n\"\" { { \"o\" 1 } } 2\n", "o.nfg"), pivot::InputError);
  EXPECT_THROW(pivot::parse_nfg("NFG 2 R", "v.nfg"), pivot::InputError);
  EXPECT_THROW(pivot::parse_nfg("NFG 1 R \"unterminated", "s.nfg"), pivot::InputError);
}

// The nfg fuzz target timed out on a 50-byte file declaring 100000 x 23 strategies:
// the parser built all 2.3 million profiles before reading the first payoff. It now
// reads profile by profile and stops at the bad token (the input is kept in
// fuzz/corpus/nfg/, so every fuzz run replays it under its 10 s limit).
TEST(Games, ShortNfgDeclaringAHugeGameFailsAtItsFirstBadToken) {
  try {
    pivot::parse_nfg("NFG 1 R \"voe\" { \"I\" \"II\" } {100000 23 }\n\"\"\n02, d", "big.nfg");
    FAIL() << "accepted";
  } catch (const pivot::InputError& e) {
    EXPECT_EQ(e.position().line, 3u);
    EXPECT_EQ(e.position().column, 5u);
    EXPECT_NE(std::string(e.what()).find("4600000 payoffs expected"), std::string::npos) << e.what();
  }
}

// ---- lrsnash oracle on random games -------------------------------------

void expect_same_as_lrsnash(const StrategicGame& game, const std::string& what) {
  const auto found = pivot::mixed_equilibria_2p(game);
  EXPECT_EQ(ne_set(found.equilibria), pivot::testing::lrsnash_equilibria(game)) << what << "\n"
                                                                                << pivot::write_nfg(game);
  EXPECT_EQ(found.equilibria.size(), ne_set(found.equilibria).size()) << what << ": duplicates";
  for (const auto& profile : found.equilibria) EXPECT_TRUE(pivot::is_nash_equilibrium(game, profile)) << what;
}

TEST(Games, RandomGamesMatchLrsnash) {
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  std::mt19937 rng(20251023);
  for (int trial = 0; trial < 24; ++trial) {
    const std::size_t m = 2 + trial % 4, n = 2 + (trial / 4) % 4;
    const int range = trial % 2 == 0 ? 3 : 50;  // small ranges force degenerate games
    expect_same_as_lrsnash(random_bimatrix(m, n, 0, range, rng), "trial " + std::to_string(trial));
  }
}

// Shapes that exercise both walk directions (pivot walks the polytope of the
// player with fewer strategies), single-strategy players, larger games, and
// very degenerate ones (payoffs 0..1: many ties, faces with several vertices).
TEST(Games, ThinLargeAndDegenerateGamesMatchLrsnash) {
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  std::mt19937 rng(1023);
  const struct {
    std::size_t m, n;
    int range;
  } cases[] = {{1, 1, 5}, {1, 5, 5}, {5, 1, 5}, {1, 4, 1}, {4, 1, 1},  {2, 7, 9},  {7, 2, 9},
               {6, 6, 1}, {5, 7, 1}, {7, 5, 1}, {6, 6, 2}, {8, 8, 99}, {9, 7, 99}, {7, 9, 99}};
  for (const auto& c : cases)
    for (int rep = 0; rep < 3; ++rep)
      expect_same_as_lrsnash(
          random_bimatrix(c.m, c.n, 0, c.range, rng),
          std::to_string(c.m) + "x" + std::to_string(c.n) + " payoffs 0.." + std::to_string(c.range));
}

// A game where 24 strategies of player 2 are best replies to player 1's
// uniform mix (every column of player 2's payoffs has the same sum), so 24
// facets of player 1's 9-dimensional best-response polytope meet at one
// vertex, which has millions of bases. The walk used to remember every basis
// it had visited, 2.2 GB here and about 18 GB on the reduced strategic form
// of Kuhn poker; the reverse search keeps only the dictionary and the path to
// the root. The child process runs with its heap capped at 256 MB above what
// it holds already (no cap under sanitizers, which reserve memory of their own).
TEST(Games, ManyBasesPerVertexSolveInBoundedMemory) {
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  const std::size_t m = 9, n = 24;
  std::mt19937 rng(2026);
  std::uniform_int_distribution<int> payoff(0, 9);
  StrategicGame game;
  game.players = {"1", "2"};
  game.strategies = {std::vector<std::string>(m, "s"), std::vector<std::string>(n, "t")};
  game.payoffs.assign(m * n, {0, 0});
  for (std::size_t j = 0; j < n; ++j) {
    int column_sum = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const int own = payoff(rng);
      const int other = i + 1 < m ? payoff(rng) : 9 * static_cast<int>(m - 1) - column_sum;
      column_sum += other;
      game.payoffs[game.profile_index({i, j})] = {own, other};
    }
  }
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("pivot_bounded_" + std::to_string(::getpid()));
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
#if !PIVOT_TEST_ASAN
    std::ifstream status("/proc/self/status");
    std::string line;
    rlim_t data_kb = 0;
    while (std::getline(status, line))
      if (line.rfind("VmData:", 0) == 0) data_kb = std::stoull(line.substr(7));
    const rlim_t cap = (data_kb + 256 * 1024) * 1024;
    const struct rlimit limit { cap, cap };
    ::setrlimit(RLIMIT_DATA, &limit);
#endif
    try {
      std::ofstream file(out);
      for (const auto& line : ne_set(pivot::mixed_equilibria_2p(game).equilibria)) file << line << "\n";
    } catch (const std::bad_alloc&) {
      std::_Exit(3);
    }
    std::_Exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "ran out of its 256 MB (status " << status << ")";
  std::set<std::string> found;
  std::ifstream file(out);
  for (std::string line; std::getline(file, line);) found.insert(line);
  std::filesystem::remove(out);
  EXPECT_EQ(found, pivot::testing::lrsnash_equilibria(game));
}

// Payoffs near 10^15 push the dictionary's subdeterminants past 64 bits, so
// the GMP path and the switches between 64-bit and GMP arithmetic are used.
TEST(Games, HugePayoffsMatchLrsnash) {
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  std::mt19937_64 rng(15);
  std::uniform_int_distribution<long> payoff(0, 1000000000000000L);
  for (const auto& [m, n] : {std::pair<std::size_t, std::size_t>{5, 5}, {6, 4}, {4, 6}}) {
    StrategicGame game;
    game.players = {"1", "2"};
    game.strategies = {std::vector<std::string>(m, "s"), std::vector<std::string>(n, "t")};
    game.payoffs.assign(m * n, {0, 0});
    for (auto& profile : game.payoffs) profile = {pivot::Rational(payoff(rng)), pivot::Rational(payoff(rng))};
    expect_same_as_lrsnash(game, std::to_string(m) + "x" + std::to_string(n) + " payoffs 0..1e15");
  }
}

// Payoffs beyond 10^153 make the dictionary's entries overflow a double: the
// ratio test's double shortcut read x = inf as ratio 0 and left by the wrong row.
// The bimatrix_csv fuzz target found it with a payoff of -2.1e306 (lrsnash itself
// reads such numbers wrongly, so it is no oracle here).
TEST(Games, PayoffsBeyondTheDoubleRangeAreSolvedExactly) {
  // Both players get the table's payoff. x strictly dominates -y (1/2 > 0.253,
  // 1000 > 0.5) and y (1/2 > -2.1e306, 1000 > 0.2), so the row plays x, and the
  // column's best reply to x is b (1000 > 1/2): (x, b) is the only equilibrium.
  const std::string table = "\"c\",a,\"b\"\r\nx,1/2,01e3\r-y,0.253,.50\r\ny,-21e305,.2\r\"\",,,";
  const auto found = pivot::mixed_equilibria_2p(pivot::parse_bimatrix_csv(table, "a.csv", table, "b.csv"));
  EXPECT_EQ(ne_set(found.equilibria), std::set<std::string>{"NE,1,0,0,0,1"});

  // Equilibria do not change when a player's payoffs are multiplied by a positive
  // number and shifted: random games scaled by 10^k, k up to 250, must give the set
  // lrsnash gives for the unscaled game.
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  std::mt19937 rng(153);
  for (int k : {120, 160, 200, 250}) {
    const StrategicGame small = random_bimatrix(4, 3, 0, 9, rng);
    StrategicGame huge = small;
    mpz_class scale, shift;
    mpz_ui_pow_ui(scale.get_mpz_t(), 10, k);
    mpz_ui_pow_ui(shift.get_mpz_t(), 10, k + 7);
    for (auto& profile : huge.payoffs)
      for (auto& v : profile) v = v * scale - shift;
    const auto scaled = pivot::mixed_equilibria_2p(huge);
    EXPECT_EQ(ne_set(scaled.equilibria), pivot::testing::lrsnash_equilibria(small)) << "scaled by 10^" << k;
    for (const auto& profile : scaled.equilibria) EXPECT_TRUE(pivot::is_nash_equilibrium(huge, profile));
  }
}

// All payoffs equal: every profile is an equilibrium; the extreme ones are
// the pure pairs, all in one component (hand calculation).
TEST(Games, ConstantGameHasAllPurePairsInOneComponent) {
  StrategicGame game;
  game.players = {"1", "2"};
  game.strategies = {std::vector<std::string>(3, "s"), std::vector<std::string>(4, "t")};
  game.payoffs.assign(12, {7, 7});
  const auto found = pivot::mixed_equilibria_2p(game);
  ASSERT_EQ(found.equilibria.size(), 12u);
  for (const auto& profile : found.equilibria) {
    EXPECT_EQ(std::count(profile[0].begin(), profile[0].end(), 1), 1);
    EXPECT_EQ(std::count(profile[1].begin(), profile[1].end(), 1), 1);
  }
  EXPECT_EQ(std::set<std::size_t>(found.component.begin(), found.component.end()), std::set<std::size_t>{0});
}

// The n x n coordination game with identity payoffs for both players has
// exactly 2^n - 1 equilibria, all isolated: both players uniform on the same
// nonempty subset S (hand calculation: a mix on S is a best reply only if the
// other player's probabilities are equal on S and, for any unplayed column,
// no larger; so supports coincide and both mixes are uniform).
TEST(Games, IdentityCoordinationGameHasTwoToTheNMinusOneEquilibria) {
  const std::size_t n = 6;
  StrategicGame game;
  game.players = {"1", "2"};
  game.strategies = {std::vector<std::string>(n, "s"), std::vector<std::string>(n, "t")};
  game.payoffs.assign(n * n, {0, 0});
  for (std::size_t i = 0; i < n; ++i) game.payoffs[game.profile_index({i, i})] = {1, 1};
  const auto found = pivot::mixed_equilibria_2p(game);
  ASSERT_EQ(found.equilibria.size(), (1u << n) - 1);
  std::set<std::string> expected;
  for (unsigned subset = 1; subset < (1u << n); ++subset) {
    MixedProfile profile(2, std::vector<pivot::Rational>(n, 0));
    const int size = __builtin_popcount(subset);
    for (std::size_t i = 0; i < n; ++i)
      if (subset >> i & 1) profile[0][i] = profile[1][i] = pivot::Rational(1, size);
    expected.insert(pivot::ne_csv_line(profile));
  }
  EXPECT_EQ(ne_set(found.equilibria), expected);
  EXPECT_EQ(std::set<std::size_t>(found.component.begin(), found.component.end()).size(), found.equilibria.size());
}

// Property: every profile any method returns is an equilibrium (exact regret 0).
TEST(Games, EveryOutputIsAnEquilibrium) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> payoff(-2, 2);
  for (int trial = 0; trial < 30; ++trial) {
    StrategicGame game;
    game.players = {"1", "2"};
    const std::size_t m = 1 + trial % 5, n = 1 + trial % 3;
    game.strategies = {std::vector<std::string>(m, "s"), std::vector<std::string>(n, "t")};
    for (std::size_t k = 0; k < m * n; ++k) game.payoffs.push_back({payoff(rng), payoff(rng)});
    for (const char* method : {"enumpure", "enummixed"}) {
      const auto result = pivot::solve_game(game, method);
      for (const auto& profile : result.equilibria) EXPECT_TRUE(pivot::is_nash_equilibrium(game, profile));
      if (std::string(method) == "enummixed") {
        EXPECT_FALSE(result.equilibria.empty()) << "Nash: every finite game has one";
      }
    }
  }
}

}  // namespace
