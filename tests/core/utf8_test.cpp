// UTF-8 checks on every file pivot reads: the validator against the
// well-formed byte sequences of the Unicode Standard (Table 3-7), and each kind
// of input file refused at its first bad byte with FILE:LINE:COL. Positions
// are counted by hand in the texts below; columns are bytes from 1, except in
// TOML, where toml++ counts code points.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/econ/deal.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/io/bimatrix_csv.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/io/nfg.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/report.hpp"
#include "pivot/scenario/scenario.hpp"
#include "pivot/uncertainty/run_files.hpp"

namespace {

namespace fs = std::filesystem;
using pivot::find_invalid_utf8;
constexpr auto npos = std::string::npos;

// The InputError `load` throws, or "no error".
std::string error_of(const std::function<void()>& load) {
  try {
    load();
  } catch (const pivot::InputError& e) {
    return e.what();
  }
  return "no error";
}

// `load` must fail with "WHERE: not valid UTF-8".
void expect_utf8_error(const std::function<void()>& load, const std::string& where) {
  const std::string message = error_of(load);
  EXPECT_EQ(message.rfind(where + ": not valid UTF-8", 0), 0u) << message;
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

TEST(Utf8, ValidTextPasses) {
  EXPECT_EQ(find_invalid_utf8(""), npos);
  EXPECT_EQ(find_invalid_utf8("plain ASCII, longer than one eight-byte word"), npos);
  EXPECT_EQ(find_invalid_utf8("caf\xC3\xA9"), npos);               // é U+00E9
  EXPECT_EQ(find_invalid_utf8("\xED\x95\x9C\xEA\xB5\xAD"), npos);  // 한국 U+D55C U+AD6D
  EXPECT_EQ(find_invalid_utf8("\xED\x9F\xBF"), npos);              // U+D7FF, last before the surrogates
  EXPECT_EQ(find_invalid_utf8("\xEE\x80\x80"), npos);              // U+E000, first after them
  EXPECT_EQ(find_invalid_utf8("\xF0\x9F\x98\x80"), npos);          // U+1F600
  EXPECT_EQ(find_invalid_utf8("\xF4\x8F\xBF\xBF"), npos);          // U+10FFFF
  EXPECT_EQ(find_invalid_utf8("\xEF\xBB\xBF"
                              "id"),
            npos);  // a BOM is a character
}

TEST(Utf8, FindsTheFirstIllFormedSequence) {
  EXPECT_EQ(find_invalid_utf8("caf\xE9"), 3u);           // Latin-1 é, cut short at the end
  EXPECT_EQ(find_invalid_utf8("caf\xE9,x"), 3u);         // Latin-1 é before ASCII
  EXPECT_EQ(find_invalid_utf8("\xC7\xD1\xB1\xB9"), 0u);  // 한국 in CP949
  EXPECT_EQ(find_invalid_utf8("ab\x80"), 2u);            // a lone continuation byte
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xC1\xBF"), 0u);          // overlong U+007F
  EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), 0u);      // overlong '/', three bytes
  EXPECT_EQ(find_invalid_utf8("\xF0\x8F\xBF\xBF"), 0u);  // overlong U+FFFF, four bytes
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);     // U+D800, a surrogate
  EXPECT_EQ(find_invalid_utf8("x\xED\xBF\xBF"), 1u);     // U+DFFF
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(find_invalid_utf8("\xF5\x80\x80\x80"), 0u);  // F5 never starts a sequence
  EXPECT_EQ(find_invalid_utf8("\xFF"), 0u);
  EXPECT_EQ(find_invalid_utf8("\xE2\x82"), 0u);  // € cut after two bytes
  EXPECT_EQ(find_invalid_utf8("\xF0\x9F\x98"
                              "a"),
            0u);  // U+1F600 with a bad fourth byte
  // Past the eight-byte fast path: 17 ASCII bytes, then a valid é, then Latin-1.
  EXPECT_EQ(find_invalid_utf8("0123456789abcdefg\xC3\xA9\xE9"), 19u);
}

