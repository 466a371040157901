// lcp, lp, logit and enumpoly against independent oracles: lrsnash's sets of
// extreme equilibria (lrslib), hand calculations written beside each test, and
// exact verification of every profile.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "game_files.hpp"
#include "games/rational_text.hpp"
#include "lrsnash_oracle.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/io/bimatrix_csv.hpp"
#include "pivot/games/io/nfg.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/solvers/enummixed.hpp"
#include "pivot/games/solvers/enumpoly.hpp"
#include "pivot/games/solvers/lcp.hpp"
#include "pivot/games/solvers/logit.hpp"
#include "pivot/games/solvers/lp.hpp"

namespace {

using pivot::MixedProfile;
using pivot::Rational;
using pivot::StrategicGame;

using namespace pivot_test;  // tests/support/pivot_cli.hpp

// Jordan's (1993) three-player matching game: 1 wants to match 2, 2 to match
// 3, 3 to mismatch 1. Hand check: any pure profile leaves someone a profitable
// switch, and the only equilibrium is everyone mixing 1/2-1/2.
StrategicGame jordan_game() {
  StrategicGame game;
  game.players = {"1", "2", "3"};
  game.strategies.assign(3, {"H", "T"});
  for (std::size_t s3 = 0; s3 < 2; ++s3)
    for (std::size_t s2 = 0; s2 < 2; ++s2)
      for (std::size_t s1 = 0; s1 < 2; ++s1)
        game.payoffs.push_back({Rational(s1 == s2 ? 1 : 0), Rational(s2 == s3 ? 1 : 0), Rational(s3 != s1 ? 1 : 0)});
  return game;
}

// ---- lcp ---------------------------------------------------------------------

// Battle of the sexes (hand calculation in games_test.cpp): the path network
// from the artificial equilibrium reaches both pure equilibria and the mixed one.
TEST(Lcp, NetworkFindsAllThreeInBattleOfTheSexes) {
  const auto game = game_file("bos-outcome.nfg");
  EXPECT_EQ(ne_set(pivot::lemke_howson_network(game)),
            (std::set<std::string>{"NE,1,0,1,0", "NE,0,1,0,1", "NE,2/3,1/3,1/3,2/3"}));
  // Dropping label 1 (row 1) from (0,0): x1 enters, column 2's best reply is... the path ends at a pure equilibrium.
  EXPECT_TRUE(pivot::is_nash_equilibrium(game, pivot::lemke_howson(game, 1)));
  EXPECT_THROW(pivot::lemke_howson(game, 5), pivot::UsageError);
  EXPECT_THROW(pivot::lemke_howson(game, 0), pivot::UsageError);
}

// von Stengel (2002)'s degenerate 3x2 game: every label's path must end at one
// of the three extreme equilibria that lrsnash and the hand analysis give.
TEST(Lcp, DegenerateGameEndsAtExtremeEquilibria) {
  const auto game = game_file("vs-degenerate.nfg");
  const std::set<std::string> extreme{"NE,1,0,0,1,0", "NE,1,0,0,2/3,1/3", "NE,0,1/3,2/3,1/3,2/3"};
  for (std::size_t label = 1; label <= 5; ++label)
    EXPECT_TRUE(extreme.count(pivot::ne_csv_line(pivot::lemke_howson(game, label)))) << "label " << label;
  for (const auto& line : ne_set(pivot::lemke_howson_network(game))) EXPECT_TRUE(extreme.count(line)) << line;
}

// Every label's equilibrium, and everything the network reaches, is among
// lrsnash's extreme equilibria; degenerate games (payoffs 0..2) included.
TEST(Lcp, RandomGamesLandInLrsnashSet) {
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  std::mt19937 rng(5);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t m = 2 + trial % 4, n = 2 + (trial / 4) % 4;
    const auto game = random_bimatrix(m, n, 0, trial % 2 == 0 ? 2 : 40, rng);
    const auto expected = pivot::testing::lrsnash_equilibria(game);
    for (std::size_t label = 1; label <= m + n; ++label) {
      const auto line = pivot::ne_csv_line(pivot::lemke_howson(game, label));
      EXPECT_TRUE(expected.count(line)) << "trial " << trial << " label " << label << ": " << line << "\n"
                                        << pivot::write_nfg(game);
    }
    for (const auto& line : ne_set(pivot::lemke_howson_network(game)))
      EXPECT_TRUE(expected.count(line)) << "trial " << trial << ": " << line;
  }
}

