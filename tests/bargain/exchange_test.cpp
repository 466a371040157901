// The exchange model against the two public implementations' own runs:
// - equal-gain (R): its published exchange lists for data_short (20 exchanges) and
//   CoP21 (129), ../shared/data/exchange/equalgain_*.output.csv, with compat=equalgain;
// - Decide (Python): its test expectations on sample_data (240 candidates, the first
//   two gains) and its positions and exchanges for ten rounds on sample_data and
//   COP21, produced by running the Python code itself (tests/data/exchange/README.md).
// The inputs are not ours and stay in ../shared/data/exchange: without them these
// tests fail on CI (CI=true) and are skipped elsewhere.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "pivot/bargain/exchange.hpp"
#include "pivot/bargain/forecast.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {
namespace {

namespace fs = std::filesystem;

fs::path shared(const std::string& name) { return fs::path(PIVOT_SHARED_DATA) / "exchange" / name; }
fs::path reference(const std::string& name) { return fs::path(PIVOT_TEST_DATA) / "exchange" / name; }

bool on_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

#define REQUIRE_SHARED(path)                                                       \
  do {                                                                             \
    if (!fs::exists(path)) {                                                       \
      if (on_ci()) FAIL() << "shared exchange data missing (CI=true): " << (path); \
      GTEST_SKIP() << "shared exchange data not beside the checkout: " << (path);  \
    }                                                                              \
  } while (false)

ForecastResult run(const Scenario& s, std::map<std::string, std::string> settings) {
  ForecastOptions options;
  options.settings = std::move(settings);
  return run_forecast(s, "exchange", options);
}

double scaled(const Scenario& s, int issue, double native) {
  return 100.0 * s.issues[static_cast<std::size_t>(issue)].to_unit(native);
}

// The tolerance a number printed as `text` carries: half a unit in its last digit.
double printed_tolerance(const std::string& text) {
  const auto dot = text.find('.');
  const auto e = text.find_first_of("eE");
  if (dot == std::string::npos) return 0.5 + 1e-9;
  const std::size_t decimals = (e == std::string::npos ? text.size() : e) - dot - 1;
  return 0.5 * std::pow(10.0, -static_cast<double>(decimals)) * 1.001 + 1e-12;
}

std::string unquoted(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

std::vector<std::vector<std::string>> semicolon_rows(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  const std::string text = read_text_file(path);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) {
      std::vector<std::string> fields;
      std::size_t from = 0;
      while (true) {
        const std::size_t semi = line.find(';', from);
        fields.push_back(unquoted(line.substr(from, semi == std::string::npos ? std::string::npos : semi - from)));
        if (semi == std::string::npos) break;
        from = semi + 1;
      }
      rows.push_back(fields);
    }
    start = end + 1;
  }
  return rows;
}

// equal-gain's exchange list: i;q;j;p;gain;x_iq;move_i;y_iq;x_jq;x_jp;move_j;y_jp;x_ip;recalc;check.
void expect_equalgain_exchanges(const std::string& input, const std::string& output) {
  const Scenario s = read_scenario_csv(shared(input));
  const ForecastResult r = run(s, {{"compat", "equalgain"}, {"rounds", "1"}});
  const auto rows = semicolon_rows(shared(output));
  const std::vector<ExchangeRecord>& got = r.rounds.at(1).exchanges;
  ASSERT_EQ(got.size(), rows.size()) << input;
  for (std::size_t n = 0; n < rows.size(); ++n) {
    const auto& row = rows[n];
    const ExchangeRecord& e = got[n];
    SCOPED_TRACE(input + " exchange " + std::to_string(n + 1));
    EXPECT_EQ(s.actors[static_cast<std::size_t>(e.actor_a)].id, row[0]);
    EXPECT_EQ(s.issues[static_cast<std::size_t>(e.issue_a)].id, row[1]);
    EXPECT_EQ(s.actors[static_cast<std::size_t>(e.actor_b)].id, row[2]);
    EXPECT_EQ(s.issues[static_cast<std::size_t>(e.issue_b)].id, row[3]);
    const std::vector<std::pair<double, int>> checks = {
        {e.gain, 4}, {e.from_a, 5}, {e.to_a, 7}, {e.from_b, 9}, {e.to_b, 11}};
    for (const auto& [value, column] : checks)
      EXPECT_NEAR(value, std::stod(row[static_cast<std::size_t>(column)]),
                  printed_tolerance(row[static_cast<std::size_t>(column)]))
          << "column " << column + 1;
  }
}

