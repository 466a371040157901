// libFuzzer target: pivot::trade::load_trade_model with a fuzzed elasticities
// table (`[product,]region,...`), then both solvers on what it accepts. The
// model, flows and tariffs are a fixed valid two-product, three-region case.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/trade.hpp"

namespace {

namespace fs = std::filesystem;

// Written once per process; only elasticities.csv changes between inputs.
fs::path model_dir() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("pivot_fuzz_trade_" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::ofstream(d / "model.toml") << "flows = \"flows.csv\"\ntariffs_before = \"before.csv\"\n"
                                       "tariffs_after = \"after.csv\"\ntariff_form = \"percent\"\n"
                                       "elasticities = \"elasticities.csv\"\nimport_demand_elasticity = -1.25\n"
                                       "export_supply_elasticity = 1.5\nsubstitution_elasticity = 5.0\n";
    std::ofstream(d / "flows.csv") << "product,exporter,K,U,C\nchips,K,0,130,130\nchips,U,60,0,150\nchips,C,140,440,0\n"
                                      "cars,K,0,30,5\ncars,U,6,0,15\ncars,C,14,44,0\n";
    std::ofstream(d / "before.csv") << "product,exporter,K,U,C\nchips,K,0,0,5\nchips,U,0,0,10\nchips,C,5,20,0\n"
                                       "cars,K,0,0,5\ncars,U,0,0,10\ncars,C,5,20,0\n";
    std::ofstream(d / "after.csv") << "product,exporter,K,U,C\nchips,K,0,25,5\nchips,U,0,0,10\nchips,C,5,20,0\n"
                                      "cars,K,0,25,5\ncars,U,0,0,10\ncars,C,5,20,0\n";
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const fs::path dir = model_dir();
  std::ofstream(dir / "elasticities.csv", std::ios::trunc | std::ios::binary) << fuzz::as_text(data, size);
  trade::TradeModel model;
  try {
    model = trade::load_trade_model(dir / "model.toml");
  } catch (const InputError& e) {
    const std::string file = e.position().file;
    if (file != (dir / "elasticities.csv").string() && file != (dir / "model.toml").string())
      fuzz::fail("InputError names file '" + file + "': " + e.what());
    if (e.position().line == 0) fuzz::fail(std::string("InputError without a line: ") + e.what());
    return 0;
  }
  if (model.markets.size() != 2) fuzz::fail("expected two products");
  try {
    const trade::TradeResult result = trade::solve_trade(model, 1);
    for (const auto& m : result.markets)
      if (!(m.nonlinear.residual < 1e-9)) fuzz::fail("non-linear solution does not clear the market");
  } catch (const std::runtime_error& e) {
    // Accepted elasticities must solve: a non-convergence is a bug to look at.
    fuzz::fail(std::string("solve failed: ") + e.what());
  }
  return 0;
}
