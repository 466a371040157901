// Tests of the Bueno de Mesquita expected-utility model (src/bargain/bdm.cpp)
// against the published replication of Scholz, Calbert & Smith (2011),
// "Unravelling Bueno De Mesquita's group decision model" (ICAART 2011,
// pp. 18-30; extended in J. Theoretical Politics 23(4): 510-531). The data are
// their Table 1 (BDM 1994, p. 78): ten EC members, the date (years) by which
// emission standards for medium-sized cars should apply. See docs/models/bdm.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "bargain/models.hpp"
#include "pivot/bargain/forecast.hpp"
#include "pivot/core/error.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {
namespace {

enum Eu { Netherlands, Belgium, Luxembourg, Germany, France, Italy, UK, Ireland, Denmark, Greece };

// Scholz et al. (2011) Table 1 = BDM (1994) p. 78.
Scenario eu_example() {
  struct Row {
    const char* name;
    double capability, position, salience;
  };
  const Row rows[] = {{"Netherlands", 0.08, 4, 80}, {"Belgium", 0.08, 7, 40}, {"Luxembourg", 0.03, 4, 20},
                      {"Germany", 0.16, 4, 80},     {"France", 0.16, 10, 60}, {"Italy", 0.16, 10, 60},
                      {"UK", 0.16, 10, 90},         {"Ireland", 0.05, 7, 10}, {"Denmark", 0.05, 4, 100},
                      {"Greece", 0.08, 7, 70}};
  Scenario s;
  s.name = "eu-emissions";
  Issue issue;
  issue.id = "emission_date";
  issue.unit = "years";
  issue.min = 4;
  issue.max = 10;
  s.issues.push_back(issue);
  for (const Row& r : rows) {
    Actor a;
    a.id = a.name = r.name;
    a.capability = r.capability;
    a.position = {r.position};
    a.salience = {r.salience};
    s.actors.push_back(a);
  }
  return s;
}

ForecastOptions with(std::initializer_list<std::pair<const std::string, std::string>> kv) {
  ForecastOptions o;
  o.settings = kv;
  return o;
}

std::vector<double> column(const Round& round, std::size_t issue) {
  std::vector<double> x;
  for (const auto& p : round.positions) x.push_back(p[issue]);
  return x;
}

std::vector<double> weights(const Scenario& s, std::size_t issue) {
  std::vector<double> w;
  for (const Actor& a : s.actors) w.push_back(a.capability * a.salience[issue]);
  return w;
}

// The paper's "median voter position": the held position that beats or ties
// every other in the capability x salience weighted pairwise vote.
double median_voter(const std::vector<double>& x, const std::vector<double>& w) {
  double best = 0, best_loss = 0;
  bool first = true;
  std::vector<double> cand = x;
  std::sort(cand.begin(), cand.end());
  for (double y : cand) {
    double loss = 0;
    for (std::size_t k = 0; k < x.size(); ++k) loss += w[k] * std::fabs(x[k] - y);
    if (first || loss < best_loss - 1e-12) {
      best = y;
      best_loss = loss;
      first = false;
    }
  }
  return best;
}

double weighted_mean(const std::vector<double>& x, const std::vector<double>& w) {
  double sw = 0, swx = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    sw += w[k];
    swx += w[k] * x[k];
  }
  return swx / sw;
}

const Challenge& dyad(const Round& round, int challenger, int target) {
  for (const Challenge& c : round.challenges)
    if (c.challenger == challenger && c.target == target) return c;
  ADD_FAILURE() << "no challenge record " << challenger << " -> " << target;
  static Challenge none;
  return none;
}

