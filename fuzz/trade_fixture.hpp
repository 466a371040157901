// A valid two-product, three-region trade model on disk for the trade fuzz
// targets: each target overwrites one of its files with the fuzzed input and
// loads model.toml; what load_trade_model accepts must then solve.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/econ/trade.hpp"

namespace pivot::fuzz {

inline constexpr const char* kTradeModelToml =
    "flows = \"flows.csv\"\ntariffs_before = \"before.csv\"\n"
    "tariffs_after = \"after.csv\"\ntariff_form = \"percent\"\n"
    "elasticities = \"elasticities.csv\"\nimport_demand_elasticity = -1.25\n"
    "export_supply_elasticity = 1.5\nsubstitution_elasticity = 5.0\n";
inline constexpr const char* kTradeFlowsCsv =
    "product,exporter,K,U,C\nchips,K,0,130,130\nchips,U,60,0,150\nchips,C,140,440,0\n"
    "cars,K,0,30,5\ncars,U,6,0,15\ncars,C,14,44,0\n";
inline constexpr const char* kTradeBeforeCsv =
    "product,exporter,K,U,C\nchips,K,0,0,5\nchips,U,0,0,10\nchips,C,5,20,0\n"
    "cars,K,0,0,5\ncars,U,0,0,10\ncars,C,5,20,0\n";
inline constexpr const char* kTradeAfterCsv =
    "product,exporter,K,U,C\nchips,K,0,25,5\nchips,U,0,0,10\nchips,C,5,20,0\n"
    "cars,K,0,25,5\ncars,U,0,0,10\ncars,C,5,20,0\n";
inline constexpr const char* kTradeElasticitiesCsv = "region,import_demand_elasticity\nK,-2\n";

/// Writes the valid model into this process's scratch directory `name` and returns it.
inline std::filesystem::path write_trade_fixture(const std::string& name) {
  const std::filesystem::path dir = scratch_dir(name);
  write_file(dir / "model.toml", kTradeModelToml);
  write_file(dir / "flows.csv", kTradeFlowsCsv);
  write_file(dir / "before.csv", kTradeBeforeCsv);
  write_file(dir / "after.csv", kTradeAfterCsv);
  write_file(dir / "elasticities.csv", kTradeElasticitiesCsv);
  return dir;
}

/// load_trade_model(dir/model.toml): false if it refused with an InputError that
/// names a file of `dir` and says where (a line, unless the file could not be
/// opened); anything else it throws is a bug.
inline bool load_trade_fixture(const std::filesystem::path& dir, trade::TradeModel& model) {
  try {
    model = trade::load_trade_model(dir / "model.toml");
    return true;
  } catch (const InputError& e) {
    const std::filesystem::path file(e.position().file);
    if (file.parent_path() != dir) fail("InputError names file '" + e.position().file + "': " + e.what());
    const std::string what = e.what();
    const bool unreadable =
        what.find("cannot open file") != std::string::npos || what.find("is a directory") != std::string::npos;
    if (e.position().line == 0 && !unreadable) fail("InputError without a line: " + what);
    return false;
  }
}

/// A loaded model must solve, and its non-linear solution must clear every market.
inline void check_trade_solves(const trade::TradeModel& model) {
  try {
    const trade::TradeResult result = trade::solve_trade(model, 1);
    for (const auto& m : result.markets)
      if (!(m.nonlinear.residual < 1e-9)) fail("non-linear solution does not clear the market");
  } catch (const std::runtime_error& e) {
    fail(std::string("solve failed: ") + e.what());
  }
}

}  // namespace pivot::fuzz
