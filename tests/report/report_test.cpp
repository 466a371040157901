// The HTML report's section renderers, each fed small hand-made JSON; the
// expected marks and coordinates are worked out by hand from the chart
// geometry (plot-area edges) and the numbers in the JSON.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/report/report.hpp"
#include "report/html.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace {

using namespace pivot;
using nlohmann::ordered_json;

Scenario two_actor_scenario() {
  Scenario s;
  s.name = "tiny";
  s.title = "Tiny <test> scenario";
  s.as_of = "2025-10-23";
  s.description = "First paragraph.\nSecond paragraph.";
  s.issues.push_back({"tariff", "Tariff", "%", 0, 100, "free trade", "embargo", 25.0});
  s.actors.push_back({"us", "United States", 60, std::nullopt, {40}, {80}});
  s.actors.push_back({"kr", "Korea", 40, std::nullopt, {10}, {90}});
  s.sources.push_back({"us", "tariff", "position", "seed:001.txt: \"a sentence\"", "why 40"});
  s.input_hash = "abc";
  return s;
}

std::optional<ReportDocument> doc(const std::string& file, const std::string& text) {
  return ReportDocument{file, ordered_json::parse(text)};
}

// Three rounds: US 40 -> 30 -> 25, Korea 10 -> 20 -> 25; ktab predicts 25.
const char* kForecast = R"({
 "manifest": {"version": "test", "seed": 7, "input_hash": "abc"},
 "models": [
  {"model": "ktab", "outcome": {"tariff": {"predicted": 25, "rounds": 2, "converged": true}},
   "rounds": [
    {"round": 0, "positions": {"us": [40], "kr": [10]}, "challenges": [], "votes": [], "moves": []},
    {"round": 1, "positions": {"us": [30], "kr": [20]},
     "challenges": [{"challenger": "kr", "target": "us", "kind": "bargain", "expected_gain": 0.25, "win_probability": 0.6}],
     "votes": [],
     "moves": [{"actor": "us", "partner": "kr", "from": [40], "to": [30], "why": "challenged Korea and took its side </script>"}]},
    {"round": 2, "positions": {"us": [25], "kr": [25]}, "challenges": [], "votes": [], "moves": []}]},
  {"model": "mean", "outcome": {"tariff": {"predicted": 28}}}]
})";

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(ReportHtml, EscapesAndShowsNumbers) {
  EXPECT_EQ(report::escape("<a & 'b'>\""), "&lt;a &amp; &#39;b&#39;&gt;&quot;");
  EXPECT_EQ(report::show(19.4449), "19.44");
  EXPECT_EQ(report::show(20.0), "20");
  EXPECT_EQ(report::show(-0.001), "0");
  EXPECT_EQ(report::script_safe(R"({"a":"</script>"})"), R"({"a":"\u003c/script>"})");
}

TEST(ReportSvg, NiceTicksAndScale) {
  // 0..50 in about 5 steps: step 10 (the 1-2-5 rule), so 0, 10, ..., 50.
  EXPECT_EQ(report::nice_ticks(0, 50, 5), (std::vector<double>{0, 10, 20, 30, 40, 50}));
  // 3.2..17.9 in about 4 steps: raw step 3.675 -> 5; domain widened to 0..20.
  EXPECT_EQ(report::nice_domain(3.2, 17.9, 4), (std::pair<double, double>{0, 20}));
  const report::Scale x{0, 100, 250, 616};
  EXPECT_DOUBLE_EQ(x(50), 433);
  EXPECT_EQ(report::series_colour(0), "#332288");
  EXPECT_EQ(report::series_colour(9), "#332288");
  EXPECT_EQ(report::series_dash(9), "6 3");
}