// --------------------------------------------------------------------------
// Table 2 of Scholz et al. (2011, p. 28): "Evolution of the median and mean
// voter positions" for rounds 1-8, printed to 0.1 year.
//
//   Round   1    2    3    4    5    6    7    8
//   Median 8.4  9.9  9.9  9.9  9.9  7.4  8.8  9.6
//   Mean   7.4  7.5  7.6  7.3  7.3  7.4  7.5  7.6
//
// With the default options we get medians 8.416 9.611 9.962 9.962 9.962 7.472
// 8.825 9.671 and means 7.461 7.553 7.590 7.358 7.349 7.415 7.511 7.572: every
// mean and seven of the eight medians agree within 0.075; the round-2 median is
// 9.61, not 9.9 (documented in docs/models/bdm.md; no reading of the paper we
// tried produces 9.9 there while keeping the other fifteen numbers, and both
// independent replications we found get 9.61 too, see the Masad test below).
TEST(Bdm, ReproducesScholzTable2MedianAndMeanPerRound) {
  const Scenario s = eu_example();
  const ForecastResult r = bargain::run_bdm(s, ForecastOptions{});
  ASSERT_EQ(r.model, "bdm");
  ASSERT_GE(r.rounds.size(), 9u);
  const double median[] = {8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6};
  const double mean[] = {7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6};
  const std::vector<double> w = weights(s, 0);
  EXPECT_NEAR(weighted_mean(column(r.rounds[0], 0), w), 7.39, 0.005);  // the input's mean (7.4)
  EXPECT_DOUBLE_EQ(median_voter(column(r.rounds[0], 0), w), 7.0);
  for (int t = 1; t <= 8; ++t) {
    const std::vector<double> x = column(r.rounds[static_cast<std::size_t>(t)], 0);
    EXPECT_NEAR(weighted_mean(x, w), mean[t - 1], 0.075) << "mean, round " << t;
    if (t == 2) {
      // Known deviation (docs/models/bdm.md): we do not reproduce the published
      // 9.9 here. Assert only what the published table implies: the median moved
      // up from round 1 (8.4) and not beyond round 3's (9.9).
      EXPECT_GT(median_voter(x, w), median[0] + 0.075);
      EXPECT_LE(median_voter(x, w), median[2] + 0.075);
      continue;
    }
    EXPECT_NEAR(median_voter(x, w), median[t - 1], 0.075) << "median, round " << t;
  }
  // Rounds 9 and 10: D. Masad's comparison plot (Figures/MeanPositions.png in
  // github.com/dmasad/BDM_DecisionModel_Replication, 2014; his readme cites the
  // JTP article) draws the published means as the series "Original": 7.4 at
  // round 0, Table 2's eight values, then 7.3 and 7.2 at rounds 9 and 10 (read
  // off the plot, gridlines every 0.2), which the 8-round ICAART table lacks.
  ASSERT_GE(r.rounds.size(), 11u);
  EXPECT_NEAR(weighted_mean(column(r.rounds[9], 0), w), 7.3, 0.075);
  EXPECT_NEAR(weighted_mean(column(r.rounds[10], 0), w), 7.2, 0.075);
  // "the median appears to stabilise, but then continues to change" (p. 28).
  const double m3 = median_voter(column(r.rounds[3], 0), w);
  EXPECT_DOUBLE_EQ(median_voter(column(r.rounds[4], 0), w), m3);
  EXPECT_DOUBLE_EQ(median_voter(column(r.rounds[5], 0), w), m3);
  EXPECT_LT(median_voter(column(r.rounds[6], 0), w), 8.0);
  EXPECT_FALSE(r.converged[0]);
}