TEST(Exchange, ReproducesEqualGainDataShort) {
  REQUIRE_SHARED(shared("equalgain_data_short.csv"));
  expect_equalgain_exchanges("equalgain_data_short.csv", "equalgain_data_short.output.csv");
}

TEST(Exchange, ReproducesEqualGainCoP21) {
  REQUIRE_SHARED(shared("equalgain_CoP21.csv"));
  expect_equalgain_exchanges("equalgain_CoP21.csv", "equalgain_CoP21.output.csv");
}

// Decide's own test (decide/model/test/test_model.py, test_first_phase).
TEST(Exchange, MatchesDecideTestExpectationsOnSampleData) {
  REQUIRE_SHARED(shared("decide_sample_data.txt"));
  const ExchangeInput in = exchange_input(read_scenario_csv(shared("decide_sample_data.txt")));
  ExchangeSettings st;
  st.rounds = 1;
  const std::vector<ExchangeRound> rounds = run_exchange_rounds(in, st);
  EXPECT_EQ(rounds[0].candidates, 240);
  ASSERT_GE(rounds[0].exchanges.size(), 2u);
  EXPECT_NEAR(rounds[0].exchanges[0].gain, 1.973684210526315789, 1e-9);
  EXPECT_NEAR(rounds[0].exchanges[1].gain, 1.792636308765341023, 1e-9);
}

using Key = std::tuple<int, std::string, std::string>;

// Positions and exchanges against Decide's (tests/data/exchange/NAME.*.csv): every
// round's positions up to `rounds`, and the first `exchanges` exchanges in order.
// Beyond them Decide's run turns on the rounding of its decimals where an outcome sits
// exactly on a demanding actor's position (tests/data/exchange/README.md), so the two
// runs part there; the counts are where they part.
void expect_matches_decide(const std::string& input, const std::string& name, int rounds, std::size_t exchanges_n) {
  const Scenario s = read_scenario_csv(shared(input));
  const ForecastResult r = run(s, {});
  const CsvTable positions = read_csv_file(reference(name + ".positions.csv"));
  std::map<std::string, int> actor, issue;
  for (std::size_t a = 0; a < s.actors.size(); ++a) actor[s.actors[a].id] = static_cast<int>(a);
  for (std::size_t k = 0; k < s.issues.size(); ++k) issue[s.issues[k].id] = static_cast<int>(k);
  std::size_t compared = 0;
  for (std::size_t n = 1; n < positions.rows.size(); ++n) {
    const auto& f = positions.rows[n].fields;
    const int round = std::stoi(f[0].text);
    if (round > rounds) continue;
    const int a = actor.at(f[1].text), k = issue.at(f[2].text);
    const double got = scaled(s, k, r.rounds.at(static_cast<std::size_t>(round)).positions[a][k]);
    EXPECT_NEAR(got, std::stod(f[3].text), 1e-9) << input << " round " << round << " " << f[1].text << " " << f[2].text;
    ++compared;
  }
  EXPECT_GT(compared, s.actors.size() * static_cast<std::size_t>(rounds));
  const CsvTable exchanges = read_csv_file(reference(name + ".exchanges.csv"));
  std::vector<std::pair<int, ExchangeRecord>> ours;
  for (const Round& round : r.rounds)
    for (const ExchangeRecord& e : round.exchanges) ours.emplace_back(round.index, e);
  ASSERT_GE(ours.size(), exchanges_n) << input;
  ASSERT_GE(exchanges.rows.size(), exchanges_n + 1) << input;
  for (std::size_t n = 1; n <= exchanges_n; ++n) {
    const auto& f = exchanges.rows[n].fields;
    const auto& [round, e] = ours[n - 1];
    SCOPED_TRACE(input + " exchange row " + std::to_string(n));
    EXPECT_EQ(round, std::stoi(f[0].text));
    EXPECT_EQ(e.rank, std::stoi(f[1].text));
    EXPECT_EQ(s.actors[static_cast<std::size_t>(e.actor_a)].id, f[2].text);
    EXPECT_EQ(s.issues[static_cast<std::size_t>(e.issue_a)].id, f[3].text);
    EXPECT_NEAR(scaled(s, e.issue_a, e.from_a), std::stod(f[4].text), 1e-9);
    EXPECT_NEAR(scaled(s, e.issue_a, e.to_a), std::stod(f[5].text), 1e-9);
    EXPECT_EQ(s.actors[static_cast<std::size_t>(e.actor_b)].id, f[6].text);
    EXPECT_EQ(s.issues[static_cast<std::size_t>(e.issue_b)].id, f[7].text);
    EXPECT_NEAR(scaled(s, e.issue_b, e.from_b), std::stod(f[8].text), 1e-9);
    EXPECT_NEAR(scaled(s, e.issue_b, e.to_b), std::stod(f[9].text), 1e-9);
    EXPECT_NEAR(e.gain, std::stod(f[10].text), 1e-9);
  }
}