TEST(ReportSections, PositionsDrawOneLinePerActorWithTheTrace) {
  const Scenario s = two_actor_scenario();
  const auto section = report::positions_section(s, doc("forecast.json", kForecast));
  // One chart (one dynamic model x one issue), two lines, values as given.
  EXPECT_EQ(count(section.html, "<svg class=\"chart positions\""), 1);
  EXPECT_NE(section.html.find("data-actor=\"us\" data-values=\"40,30,25\""), std::string::npos);
  EXPECT_NE(section.html.find("data-actor=\"kr\" data-values=\"10,20,25\""), std::string::npos);
  // Data range 10..40 -> nice domain 10..40 (step 10): y of 40 is the top edge (24), of 10 the bottom (270-40=230,
  // room for the "round" axis title), so 30 -> 230 - 20/30*206 = 92.7 and 25 -> 230 - 15/30*206 = 127.
  // x of round 0 is the left edge (40), of round 2 the right edge (440-12=428), round 1 halfway (234).
  EXPECT_NE(section.html.find("data-bottom=\"230\""), std::string::npos);
  EXPECT_NE(section.html.find("d=\"M40 24L234 92.7L428 127\""), std::string::npos) << section.html;
  // The trace carries why the US moved in round 1, and who challenged it; "</" cannot end the script.
  EXPECT_NE(section.html.find("\"us\":\"challenged Korea and took its side \\u003c/script>\""), std::string::npos);
  EXPECT_NE(section.html.find("\"@us\":\"Korea (expected gain 0.25, P(win) 0.6)\""), std::string::npos);
  EXPECT_NE(section.html.find("predicted 25"), std::string::npos);
}

TEST(ReportSections, OutcomePlacesEachModelOnTheIssueScale) {
  const Scenario s = two_actor_scenario();
  const auto section = report::outcome_section(s, doc("forecast.json", kForecast));
  // Plot from x=250 to 640-24=616 over 0..100: 25 -> 341.5, 28 -> 352.48 (shown 352.5); status quo 25 -> 341.5.
  EXPECT_NE(section.html.find("data-model=\"ktab\" data-issue=\"tariff\" data-value=\"25\" cx=\"341.5\""),
            std::string::npos)
      << section.html;
  EXPECT_NE(section.html.find("data-model=\"mean\" data-issue=\"tariff\" data-value=\"28\" d=\"M352.5 "),
            std::string::npos);
  EXPECT_NE(section.html.find("class=\"status-quo\" data-value=\"25\" x1=\"341.5\""), std::string::npos);
  EXPECT_NE(section.html.find("<th class=\"num\" title=\"Weighted mean\">mean</th>"), std::string::npos);
}

TEST(ReportSections, MonteCarloHistogramAndTornado) {
  const Scenario s = two_actor_scenario();
  const auto section = report::monte_carlo_section(Study{s}, doc("mc.json", R"({
    "model": "ktab", "trials": 4, "seed": 1,
    "outputs": [{"issue": "tariff", "unit": "%", "mean": 30, "sd": 5,
                 "quantiles": {"p5": 12, "p25": 20, "p50": 30, "p75": 40, "p95": 48},
                 "histogram": {"lo": 0, "hi": 50, "counts": [1, 3]}}],
    "tornado": [{"issue": "tariff", "base": 25,
                 "bars": [{"input": "us.tariff.position", "low": 30, "high": 50, "output_low": 20, "output_high": 35},
                          {"input": "kr.capability", "low": 30, "high": 50, "output_low": 24, "output_high": 26}]}]})"));
  // Two bins holding 1 and 3 of 4 trials: 25% and 75% of trials.
  EXPECT_EQ(count(section.html, "class=\"mark bin\""), 2);
  EXPECT_NE(section.html.find("1 trials (25%)"), std::string::npos);
  EXPECT_NE(section.html.find("3 trials (75%)"), std::string::npos);
  for (const char* q :
       {"quantile p5\" data-value=\"12\"", "quantile p50\" data-value=\"30\"", "quantile p95\" data-value=\"48\""})
    EXPECT_NE(section.html.find(q), std::string::npos) << q;
  // Tornado: two inputs, two bars each; the wider swing (15 vs 2) comes first.
  EXPECT_EQ(count(section.html, "class=\"mark at-low\""), 2);
  EXPECT_LT(section.html.find("data-input=\"us.tariff.position\""), section.html.find("data-input=\"kr.capability\""));
}