// D. Masad's independent Python replication of the same paper (branch
// improved_version of github.com/dmasad/BDM_DecisionModel_Replication, commit
// 2a7d940, Nov 2014: ModelTest.ipynb runs GroupDecisionModel.py on this example
// for 10 rounds and stores the printed output). His code updates the risk
// exponents one actor at a time in input order (risk_update=sequential); with
// that option we reproduce all twenty printed numbers to their 12 digits.
// With our default (simultaneous) update every number stays within 0.0013. Like
// us, he gets 9.611 in round 2, not the published 9.9.
TEST(Bdm, ReproducesMasadReplicationRoundByRound) {
  const Scenario s = eu_example();
  const double median[] = {8.41617750539, 9.61107284336, 9.96201805085, 9.96201805085, 9.96201805085,
                           7.47326073201, 8.8256365516,  9.67167968022, 9.67167968022, 7.0};
  const double mean[] = {7.46132596776, 7.55251314035, 7.59015052026, 7.35816338171, 7.34923254953,
                         7.41495298414, 7.51052620045, 7.57249003225, 7.32506548036, 7.24231601137};
  const std::vector<double> w = weights(s, 0);
  const ForecastResult seq = bargain::run_bdm(s, with({{"risk_update", "sequential"}}));
  const ForecastResult simultaneous = bargain::run_bdm(s, ForecastOptions{});
  ASSERT_EQ(seq.rounds.size(), 11u);
  ASSERT_EQ(simultaneous.rounds.size(), 11u);
  for (std::size_t t = 1; t <= 10; ++t) {
    const std::vector<double> x = column(seq.rounds[t], 0);
    EXPECT_NEAR(median_voter(x, w), median[t - 1], 1e-9) << "round " << t;
    EXPECT_NEAR(weighted_mean(x, w), mean[t - 1], 1e-9) << "round " << t;
    const std::vector<double> y = column(simultaneous.rounds[t], 0);
    EXPECT_NEAR(median_voter(y, w), median[t - 1], 0.0013) << "round " << t;
    EXPECT_NEAR(weighted_mean(y, w), mean[t - 1], 0.0013) << "round " << t;
  }
}

// risk_rounds=first keeps round 1's exponents (Belgium 0.754) in every later
// round; the smaller exponent makes Belgium concede less to France in round 2.
TEST(Bdm, RiskRoundsFirstKeepsRoundOneExponents) {
  const Scenario s = eu_example();
  const ForecastResult every = bargain::run_bdm(s, with({{"rounds", "2"}}));
  const ForecastResult first = bargain::run_bdm(s, with({{"rounds", "2"}, {"risk_rounds", "first"}}));
  EXPECT_DOUBLE_EQ(first.rounds[1].positions[Belgium][0], every.rounds[1].positions[Belgium][0]);
  EXPECT_LT(first.rounds[2].positions[Belgium][0], every.rounds[2].positions[Belgium][0]);
  EXPECT_GT(first.rounds[2].positions[Belgium][0], first.rounds[1].positions[Belgium][0]);
}

// The forecast is the median voter position after the last round (BDM 1994's
// "dominant outcome"); rounds=t stops after round t.
TEST(Bdm, ForecastIsFinalMedianVoterPosition) {
  const Scenario s = eu_example();
  const ForecastResult r8 = bargain::run_bdm(s, with({{"rounds", "8"}}));
  ASSERT_EQ(r8.rounds.size(), 9u);
  EXPECT_EQ(r8.rounds_used[0], 8);
  EXPECT_NEAR(r8.predicted[0], 9.6, 0.075);  // Table 2, round 8
  EXPECT_DOUBLE_EQ(r8.predicted[0], median_voter(column(r8.rounds[8], 0), weights(s, 0)));
  const ForecastResult r1 = bargain::run_bdm(s, with({{"rounds", "1"}}));
  EXPECT_NEAR(r1.predicted[0], 8.4, 0.05);  // "the median voter position at the end of the first round to be 8.4 years"
  const ForecastResult mean1 = bargain::run_bdm(s, with({{"rounds", "1"}, {"forecast", "mean"}}));
  EXPECT_NEAR(mean1.predicted[0], 7.4, 0.075);
}