TEST(Utf8, ReplacementForMessages) {
  EXPECT_EQ(pivot::valid_utf8("caf\xE9.csv"), "caf\xEF\xBF\xBD.csv");
  EXPECT_EQ(pivot::valid_utf8("\xC3\xA9"), "\xC3\xA9");
}

TEST(Utf8Csv, ParseCsvNamesLineAndByteColumn) {
  expect_utf8_error([] { pivot::parse_csv("id,name\nkr,Caf\xE9\n", "a.csv"); }, "a.csv:2:7");
  expect_utf8_error([] { pivot::parse_csv("id,name\nkr,\xC7\xD1\xB1\xB9\n", "a.csv"); }, "a.csv:2:4");
  // In a quoted field over two lines, the second line's column.
  expect_utf8_error([] { pivot::parse_csv("id,name\n\"a\nb\xE9\",x\n", "a.csv"); }, "a.csv:3:2");
  // After a BOM, column 1 is the first character after it, as for other errors.
  expect_utf8_error([] { pivot::parse_csv("\xEF\xBB\xBFid,n\xE9\n", "a.csv"); }, "a.csv:1:5");
  EXPECT_EQ(pivot::parse_csv("\xEF\xBB\xBFid,name\nkr,\xED\x95\x9C\xEA\xB5\xAD\n", "a.csv").rows[1].fields[1].text,
            "\xED\x95\x9C\xEA\xB5\xAD");
}

TEST(Utf8Csv, StreamingReaderAgreesInEveryPieceSize) {
  const fs::path dir = pivot_test::fresh_dir("utf8_stream");
  // The bad byte of line 3 is the second byte of a would-be é: C3 followed by
  // ',' ; pieces of 1-8 bytes cut the sequence everywhere.
  write(dir / "m.csv", "product,K\ncars,\xC3\xA9\nchips,\xC3,\n");
  for (std::size_t piece = 1; piece <= 8; ++piece)
    expect_utf8_error([&] { pivot::detail::for_each_csv_row(dir / "m.csv", piece, [](const pivot::CsvRowView&) {}); },
                      (dir / "m.csv").string() + ":3:7");
  expect_utf8_error([&] { pivot::read_csv_file(dir / "m.csv"); }, (dir / "m.csv").string() + ":3:7");
  fs::remove_all(dir);
}

const char* const kToml = "name = \"s\"\n[[issues]]\nid = \"i\"\nmin = 0\nmax = 10\n";

TEST(Utf8Loaders, ScenarioFiles) {
  pivot::Study study = pivot::parse_scenario_toml(kToml, "scenario.toml");
  pivot::Scenario& s = study.scenario;
  expect_utf8_error(
      [&] {
        pivot::parse_actors_csv(s,
                                "id,name,capability,i.position,i.salience\nkr,Cor\xE9"
                                "e,1,2,3\n",
                                "actors.csv");
      },
      "actors.csv:2:7");
  expect_utf8_error(
      [&] { pivot::parse_sources_csv(s, "actor,issue,field,source\n,i,min,Le Monde \xE9\n", "sources.csv"); },
      "sources.csv:2:17");
  expect_utf8_error(
      [&] { pivot::resolve_uncertainty(study, "actor,issue,field,distribution\n\xE9,i,,\n", "uncertainty.csv"); },
      "uncertainty.csv:2:1");
  expect_utf8_error([] { pivot::parse_ktab_csv("ktab,\xE9\n", "smp.csv"); }, "smp.csv:1:6");
  expect_utf8_error(
      [] { pivot::parse_predictioneer_csv("Actor,Capability,Position,Salience\nS\xE9oul,1,2,3\n", "p.csv"); },
      "p.csv:2:2");
  // TOML columns are code points: 한 and 국 are one column each.
  expect_utf8_error(
      [] {
        pivot::parse_scenario_toml("name = \"s\"\ntitle = \"\xED\x95\x9C\xEA\xB5\xAD caf\xE9\"\n", "scenario.toml");
      },
      "scenario.toml:2:16");
  // A surrogate is refused too (toml++ would decode it).
  expect_utf8_error([] { pivot::parse_scenario_toml("name = \"\xED\xA0\x80\"\n", "scenario.toml"); },
                    "scenario.toml:1:9");
}