TEST(ReportSections, MonteCarloListsEachRunsOutcomeProbabilities) {
  const Scenario s = two_actor_scenario();
  const char* json = R"({"model": "ktab", "trials": 4, "seed": 1, "outputs": [],
    "runs": [{"model": "ktab", "trials": 4, "outcomes": []},
             {"model": "game:deal", "trials": 4, "outcomes": [
               {"name": "deal: half cash", "condition": "play reaches it", "probability": 0.25},
               {"name": "no deal", "condition": "play reaches it", "probability": 0.75}]}]})";
  const auto section = report::monte_carlo_section(Study{s}, doc("mc.json", json));
  EXPECT_NE(section.html.find("P(deal: half cash) = 0.25"), std::string::npos) << section.html;
  EXPECT_NE(section.html.find("P(no deal) = 0.75"), std::string::npos);
  EXPECT_EQ(count(section.html, "class=\"outcome-probabilities\""), 1);  // the run without outcomes lists none
  const std::string bad = std::string(json).replace(std::string(json).find("0.75"), 4, "1.5");
  EXPECT_THROW(report::monte_carlo_section(Study{s}, doc("mc.json", bad)), InputError);
}

TEST(ReportSections, TradeDrawsFourBarsPerRegion) {
  const auto section = report::trade_section(doc("trade.json", R"({
    "manifest": {"model": "gsim", "reported_solver": "nonlinear", "currency": "USD bn"},
    "total": {"nonlinear": [
      {"region": "KOR", "world_price_change": -0.07273, "import_price_change": 0.00778, "producer_surplus_change": -17.89,
       "consumer_surplus_change": -1.6, "tariff_revenue_change": -0.31, "net_welfare_change": -19.8},
      {"region": "USA", "world_price_change": -0.01651, "import_price_change": 0.03998, "producer_surplus_change": -3.42,
       "consumer_surplus_change": -25.67, "tariff_revenue_change": 23.38, "net_welfare_change": -5.71}]},
    "warnings": ["a warning"]})"));
  EXPECT_EQ(count(section.html, "<rect class=\"mark\" data-region="), 8);
  EXPECT_NE(section.html.find("data-region=\"USA\" data-field=\"tariff_revenue_change\" data-value=\"23.38\""),
            std::string::npos);
  EXPECT_NE(section.html.find("<td class=\"num\">-7.273%</td>"), std::string::npos);  // 100 x -0.07273
  EXPECT_NE(section.html.find("a warning"), std::string::npos);
}

TEST(ReportSections, ExtensiveGamesDrawTheTreeWithTheEquilibriumPath) {
  // Entry deterrence (Selten's chain-store stage): the entrant stays out (0, 2) or enters;
  // the incumbent then fights (-1, -1) or accommodates (1, 1). By backward induction the
  // incumbent accommodates, so the entrant enters: the path is in, accommodate, ending at (1, 1).
  const auto dir = std::filesystem::temp_directory_path() / "pivot_report_tree_test";
  std::filesystem::create_directories(dir / "games");
  std::ofstream(dir / "games" / "entry.efg") << R"(EFG 2 R "Entry" { "Entrant" "Incumbent" }
""
p "" 1 1 "enter?" { "out" "in" } 0
t "" 1 "stays out" { 0 2 }
p "" 2 1 "respond" { "fight" "accommodate" } 0
t "" 2 "price war" { -1 -1 }
t "" 3 "shared market" { 1 1 }
)";
  const auto section = report::games_section(doc("games.json", R"({"games": [
    {"name": "entry", "file": "games/entry.efg", "form": "extensive", "title": "Entry", "players": ["Entrant", "Incumbent"],
     "strategies": [["out", "in"], ["fight", "accommodate"]],
     "equilibria": [{"profile": [["0", "1"], ["0", "1"]], "behaviour": [[["0", "1"]], [["0", "1"]]],
                     "payoffs": ["1", "1"]}]}]})"),
                                             dir);
  EXPECT_EQ(count(section.html, "class=\"chart tree\""), 1) << section.html;
  EXPECT_EQ(count(section.html, "<g class=\"edge path\""), 2);
  EXPECT_NE(section.html.find("<g class=\"edge path\" data-action=\"in\""), std::string::npos);
  EXPECT_NE(section.html.find("<g class=\"edge path\" data-action=\"accommodate\""), std::string::npos);
  EXPECT_NE(section.html.find("<g class=\"edge\" data-action=\"out\""), std::string::npos);
  EXPECT_NE(section.html.find("<g class=\"edge\" data-action=\"fight\""), std::string::npos);
  EXPECT_EQ(count(section.html, "<g class=\"leaf reached\""), 1);
  EXPECT_NE(section.html.find(">(1, 1) shared market<"), std::string::npos);
  EXPECT_NE(section.html.find(">(0, 2) stays out<"), std::string::npos);
  // games.json names the hash of the file it solved: the same file draws the tree; another
  // hash (the file changed since the run) leaves it out and says so.
  const std::string efg = pivot::read_text_file(dir / "games" / "entry.efg");
  const auto with_hash =
      [&](const std::string& hash) {
        return report::games_section(
                   doc("games.json",
                       R"({"games": [{"name": "entry", "file": "games/entry.efg",
      "file_hash": ")" + hash +
                           R"(", "form": "extensive", "players": ["A", "B"], "strategies": [["out", "in"], ["f", "a"]],
      "equilibria": [{"profile": [["0", "1"], ["0", "1"]], "behaviour": [[["0", "1"]], [["0", "1"]]]}]}]})"),
                   dir)
            .html;
      };
  EXPECT_EQ(count(with_hash(pivot::hex64(pivot::fnv1a64(efg))), "class=\"chart tree\""), 1);
  const std::string stale = with_hash("0123456789abcdef");
  EXPECT_EQ(count(stale, "class=\"chart tree\""), 0);
  EXPECT_NE(stale.find("games/entry.efg has changed since the run solved it"), std::string::npos) << stale;
  // Without the scenario directory (or the file), the bars alone.
  EXPECT_EQ(count(report::games_section(doc("games.json", R"({"games": [{"name": "entry", "file": "games/entry.efg",
    "form": "extensive", "players": ["A", "B"], "strategies": [["out", "in"], ["f", "a"]],
    "equilibria": [{"profile": [["0", "1"], ["0", "1"]], "behaviour": [[["0", "1"]], [["0", "1"]]]}]}]})"))
                      .html,
                  "chart tree"),
            0);
  std::filesystem::remove_all(dir);
}