// Round 1 moves: only Belgium, Luxembourg and Ireland move; Belgium accepts
// France's compromise (eq. 36: 7 + 3 x |E^B(U_BF) / E(U_FB)| = 8.42).
TEST(Bdm, FirstRoundMovesAndReasons) {
  const ForecastResult r = bargain::run_bdm(eu_example(), ForecastOptions{});
  const Round& r1 = r.rounds[1];
  ASSERT_EQ(r1.moves.size(), 3u);
  EXPECT_EQ(r1.moves[0].actor, Belgium);
  EXPECT_EQ(r1.moves[0].partner, France);
  EXPECT_EQ(r1.moves[0].reason, "accepted France's compromise offer");
  EXPECT_DOUBLE_EQ(r1.moves[0].from[0], 7.0);
  EXPECT_NEAR(r1.moves[0].to[0], 8.416, 0.001);
  EXPECT_EQ(r1.moves[1].actor, Luxembourg);
  EXPECT_EQ(r1.moves[1].partner, Belgium);
  EXPECT_DOUBLE_EQ(r1.moves[1].to[0], 7.0);
  EXPECT_EQ(r1.moves[2].actor, Ireland);
  EXPECT_EQ(r1.moves[2].partner, Luxembourg);
  EXPECT_DOUBLE_EQ(r1.moves[2].to[0], 4.0);
  const Challenge& bf = dyad(r1, Belgium, France);
  EXPECT_EQ(bf.kind, "compromise");
  EXPECT_NEAR(bf.challenger_offer[0], 8.416, 0.001);
  EXPECT_DOUBLE_EQ(bf.target_offer[0], 10.0);
  EXPECT_EQ(dyad(r1, Belgium, Luxembourg).kind, "conflict");  // both expect gains; Luxembourg gives way
  EXPECT_DOUBLE_EQ(dyad(r1, Belgium, Luxembourg).target_offer[0], 7.0);
  EXPECT_EQ(dyad(r1, Belgium, Greece).kind, "agree");
  EXPECT_EQ(r1.challenges.size(), 90u);  // every ordered dyad
}

// Figures 7-10 of Scholz et al. plot round-1 expected utilities (after the risk
// pass). x = the focal actor's E^i(U_ij); values read off the published plots.
TEST(Bdm, ReproducesScholzFigure7BelgiumExpectedUtilities) {
  const ForecastResult r = bargain::run_bdm(eu_example(), ForecastOptions{});
  const Round& r1 = r.rounds[1];
  const std::pair<int, double> fig7[] = {{Luxembourg, 0.60}, {Germany, -0.47}, {Netherlands, -0.47},
                                         {France, -0.12},    {Italy, -0.12},   {UK, -0.66},
                                         {Denmark, -0.83},   {Ireland, 0.0},   {Greece, 0.0}};
  for (const auto& [j, x] : fig7) EXPECT_NEAR(dyad(r1, Belgium, j).expected_gain, x, 0.02) << j;
}

TEST(Bdm, ReproducesScholzFigure8FranceExpectedUtilities) {
  const Round r1 = bargain::run_bdm(eu_example(), ForecastOptions{}).rounds[1];
  const std::pair<int, double> fig8[] = {{Denmark, -2.0}, {Netherlands, -1.24}, {Germany, -1.24},   {Greece, -0.40},
                                         {Belgium, 0.19}, {Ireland, 0.80},      {Luxembourg, 1.15}, {UK, 0.0},
                                         {Italy, 0.0}};
  for (const auto& [j, x] : fig8) EXPECT_NEAR(dyad(r1, France, j).expected_gain, x, 0.05) << j;
}

// Figure 9 (Netherlands). Greece is left out: the paper plots it at (0.59, 0.55),
// which is Greece's point of Figure 10 (Luxembourg's view), and it cannot share
// Belgium's and Ireland's position (7) yet have a different "Others" value.
TEST(Bdm, ReproducesScholzFigure9NetherlandsExpectedUtilities) {
  const Round r1 = bargain::run_bdm(eu_example(), ForecastOptions{}).rounds[1];
  EXPECT_NEAR(dyad(r1, Netherlands, Belgium).expected_gain, 0.11, 0.05);
  EXPECT_NEAR(dyad(r1, Netherlands, Ireland).expected_gain, 0.735, 0.05);
  EXPECT_NEAR(dyad(r1, Netherlands, France).expected_gain, -0.86, 0.05);
  EXPECT_NEAR(dyad(r1, Netherlands, Italy).expected_gain, -0.86, 0.05);
  EXPECT_NEAR(dyad(r1, Netherlands, UK).expected_gain, -2.0, 0.1);  // on the plot's edge
  for (int j : {Germany, Denmark, Luxembourg}) EXPECT_DOUBLE_EQ(dyad(r1, Netherlands, j).expected_gain, 0.0);
}