TEST(Exchange, MatchesDecidePythonRunOnSampleData) {
  REQUIRE_SHARED(shared("decide_sample_data.txt"));
  expect_matches_decide("decide_sample_data.txt", "decide_sample_data", 3, 153);
}

TEST(Exchange, MatchesDecidePythonRunOnCop21) {
  REQUIRE_SHARED(shared("decide_cop21.csv"));
  expect_matches_decide("decide_cop21.csv", "decide_cop21", 4, 631);
}

// Two identical blocs produce exact ties; the default takes the first in enumeration
// order, so the run is the same every time; ties=random draws with the seed.
Scenario twin_blocs() {
  Scenario s;
  s.name = "twins";
  for (const char* id : {"p", "q"}) {
    Issue issue;
    issue.id = id;
    s.issues.push_back(issue);
  }
  auto actor = [&](const char* id, double cap, std::vector<double> x, std::vector<double> sal) {
    s.actors.push_back({id, id, cap, std::nullopt, std::move(x), std::move(sal), {}});
  };
  actor("A1", 1, {0, 100}, {90, 30});
  actor("A2", 1, {0, 100}, {90, 30});
  actor("B", 1, {100, 0}, {30, 80});
  actor("C", 0.5, {60, 40}, {50, 50});
  return s;
}

TEST(Exchange, TiesGoToTheFirstInEnumerationOrderByDefault) {
  const Scenario s = twin_blocs();
  const ForecastResult a = run(s, {{"rounds", "3"}});
  const ForecastResult b = run(s, {{"rounds", "3"}});
  ASSERT_FALSE(a.rounds.at(1).exchanges.empty());
  EXPECT_GT(a.rounds.at(1).exchange_ties, 0);
  EXPECT_EQ(s.actors[static_cast<std::size_t>(a.rounds[1].exchanges[0].actor_a)].id == "A2" ||
                s.actors[static_cast<std::size_t>(a.rounds[1].exchanges[0].actor_b)].id == "A2",
            false)
      << "A1 comes before A2 in the enumeration";
  EXPECT_EQ(a.predicted, b.predicted);
}

TEST(Exchange, RandomTiesAreReproducibleForASeed) {
  const Scenario s = twin_blocs();
  ForecastOptions options;
  options.settings = {{"ties", "random"}, {"rounds", "3"}};
  options.seed = 7;
  const ForecastResult a = run_forecast(s, "exchange", options);
  const ForecastResult b = run_forecast(s, "exchange", options);
  EXPECT_EQ(a.predicted, b.predicted);
}

