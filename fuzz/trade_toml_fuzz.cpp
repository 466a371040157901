// libFuzzer target: the model TOML of pivot::trade::load_trade_model, with the
// matrix and elasticity CSVs of a fixed valid model beside it (flows.csv,
// before.csv, after.csv, elasticities.csv); what the loader accepts must solve.
#include <cstdint>
#include <filesystem>
#include <string>

#include "trade_fixture.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string text = fuzz::as_text(data, size);
  // The loader opens whatever files the TOML names, as a user asked; a device
  // such as /dev/stdin would only wait for input, so such names are skipped.
  for (const char* device : {"dev", "proc", "sys"})
    if (text.find(device) != std::string::npos) return 0;
  static const std::filesystem::path dir = fuzz::write_trade_fixture("trade_toml");
  fuzz::write_file(dir / "model.toml", text);
  trade::TradeModel model;
  if (!fuzz::load_trade_fixture(dir, model)) return 0;
  if (model.markets.empty()) fuzz::fail("accepted a model without markets");
  fuzz::check_trade_solves(model);
  return 0;
}