// Figure 10: for Luxembourg the paper plots each other actor's own E^j(U_jL)
// on the x axis.
TEST(Bdm, ReproducesScholzFigure10LuxembourgExpectedUtilities) {
  const Round r1 = bargain::run_bdm(eu_example(), ForecastOptions{}).rounds[1];
  const std::pair<int, double> fig10[] = {{UK, 0.24},      {France, 1.14},  {Italy, 1.14},
                                          {Ireland, 0.54}, {Belgium, 0.60}, {Greece, 0.60}};
  for (const auto& [j, x] : fig10) EXPECT_NEAR(dyad(r1, j, Luxembourg).expected_gain, x, 0.05) << j;
}

// Hand-worked expected utility of Belgium (x=7, s=.4) challenging France
// (x=10, s=.6), with risk neutral (r=1) so the utilities are linear. Distances
// are normalised by x_max - x_min = 6, so d = 3/6 = 0.5 and
//   U_s = 2 - 4(0.5 - 0.5 d) = 1,  U_f = 2 - 4(0.5 + 0.5 d) = -1,  U_sq = 2 - 4(0.5) = 0.
// Weights c*s (salience / 100): the 4-camp (Neth .064, Lux .006, Ger .128,
// Den .05) = .248, the 7-camp (Bel .032, Ire .005, Gre .056) = .093, the
// 10-camp (Fra .096, Ita .096, UK .144) = .336. Everyone at 4 or 7 prefers 7 to
// 10 by 3 years, the 10-camp prefers 10 by 3 years.
//  * eq. 31 as printed (probability=pairwise):
//      P = (.248 + .093) x 3 / ((.248 + .093 + .336) x 3) = .341 / .677 = 0.503693
//      E = s_F (P U_s + (1-P) U_f) + (1 - s_F) U_s - Q U_sq
//        = 0.6 (2 x 0.503693 - 1) + 0.4 = 0.404431
//  * the authors' program (probability=all_pairs) divides by every voter's
//    |vote| over all 100 ordered dyads: a voter at 4 sees distances 0/3/6 to
//    the 4/3/3 actors at 4/7/10, so sum |d_a - d_b| = 2 (12x3 + 12x6 + 9x3) = 270;
//    at 7: 2 (12x3 + 12x0 + 9x3) = 126; at 10: 270. Denominator
//    (.248 x 270 + .093 x 126 + .336 x 270) / 6 = 28.233, numerator .341 x 3/6
//    = .1705, so P = 0.0060390 and E = 0.6 (2P - 1) + 0.4 = -0.192753.
TEST(Bdm, HandCalculatedExpectedUtilityBelgiumChallengesFrance) {
  const Scenario s = eu_example();
  const Round printed = bargain::run_bdm(s, with({{"risk", "neutral"}, {"probability", "pairwise"}})).rounds[1];
  EXPECT_NEAR(dyad(printed, Belgium, France).win_probability, 0.503693, 1e-6);
  EXPECT_NEAR(dyad(printed, Belgium, France).expected_gain, 0.404431, 1e-6);
  EXPECT_NEAR(dyad(printed, France, Belgium).win_probability, 1.0 - 0.503693, 1e-6);
  const Round program = bargain::run_bdm(s, with({{"risk", "neutral"}})).rounds[1];
  EXPECT_NEAR(dyad(program, Belgium, France).win_probability, 0.0060390, 1e-7);
  EXPECT_NEAR(dyad(program, Belgium, France).expected_gain, -0.192753, 1e-6);
}

