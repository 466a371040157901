// [linkage]: stakes priced by the economics models set the actors' saliences.
// Expected values are hand calculations written out beside each assertion.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pivot/core/error.hpp"
#include "pivot/econ/linkage.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"

namespace {

using pivot_test::slurp;

namespace fs = std::filesystem;
using pivot::linkage::redistribute_salience;

// A copy of korea-2025 in a fresh directory, with scenario.toml edited.
fs::path korea_copy(const std::string& name, const std::string& from, const std::string& to) {
  const fs::path dir = fs::temp_directory_path() / ("pivot_linkage_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(pivot::pipeline::builtin_scenario_root() / "korea-2025", dir, fs::copy_options::recursive);
  std::string text = slurp(dir / "scenario.toml");
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  std::ofstream(dir / "scenario.toml", std::ios::trunc) << text;
  return dir;
}

TEST(Linkage, SalienceSharedByStake) {
  // Budget 40 + 60 = 100 split 3:1 -> 75, 25.
  const auto a = redistribute_salience({40, 60}, {3, 1});
  EXPECT_DOUBLE_EQ(a[0], 75);
  EXPECT_DOUBLE_EQ(a[1], 25);
  // Budget 180 split 3:1 would give 135 > 100: capped at 100, the other gets the 80 left.
  const auto b = redistribute_salience({90, 90}, {3, 1});
  EXPECT_DOUBLE_EQ(b[0], 100);
  EXPECT_DOUBLE_EQ(b[1], 80);
  // Nothing at stake anywhere: the judgements stand.
  const auto c = redistribute_salience({20, 30}, {0, 0});
  EXPECT_DOUBLE_EQ(c[0], 20);
  EXPECT_DOUBLE_EQ(c[1], 30);
  // Budget 250, stakes 1:1:0: both staked issues fill to 100, the 50 left goes to the third.
  const auto e = redistribute_salience({90, 90, 70}, {1, 1, 0});
  EXPECT_DOUBLE_EQ(e[0], 100);
  EXPECT_DOUBLE_EQ(e[1], 100);
  EXPECT_DOUBLE_EQ(e[2], 50);
  // Budget 50 over three issues, stakes 1:1:2 -> 12.5, 12.5, 25.
  const auto d = redistribute_salience({10, 20, 20}, {1, 1, 2});
  EXPECT_DOUBLE_EQ(d[0], 12.5);
  EXPECT_DOUBLE_EQ(d[2], 25);
}

TEST(Linkage, DealStakeByHand) {
  // All cash paid in year 1, no returns, no discounting: the payer's cost is the cash,
  // 0 at cash-share 0% and 100 at 100%, so the stake is 100.
  pivot::deal::DealTerms terms;
  terms.total = 100;
  terms.payment_years = 1;
  terms.project_return = 0;
  terms.discount_rate = 0;
  pivot::LinkageStake row{"a", "cash", "deal_payer_cost", "", "", "", "cash-share"};
  pivot::Issue issue;
  issue.min = 0;
  issue.max = 100;
  const auto p = pivot::linkage::price_stake(row, issue, nullptr, &terms);
  EXPECT_DOUBLE_EQ(p.at_min, 0);
  EXPECT_DOUBLE_EQ(p.at_max, 100);
  EXPECT_DOUBLE_EQ(p.stake, 100);
}

TEST(Linkage, KoreaSaliencesDerivedAndRecorded) {
  const pivot::Study off = pivot::pipeline::load_study("korea-2025");
  EXPECT_TRUE(off.derived.empty());
  const fs::path dir = korea_copy("on", "salience_from_prices = false", "salience_from_prices = true");
  const pivot::Study on = pivot::pipeline::load_study(dir.string());
  // kr-gov 4 rows, kr-industry 2, us-trump 3, us-commerce 2.
  ASSERT_EQ(on.derived.size(), 11u);
  EXPECT_NE(on.scenario.input_hash, off.scenario.input_hash);
  // Each actor's salience budget over its priced issues is kept.
  for (const char* actor : {"kr-gov", "kr-industry", "us-trump", "us-commerce"}) {
    double was = 0, now = 0;
    for (const auto& d : on.derived)
      if (d.actor == actor) {
        was += d.was;
        now += d.value;
        EXPECT_GE(d.value, 0);
        EXPECT_LE(d.value, 100);
        EXPECT_NE(d.from.find(".toml"), std::string::npos);
      }
    EXPECT_NEAR(now, was, 1e-9) << actor;
  }
  // The source notes say the salience was derived.
  bool noted = false;
  for (const auto& n : on.scenario.sources)
    noted = noted || (n.actor == "kr-industry" && n.issue == "us-tariff-korea" && n.field == "salience" &&
                      n.source.find("derived by [linkage]") != std::string::npos);
  EXPECT_TRUE(noted);
  fs::remove_all(dir);
}

// The error of loading korea-2025 with [linkage] on and `from` replaced by `to` in scenario.toml.
std::string linkage_error(const std::string& name, const std::string& from, const std::string& to) {
  const fs::path dir = korea_copy(name, from, to);
  std::string text = slurp(dir / "scenario.toml");
  text.replace(text.find("salience_from_prices = false"), 28, "salience_from_prices = true");
  std::ofstream(dir / "scenario.toml", std::ios::trunc) << text;
  std::string what;
  try {
    pivot::pipeline::load_scenario(dir.string());
  } catch (const pivot::InputError& e) {
    what = e.what();
  }
  fs::remove_all(dir);
  return what;
}

TEST(Linkage, ErrorsNameScenarioTomlAndField) {
  const std::string what = linkage_error("bad", "actor = \"kr-industry\"\nissue = \"cash-share\"",
                                         "actor = \"kr-nobody\"\nissue = \"cash-share\"");
  EXPECT_NE(what.find("scenario.toml"), std::string::npos) << what;
  EXPECT_NE(what.find("linkage.stakes.actor"), std::string::npos) << what;
  EXPECT_NE(what.find("kr-nobody"), std::string::npos) << what;
}

// An issue scale the deal term cannot take (a cash share up to 200%) is bad input in
// scenario.toml, not a failure while pricing (found by fuzzing).
TEST(Linkage, ScaleOutsideTheDealTermNamesTheIssue) {
  const std::string what = linkage_error("scale", "unit = \"%\"\nmin = 0.0\nmax = 100.0\nlow = \"all loans",
                                         "unit = \"%\"\nmin = 0.0\nmax = 200.0\nlow = \"all loans");
  EXPECT_NE(what.find("scenario.toml:"), std::string::npos) << what;
  EXPECT_NE(what.find("linkage.stakes.issue: cannot price issue 'cash-share' at its scale ends 0 and 200"),
            std::string::npos)
      << what;
}

// A route the trade model does not have is bad input in scenario.toml, not a failure
// while pricing (found by fuzzing).
TEST(Linkage, UnknownTradeRouteNamesTheField) {
  const std::string what =
      linkage_error("route", "exporter = \"KOR\"\nimporter = \"USA\"", "exporter = \"KOR\"\nimporter = \"MARS\"");
  EXPECT_NE(what.find("scenario.toml:"), std::string::npos) << what;
  EXPECT_NE(what.find("linkage.stakes.exporter: no trade route KOR -> MARS"), std::string::npos) << what;
}

TEST(Linkage, RunWritesTradeAndDealJson) {
  const fs::path out = fs::temp_directory_path() / ("pivot_linkage_run_" + std::to_string(::getpid()));
  fs::remove_all(out);
  const std::string cmd =
      std::string(PIVOT_BINARY) + " run korea-2025 --threads 1 -o " + out.string() + " > /dev/null 2>&1";
  ASSERT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 0);
  const auto trade = nlohmann::json::parse(slurp(out / "trade.json"));
  ASSERT_EQ(trade["scenarios"].size(), 3u);
  EXPECT_EQ(trade["scenarios"][0]["name"], "china-retaliation-on-korea");  // name order
  EXPECT_EQ(trade["scenarios"][0]["regions"].size(), 7u);
  EXPECT_FALSE(trade["scenarios"][0]["flows"].empty());
  EXPECT_EQ(trade["scenarios"][0]["products"].size(), 5u);
  // The top level is the [linkage] model in pivot trade --json's shape (the report reads it).
  EXPECT_EQ(trade["primary"], "us-tariff-25-vs-15");
  EXPECT_EQ(trade["total"]["nonlinear"].size(), 7u);
  EXPECT_EQ(trade["manifest"]["command"], "run");
  EXPECT_TRUE(fs::exists(out / "report.html"));
  const auto deal = nlohmann::json::parse(slurp(out / "deal.json"));
  EXPECT_EQ(deal["tariff_saved_source"]["from"], "trade model");
  EXPECT_EQ(deal["tariff_saved_source"]["region"], "KOR");
  // Korea's welfare loss from 25% vs 15% is positive, and smaller than the tariff
  // bill on all of its US sales (10 points on $127.8B = $12.8B): US buyers bear part.
  const double annual = deal["tariff_saved_source"]["annual"];
  EXPECT_GT(annual, 0);
  EXPECT_LT(annual, 12.78);
  EXPECT_EQ(deal["terms"]["tariff_saved"], annual);
  EXPECT_TRUE(deal.contains("as_given"));
  fs::remove_all(out);
}

}  // namespace
