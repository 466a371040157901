// One source per number (issue #13): `pivot run`, `pivot deal` and the Monte Carlo
// price korea-2025's avoided tariff alike, say where the figure came from, and every
// point value lies within the range the Monte Carlo samples it from. The expected
// figures come from the scenario's files: deal.toml's tariff_saved = 13.15 and
// uncertainty.csv's deal.tariff_saved row, triangular from 6.575 to 13.15 with the
// mode left empty (= the point value).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "../support/pivot_cli.hpp"

namespace {

using nlohmann::json;
using namespace pivot_test;  // tests/support/pivot_cli.hpp

constexpr double kDealToml = 13.15;            // scenarios/korea-2025/deal.toml tariff_saved
constexpr double kFloorShare = 6.575 / 13.15;  // uncertainty.csv: the low end is half the figure

// One `pivot run korea-2025` shared by the tests below (it takes a few seconds).
const std::filesystem::path& korea_run() {
  static const std::filesystem::path dir = [] {
    const auto d = fresh_dir("pricing_run") / "out";
    const auto r = run_pivot("run korea-2025 --threads 2 -o " + d.string());
    EXPECT_EQ(r.code, 0) << r.out;
    return d;
  }();
  return dir;
}

json read_json(const std::filesystem::path& file) { return json::parse(slurp(file)); }

// The KOR net welfare change of the linked trade model, as trade.json reports it.
double kor_welfare(const json& trade) {
  const std::string solver = trade["manifest"].value("reported_solver", "nonlinear");
  for (const auto& region : trade["total"][solver])
    if (region["region"] == "KOR") return region["net_welfare_change"].get<double>();
  ADD_FAILURE() << "no KOR in trade.json";
  return 0;
}

TEST(Pricing, RunPricesTheTariffByTheTradeModelAndSaysSo) {
  const json deal = read_json(korea_run() / "deal.json");
  const json trade = read_json(korea_run() / "trade.json");
  const double priced = -kor_welfare(trade);
  EXPECT_NEAR(deal["terms"]["tariff_saved"].get<double>(), priced, 1e-9);
  EXPECT_EQ(deal["tariff_saved_source"]["from"], "trade model");
  EXPECT_DOUBLE_EQ(deal["tariff_saved_source"]["deal_toml_value"].get<double>(), kDealToml);
  const std::string summary = slurp(korea_run() / "summary.txt");
  EXPECT_NE(summary.find("priced by the trade model trade/us-tariff-25-vs-15.toml"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("worth never years"), std::string::npos) << summary;
  const std::string report = slurp(korea_run() / "report.html");
  EXPECT_NE(report.find("data-from=\"trade model\""), std::string::npos);
}

TEST(Pricing, DealCommandAgreesWithRun) {
  const auto dir = fresh_dir("pricing_deal");
  const auto r = run_pivot("deal korea-2025 --json " + (dir / "deal.json").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const json alone = read_json(dir / "deal.json"), in_run = read_json(korea_run() / "deal.json");
  EXPECT_EQ(alone["terms"], in_run["terms"]);
  EXPECT_EQ(alone["result"], in_run["result"]);
  EXPECT_EQ(alone["tariff_saved_source"], in_run["tariff_saved_source"]);
  EXPECT_EQ(alone["manifest"]["command"], "deal");
  EXPECT_NE(r.out.find("priced by the trade model"), std::string::npos) << r.out;

  // Set by hand, the figure is the user's, and the output says so.
  const auto set = run_pivot("deal korea-2025 --set tariff-saved=13.15 --json " + (dir / "set.json").string());
  ASSERT_EQ(set.code, 0) << set.out;
  const json by_hand = read_json(dir / "set.json");
  EXPECT_DOUBLE_EQ(by_hand["terms"]["tariff_saved"].get<double>(), kDealToml);
  EXPECT_EQ(by_hand["tariff_saved_source"]["from"], "--set");
  EXPECT_NE(set.out.find("tariff_saved 13.15 set by --set"), std::string::npos) << set.out;
}

// The required check: over every Monte Carlo run of `pivot run` and every uncertain input,
// the value the point estimate uses lies within the sampled support.
TEST(Pricing, EveryPointValueLiesWithinItsSampledRange) {
  const json mc = read_json(korea_run() / "mc.json");
  const double priced = read_json(korea_run() / "deal.json")["terms"]["tariff_saved"].get<double>();
  std::size_t checked = 0;
  bool saw_tariff = false;
  for (const auto& run : mc["runs"]) {
    ASSERT_EQ(run["input_distributions"].size(), run["inputs"].size());
    for (const auto& input : run["input_distributions"]) {
      const double low = input["low"].get<double>(), high = input["high"].get<double>();
      const double point = input["point"].get<double>();
      EXPECT_LE(low, point) << run["model"] << " " << input["name"];
      EXPECT_LE(point, high) << run["model"] << " " << input["name"];
      ++checked;
      if (input["name"] != "deal.tariff_saved") continue;
      saw_tariff = true;
      EXPECT_NEAR(point, priced, 1e-9);
      EXPECT_NEAR(input["high"].get<double>(), priced, 1e-9);
      EXPECT_NEAR(input["mode"].get<double>(), priced, 1e-9);
      EXPECT_NEAR(low, kFloorShare * priced, 1e-9);
      EXPECT_NE(input["source"].get<std::string>().find("trade model"), std::string::npos);
    }
  }
  EXPECT_TRUE(saw_tariff);
  EXPECT_GT(checked, 200u);  // korea-2025 has over 200 uncertain inputs per run
}

TEST(Pricing, MonteCarloCommandSamplesAroundThePricedFigure) {
  const auto dir = fresh_dir("pricing_mc");
  const auto r = run_pivot("mc korea-2025 --model deal --trials 50 --csv " + dir.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const double priced = read_json(korea_run() / "deal.json")["terms"]["tariff_saved"].get<double>();
  bool found = false;
  const json manifest = read_json(dir / "manifest.json");
  for (const auto& input : manifest["inputs"]) {
    if (input["name"] != "deal.tariff_saved") continue;
    found = true;
    EXPECT_NEAR(input["high"].get<double>(), priced, 1e-9);
    EXPECT_NEAR(input["low"].get<double>(), kFloorShare * priced, 1e-9);
  }
  EXPECT_TRUE(found);
}

TEST(Pricing, ForecastWithABaselineAsModelShowsItOnce) {
  const auto r = run_pivot("forecast korea-2025 --model mean");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto begin = r.out.find("\nissue") + 1;
  const std::string header = r.out.substr(begin, r.out.find('\n', begin) - begin);
  std::istringstream columns(header);
  std::size_t means = 0;
  for (std::string column; columns >> column;) means += column == "mean";
  EXPECT_EQ(means, 1u) << header;
  EXPECT_NE(header.find("median"), std::string::npos);
}

}  // namespace
