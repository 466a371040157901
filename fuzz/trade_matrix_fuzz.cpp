// libFuzzer target: the matrix CSVs of pivot::trade::load_trade_model. The
// first byte picks which file of a fixed valid model the rest replaces (flows,
// tariffs before or tariffs after, `[product,]exporter,<importers...>`); what
// the loader accepts must solve.
#include <cstdint>
#include <filesystem>

#include "trade_fixture.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  if (size == 0) return 0;
  static const std::filesystem::path dir = fuzz::write_trade_fixture("trade_matrix");
  const char* const files[] = {"flows.csv", "before.csv", "after.csv"};
  const char* const valid[] = {fuzz::kTradeFlowsCsv, fuzz::kTradeBeforeCsv, fuzz::kTradeAfterCsv};
  const std::size_t pick = data[0] % 3;
  for (std::size_t k = 0; k < 3; ++k) fuzz::write_file(dir / files[k], valid[k]);
  fuzz::write_file(dir / files[pick], fuzz::as_text(data + 1, size - 1));
  trade::TradeModel model;
  if (!fuzz::load_trade_fixture(dir, model)) return 0;
  fuzz::check_trade_solves(model);
  return 0;
}