// A tie whose two choices lead to different outcomes, worked by hand (one round, power 1):
// issues p, q, r on 0..100; A (0, 100, 100; saliences .2, .8, .8) on all three, B (100, 0; .8,
// .2) only on p and q, C (100, 0; .8, .2) only on p and r. Outcomes: p (.8 x 100 + .8 x 100) /
// 1.8 = 88.9, q = r = .8 x 100 / 1.0 = 80, so A is left of p and right of q and r, B and C the
// opposite: two candidates, A-B on (p, q) and A-C on (p, r), mirror images of each other.
// In A-B, B (p/q salience ratio 4 against A's .25) gives way on q, A on p. A moves all the
// way to B's 100 on p: the outcome shifts dp = 100 x .2 / 1.8 = 11.11; equal gains need dq = dp
// (.2 + .8) / (.8 + .2) = dp, so B moves 11.11 x 1.0 / .2 = 55.56 on q (not past A's 100), and
// each gains .8 x 11.11 - .2 x 11.11 = 6.67 (the outcomes do not pass 100: no cap). A-C has
// exactly the same numbers: a tie. Once A stands at 100 on p the other candidate asks A to move
// 0 there and is dropped. So the round ends with p at 100 and either q = 80 + .2 x 55.56 = 80 +
// 100/9, r = 80 (A-B), or q = 80, r = 80 + 100/9 (A-C).
Scenario mirror_tie() {
  Scenario s;
  s.name = "mirror";
  for (const char* id : {"p", "q", "r"}) {
    Issue issue;
    issue.id = id;
    s.issues.push_back(issue);
  }
  auto actor = [&](const char* id, std::vector<double> x, std::vector<double> sal, std::vector<bool> part) {
    s.actors.push_back({id, id, 1, std::nullopt, std::move(x), std::move(sal), std::move(part)});
  };
  actor("A", {0, 100, 100}, {20, 80, 80}, {true, true, true});
  actor("B", {100, 0, 50}, {80, 20, 0}, {true, true, false});
  actor("C", {100, 50, 0}, {80, 0, 20}, {true, false, true});
  return s;
}

TEST(Exchange, TieDrawsSpanBothChoicesOfAMirrorTie) {
  const Scenario s = mirror_tie();
  const ForecastResult first = run(s, {{"rounds", "1"}});
  ASSERT_EQ(first.rounds.at(1).exchanges.size(), 1u);
  EXPECT_EQ(first.rounds[1].exchange_ties, 1);
  EXPECT_NEAR(first.rounds[1].exchanges[0].gain, 20.0 / 3, 1e-12);
  // ties=first: A-B, enumerated first (issue pair p, q before p, r).
  EXPECT_NEAR(first.predicted[0], 100, 1e-9);
  EXPECT_NEAR(first.predicted[1], 80 + 100.0 / 9, 1e-9);
  EXPECT_NEAR(first.predicted[2], 80, 1e-9);
  ForecastOptions options;
  options.settings = {{"rounds", "1"}};
  options.seed = 0;
  const ExchangeTieDraws draws = exchange_tie_draws(s, options);  // tie_draws: 20 unless set
  // With 20 fair draws both choices appear (all 20 alike: chance 2^-19; the seeds are fixed).
  EXPECT_EQ(draws.draws, 20);
  ASSERT_EQ(draws.min.size(), 3u);
  EXPECT_NEAR(draws.min[0], 100, 1e-9);
  EXPECT_NEAR(draws.max[0], 100, 1e-9);
  for (std::size_t k : {1, 2}) {
    EXPECT_NEAR(draws.min[k], 80, 1e-9) << k;
    EXPECT_NEAR(draws.max[k], 80 + 100.0 / 9, 1e-9) << k;
  }
  // Reproducible: the same draws again.
  const ExchangeTieDraws again = exchange_tie_draws(s, options);
  EXPECT_EQ(again.min, draws.min);
  EXPECT_EQ(again.max, draws.max);
  // tie_draws=0: none.
  options.settings["tie_draws"] = "0";
  EXPECT_EQ(exchange_tie_draws(s, options).draws, 0);
}

// The random rate (Dijkstra, van Assen & Stokman 2008) by hand. X (0, 100; saliences .2, .8)
// and Y (100, 0; .8, .2), power 1: both outcomes are 80, X left of p and right of q, Y the
// opposite: one candidate, Y (p/q ratio 4) gives way on q, X (.25) on p. A move of 1 on
// either issue shifts its outcome by .2 (weight .2, total 1). With rate r = dq / dp:
// - r <= 1: X moves all the way to Y's 100 on p (dp = 20), dq = 20 r, Y moves 100 r on q;
//   Y gains .8 x 20 - .2 x 20 r = 16 - 4 r, X gains .8 x 20 r - .2 x 20 = 16 r - 4;
// - r > 1: Y would pass X's 100 on q, so Y moves all the way (dq = 20), dp = 20 / r, X moves
//   100 / r; Y gains 16 / r - 4, X gains 16 - 4 / r.
// Both gains are nonnegative exactly when .25 <= r <= 4, the two break-even rates (X's
// s_p / s_q, Y's s_p / s_q); r = 1 is the equal-gain rate (gains 12 and 12).
Scenario two_traders() {
  Scenario s;
  s.name = "traders";
  for (const char* id : {"p", "q"}) {
    Issue issue;
    issue.id = id;
    s.issues.push_back(issue);
  }
  s.actors.push_back({"X", "X", 1, std::nullopt, {0, 100}, {20, 80}, {}});
  s.actors.push_back({"Y", "Y", 1, std::nullopt, {100, 0}, {80, 20}, {}});
  return s;
}