// 30x30 (where a floating-point peer went wrong): every label's result must be
// an exact equilibrium; exact arithmetic cannot drift.
TEST(Lcp, ThirtyByThirtyIsExact) {
  std::mt19937 rng(30);
  const auto game = random_bimatrix(30, 30, -50, 50, rng);
  for (std::size_t label = 1; label <= 60; label += 7)
    EXPECT_TRUE(pivot::is_nash_equilibrium(game, pivot::lemke_howson(game, label))) << "label " << label;
}

// ---- lp ------------------------------------------------------------------------

// A = [[3,-1],[-2,1]] (B = -A). Hand calculation: row mixes x on row 1 with
// 3x - 2(1-x) = -x + (1-x) => x = 3/7; column: 3y - (1-y) = -2y + (1-y) => y = 2/7;
// value 3(3/7) - 2(4/7) = 1/7.
TEST(Lp, TwoByTwoByHand) {
  StrategicGame game;
  game.players = {"R", "C"};
  game.strategies = {{"a", "b"}, {"c", "d"}};
  game.payoffs = {{3, -3}, {-2, 2}, {-1, 1}, {1, -1}};  // (a,c), (b,c), (a,d), (b,d)
  const auto solution = pivot::solve_zero_sum(game);
  EXPECT_EQ(pivot::ne_csv_line(solution.profile), "NE,3/7,4/7,2/7,5/7");
  EXPECT_EQ(solution.value, Rational(1, 7));
}

TEST(Lp, RejectsNonZeroSum) { EXPECT_THROW(pivot::solve_zero_sum(game_file("bos-outcome.nfg")), pivot::UsageError); }

// Constant-sum games: the value equals x'Ay at each of lrsnash's equilibria
// (all equal, by the minimax theorem), and our pair is one of them.
TEST(Lp, RandomZeroSumValueMatchesLrsnash) {
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  std::mt19937 rng(11);
  for (int trial = 0; trial < 12; ++trial) {
    const std::size_t m = 2 + trial % 4, n = 2 + trial % 3;
    auto game = random_bimatrix(m, n, -9, 9, rng);
    for (auto& cell : game.payoffs) cell[1] = 5 - cell[0];  // constant sum 5
    const auto solution = pivot::solve_zero_sum(game);
    const auto expected = pivot::testing::lrsnash_equilibria(game);
    ASSERT_FALSE(expected.empty());
    EXPECT_TRUE(expected.count(pivot::ne_csv_line(solution.profile))) << pivot::write_nfg(game);
    const auto theirs = pivot::parse_profile(game, *expected.begin());
    Rational value = 0;
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j)
        value += theirs[0][i] * theirs[1][j] * game.payoffs[game.profile_index({i, j})][0];
    EXPECT_EQ(solution.value, value) << pivot::write_nfg(game);
  }
}

// ---- logit ---------------------------------------------------------------------

// The 2x2x2 case where a peer printed a non-equilibrium: Jordan's game has the
// unique equilibrium (1/2,1/2) for all three, and the refined limit is exactly that.
TEST(Logit, JordanGameLimitIsTheEquilibrium) {
  const auto result = pivot::solve_game(jordan_game(), "logit");
  ASSERT_EQ(result.equilibria.size(), 1u);
  EXPECT_EQ(pivot::ne_csv_line(result.equilibria[0]), "NE,1/2,1/2,1/2,1/2,1/2,1/2");
  EXPECT_TRUE(result.exact[0]);
}

