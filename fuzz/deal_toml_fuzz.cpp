// libFuzzer target: pivot::deal::load_deal (deal.toml, top-level terms or a
// [deal] table), then price_deal on what it accepts: one schedule row per year
// of the horizon and finite present values and outflows.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/econ/deal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  static const std::filesystem::path file = fuzz::scratch_dir("deal_toml") / "deal.toml";
  fuzz::write_file(file, fuzz::as_text(data, size));
  const auto loaded = fuzz::load_or_refuse(file.string(), [&] { return deal::load_deal(file.string()); });
  if (!loaded) return 0;
  const deal::DealTerms& terms = *loaded;
  try {
    deal::validate_terms(terms, file.string());
  } catch (const InputError& e) {
    fuzz::fail(std::string("load_deal accepted terms that validate_terms refuses: ") + e.what());
  }
  const deal::DealResult result = deal::price_deal(terms);
  if (result.schedule.size() != static_cast<std::size_t>(terms.horizon)) fuzz::fail("schedule is not one row a year");
  for (double v : {result.payer_cost_pv, result.receiver_cost_pv, result.tariff_saved_pv, result.peak_outflow,
                   result.peak_share_of_reserves, result.peak_share_of_current_account, result.unpaid_at_horizon})
    if (!std::isfinite(v)) fuzz::fail("non-finite result for finite terms");
  return 0;
}
