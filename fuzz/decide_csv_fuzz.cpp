// libFuzzer target: pivot::parse_decide_csv (Decide's #A/#P/#M/#D records, tab or
// semicolon, quoted or not, UTF-8 or Windows-1252), then the exchange model on what it accepts.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/bargain/forecast.hpp"
#include "pivot/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string file = "fuzz.csv";
  Scenario s;
  try {
    s = parse_decide_csv(std::string(reinterpret_cast<const char*>(data), size), file);
  } catch (const InputError& e) {
    fuzz::check_input_error(e, file);
    return 0;
  }
  if (s.actors.empty() || s.issues.empty()) fuzz::fail("empty scenario accepted");
  fuzz::check_scenario(s);
  if (s.actors.size() * s.issues.size() <= 400) {
    ForecastOptions options;
    options.settings = {{"rounds", "2"}};
    const ForecastResult r = run_forecast(s, "exchange", options);
    for (double v : r.predicted)
      if (!std::isfinite(v)) fuzz::fail("non-finite exchange outcome");
  }
  return 0;
}
