// libFuzzer target: pivot::trade::load_trade_model with a fuzzed elasticities
// table (`[product,]region,...`), then both solvers on what it accepts. The
// model, flows and tariffs are a fixed valid two-product, three-region case.
#include <cstdint>
#include <filesystem>

#include "trade_fixture.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  static const std::filesystem::path dir = fuzz::write_trade_fixture("trade_elasticities");
  fuzz::write_file(dir / "elasticities.csv", fuzz::as_text(data, size));
  trade::TradeModel model;
  if (!fuzz::load_trade_fixture(dir, model)) return 0;
  if (model.markets.size() != 2) fuzz::fail("expected two products");
  fuzz::check_trade_solves(model);
  return 0;
}