// Q < 1 brings in the no-challenge branch (eqs. 7, 22-23). For Belgium vs
// France at round 1 with r = 1, the median mu = 7 sits on Belgium, so the
// median is closer to Belgium than France is: T = 1 (figure 1, case 1) and
//   U_b = 2 - 4 (0.5 - 0.25 (|7-7| + |7-10|) / 6) = 2 - 4 x 0.375 = 0.5,
//   E = 0.404431 - (1 - Q) U_b = 0.404431 - 0.5 x 0.5 = 0.154431 at Q = 0.5.
TEST(Bdm, HandCalculatedNoChallengeBranch) {
  const Round r1 =
      bargain::run_bdm(eu_example(), with({{"risk", "neutral"}, {"probability", "pairwise"}, {"q", "0.5"}})).rounds[1];
  EXPECT_NEAR(dyad(r1, Belgium, France).expected_gain, 0.154431, 1e-6);
  // T fixed at 0: U_w = 2 - 4 x 0.625 = -0.5, E = 0.404431 + 0.25 = 0.654431.
  const Round t0 =
      bargain::run_bdm(eu_example(), with({{"risk", "neutral"}, {"probability", "pairwise"}, {"q", "0.5"}, {"t", "0"}}))
          .rounds[1];
  EXPECT_NEAR(dyad(t0, Belgium, France).expected_gain, 0.654431, 1e-6);
}

TEST(Bdm, PredictioneerCsvGivesTheSameRun) {
  const Scenario csv = pipeline::load_scenario(std::string(PIVOT_TEST_DATA) + "/bdm/eu-example.csv");
  ASSERT_EQ(csv.actors.size(), 10u);
  const ForecastResult a = bargain::run_bdm(csv, ForecastOptions{});
  const ForecastResult b = bargain::run_bdm(eu_example(), ForecastOptions{});
  ASSERT_EQ(a.rounds.size(), b.rounds.size());
  for (std::size_t t = 0; t < a.rounds.size(); ++t)
    for (std::size_t i = 0; i < 10; ++i)
      EXPECT_NEAR(a.rounds[t].positions[i][0], b.rounds[t].positions[i][0], 1e-9) << t << " " << i;
  EXPECT_NEAR(a.predicted[0], b.predicted[0], 1e-9);
}

TEST(Bdm, RecordsAppliedOptionsAndRejectsBadOnes) {
  const ForecastResult r = bargain::run_bdm(eu_example(), with({{"q", "0.5"}, {"rounds", "3"}}));
  auto value = [&](const std::string& key) {
    for (const auto& [k, v] : r.options)
      if (k == key) return v;
    return std::string("<missing>");
  };
  EXPECT_EQ(value("q"), "0.5");
  EXPECT_EQ(value("rounds"), "3");
  EXPECT_EQ(value("probability"), "all_pairs");
  EXPECT_EQ(value("offer_order"), "category");
  EXPECT_EQ(value("risk_update"), "simultaneous");
  EXPECT_EQ(value("risk_rounds"), "every");
  EXPECT_EQ(r.rounds.size(), 4u);
  EXPECT_THROW(bargain::run_bdm(eu_example(), with({{"rounds", "0"}})), UsageError);
  EXPECT_THROW(bargain::run_bdm(eu_example(), with({{"rounds", "2.5"}})), UsageError);
  EXPECT_THROW(bargain::run_bdm(eu_example(), with({{"q", "1.5"}})), UsageError);
  EXPECT_THROW(bargain::run_bdm(eu_example(), with({{"offer_order", "random"}})), UsageError);
  EXPECT_THROW(bargain::run_bdm(eu_example(), with({{"tolerance", "-1"}})), UsageError);
  EXPECT_THROW(bargain::run_bdm(eu_example(), with({{"risk_update", "random"}})), UsageError);
}