// Two-player games: the limit is exact and one of lrsnash's extreme equilibria
// (nondegenerate games, where every equilibrium is extreme).
TEST(Logit, RandomBimatrixLimitInLrsnashSet) {
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  std::mt19937 rng(17);
  for (int trial = 0; trial < 10; ++trial) {
    const auto game = random_bimatrix(2 + trial % 4, 2 + trial % 3, 0, 40, rng);
    const auto result = pivot::solve_game(game, "logit");
    ASSERT_EQ(result.equilibria.size(), 1u) << pivot::write_nfg(game);
    EXPECT_TRUE(pivot::testing::lrsnash_equilibria(game).count(pivot::ne_csv_line(result.equilibria[0])))
        << pivot::write_nfg(game);
  }
}

// The path starts at the centroid with lambda 0 and lambda grows along it.
TEST(Logit, TraceStartsAtCentroid) {
  pivot::LogitOptions options;
  options.keep_path = true;
  options.max_lambda = 50;
  const auto trace = pivot::trace_logit(game_file("pennies.nfg"), options);
  ASSERT_GT(trace.path.size(), 2u);
  EXPECT_EQ(trace.path.front().lambda, 0.0);
  EXPECT_DOUBLE_EQ(trace.path.front().profile[0][0], 0.5);
  EXPECT_GE(trace.last.lambda, 50.0);
  // Matching pennies: by symmetry every QRE is (1/2,1/2) for both (McKelvey & Palfrey 1995).
  EXPECT_NEAR(trace.last.profile[1][0], 0.5, 1e-9);
}

// ---- enumpoly (support enumeration, any number of players) -----------------------

// Selten's horse (strategies A/D, a/d, L/R; payoffs in tests/data/games/horse.nfg).
// Hand calculation: the equilibria are exactly two components,
//   C1 = {D, 2 plays a with probability q >= 1/3, L}  (1: 3 >= q + 4(1-q)),
//   C2 = {A, 2 plays a with any q, R}                  (3's node unreached; 1: 1 >= 0);
// no equilibrium has player 1 mixing (checked case by case on 3's behaviour).
TEST(EnumPoly, SeltensHorseFindsBothComponents) {
  const auto game = game_file("horse.nfg");
  const auto found = pivot::support_enumeration_equilibria(game);
  bool in_c1 = false, in_c2 = false;
  for (const auto& p : found) {
    EXPECT_TRUE(pivot::is_nash_equilibrium(game, p)) << pivot::ne_csv_line(p);
    const bool c1 = p[0][1] == 1 && p[1][0] >= Rational(1, 3) && p[2][0] == 1;
    const bool c2 = p[0][0] == 1 && p[2][1] == 1;
    EXPECT_TRUE(c1 || c2) << pivot::ne_csv_line(p);
    in_c1 = in_c1 || c1;
    in_c2 = in_c2 || c2;
  }
  EXPECT_TRUE(in_c1);
  EXPECT_TRUE(in_c2);
}

TEST(EnumPoly, JordanGameUniqueEquilibrium) {
  EXPECT_EQ(ne_set(pivot::support_enumeration_equilibria(jordan_game())),
            (std::set<std::string>{"NE,1/2,1/2,1/2,1/2,1/2,1/2"}));
}

// Nondegenerate two-player games: one equilibrium per support pair, so support
// enumeration finds exactly lrsnash's set.
TEST(EnumPoly, NondegenerateBimatrixEqualsLrsnash) {
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  std::mt19937 rng(23);
  for (int trial = 0; trial < 8; ++trial) {
    const auto game = random_bimatrix(2 + trial % 3, 2 + trial % 4, 0, 1000, rng);
    EXPECT_EQ(ne_set(pivot::support_enumeration_equilibria(game)), pivot::testing::lrsnash_equilibria(game))
        << pivot::write_nfg(game);
  }
}

