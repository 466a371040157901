// The streamed trade matrix loader: cells matched by product, exporter and
// importer name across files that order them differently, quoting, CRLF and
// BOM in the product column, and errors that still name file, line, column
// and field after streaming. Expected values are read off the texts by hand.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"

#include <fstream>
#include <string>

#include "pivot/core/error.hpp"
#include "pivot/econ/trade.hpp"

namespace {

namespace fs = std::filesystem;

const char* const kToml =
    "flows = \"flows.csv\"\ntariffs_before = \"before.csv\"\ntariffs_after = \"after.csv\"\n"
    "tariff_form = \"percent\"\nimport_demand_elasticity = -1.25\nexport_supply_elasticity = 1.5\n"
    "substitution_elasticity = 5.0\n";

// Flows with a BOM, CRLF, a quoted product name and rows of two products interleaved.
const char* const kFlows =
    "\xEF\xBB\xBFproduct,exporter,K,U\r\n"
    "\"chips, memory\",K,0,130\r\n"
    "cars,K,0,30\r\n"
    "\"chips, memory\",U,60,0\r\n"
    "cars,U,6,0\r\n";
const char* const kAfter =
    "product,exporter,K,U\n"
    "\"chips, memory\",U,0,0\n"
    "\"chips, memory\",K,0,25\n"
    "cars,K,0,10\n"
    "cars,U,3,0\n";

fs::path model_dir(const std::string& name, const std::string& flows, const std::string& before,
                   const std::string& after) {
  const fs::path dir = pivot_test::fresh_dir(name);
  std::ofstream(dir / "model.toml", std::ios::binary) << kToml;
  std::ofstream(dir / "flows.csv", std::ios::binary) << flows;
  std::ofstream(dir / "before.csv", std::ios::binary) << before;
  std::ofstream(dir / "after.csv", std::ios::binary) << after;
  return dir;
}

// The same cells with importers and exporters in other orders.
const std::string kBeforeText =
    "product,exporter,U,K\n"
    "cars,U,0,1\n"
    "cars,K,2,0\n"
    "\"chips, memory\",U,0,4\n"
    "\"chips, memory\",K,0,5\n";

std::string error_of(const fs::path& dir) {
  try {
    pivot::trade::load_trade_model(dir / "model.toml");
  } catch (const pivot::InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(TradeStreamLoad, MatchesCellsByNameAcrossOrdersQuotesCrlfAndBom) {
  const fs::path dir = model_dir("trade_orders", kFlows, kBeforeText, kAfter);
  const auto model = pivot::trade::load_trade_model(dir / "model.toml");
  ASSERT_EQ(model.markets.size(), 2u);
  const auto& chips = model.markets[0];  // first product seen
  EXPECT_EQ(chips.product, "chips, memory");
  EXPECT_EQ(chips.exporters, (std::vector<std::string>{"K", "U"}));
  EXPECT_EQ(chips.importers, (std::vector<std::string>{"K", "U"}));
  EXPECT_EQ(chips.flows, (std::vector<double>{0, 130, 60, 0}));
  // before.csv: chips K->U is in row "chips, memory",K under U: 0 %; U->K is 4 %.
  EXPECT_EQ(chips.tariffs_before, (std::vector<double>{1.05, 1.0, 1.04, 1.0}));
  EXPECT_EQ(chips.tariffs_after, (std::vector<double>{1.0, 1.25, 1.0, 1.0}));
  const auto& cars = model.markets[1];
  EXPECT_EQ(cars.flows, (std::vector<double>{0, 30, 6, 0}));
  EXPECT_EQ(cars.tariffs_before, (std::vector<double>{1.0, 1.02, 1.01, 1.0}));
  EXPECT_EQ(cars.tariffs_after, (std::vector<double>{1.0, 1.10, 1.03, 1.0}));
}

TEST(TradeStreamLoad, ErrorsKeepFileLineColumnAndField) {
  // A negative flow in the second product's row: line 5, column 8, under importer K.
  std::string flows = kFlows;
  flows.replace(flows.find("cars,U,6,0"), 10, "cars,U,-6,0");
  EXPECT_NE(error_of(model_dir("trade_neg", flows, kBeforeText, kAfter))
                .find("flows.csv:5:8: K: expected a trade value >= 0, found -6"),
            std::string::npos);
  // A tariff at or below -100 % in a file whose rows and columns are in another order.
  std::string before = kBeforeText;
  before.replace(before.find("cars,K,2,0"), 10, "cars,K,-100,0");
  EXPECT_NE(error_of(model_dir("trade_pct", kFlows, before, kAfter))
                .find("before.csv:3:8: U: expected a tariff in percent > -100, found -100"),
            std::string::npos);
  // A tariff file with an importer the flows lack: the first such cell by name, where it is.
  const std::string wider =
      "product,exporter,K,U,C\ncars,K,0,10,1\ncars,U,3,0,1\n\"chips, memory\",U,0,0,1\n\"chips, memory\",K,0,25,1\n";
  EXPECT_NE(error_of(model_dir("trade_wider", kFlows, kBeforeText, wider))
                .find("after.csv:2:13: C: no flow for product 'cars', exporter 'K', importer 'C' in"),
            std::string::npos);
  // A product the tariffs lack: reported at the tariff file's header, naming the flow's line.
  const std::string fewer = "product,exporter,K,U\ncars,K,0,10\ncars,U,3,0\n";
  EXPECT_NE(error_of(model_dir("trade_fewer", kFlows, kBeforeText, fewer))
                .find("after.csv:1:1: K: missing the tariff for product 'chips, memory', exporter 'K', importer "
                      "'K' (see "),
            std::string::npos);
  EXPECT_NE(error_of(model_dir("trade_fewer", kFlows, kBeforeText, fewer)).find("flows.csv:2)"), std::string::npos);
  // The same exporter twice for a product, across the interleaved rows.
  std::string twice = kFlows;
  twice.replace(twice.find("\"chips, memory\",U"), 17, "\"chips, memory\",K");
  EXPECT_NE(error_of(model_dir("trade_twice", twice, kBeforeText, kAfter))
                .find("flows.csv:4:17: exporter: exporter 'K' appears twice for product 'chips, memory'"),
            std::string::npos);
  // A short row.
  EXPECT_NE(error_of(model_dir("trade_short", kFlows, "product,exporter,U,K\ncars,U,0\n", kAfter))
                .find("before.csv:2:1: tariffs_before: expected 4 fields like the header, found 3"),
            std::string::npos);
}

TEST(TradeStreamLoad, FilesAreReadTogetherButTheFirstFilesErrorIsReported) {
  // Both flows (line 3) and tariffs before (line 2) are bad: read one after
  // the other, the flows' error comes first, whichever thread finishes first.
  std::string flows = kFlows;
  flows.replace(flows.find("cars,K,0,30"), 11, "cars,K,0,3x");
  const std::string before = "product,exporter,U,K\ncars,U,?,1\n";
  for (int run = 0; run < 5; ++run)
    EXPECT_NE(error_of(model_dir("trade_first", flows, before, kAfter)).find("flows.csv:3:10: U: expected a number"),
              std::string::npos);
}

}  // namespace