TEST(ReportSections, TradeShowsEveryScenarioNamedPrimaryFirst) {
  // As `pivot run` writes trade.json: the primary model at the top level and every model in "scenarios".
  const std::string one = R"("manifest": {"model": "gsim", "reported_solver": "nonlinear"},
    "total": {"nonlinear": [{"region": "KOR", "world_price_change": 0, "import_price_change": 0,
      "producer_surplus_change": -1, "consumer_surplus_change": 0, "tariff_revenue_change": 0, "net_welfare_change": -1}]})";
  const auto section = report::trade_section(doc("trade.json", "{" + one + R"(, "primary": "b",
    "scenarios": [{"name": "a", "title": "Scenario A", )" + one + R"(}, {"name": "b", "title": "Scenario B", )" +
                                                                   one + "}]}"));
  EXPECT_EQ(count(section.html, "<details class=\"trade-scenario\""), 2);
  const auto b = section.html.find("data-scenario=\"b\" open><summary>Scenario <code>b</code>: Scenario B");
  const auto a = section.html.find("data-scenario=\"a\"><summary>Scenario <code>a</code>: Scenario A");
  ASSERT_NE(b, std::string::npos) << section.html;
  ASSERT_NE(a, std::string::npos) << section.html;
  EXPECT_LT(b, a);                                                         // the primary first, open
  EXPECT_EQ(count(section.html, "<rect class=\"mark\" data-region="), 8);  // four bars per scenario
}

TEST(ReportSections, DealOutflowAgainstReserves) {
  const auto section = report::deal_section(doc("deal.json", R"({
    "terms": {"total": 350, "cash_share": 20, "payment_years": 2, "fx_reserves": 400},
    "result": {"peak_outflow": 40, "peak_year": 1, "peak_share_of_reserves": 10, "payer_cost_pv": 60, "break_even_years": null},
    "schedule": [{"year": 1, "reserve_outflow": 40}, {"year": 2, "reserve_outflow": 30},
                 {"year": 3, "reserve_outflow": 0}, {"year": 4, "reserve_outflow": 0}, {"year": 5, "reserve_outflow": 0}]})"));
  // Years after the last payment (2) but one are dropped: bars for years 1..3.
  EXPECT_EQ(count(section.html, "class=\"mark outflow\""), 3);
  EXPECT_NE(section.html.find("year 1: 40 leaves reserves (10% of reserves)"), std::string::npos);
  EXPECT_NE(section.html.find("class=\"mark cumulative\" data-value=\"70\""), std::string::npos);  // 40 + 30
  EXPECT_NE(section.html.find("class=\"reserves\" data-value=\"400\""), std::string::npos);
  EXPECT_NE(section.html.find("<span>never</span>"), std::string::npos);
}

