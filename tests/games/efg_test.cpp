// Extensive games: the .efg reader and writer, backward induction, the
// sequence-form LCP and the reduced strategic form. Expected values come from
// the papers named at each test or from hand calculations written here.
#include <gtest/gtest.h>

#include <random>

#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/solvers/backward.hpp"
#include "pivot/games/solvers/lcp.hpp"

namespace {

using pivot::BehaviourProfile;
using pivot::ExtensiveGame;
using pivot::Rational;

ExtensiveGame load(const std::string& name) {
  return pivot::read_efg_file(std::string(PIVOT_TEST_DATA) + "/games/" + name);
}

// The mixed profile of the reduced strategic form that plays each reduced
// strategy with the product of its actions' behaviour probabilities (Kuhn
// 1953: realisation-equivalent under perfect recall). Labels hold one digit or
// '*' per information set, so this needs fewer than 10 actions per set.
pivot::MixedProfile mixed_image(const pivot::StrategicGame& form, const BehaviourProfile& b) {
  pivot::MixedProfile mixed(form.num_players());
  for (std::size_t p = 0; p < form.num_players(); ++p)
    for (const auto& label : form.strategies[p]) {
      Rational prob = 1;
      for (std::size_t h = 0; h < b[p].size(); ++h)
        if (label[h] != '*') prob *= b[p][h][static_cast<std::size_t>(label[h] - '1')];
      mixed[p].push_back(prob);
    }
  return mixed;
}

TEST(Efg, ReadsTheEntryGame) {
  const ExtensiveGame g = load("entry.efg");
  EXPECT_EQ(g.players, (std::vector<std::string>{"Entrant", "Incumbent"}));
  ASSERT_EQ(g.nodes.size(), 5u);
  EXPECT_EQ(g.infosets[1][0].actions, (std::vector<std::string>{"fight", "accommodate"}));
  EXPECT_TRUE(pivot::has_perfect_information(g));
  EXPECT_TRUE(pivot::has_perfect_recall(g));
}

// Hand calculation: the entrant compares staying out (0) with entering, after
// which the incumbent prefers accommodating (1 > -1); so (in, accommodate) is
// the unique subgame-perfect equilibrium, without ties.
TEST(Efg, BackwardInductionOnEntryGame) {
  const ExtensiveGame g = load("entry.efg");
  const auto result = pivot::backward_induction(g);
  EXPECT_EQ(pivot::ne_csv_line(result.profile), "NE,0,1,0,1");
  EXPECT_FALSE(result.ties);
  EXPECT_EQ(pivot::expected_payoffs(g, result.profile), (std::vector<Rational>{1, 1}));
}

// Hand calculation: the reduced strategic form is 2x2 with pure equilibria
// (out, fight) — the incumbent's non-credible threat — and (in, accommodate).
TEST(Efg, EnumpureOnEntryGameFindsTheNonCredibleThreat) {
  const ExtensiveGame g = load("entry.efg");
  const auto result = pivot::solve_extensive_game(g, "enumpure");
  ASSERT_EQ(result.equilibria.size(), 2u);
  EXPECT_EQ(pivot::ne_csv_line(result.equilibria[0]), "NE,1,0,1,0");
  EXPECT_EQ(pivot::ne_csv_line(result.equilibria[1]), "NE,0,1,0,1");
  // Against "out" the incumbent is indifferent: every mix with fight >= 1/2 is
  // an equilibrium, so enummixed finds the segment's end points.
  const auto mixed = pivot::solve_extensive_game(g, "enummixed");
  EXPECT_GE(mixed.equilibria.size(), 2u);
}

TEST(Efg, TieBreakGoesToTheFirstAction) {
  const ExtensiveGame g = pivot::parse_efg(
      "EFG 2 R \"tie\" { \"A\" } \"\"\n"
      "p \"\" 1 1 \"\" { \"left\" \"right\" } 0\n"
      "t \"\" 1 \"l\" { 3 }\n"
      "t \"\" 2 \"r\" { 3 }\n",
      "tie.efg");
  const auto result = pivot::backward_induction(g);
  EXPECT_EQ(pivot::ne_csv_line(result.profile), "NE,1,0");
  EXPECT_TRUE(result.ties);
}

// Kuhn (1950): the value of the game to player 1 is -1/18; player 1 bets a J
// with some alpha in [0, 1/3], never bets a Q, bets a K with 3 alpha, calls a
// check-bet with a Q with alpha + 1/3; player 2 bets a J after a check with
// 1/3, calls a bet with a Q with 1/3, always calls with a K, never with a J.
TEST(Efg, SequenceFormSolvesKuhnPoker) {
  const ExtensiveGame g = load("kuhn-poker.efg");
  // First-appearance order: player 1 J, J after check-bet, Q, Q after check-bet, K, K after check-bet.
  ASSERT_EQ(g.infosets[0].size(), 6u);
  EXPECT_EQ(g.infosets[0][2].label, "1:Q");
  EXPECT_EQ(g.infosets[1][0].label, "2:Q after check");
  const BehaviourProfile b = pivot::sequence_form_equilibrium(g);
  ASSERT_FALSE(b.empty());
  EXPECT_TRUE(pivot::is_behaviour_equilibrium(g, b));
  EXPECT_EQ(pivot::expected_payoffs(g, b)[0], Rational(-1, 18));
  auto set = [&](std::size_t player, const std::string& label) -> const std::vector<Rational>& {
    for (std::size_t h = 0; h < g.infosets[player].size(); ++h)
      if (g.infosets[player][h].label == label) return b[player][h];
    throw std::runtime_error("no information set " + label);
  };
  const Rational alpha = set(0, "1:J")[1];
  EXPECT_GE(alpha, 0);
  EXPECT_LE(alpha, Rational(1, 3));
  EXPECT_EQ(set(0, "1:Q")[1], 0);
  EXPECT_EQ(set(0, "1:K")[1], 3 * alpha);
  EXPECT_EQ(set(0, "1:Q after check-bet")[1], alpha + Rational(1, 3));
  EXPECT_EQ(set(0, "1:J after check-bet")[1], 0);
  EXPECT_EQ(set(1, "2:J after check")[1], Rational(1, 3));
  EXPECT_EQ(set(1, "2:Q after bet")[1], Rational(1, 3));
  EXPECT_EQ(set(1, "2:K after bet")[1], 1);
  EXPECT_EQ(set(1, "2:J after bet")[1], 0);
  // Cross-check in the strategic form: the image is a Nash equilibrium there.
  const auto form = pivot::reduced_strategic_form(g);
  EXPECT_TRUE(pivot::is_nash_equilibrium(form, mixed_image(form, b)));
}

// Counted from the rules: player 1 has, per card, bet or check-then-fold/call
// (3 plans, 27 in all); player 2 has, per card, 2 x 2 (64 in all).
TEST(Efg, ReducedStrategicFormOfKuhnPoker) {
  const auto form = pivot::reduced_strategic_form(load("kuhn-poker.efg"));
  EXPECT_EQ(form.num_strategies(0), 27u);
  EXPECT_EQ(form.num_strategies(1), 64u);
  // Player 1's plan "bet with J, Q, K" never reaches the after-check-bet sets.
  EXPECT_NE(std::find(form.strategies[0].begin(), form.strategies[0].end(), "2*2*2*"), form.strategies[0].end());
}

// Gambit prints all zeros at information sets the player's own plan
// excludes; such lines are valid, zeros at a reached set are not.
TEST(Efg, ZerosOnlyWhereTheOwnPlanExcludesTheSet) {
  const ExtensiveGame g = load("kuhn-poker.efg");
  // The equilibrium with alpha = 1/3 (Kuhn 1950): player 1 always bets a K, so
  // "1:K after check-bet" (the sixth set) is excluded by player 1's own plan.
  const std::string p1 = "2/3,1/3,1,0,1,0,1/3,2/3,0,1,0,0";
  const std::string p2 = "1,0,2/3,1/3,0,1,0,1,2/3,1/3,1,0";
  EXPECT_TRUE(pivot::is_behaviour_equilibrium(g, pivot::parse_behaviour_profile(g, "NE," + p1 + "," + p2)));
  // Zeros at "1:J" (reached at the root) are not a strategy.
  EXPECT_FALSE(
      pivot::is_behaviour_equilibrium(g, pivot::parse_behaviour_profile(g, "NE,0,0,1,0,1,0,1/3,2/3,0,1,0,0," + p2)));
}

TEST(Efg, RegretsOfANonEquilibrium) {
  const ExtensiveGame g = load("entry.efg");
  // (in, fight): the entrant gets -1 and could get 0 by staying out; the
  // incumbent gets -1 and could get 1 by accommodating (hand calculation).
  const auto regret = pivot::behaviour_regrets(g, pivot::parse_behaviour_profile(g, "NE,0,1,1,0"));
  EXPECT_EQ(regret, (std::vector<Rational>{1, 2}));
}

TEST(Efg, WriteThenReadGivesTheSameGame) {
  const ExtensiveGame g = load("kuhn-poker.efg");
  const std::string text = pivot::write_efg(g);
  const ExtensiveGame again = pivot::parse_efg(text, "again.efg");
  EXPECT_EQ(pivot::write_efg(again), text);
  EXPECT_EQ(again.nodes.size(), g.nodes.size());
  EXPECT_EQ(pivot::expected_payoffs(again, pivot::sequence_form_equilibrium(again))[0], Rational(-1, 18));
}

TEST(Efg, DecimalPayoffsAndOutcomesOnInnerNodesAreExact) {
  const ExtensiveGame g = pivot::parse_efg(
      "EFG 2 D \"stages\" { \"A\" \"B\" }\n"
      "c \"\" 1 \"coin\" { \"h\" 0.25 \"t\" 3/4 } 1 \"entry fee\" { -0.1, 0 }\n"
      "t \"\" 2 \"h\" { 1.5 2 }\n"
      "t \"\" 3 \"t\" { 0 1e-1 }\n",
      "stages.efg");
  const auto payoffs = pivot::expected_payoffs(g, BehaviourProfile(2));
  EXPECT_EQ(payoffs[0], Rational(1, 4) * Rational(3, 2) - Rational(1, 10));
  EXPECT_EQ(payoffs[1], Rational(1, 4) * 2 + Rational(3, 4) * Rational(1, 10));
}

struct BadEfg {
  const char* text;
  std::size_t line, column;
  const char* message;
};

TEST(Efg, MalformedFilesNameLineAndColumn) {
  const BadEfg cases[] = {
      {"EFG 2 R \"x\" { \"A\" }\np \"\" 2 1 \"s\" { \"a\" } 0\n", 2, 6, "player number"},
      {"EFG 2 R \"x\" { \"A\" }\np \"\" 1 1 0\n", 2, 8, "used before"},
      {"EFG 2 R \"x\" { \"A\" }\nc \"\" 1 \"c\" { \"a\" 1/2 \"b\" 1/3 } 0\nt \"\" 0\nt \"\" 0\n", 2, 6, "sum to 5/6"},
      {"EFG 2 R \"x\" { \"A\" }\np \"\" 1 1 \"s\" { \"a\" \"b\" } 0\nt \"\" 0\n", 4, 1, "expected a node"},
      {"EFG 2 R \"x\" { \"A\" }\nt \"\" 1 \"o\" { 1 2 }\n", 2, 16, "'}' closing outcome"},
      {"EFG 3 R \"x\" { \"A\" }\n", 1, 5, "expected '2'"},
      {"EFG 2 R \"x\" { \"A\" }\nt \"\" 0\nt \"\" 0\n", 3, 1, "end of the file"},
      {"EFG 2 R \"x\" { \"A\" }\np \"\" 1 1 \"s\" { \"a\" } 0\np \"\" 1 1 \"s\" { \"b\" } 0\nt \"\" 0\n", 3, 8,
       "declared again differently"},
  };
  for (const auto& c : cases) {
    try {
      pivot::parse_efg(c.text, "bad.efg");
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const pivot::InputError& e) {
      EXPECT_EQ(e.position().file, "bad.efg");
      EXPECT_EQ(e.position().line, c.line) << e.what();
      EXPECT_EQ(e.position().column, c.column) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

// A random two-player game with imperfect information and perfect recall:
// chance deals one of two private signals to player 1, who acts; player 2
// sees the action but not the signal, and acts; then player 1 acts again
// knowing everything so far. Payoffs are random integers 0..4 (degenerate often).
std::string random_signalling_efg(std::mt19937& rng) {
  std::uniform_int_distribution<int> payoff(0, 4);
  std::string out = "EFG 2 R \"random signalling\" { \"S\" \"R\" } \"\"\n";
  out += "c \"\" 1 \"signal\" { \"a\" 1/3 \"b\" 2/3 } 0\n";
  int outcome = 0;
  for (int s = 0; s < 2; ++s) {
    out += "p \"\" 1 " + std::to_string(1 + s) + " \"sig\" { \"x\" \"y\" } 0\n";
    for (int m = 0; m < 2; ++m) {
      out += "p \"\" 2 " + std::to_string(1 + m) + " \"msg\" { \"u\" \"v\" \"w\" } 0\n";
      for (int r = 0; r < 3; ++r) {
        out += "p \"\" 1 " + std::to_string(3 + s * 6 + m * 3 + r) + " \"last\" { \"c\" \"d\" } 0\n";
        for (int k = 0; k < 2; ++k)
          out += "t \"\" " + std::to_string(++outcome) + " \"\" { " + std::to_string(payoff(rng)) + " " +
                 std::to_string(payoff(rng)) + " }\n";
      }
    }
  }
  return out;
}

TEST(Efg, SequenceFormOnRandomSignallingGamesPassesBothChecks) {
  std::mt19937 rng(20251023);
  for (int trial = 0; trial < 20; ++trial) {
    const ExtensiveGame g = pivot::parse_efg(random_signalling_efg(rng), "random.efg");
    ASSERT_TRUE(pivot::has_perfect_recall(g));
    ASSERT_FALSE(pivot::has_perfect_information(g));
    const BehaviourProfile b = pivot::sequence_form_equilibrium(g);
    ASSERT_FALSE(b.empty()) << "Lemke ended on a ray in trial " << trial;
    EXPECT_TRUE(pivot::is_behaviour_equilibrium(g, b)) << trial;
    const auto form = pivot::reduced_strategic_form(g);
    EXPECT_TRUE(pivot::is_nash_equilibrium(form, mixed_image(form, b))) << trial;
  }
}

TEST(Efg, ImperfectRecallIsRefused) {
  // Player 1 forgets their first move: both second-stage nodes share a set.
  const ExtensiveGame g = pivot::parse_efg(
      "EFG 2 R \"forgetful\" { \"A\" \"B\" }\n"
      "p \"\" 1 1 \"first\" { \"l\" \"r\" } 0\n"
      "p \"\" 1 2 \"second\" { \"l\" \"r\" } 0\n"
      "t \"\" 0\nt \"\" 0\n"
      "p \"\" 1 2 0\n"
      "t \"\" 0\nt \"\" 0\n",
      "forgetful.efg");
  EXPECT_FALSE(pivot::has_perfect_recall(g));
  EXPECT_THROW(pivot::solve_extensive_game(g, "lcp"), pivot::UsageError);
}

}  // namespace