// Two issues: one where everybody already agrees (converges in round 1), one
// that runs all rounds; the finished issue's positions are repeated.
TEST(Bdm, PadsIssuesThatStopEarly) {
  Scenario s = eu_example();
  Issue agreed;
  agreed.id = "agreed";
  agreed.min = 0;
  agreed.max = 100;
  s.issues.push_back(agreed);
  for (Actor& a : s.actors) {
    a.position.push_back(42.0);
    a.salience.push_back(50.0);
  }
  const ForecastResult r = bargain::run_bdm(s, with({{"rounds", "5"}}));
  ASSERT_EQ(r.rounds.size(), 6u);
  EXPECT_EQ(r.rounds_used[0], 5);
  EXPECT_EQ(r.rounds_used[1], 1);
  EXPECT_TRUE(r.converged[1]);
  EXPECT_DOUBLE_EQ(r.predicted[1], 42.0);
  for (const Round& round : r.rounds) {
    ASSERT_EQ(round.positions.size(), 10u);
    for (const auto& p : round.positions) {
      ASSERT_EQ(p.size(), 2u);
      EXPECT_DOUBLE_EQ(p[1], 42.0);
    }
    if (round.index > 1) {
      for (const Challenge& c : round.challenges) EXPECT_EQ(c.issue, 0);
    }
  }
  EXPECT_NEAR(r.predicted[0], bargain::run_bdm(eu_example(), with({{"rounds", "5"}})).predicted[0], 1e-12);
}

TEST(Bdm, ToleranceStopsOnceMovesAreSmall) {
  const ForecastResult r = bargain::run_bdm(eu_example(), with({{"probability", "pairwise"}}));
  // Under eq. 31 as printed the EU example reaches a fixed point early.
  EXPECT_TRUE(r.converged[0]);
  EXPECT_LT(r.rounds_used[0], 10);
  EXPECT_EQ(r.rounds.size(), static_cast<std::size_t>(r.rounds_used[0]) + 1);
  EXPECT_TRUE(r.rounds.back().moves.empty());
}