TEST(ReportSections, GamesShowEachPlayersMix) {
  // Matching pennies: the unique equilibrium mixes 1/2, 1/2 for both players.
  const auto section = report::games_section(doc("games.json", R"({"games": [
    {"title": "Matching pennies", "method": "enummixed", "players": ["Row", "Col"],
     "strategies": [["H", "T"], ["H", "T"]],
     "equilibria": [{"profile": [["1/2", "1/2"], ["1/2", "1/2"]], "payoffs": ["0", "0"]}]}]})"));
  EXPECT_EQ(count(section.html, "data-probability=\"0.5\""), 4);
  // Plot 110..428 (440 - 12): half of it is 159 pixels wide, so T starts at 269.
  EXPECT_NE(section.html.find("data-player=\"Row\" data-strategy=\"T\" data-probability=\"0.5\" x=\"269\""),
            std::string::npos)
      << section.html;
  EXPECT_NE(section.html.find("payoffs <span class=\"payoff\" data-exact=\"0\" title=\"exactly 0\">0</span>, "),
            std::string::npos)
      << section.html;
}

TEST(ReportSections, GamesShowPayoffsAsDecimalsWithTheRationalOnHover) {
  // Payoffs 113/40 = 2.825 and 203/200 = 1.015; a mix of 1/3 reads 0.333 (exactly 1/3).
  const auto section = report::games_section(doc("games.json", R"({"games": [
    {"title": "G", "players": ["A", "B"], "strategies": [["x", "y", "z"], ["u"]],
     "equilibria": [{"profile": [["1/3", "2/3", "0"], ["1"]], "payoffs": ["113/40", "203/200"]}]}]})"));
  EXPECT_NE(section.html.find("data-exact=\"113/40\" title=\"exactly 113/40\">2.825</span>"), std::string::npos)
      << section.html;
  EXPECT_NE(section.html.find(">1.015</span>"), std::string::npos);
  EXPECT_NE(section.html.find("A plays x with probability 0.333 (exactly 1/3)"), std::string::npos);
  EXPECT_EQ(section.html.find(">113/40<"), std::string::npos);  // the rational is not the text shown
}

// Two issues for the exchange model: Korea gives way on the tariff, the US on investment.
Scenario two_issue_scenario() {
  Scenario s = two_actor_scenario();
  s.issues.push_back({"invest", "Investment", "$B", 0, 50, "none", "all", std::nullopt});
  s.actors[0].position.push_back(40);
  s.actors[0].salience.push_back(30);
  s.actors[1].position.push_back(10);
  s.actors[1].salience.push_back(70);
  return s;
}

// Round 1: (1) Korea 10 -> 30 on tariff for the US 40 -> 25 on invest, gain 3; (2) the US
// 40 -> 35 on tariff for Korea 10 -> 20 on invest, gain 1.5, picked among equal gains.
// Round 2: nothing left. The weighted mean starts at 28 (tariff) and 25.2 (invest).
const char* kExchangeForecast = R"({
 "models": [
  {"model": "exchange", "outcome": {"tariff": {"predicted": 40}, "invest": {"predicted": 20}},
   "rounds": [
    {"round": 0, "positions": {"us": [40, 40], "kr": [10, 10]}, "exchanges": [], "exchange_ties": 0},
    {"round": 1, "positions": {"us": [38, 28], "kr": [24, 17]}, "exchange_ties": 1, "exchanges": [
      {"rank": 1, "actor_a": "kr", "issue_a": "tariff", "from_a": 10, "to_a": 30,
       "actor_b": "us", "issue_b": "invest", "from_b": 40, "to_b": 25, "gain": 3},
      {"rank": 2, "actor_a": "us", "issue_a": "tariff", "from_a": 40, "to_a": 35,
       "actor_b": "kr", "issue_b": "invest", "from_b": 10, "to_b": 20, "gain": 1.5}]},
    {"round": 2, "positions": {"us": [38, 28], "kr": [24, 17]}, "exchange_ties": 0, "exchanges": []}]},
  {"model": "mean", "outcome": {"tariff": {"predicted": 28}, "invest": {"predicted": 25.2}}}]
})";

