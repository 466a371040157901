// Convergence diagnostics (src/bargain/convergence.cpp) on trajectories built by
// hand, where the answer is known by construction: one that settles, a two-round
// cycle, a three-round cycle, and a drift.
#include <gtest/gtest.h>

#include "pivot/bargain/convergence.hpp"

namespace pivot {
namespace {

Scenario two_actors() {
  Scenario s;
  s.issues.push_back(Issue{"x", "x", "%", 0, 100, "", "", std::nullopt});
  for (const char* id : {"a", "b"}) {
    Actor actor;
    actor.id = id;
    s.actors.push_back(actor);
  }
  return s;
}

// Rounds 0..n with actor a at a[t] and actor b at b[t] on the one issue.
ForecastResult trajectory(const std::vector<double>& a, const std::vector<double>& b) {
  ForecastResult r;
  r.model = "test";
  for (std::size_t t = 0; t < a.size(); ++t) {
    Round round;
    round.index = static_cast<int>(t);
    round.positions = {{a[t]}, {b[t]}};
    r.rounds.push_back(round);
  }
  r.rounds_used = {static_cast<int>(a.size()) - 1};
  r.converged = {false};
  return r;
}

TEST(Convergence, SettlesAtTheFirstRoundAfterWhichNobodyMoves) {
  // a walks 0 -> 30 -> 40 -> 40 -> 40.2 -> 40.2 (0.2 < 0.5% of 100): settled from round 2.
  const auto d =
      convergence_diagnostics(two_actors(), trajectory({0, 30, 40, 40, 40.2, 40.2}, {50, 50, 50, 50, 50, 50}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].verdict, IssueConvergence::Verdict::settled);
  ASSERT_TRUE(d[0].settled_round.has_value());
  EXPECT_EQ(*d[0].settled_round, 2);
  EXPECT_EQ(d[0].rounds, 5);
  EXPECT_EQ(d[0].period, 0);
}

TEST(Convergence, FindsATwoRoundCycleAndItsAmplitude) {
  // b alternates 20, 40, 20, 40 ... for ten rounds: period 2, swing 20, by b.
  std::vector<double> a(11, 60), b;
  for (int t = 0; t <= 10; ++t) b.push_back(t % 2 == 0 ? 20 : 40);
  const auto d = convergence_diagnostics(two_actors(), trajectory(a, b));
  EXPECT_EQ(d[0].verdict, IssueConvergence::Verdict::oscillates);
  EXPECT_EQ(d[0].period, 2);
  EXPECT_DOUBLE_EQ(d[0].amplitude, 20);
  EXPECT_EQ(d[0].swinging_actor, 1);
  EXPECT_FALSE(d[0].settled_round.has_value());
  EXPECT_EQ(verdict_name(d[0].verdict), "oscillates");
}

TEST(Convergence, FindsAThreeRoundCycle) {
  // a runs 10, 20, 60, 10, 20, 60 ...: period 3 (not 2), swing 50.
  std::vector<double> a, b(13, 0);
  for (int t = 0; t <= 12; ++t) a.push_back(t % 3 == 0 ? 10 : t % 3 == 1 ? 20 : 60);
  const auto d = convergence_diagnostics(two_actors(), trajectory(a, b));
  EXPECT_EQ(d[0].verdict, IssueConvergence::Verdict::oscillates);
  EXPECT_EQ(d[0].period, 3);
  EXPECT_DOUBLE_EQ(d[0].amplitude, 50);
  EXPECT_EQ(d[0].swinging_actor, 0);
}

TEST(Convergence, ADriftIsStillMoving) {
  // a climbs 5 a round for eight rounds: no cycle; its last three rounds span 15.
  std::vector<double> a, b(9, 50);
  for (int t = 0; t <= 8; ++t) a.push_back(5.0 * t);
  const auto d = convergence_diagnostics(two_actors(), trajectory(a, b));
  EXPECT_EQ(d[0].verdict, IssueConvergence::Verdict::still_moving);
  EXPECT_EQ(d[0].period, 0);
  EXPECT_DOUBLE_EQ(d[0].amplitude, 15);
  EXPECT_EQ(verdict_name(d[0].verdict), "still moving");
}

TEST(Convergence, BaselinesWithoutRoundsHaveNone) {
  ForecastResult r;
  r.rounds.resize(1);
  EXPECT_TRUE(convergence_diagnostics(two_actors(), r).empty());
}

}  // namespace
}  // namespace pivot