TEST(Exchange, RandomRateGainsFollowTheDrawnRate) {
  const Scenario s = two_traders();
  const ForecastResult equal = run(s, {{"rounds", "1"}});
  ASSERT_EQ(equal.rounds.at(1).exchanges.size(), 1u);
  const ExchangeRecord& e = equal.rounds[1].exchanges[0];
  EXPECT_EQ(s.actors[static_cast<std::size_t>(e.actor_a)].id, "Y");
  EXPECT_NEAR(e.gain, 12, 1e-12);
  EXPECT_NEAR(e.to_a, 100, 1e-9);
  EXPECT_NEAR(e.to_b, 100, 1e-9);
  std::set<double> rates;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    ForecastOptions options;
    options.settings = {{"rounds", "1"}, {"rate", "random"}};
    options.seed = seed;
    const ForecastResult r = run_forecast(s, "exchange", options);
    ASSERT_EQ(r.rounds.at(1).exchanges.size(), 1u) << seed;
    const ExchangeRecord& x = r.rounds[1].exchanges[0];
    const double dq = .2 * (x.to_a - x.from_a), dp = .2 * (x.to_b - x.from_b), rate = dq / dp;
    SCOPED_TRACE("seed " + std::to_string(seed) + " rate " + std::to_string(rate));
    EXPECT_GT(rate, .25);
    EXPECT_LT(rate, 4);
    rates.insert(rate);
    if (rate <= 1) {
      EXPECT_NEAR(x.to_b, 100, 1e-9);
      EXPECT_NEAR(x.gain_a, 16 - 4 * rate, 1e-9);
      EXPECT_NEAR(x.gain_b, 16 * rate - 4, 1e-9);
    } else {
      EXPECT_NEAR(x.to_a, 100, 1e-9);
      EXPECT_NEAR(x.gain_a, 16 / rate - 4, 1e-9);
      EXPECT_NEAR(x.gain_b, 16 - 4 / rate, 1e-9);
    }
    EXPECT_GE(x.gain_a, 0);
    EXPECT_GE(x.gain_b, 0);
    EXPECT_EQ(x.gain, std::min(x.gain_a, x.gain_b));
    // The same seed gives the same bytes.
    const ForecastResult again = run_forecast(s, "exchange", options);
    EXPECT_EQ(exchanges_csv(s, again), exchanges_csv(s, r));
  }
  EXPECT_GT(rates.size(), 30u) << "each seed draws its own rate";
  EXPECT_THROW(run(s, {{"rate", "random"}, {"compat", "equalgain"}}), UsageError);
  EXPECT_THROW(run(s, {{"rate", "nash"}}), UsageError);
}