// Larger nondegenerate games, where most support pairs hold a conditionally
// dominated strategy and are skipped unsolved: the set is still lrsnash's.
TEST(EnumPoly, PrunedSearchEqualsLrsnashOnSevenBySeven) {
  if (!pivot::testing::lrsnash_installed()) GTEST_SKIP() << "lrsnash (Debian lrslib) not installed";
  std::mt19937 rng(29);
  for (int trial = 0; trial < 2; ++trial) {
    const auto game = random_bimatrix(7, 7, 0, 1000, rng);
    EXPECT_EQ(ne_set(pivot::support_enumeration_equilibria(game)), pivot::testing::lrsnash_equilibria(game))
        << pivot::write_nfg(game);
  }
}

// Every method's every output verifies; logit and enumpoly on 3-player random games too.
TEST(Solvers, EveryOutputVerifies) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> payoff(0, 9);
  for (int trial = 0; trial < 6; ++trial) {
    StrategicGame game;
    game.players = {"1", "2", "3"};
    game.strategies = {{"a", "b"}, {"c", "d"}, {"e", "f", "g"}};
    for (std::size_t k = 0; k < 12; ++k) game.payoffs.push_back({payoff(rng), payoff(rng), payoff(rng)});
    for (const char* method : {"logit", "enumpoly"}) {
      const auto result = pivot::solve_game(game, method);
      EXPECT_FALSE(result.equilibria.empty()) << method << "\n" << pivot::write_nfg(game);
      for (const auto& p : result.equilibria) EXPECT_LE(pivot::max_regret(game, p), Rational(1, 1000000000));
    }
  }
}

// ---- CSV bimatrix input ------------------------------------------------------------

// Row payoffs [[3,0],[0,1]], column [[1,0],[0,3]]. Hand calculation: the two
// pure coordination outcomes, and the mixed one where the row player's 3/4 on
// Top makes the column player indifferent (1*x = 3(1-x)) and the column's 1/4
// on Left makes the row player indifferent (3y = 1-y).
TEST(BimatrixCsv, ReadsTablesWithLabels) {
  const std::string dir = std::string(PIVOT_TEST_DATA) + "/games/csv/";
  const auto game = pivot::read_bimatrix_csv(dir + "bos-row.csv", dir + "bos-col.csv");
  EXPECT_EQ(game.strategies[0], (std::vector<std::string>{"Top", "Bottom"}));
  EXPECT_EQ(game.strategies[1], (std::vector<std::string>{"Left", "Right"}));
  EXPECT_EQ(ne_set(pivot::mixed_equilibria_2p(game).equilibria),
            (std::set<std::string>{"NE,1,0,1,0", "NE,0,1,0,1", "NE,3/4,1/4,1/4,3/4"}));
}

void expect_error_at(const std::string& a, const std::string& b, const std::string& file, std::size_t line,
                     std::size_t column) {
  try {
    pivot::parse_bimatrix_csv(a, "a.csv", b, "b.csv");
    FAIL() << "expected InputError for\n" << a << "---\n" << b;
  } catch (const pivot::InputError& e) {
    EXPECT_EQ(e.position().file, file) << e.what();
    EXPECT_EQ(e.position().line, line) << e.what();
    EXPECT_EQ(e.position().column, column) << e.what();
  }
}

TEST(BimatrixCsv, ErrorsNameFileLineColumn) {
  const std::string good = ",L,R\nT,1,2\nB,3,4\n";
  expect_error_at(",L,R\nT,1,x\nB,3,4\n", good, "a.csv", 2, 5);         // not a number
  expect_error_at(good, ",L,R\nT,1,2\nB,3\n", "b.csv", 3, 3);           // short row
  expect_error_at(good, ",L,X\nT,1,2\nB,3,4\n", "b.csv", 1, 4);         // labels differ
  expect_error_at(good, ",L,R\nT,1,2\nC,3,4\n", "b.csv", 3, 1);         // row labels differ
  expect_error_at(",L,L\nT,1,2\n", good, "a.csv", 1, 4);                // duplicate label
  expect_error_at("", good, "a.csv", 1, 1);                             // empty
  expect_error_at(",L,R\n", good, "a.csv", 1, 1);                       // no payoff rows
  expect_error_at(good, ",L,R\nT,1,2\nB,3,4\nC,5,6\n", "b.csv", 4, 1);  // extra row
}

}  // namespace
