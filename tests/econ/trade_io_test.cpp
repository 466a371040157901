// Loading trade models and the `pivot trade` command: expected values are
// hand calculations (written out), errors must name file, line and column.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pivot/core/error.hpp"
#include "pivot/econ/trade.hpp"

namespace {

using namespace pivot_test;  // tests/support/pivot_cli.hpp

namespace fs = std::filesystem;
const fs::path kData = fs::path(PIVOT_TEST_DATA) / "trade";

// A copy of three.toml's files in a fresh directory with one file replaced.
fs::path variant(const std::string& name, const std::string& file, const std::string& content) {
  const fs::path dir = fresh_dir(name);
  for (const char* f : {"three.toml", "three-flows.csv", "three-before.csv", "three-after.csv"})
    fs::copy_file(kData / f, dir / f);
  std::ofstream(dir / file, std::ios::trunc) << content;
  return dir / "three.toml";
}

std::string error_of(const fs::path& model) {
  try {
    pivot::trade::load_trade_model(model);
  } catch (const pivot::InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(TradeLoad, PercentTariffsBecomeFactors) {
  const auto model = pivot::trade::load_trade_model(kData / "three.toml");
  ASSERT_EQ(model.markets.size(), 1u);
  const auto& m = model.markets[0];
  EXPECT_EQ(m.importers, (std::vector<std::string>{"KOR", "USA", "CHN"}));
  EXPECT_DOUBLE_EQ(m.tariffs_after[m.index(0, 1)], 1.25);   // 25% on KOR -> USA
  EXPECT_DOUBLE_EQ(m.tariffs_before[m.index(2, 1)], 1.20);  // 20% on CHN -> USA
  EXPECT_EQ(model.currency, "USD bn");
}

TEST(TradeLoad, ErrorsNameFileLineAndColumn) {
  EXPECT_NE(error_of(variant("cell", "three-after.csv", "exporter,KOR,USA,CHN\nKOR,0,25,5\nUSA,0,x,10\nCHN,5,20,0\n"))
                .find("three-after.csv:3:7: USA: expected a number"),
            std::string::npos);
  EXPECT_NE(
      error_of(variant("neg", "three-flows.csv", "exporter,KOR,USA,CHN\nKOR,0,130,130\nUSA,-6,0,150\nCHN,140,440,0\n"))
          .find("three-flows.csv:3:5: KOR: expected a trade value >= 0"),
      std::string::npos);
  EXPECT_NE(error_of(variant("pct", "three-before.csv", "exporter,KOR,USA,CHN\nKOR,0,0,5\nUSA,0,0,-100\nCHN,5,20,0\n"))
                .find("three-before.csv:3:9: CHN: expected a tariff in percent > -100"),
            std::string::npos);
  EXPECT_NE(error_of(variant("missing", "three-after.csv", "exporter,KOR,USA,CHN\nKOR,0,25,5\nCHN,5,20,0\n"))
                .find("missing the tariff for product 'all', exporter 'USA'"),
            std::string::npos);
  EXPECT_NE(error_of(variant("key", "three.toml", "flows = \"three-flows.csv\"\nflow_file = 3\n"))
                .find("three.toml:2:1: flow_file: unknown key"),
            std::string::npos);
  EXPECT_NE(error_of(variant("em", "three.toml",
                             "flows = \"three-flows.csv\"\ntariffs_before = \"three-before.csv\"\n"
                             "tariffs_after = \"three-after.csv\"\nimport_demand_elasticity = 1.25\n"))
                .find("three.toml:4:28: import_demand_elasticity: expected a finite number < 0"),
            std::string::npos);
  EXPECT_NE(error_of(variant("header", "three-flows.csv", "from,KOR\nKOR,1\n"))
                .find("three-flows.csv:1:1: flows: expected a header"),
            std::string::npos);
  // A file the model names but that does not exist: the error points at the key (found by fuzzing).
  EXPECT_NE(
      error_of(variant("nofile", "three.toml", "flows = \"nope.csv\"\n")).find("three.toml:1:9: flows: no such file"),
      std::string::npos);
}

TEST(TradeLoad, ElasticityTableOverridesScalarsPerProduct) {
  const auto model = pivot::trade::load_trade_model(kData / "products.toml");
  ASSERT_EQ(model.markets.size(), 2u);
  EXPECT_EQ(model.markets[0].product, "chips");
  EXPECT_TRUE(std::isinf(model.markets[0].exporter_elasticities[0].export_supply));  // A: inf
  EXPECT_EQ(model.markets[0].exporter_elasticities[1].export_supply, 1.5);           // B: the scalar
}

TEST(TradeCli, ProductsSumByRegion) {
  // A sells B 100 (chips) + 80 (cars) at a fixed world price (Ex = inf); B's tariff on A goes
  // 0 -> 10% in both. Each market has B's single supplier A, so (closed form, see trade_test):
  //   dCS(B) = 4 * 180 * (1.1^-0.25 - 1) = -16.95305543 (python3), dTR(B) = 18 * 1.1^-1.25 = 15.97833965,
  //   B's composite import price +10% in both markets.
  const fs::path out = fresh_dir("products");
  const auto r = run_pivot("trade " + (kData / "products.toml").string() + " --csv " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string regions = slurp(out / "regions.csv");
  EXPECT_EQ(regions.substr(0, regions.find('\n')),
            "region,world_price_change,import_price_change,producer_surplus_change,consumer_surplus_change,"
            "tariff_revenue_change,net_welfare_change");
  EXPECT_NE(regions.find("\nB,0,0.1,0,-16.9530554"), std::string::npos) << regions;
  EXPECT_NE(regions.find(",15.9783396"), std::string::npos) << regions;
  EXPECT_TRUE(fs::exists(out / "regions-by-product.csv"));
}

TEST(TradeCli, SmartKeepsOneImporterAndMatchesTradeCreation) {
  // SMART trade creation (WITS SMART documentation; Laird & Yeats 1986):
  //   dM = M Em dt / ((1+t0)(1 - Em/Ex)) = 130 (-1.25)(0.25) / (1 + 1.25/1.5) = -22.15909091.
  // The world price falls by x = Em Tdot/(Ex - Em) = -0.3125/2.75 = -0.1136363636; the value at the
  // new world price is (130 - 22.15909091)(1 - 0.1136363636) = 95.58626033 (python3).
  const fs::path out = fresh_dir("smart");
  const auto r = run_pivot("trade " + (kData / "smart.toml").string() + " --csv " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(slurp(out / "regions.csv").find("KOR,-0.113636363636,"), std::string::npos);
  EXPECT_EQ(slurp(out / "flows.csv"), "exporter,importer,before,after\nKOR,USA,130,95.5862603306\n");
}

TEST(TradeCli, BadInputExitsTwoAndWritesNothing) {
  const fs::path model =
      variant("cli-bad", "three-after.csv", "exporter,KOR,USA,CHN\nKOR,0,25,5\nUSA,0,x,10\nCHN,5,20,0\n");
  const fs::path out = model.parent_path() / "out";
  const auto r =
      run_pivot("trade " + model.string() + " --csv " + out.string() + " --json " + (out / "r.json").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("three-after.csv:3:7"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
}

TEST(TradeCli, ByteIdenticalWhateverTheThreads) {
  const fs::path a = fresh_dir("t1"), b = fresh_dir("t2");
  ASSERT_EQ(run_pivot("trade " + (kData / "three.toml").string() + " --threads 1 --csv " + a.string() + " --json " +
                      (a / "r.json").string())
                .code,
            0);
  ASSERT_EQ(run_pivot("trade " + (kData / "three.toml").string() + " --threads 2 --csv " + b.string() + " --json " +
                      (b / "r.json").string())
                .code,
            0);
  for (const char* f : {"regions.csv", "flows.csv", "regions-by-product.csv", "r.json"})
    EXPECT_EQ(slurp(a / f), slurp(b / f)) << f;
}

}  // namespace

namespace {

TEST(DealCli, BuiltInScenarioSweepAndErrors) {
  const fs::path out = fresh_dir("deal");
  auto r = run_pivot("deal korea-2025 --sweep cash-share=0:100:50 --csv " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string sweep = slurp(out / "sweep.csv");
  EXPECT_EQ(sweep.substr(0, sweep.find(',')), "cash-share");
  EXPECT_EQ(std::count(sweep.begin(), sweep.end(), '\n'), 4);  // header + 0, 50, 100
  EXPECT_TRUE(fs::exists(out / "schedule.csv"));
  const fs::path bad = fresh_dir("deal-bad");
  r = run_pivot("deal korea-2025 --sweep cash=0:1:1 --csv " + bad.string() + "/out");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("unknown deal term 'cash'"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(bad / "out"));
}

}  // namespace