TEST(ReportSections, ExchangesShowWhoGaveWayOnWhatAndHowTheOutcomeMoved) {
  const Scenario s = two_issue_scenario();
  EXPECT_FALSE(report::exchange_section(s, std::nullopt));
  EXPECT_FALSE(report::exchange_section(s, doc("forecast.json", kForecast)));  // no exchange model in it
  const auto section = report::exchange_section(s, doc("forecast.json", kExchangeForecast));
  ASSERT_TRUE(section);
  const std::string& html = section->html;
  EXPECT_NE(html.find("Here 2 exchanges in 2 rounds (1 of them picked among equal gains"), std::string::npos);
  // How the outcome moved: plot 170..520 (640 - 120). Tariff (0..100) 28 -> 268, 40 -> 310, on row y = 8 + 18 = 26;
  // the arrow's shaft stops 0.6 x 7 = 4.2 short of its head.
  EXPECT_NE(html.find("data-issue=\"tariff\" data-start=\"28\" data-end=\"40\""), std::string::npos);
  EXPECT_NE(html.find("<line x1=\"268\" x2=\"305.8\" y1=\"26\" y2=\"26\""), std::string::npos) << html;
  EXPECT_NE(html.find("d=\"M310 26L303 21.5L303 30.5z\""), std::string::npos);
  EXPECT_NE(html.find("28 → 40 (+12)"), std::string::npos);
  // Investment (0..50) 25.2 -> 170 + 25.2 / 50 x 350 = 346.4, 20 -> 310, row y = 26 + 42 = 68: an arrow leftwards.
  EXPECT_NE(html.find("<line x1=\"346.4\" x2=\"314.2\" y1=\"68\" y2=\"68\""), std::string::npos);
  EXPECT_NE(html.find("25.2 → 20 (−5.2)"), std::string::npos);
  // Round 1's chart: side a on 34..314, side b on 352..632, first row's track at y = 22 + 12 + 14 = 48.
  // Korea's tariff 10 -> 30 is 62 -> 118 (Korea is actor 1: colour 1); the US's invest 40 -> 25 is 576 -> 492.
  EXPECT_NE(
      html.find("data-side=\"a\" data-actor=\"kr\" data-issue=\"tariff\" data-from=\"10\" data-value=\"30\"><line "
                "x1=\"62\" x2=\"113.8\" y1=\"48\" y2=\"48\" stroke=\"" +
                report::series_colour(1) + "\""),
      std::string::npos);
  EXPECT_NE(
      html.find("data-side=\"b\" data-actor=\"us\" data-issue=\"invest\" data-from=\"40\" data-value=\"25\"><line "
                "x1=\"576\" x2=\"496.2\" y1=\"48\""),
      std::string::npos);
  // Gain bars on 652..744 scaled to the highest gain shown (3): 92 and 46 pixels.
  EXPECT_NE(html.find("data-value=\"3\" x=\"652\" y=\"43\" width=\"92\""), std::string::npos);
  EXPECT_NE(html.find("data-value=\"1.5\" x=\"652\" y=\"93\" width=\"46\""), std::string::npos);
  // Round by round: 2 exchanges, 1 tie, total gain 4.5, the first in words; round 2 had none.
  EXPECT_NE(html.find("<td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">4.5"
                      "</td><td>Korea gives way on tariff (10 → 30); United States gives way on invest (40 → 25)</td>"),
            std::string::npos);
  EXPECT_NE(html.find("no exchange left"), std::string::npos);
  // Who traded with whom: the US (actor 0) first; each gave way once on each issue.
  EXPECT_NE(html.find("<td title=\"United States\">us</td><td>invest ×1, tariff ×1</td><td title=\"Korea\">kr</td>"
                      "<td>invest ×1, tariff ×1</td><td class=\"num\">2</td><td class=\"num\">4.5</td>"),
            std::string::npos);
}

