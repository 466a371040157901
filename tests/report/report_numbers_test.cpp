// Issue #13 in the report: the point forecast marked on every histogram and a warning
// when it lies outside its band, Sobol caveats from sensitivity.json, sections the
// scenario has no inputs for left out (and why the uncertainty one is empty), no
// sentence about "0 notes", deal money with one precision and "never" as a sentence,
// and one line style per actor (the same palette the serve page draws with).
// Coordinates by hand from the histogram frame: x0 = 40, x1 = 440 - 14 = 426.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/report.hpp"
#include "pivot/report/series_styles.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"
#include "serve/ui_page.hpp"

namespace {

using namespace pivot;
using nlohmann::ordered_json;

Scenario tiny() {
  Scenario s;
  s.name = "tiny";
  s.issues.push_back({"tariff", "Tariff", "%", 0, 100, "free trade", "embargo", 25.0});
  s.actors.push_back({"us", "United States", 60, std::nullopt, {40}, {80}});
  s.input_hash = "abc";
  return s;
}

std::optional<ReportDocument> doc(const std::string& file, const std::string& text) {
  return ReportDocument{file, ordered_json::parse(text)};
}

TEST(ReportNumbers, PointForecastIsMarkedAndFlaggedOutsideItsBand) {
  const auto section = report::monte_carlo_section(Study{tiny()}, doc("mc.json", R"({
    "model": "ktab", "trials": 4, "seed": 1,
    "outputs": [{"issue": "tariff", "unit": "%", "mean": 30, "sd": 5,
                 "quantiles": {"p5": 12, "p25": 20, "p50": 30, "p75": 40, "p95": 48},
                 "histogram": {"lo": 0, "hi": 50, "counts": [1, 3]}, "point": 49, "point_outside_band": true}]})"));
  // 49 on [0, 50] over x 40..426: 40 + 0.98 x 386 = 418.28.
  EXPECT_NE(section.html.find("class=\"point\" data-value=\"49\" data-outside=\"true\"><line x1=\"418.3\""),
            std::string::npos)
      << section.html;
  EXPECT_NE(section.html.find("The point forecast is outside the band (P5 to P95) for Tariff: the unperturbed "
                              "inputs give an answer the sampled ones rarely give"),
            std::string::npos);
  const auto inside = report::monte_carlo_section(Study{tiny()}, doc("mc.json", R"({
    "model": "ktab", "trials": 4, "seed": 1,
    "outputs": [{"issue": "tariff", "unit": "%", "mean": 30, "sd": 5,
                 "quantiles": {"p5": 12, "p25": 20, "p50": 30, "p75": 40, "p95": 48},
                 "histogram": {"lo": 0, "hi": 50, "counts": [1, 3]}, "point": 25, "point_outside_band": false}]})"));
  EXPECT_NE(inside.html.find("class=\"point\" data-value=\"25\" data-outside=\"false\""), std::string::npos);
  EXPECT_EQ(inside.html.find("outside the band"), std::string::npos);
}

TEST(ReportNumbers, SobolCaveatsFromSensitivityJson) {
  const auto mc = doc("mc.json", R"({"model": "ktab", "trials": 4, "seed": 1, "outputs": []})");
  const auto sensitivity = doc("sensitivity.json", R"({"analyses": [{"model": "ktab", "samples": 64,
    "sobol_reliable": false, "sobol_caveats": ["N = 64 base samples, fewer than the 500 the indices need to settle"]}]})");
  const auto section = report::monte_carlo_section(Study{tiny()}, mc, sensitivity);
  EXPECT_NE(section.html.find("The Sobol indices of ktab in sensitivity.json (N = 64) cannot be read as shares of "
                              "variance yet"),
            std::string::npos)
      << section.html;
  EXPECT_NE(section.html.find("<li>N = 64 base samples, fewer than the 500"), std::string::npos);
}

TEST(ReportNumbers, SectionsFollowWhatTheScenarioHas) {
  ReportInputs in;
  in.study.scenario = tiny();  // no directory: no deal.toml, trade/ or games/, no uncertain inputs, no notes
  std::string html = render_report(in);
  for (const char* id : {"id=\"trade\"", "id=\"deal\"", "id=\"games\""})
    EXPECT_EQ(html.find(id), std::string::npos) << id;
  EXPECT_NE(html.find("the scenario has no uncertain inputs"), std::string::npos);
  EXPECT_EQ(html.find("Not run: there is no <code>mc.json</code>"), std::string::npos);
  EXPECT_EQ(html.find(" 0 notes"), std::string::npos);
  EXPECT_NE(html.find("The scenario carries no source notes"), std::string::npos);
  // One note: "this note", "1 note".
  in.study.scenario.sources.push_back({"us", "tariff", "position", "a source", "a reason"});
  html = render_report(in);
  EXPECT_NE(html.find("rests on this note"), std::string::npos);
  EXPECT_NE(html.find(">1 note<"), std::string::npos);
  // A document given anyway still shows its section.
  in.deal = doc("deal.json", R"({"terms": {"total": 350, "cash_share": 100, "payment_years": 1, "fx_reserves": 0,
    "tariff_saved": 10}, "result": {"peak_outflow": 350, "peak_year": 1, "payer_cost_pv": 333.333333,
    "break_even_years": null}, "schedule": [{"year": 1, "reserve_outflow": 350}],
    "tariff_saved_source": {"from": "deal.toml", "annual": 10}})");
  html = render_report(in);
  EXPECT_NE(html.find("id=\"deal\""), std::string::npos);
  EXPECT_NE(html.find("<span>never</span>the avoided tariff never repays the package within the horizon"),
            std::string::npos);
  EXPECT_NE(html.find("<span>333.33</span>PV cost"), std::string::npos);
  EXPECT_NE(html.find("<span>350.00</span>peak outflow"), std::string::npos);
  EXPECT_NE(html.find("The avoided tariff, 10.00 a year, comes from deal.toml."), std::string::npos);
}

TEST(ReportNumbers, KoreaActorsEachGetTheirOwnColourAndDash) {
  const Scenario korea = pipeline::load_scenario("korea-2025");
  ASSERT_GE(korea.actors.size(), 11u);
  std::set<std::pair<std::string, std::string>> styles;
  for (std::size_t a = 0; a < korea.actors.size(); ++a)
    EXPECT_TRUE(styles.insert({report::series_colour(a), report::series_dash(a)}).second)
        << korea.actors[a].id << " shares " << report::series_colour(a) << " / '" << report::series_dash(a) << "'";
  // Drawn: no two actors' capability bars share colour and dash either (before, Trump and
  // Japan had the same plain #332288 bar).
  const std::string html = report::scenario_section(korea).html;
  const std::regex bar(
      "<rect class=\"mark\" data-actor=\"([^\"]+)\"[^>]* fill=\"([^\"]+)\"( fill-opacity[^>]*"
      "stroke-dasharray=\"([^\"]+)\")?");
  std::set<std::pair<std::string, std::string>> drawn;
  std::size_t bars = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), bar); it != std::sregex_iterator(); ++it, ++bars)
    EXPECT_TRUE(drawn.insert({(*it)[2], (*it)[4]}).second) << (*it)[1] << " shares its bar style";
  EXPECT_EQ(bars, korea.actors.size());
  // The serve page draws with the same definition, filled in from C++.
  const std::string page(serve::ui_page_html());
  EXPECT_NE(page.find("const seriesStyles = " + series_styles_json() + " ||"), std::string::npos);
  EXPECT_EQ(page.find("/*PIVOT_SERIES_STYLES*/"), std::string::npos);
}

}  // namespace