// Externalities (Dijkstra, van Assen & Stokman 2008) by hand. Four actors of power 1 on two
// issues: a0 (20, 80; saliences .5, .5), a1 (80, 20; .5, .5), a2 (30, 70; .4, .6), a3 (10, 10;
// .5, .5). Issue 0: weights sum to 1.9, outcome (10 + 40 + 12 + 5) / 1.9 = 67/1.9; issue 1:
// 2.1 and (40 + 10 + 42 + 5) / 2.1 = 97/2.1. Groups (side of each outcome): a0 (left, right),
// a1 (right, left), a2 (left, right), a3 (left, left).
TEST(Exchange, ExternalitiesByHand) {
  ExchangeInput in;
  in.actors = 4;
  in.issues = 2;
  in.present.assign(8, 1);
  in.position = {20, 80, 80, 20, 30, 70, 10, 10};
  in.salience = {.5, .5, .5, .5, .4, .6, .5, .5};
  in.power = {1, 1, 1, 1};
  std::vector<ExchangeRecord> exchanges(2);
  // (1) a0 gives way on issue 1 (80 -> 50) for a1 on issue 0 (80 -> 40): the outcomes move
  // to 82/2.1 (num - 15) and 47/1.9 (num - 20).
  exchanges[0] = {.actor_a = 0,
                  .issue_a = 1,
                  .from_a = 80,
                  .to_a = 50,
                  .actor_b = 1,
                  .issue_b = 0,
                  .from_b = 80,
                  .to_b = 40,
                  .gain = 1.25};
  // (2) then a3 gives way on issue 0 (10 -> 20) for a2 on issue 1 (70 -> 60): from there to
  // 52/1.9 (+ 5) and 76/2.1 (- 6).
  exchanges[1] = {.actor_a = 3,
                  .issue_a = 0,
                  .from_a = 10,
                  .to_a = 20,
                  .actor_b = 2,
                  .issue_b = 1,
                  .from_b = 70,
                  .to_b = 60,
                  .gain = 0.5};
  exchange_externalities(in, in.position, exchanges);
  const ExchangeExternalities& x = exchanges[0].externalities;
  // a2 (same group as a0: inner): issue 1 .6 (|97/2.1 - 70| - |82/2.1 - 70|) = .6 (50 - 65)/2.1 = -9/2.1;
  // issue 0 .4 (|67/1.9 - 30| - |47/1.9 - 30|) = .4 (10 - 10)/1.9 = 0.
  EXPECT_NEAR(x.inner_negative, -9 / 2.1, 1e-12);
  EXPECT_EQ(x.inner_positive, 0);
  // a3 (outer): .5 (76 - 61)/2.1 + .5 (48 - 28)/1.9 = 7.5/2.1 + 10/1.9.
  EXPECT_NEAR(x.outer_positive, 7.5 / 2.1 + 10 / 1.9, 1e-12);
  EXPECT_EQ(x.outer_negative, 0);
  EXPECT_EQ(x.own, 2.5);
  // Exchange 2 starts from where exchange 1 left the outcomes; third actors stand where the
  // round started. a0 (inner, like a2): .5 (|47/1.9 - 20| - |52/1.9 - 20|) + .5 (|82/2.1 - 80| -
  // |76/2.1 - 80|) = .5 (9 - 14)/1.9 + .5 (86 - 92)/2.1; a1 (outer): .5 (105 - 100)/1.9 + .5 (40 - 34)/2.1.
  const ExchangeExternalities& y = exchanges[1].externalities;
  EXPECT_NEAR(y.inner_negative, -2.5 / 1.9 - 3 / 2.1, 1e-12);
  EXPECT_NEAR(y.outer_positive, 2.5 / 1.9 + 3 / 2.1, 1e-12);
  EXPECT_EQ(y.inner_positive + y.outer_negative, 0);
  EXPECT_EQ(y.own, 1.0);
}

TEST(Exchange, ExternalitiesOptionAddsThemWithoutChangingTheExchanges) {
  const Scenario s = twin_blocs();
  const ForecastResult off = run(s, {{"rounds", "3"}});
  const ForecastResult on = run(s, {{"rounds", "3"}, {"externalities", "on"}});
  EXPECT_EQ(on.predicted, off.predicted);
  ASSERT_FALSE(on.rounds.at(1).exchanges.empty());
  for (std::size_t r = 1; r < on.rounds.size(); ++r)
    for (std::size_t n = 0; n < on.rounds[r].exchanges.size(); ++n) {
      EXPECT_EQ(on.rounds[r].exchanges[n].gain, off.rounds[r].exchanges[n].gain);
      EXPECT_EQ(on.rounds[r].exchanges[n].externalities.own, 2 * on.rounds[r].exchanges[n].gain);
      EXPECT_EQ(off.rounds[r].exchanges[n].externalities.own, 0);
    }
  EXPECT_THROW(run(s, {{"externalities", "yes"}}), UsageError);
}

TEST(Exchange, RefusesUnknownOptionValues) {
  const Scenario s = twin_blocs();
  EXPECT_THROW(run(s, {{"ties", "coin"}}), UsageError);
  EXPECT_THROW(run(s, {{"rounds", "0"}}), UsageError);
  EXPECT_THROW(run(s, {{"compat", "r"}}), UsageError);
  EXPECT_THROW(run(s, {{"weights", "1"}}), UsageError);
}

}  // namespace
}  // namespace pivot