// The same run with pivot run's tie draws (tariff 30..45 across them, invest always 20) and
// externalities=on: exchange 1 gives inner +1, -0.5, outer +0.25, -2, own 6; exchange 2 inner
// 0, -1, outer +0.5, 0, own 3.
TEST(ReportSections, ExchangesShowTheTieDrawRangeAndExternalities) {
  const Scenario s = two_issue_scenario();
  std::string json = kExchangeForecast;
  auto put = [&](const std::string& after, const std::string& text) {
    const auto at = json.find(after);
    ASSERT_NE(at, std::string::npos) << after;
    json.insert(at + after.size(), text);
  };
  put(R"("outcome": {"tariff": {"predicted": 40}, "invest": {"predicted": 20}},)",
      R"( "tie_draws": {"draws": 20, "outcome": {"tariff": {"min": 30, "max": 45}, "invest": {"min": 20, "max": 20}}},)");
  put(R"("to_b": 25, "gain": 3)",
      R"(, "externalities": {"inner_positive": 1, "inner_negative": -0.5, "outer_positive": 0.25, )"
      R"("outer_negative": -2, "own": 6})");
  put(R"("to_b": 20, "gain": 1.5)",
      R"(, "externalities": {"inner_positive": 0, "inner_negative": -1, "outer_positive": 0.5, )"
      R"("outer_negative": 0, "own": 3})");
  const auto section = report::exchange_section(s, doc("forecast.json", json));
  ASSERT_TRUE(section);
  const std::string& html = section->html;
  EXPECT_NE(html.find("Across the 20 tie draws the forecast of the issues below ranges"), std::string::npos) << html;
  // Only tariff moved: forecast 40, lowest 30, highest 45, range 15.
  EXPECT_NE(html.find("<tr data-issue=\"tariff\"><td>tariff</td><td class=\"num\">40</td><td class=\"num\">30</td>"
                      "<td class=\"num\">45</td><td class=\"num\">15</td>"),
            std::string::npos);
  EXPECT_EQ(html.find("<tr data-issue=\"invest\">"), std::string::npos);
  // The band on the tariff row (0..100 on 170..520, y = 26): 30 -> 275, 45 -> 327.5.
  EXPECT_NE(html.find("data-min=\"30\" data-max=\"45\" x=\"275\" y=\"19\" width=\"52.5\""), std::string::npos);
  // Externalities, round 1 summed: own 9, inner +1 and -1.5, outer +0.75 and -2, net to others -1.75.
  EXPECT_NE(html.find("<td class=\"num\">1</td><td class=\"num\">9</td><td class=\"num\">1</td><td "
                      "class=\"num\">-1.5</td><td class=\"num\">0.75</td><td class=\"num\">-2</td><td "
                      "class=\"num\">-1.75</td>"),
            std::string::npos);
  // Without tie draws or externalities neither part appears.
  const auto plain = report::exchange_section(s, doc("forecast.json", kExchangeForecast));
  EXPECT_EQ(plain->html.find("tie draws"), std::string::npos);
  EXPECT_EQ(plain->html.find("exchange-externalities"), std::string::npos);
}

TEST(ReportSections, AbsentDocumentsSayNotRun) {
  const Scenario s = two_actor_scenario();
  for (const auto& section :
       {report::outcome_section(s, std::nullopt), report::monte_carlo_section(Study{s}, std::nullopt),
        report::trade_section(std::nullopt), report::deal_section(std::nullopt), report::games_section(std::nullopt)})
    EXPECT_NE(section.html.find("class=\"not-run\""), std::string::npos) << section.id;
}

TEST(ReportSections, MalformedDocumentsNameFileAndField) {
  const Scenario s = two_actor_scenario();
  try {
    report::outcome_section(s, doc("out/forecast.json", R"({"models": [{"model": "ktab", "outcome": {}}]})"));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().file, "out/forecast.json");
    EXPECT_EQ(e.position().field, "/models/0/outcome");
    EXPECT_NE(std::string(e.what()).find("missing \"tariff\""), std::string::npos);
  }
  EXPECT_THROW(report::games_section(doc("games.json", R"({"games": [{"players": ["A"], "strategies": [["x"]],
    "equilibria": [{"profile": [["2/0"]]}]}]})")),
               InputError);
  EXPECT_THROW(report::deal_section(doc("deal.json", R"({"terms": {}, "result": {}, "schedule": []})")), InputError);
}