// Property: on random scenarios and under every option value, positions and
// forecasts stay on the issue scale, moves agree with the recorded positions,
// and a second run gives the same numbers.
TEST(Bdm, PositionsStayWithinIssueBoundsAndRunsAreDeterministic) {
  std::mt19937_64 rng(20110101);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const std::vector<std::vector<std::pair<const std::string, std::string>>> variants = {
      {},
      {{"q", "0.5"}},
      {{"q", "0.3"}, {"t", "0.5"}, {"range", "current"}},
      {{"probability", "pairwise"}, {"vote_risk", "off"}},
      {{"perception", "actual"}, {"reply_salience", "printed"}, {"security", "own"}},
      {{"risk", "given"}, {"risk_first_pass", "previous"}, {"offer_order", "least_move"}},
      {{"offer_order", "enforceable"}, {"compromise", "weighted_average"}, {"conflict", "no_move"}},
      {{"compromise_pick", "least_move"}, {"range", "issue"}, {"forecast", "mean"}, {"dyads", "challenges"}},
      {{"risk", "neutral"}, {"dyads", "none"}, {"tolerance", "0.001"}},
      {{"risk_update", "sequential"}, {"risk", "given"}},
      {{"risk_rounds", "first"}, {"risk_update", "sequential"}, {"risk_first_pass", "previous"}},
  };
  for (int trial = 0; trial < 12; ++trial) {
    Scenario s;
    const int n_issues = 1 + trial % 3;
    const int n_actors = 2 + (trial * 5) % 11;
    for (int k = 0; k < n_issues; ++k) {
      Issue is;
      is.id = "i" + std::to_string(k);
      is.min = -50.0 + 10.0 * k;
      is.max = is.min + 20.0 + 80.0 * unit(rng);
      s.issues.push_back(is);
    }
    for (int i = 0; i < n_actors; ++i) {
      Actor a;
      a.id = a.name = "a" + std::to_string(i);
      a.capability = (trial == 3 && i == 0) ? 0.0 : 1.0 + 99.0 * unit(rng);
      if (i % 3 == 0) a.risk = 2.0 * unit(rng) - 1.0;
      for (const Issue& is : s.issues) {
        // Some actors share positions; some sit on the ends of the scale.
        double u = unit(rng);
        if (i % 4 == 1) u = std::round(u * 2.0) / 2.0;
        a.position.push_back(is.min + u * (is.max - is.min));
        a.salience.push_back(trial == 5 && i == 1 ? 0.0 : 100.0 * unit(rng));
      }
      s.actors.push_back(a);
    }
    for (const auto& kv : variants) {
      ForecastOptions o;
      for (const auto& [key, val] : kv) o.settings[key] = val;
      o.settings["rounds"] = "6";
      const ForecastResult r = bargain::run_bdm(s, o);
      const ForecastResult again = bargain::run_bdm(s, o);
      const int used = *std::max_element(r.rounds_used.begin(), r.rounds_used.end());
      ASSERT_EQ(r.rounds.size(), static_cast<std::size_t>(used) + 1);
      for (std::size_t k = 0; k < s.issues.size(); ++k) {
        const Issue& is = s.issues[k];
        EXPECT_GE(r.predicted[k], is.min - 1e-9);
        EXPECT_LE(r.predicted[k], is.max + 1e-9);
        EXPECT_EQ(r.predicted[k], again.predicted[k]);
      }
      for (std::size_t t = 0; t < r.rounds.size(); ++t) {
        const Round& round = r.rounds[t];
        EXPECT_EQ(round.index, static_cast<int>(t));
        ASSERT_EQ(round.positions.size(), s.actors.size());
        for (std::size_t i = 0; i < s.actors.size(); ++i)
          for (std::size_t k = 0; k < s.issues.size(); ++k) {
            EXPECT_GE(round.positions[i][k], s.issues[k].min - 1e-9);
            EXPECT_LE(round.positions[i][k], s.issues[k].max + 1e-9);
            EXPECT_EQ(round.positions[i][k], again.rounds[t].positions[i][k]);
          }
        for (const Move& m : round.moves) {
          ASSERT_GE(m.actor, 0);
          ASSERT_GE(m.issue, 0);
          const auto a = static_cast<std::size_t>(m.actor), k = static_cast<std::size_t>(m.issue);
          EXPECT_NE(m.partner, m.actor);
          EXPECT_DOUBLE_EQ(m.from[0], r.rounds[t - 1].positions[a][k]);
          EXPECT_DOUBLE_EQ(m.to[0], round.positions[a][k]);
          EXPECT_FALSE(m.reason.empty());
        }
        for (const Challenge& c : round.challenges) {
          EXPECT_GE(c.win_probability, 0.0);
          EXPECT_LE(c.win_probability, 1.0);
          EXPECT_TRUE(std::isfinite(c.expected_gain));
        }
      }
    }
  }
}

TEST(Bdm, TwoActorsAndOneActorEdgeCases) {
  Scenario s;
  Issue is;
  is.id = "x";
  is.min = 0;
  is.max = 100;
  s.issues.push_back(is);
  Actor a;
  a.id = a.name = "A";
  a.capability = 1;
  a.position = {20};
  a.salience = {50};
  s.actors.push_back(a);
  const ForecastResult one = bargain::run_bdm(s, ForecastOptions{});
  EXPECT_DOUBLE_EQ(one.predicted[0], 20.0);
  EXPECT_EQ(one.rounds.size(), 1u);
  Actor b = a;
  b.id = b.name = "B";
  b.position = {80};
  b.capability = 3;
  s.actors.push_back(b);
  const ForecastResult two = bargain::run_bdm(s, ForecastOptions{});
  EXPECT_GE(two.predicted[0], 20.0);
  EXPECT_LE(two.predicted[0], 80.0);
}

}  // namespace
}  // namespace pivot
