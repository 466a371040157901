// libFuzzer target: pivot::pipeline::load_study with a fuzzed scenario.toml
// beside fixed actors.csv, the trade fixture (model.toml and its CSVs) and a
// deal.toml, so that [linkage] is checked against the actors, issues, the
// trade model's regions and the deal's terms, and its stakes are priced. What
// the loader accepts must be a valid scenario.
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"
#include "trade_fixture.hpp"

namespace {

const char* kActorsCsv =
    "id,name,capability,tariff.position,tariff.salience,cash.position,cash.salience\n"
    "k,Korea,40,10,80,20,60\n"
    "u,United States,100,25,70,90,50\n";

const char* kDealToml =
    "total = 350\ncash_share = 100\npayment_years = 3.5\nproject_return = 5\n"
    "payer_profit_share = 50\ndiscount_rate = 5\ntariff_saved = 13\nfx_reserves = 420\n";

std::filesystem::path scenario_dir() {
  const std::filesystem::path dir = pivot::fuzz::write_trade_fixture("scenario_linkage");
  pivot::fuzz::write_file(dir / "actors.csv", kActorsCsv);
  pivot::fuzz::write_file(dir / "deal.toml", kDealToml);
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string text = fuzz::as_text(data, size);
  // [linkage] names model files, which the loader opens as a user asked; a
  // device such as /dev/stdin would only wait for input, so such names are skipped.
  for (const char* device : {"dev", "proc", "sys"})
    if (text.find(device) != std::string::npos) return 0;
  static const std::filesystem::path dir = scenario_dir();
  fuzz::write_file(dir / "scenario.toml", text);
  Scenario scenario;
  try {
    scenario = pipeline::load_study(dir.string()).scenario;
  } catch (const InputError& e) {
    const std::filesystem::path file(e.position().file);
    if (file.parent_path() != dir) fuzz::fail("InputError names file '" + e.position().file + "': " + e.what());
    const std::string what = e.what();
    const bool unreadable =
        what.find("cannot open file") != std::string::npos || what.find("is a directory") != std::string::npos;
    if (e.position().line == 0 && !unreadable) fuzz::fail("InputError without a line: " + what);
    return 0;
  }
  fuzz::check_scenario(scenario);
  return 0;
}