TEST(ReportDocument, SyntaxErrorsGiveLineAndColumn) {
  // The stray comma is the 8th character of line 2 (two spaces, "a", colon, space, comma).
  try {
    parse_report_document("{\n  \"a\": ,\n}", "mc.json");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.position().file, "mc.json");
    EXPECT_EQ(e.position().line, 2u);
    EXPECT_EQ(e.position().column, 8u);
  }
}

TEST(ReportRender, SelfContainedDeterministicAndComplete) {
  ReportInputs in;
  in.study.scenario = two_actor_scenario();
  in.forecast = doc("forecast.json", kForecast);
  const std::string html = render_report(in);
  EXPECT_EQ(html, render_report(in));
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  // Nothing that could make a request: no URL, no src or external href, no @import or url().
  for (const char* banned : {"http:", "https:", "src=", "@import", "url(", "<link"})
    EXPECT_EQ(html.find(banned), std::string::npos) << banned;
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("Tiny &lt;test&gt; scenario"), std::string::npos);
  for (const char* id : {"scenario", "outcome", "positions", "uncertainty", "sources"})
    EXPECT_NE(html.find(std::string("<section id=\"") + id + "\">"), std::string::npos) << id;
  // The scenario has no trade model, deal or game (no directory): those sections are left out.
  for (const char* id : {"trade", "deal", "games"})
    EXPECT_EQ(html.find(std::string("<section id=\"") + id + "\">"), std::string::npos) << id;
  EXPECT_NE(html.find("seed:001.txt: &quot;a sentence&quot;"), std::string::npos);
}

TEST(ReportRender, ActorIdsCannotCollideWithAnchors) {
  // Actors named like the page's own anchors: the issues' source group
  // ("src-issues"), sections ("sources", "scenario") and script hooks ("trace", "tip").
  ReportInputs in;
  in.study.scenario = two_actor_scenario();
  in.study.scenario.actors = {{"issues", "Actor issues", 60, std::nullopt, {40}, {80}},
                              {"sources", "Actor sources", 40, std::nullopt, {10}, {90}},
                              {"trace", "Actor trace", 10, std::nullopt, {20}, {50}},
                              {"tip", "Actor tip", 10, std::nullopt, {30}, {50}}};
  in.study.scenario.sources = {{"", "tariff", "status_quo", "seed:a", "sq"},
                               {"issues", "tariff", "position", "seed:b", "p"},
                               {"issues", "tariff", "salience", "seed:c", "s"}};
  const std::string html = render_report(in);
  const std::regex id_attribute(" id=\"([^\"]*)\"");
  std::map<std::string, int> ids;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attribute); it != std::sregex_iterator(); ++it)
    ++ids[(*it)[1]];
  for (const auto& [id, n] : ids) EXPECT_EQ(n, 1) << "id=\"" << id << "\" appears " << n << " times";
  // Each group counts its own notes: one on the issues, two of the actor "issues".
  EXPECT_EQ(count(html, "<details id=\"src-issues\"><summary>Issues (status quo) <span class=\"count\">1 note<"), 1);
  EXPECT_EQ(count(html, "<details id=\"src-actor-issues\"><summary>Actor issues <span class=\"count\">2 notes"), 1);
  EXPECT_EQ(count(html, "<section id=\"sources\">"), 1);
}

}  // namespace

namespace {

TEST(ReportDocument, NumbersBeyondADoubleAreInputErrorsWithAPosition) {
  // Found by fuzz/report_json_fuzz.cpp: 1e3080 overflows a double; the plain parser threw out_of_range without
  // a position. The number ends at the 14th character of line 1: {"a": 1e3080}.
  try {
    pivot::parse_report_document("{\"a\": 1e3080}", "deal.json");
    FAIL() << "expected InputError";
  } catch (const pivot::InputError& e) {
    EXPECT_EQ(e.position().file, "deal.json");
    EXPECT_EQ(e.position().line, 1u);
    EXPECT_GT(e.position().column, 6u);
    EXPECT_NE(std::string(e.what()).find("number overflow"), std::string::npos) << e.what();
  }
}

}  // namespace