TEST(Utf8Loaders, ScenarioDirectoryAndSingleCsv) {
  const fs::path dir = pivot_test::fresh_dir("utf8_dir");
  write(dir / "scenario.toml", kToml);
  write(dir / "actors.csv",
        "id,name,capability,i.position,i.salience\nkr,Cor\xE9"
        "e,1,2,3\n");
  expect_utf8_error([&] { pivot::pipeline::load_scenario(dir.string()); }, (dir / "actors.csv").string() + ":2:7");
  // A single Predictioneer CSV: its first line is read to tell the format.
  write(dir / "p.csv", "Actor,Capabilit\xE9,Position,Salience\n");
  expect_utf8_error([&] { pivot::pipeline::load_scenario((dir / "p.csv").string()); },
                    (dir / "p.csv").string() + ":1:16");
  fs::remove_all(dir);
}

TEST(Utf8Loaders, GameFiles) {
  expect_utf8_error([] { pivot::parse_nfg("NFG 1 R \"caf\xE9\" { \"a\" \"b\" } { 1 1 }\n1 2\n", "g.nfg"); },
                    "g.nfg:1:13");
  expect_utf8_error([] { pivot::parse_efg("EFG 2 R \"caf\xE9\" { \"a\" \"b\" }\n", "g.efg"); }, "g.efg:1:13");
  expect_utf8_error([] { pivot::parse_bimatrix_csv(",L\nT,1\n", "A.csv", ",L\n\xE9,1\n", "B.csv"); }, "B.csv:2:1");
}

TEST(Utf8Loaders, TradeModelFiles) {
  const fs::path dir = pivot_test::fresh_dir("utf8_trade");
  for (const char* name : {"products.toml", "products-flows.csv", "products-before.csv", "products-after.csv",
                           "products-elasticities.csv"})
    fs::copy_file(fs::path(PIVOT_TEST_DATA) / "trade" / name, dir / name);
  const fs::path model = dir / "products.toml";
  ASSERT_EQ(error_of([&] { pivot::trade::load_trade_model(model); }), "no error");
  const std::string toml = pivot_test::slurp(model);
  write(model, "title = \"caf\xE9\"\n" + toml);
  expect_utf8_error([&] { pivot::trade::load_trade_model(model); }, model.string() + ":1:13");
  write(model, toml);
  // Each CSV: a bad byte appended as a new last line, column 1.
  for (const char* name :
       {"products-flows.csv", "products-before.csv", "products-after.csv", "products-elasticities.csv"}) {
    const fs::path csv = dir / name;
    const std::string text = pivot_test::slurp(csv);
    const auto lines = std::count(text.begin(), text.end(), '\n');
    write(csv, text + "\xE9\n");
    expect_utf8_error([&] { pivot::trade::load_trade_model(model); },
                      csv.string() + ":" + std::to_string(lines + 1) + ":1");
    write(csv, text);
  }
  fs::remove_all(dir);
}

TEST(Utf8Loaders, DealReportAndMonteCarloFiles) {
  const fs::path dir = pivot_test::fresh_dir("utf8_other");
  write(dir / "deal.toml", "total = 350\n# caf\xE9\n");
  expect_utf8_error([&] { pivot::deal::load_deal((dir / "deal.toml").string()); },
                    (dir / "deal.toml").string() + ":2:6");
  expect_utf8_error([] { pivot::parse_report_document("{\"a\": \"caf\xE9\"}", "forecast.json"); },
                    "forecast.json:1:11");
  write(dir / "manifest.json", "{\n \"scenario\": \"caf\xE9\"}\n");
  write(dir / "trials.csv", "trial\n0\n");
  expect_utf8_error([&] { pivot::read_mc_run(dir); }, (dir / "manifest.json").string() + ":2:18");
  fs::remove_all(dir);
}

}  // namespace
