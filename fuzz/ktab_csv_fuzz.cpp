// libFuzzer target: pivot::parse_ktab_csv, then the ktab model on small scenarios
// (at most 12 actors and 3 dimensions, 3 turns): odd inputs such as zero
// capabilities, zero saliences or identical positions must neither crash, hang
// nor produce NaN positions.
#include <cmath>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/bargain/forecast.hpp"
#include "pivot/scenario/scenario.hpp"

namespace {

void check_positions(const std::vector<double>& values, std::size_t dims, const char* what) {
  if (values.size() != dims) pivot::fuzz::fail(std::string(what) + ": wrong number of issues");
  for (double v : values)
    if (std::isnan(v)) pivot::fuzz::fail(std::string("NaN in ") + what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string file = "fuzz.csv";
  Scenario s;
  try {
    s = parse_ktab_csv(fuzz::as_text(data, size), file);
  } catch (const InputError& e) {
    fuzz::check_input_error(e, file);
    return 0;
  }
  const std::size_t dims = s.issues.size();
  if (s.actors.size() < 2 || dims < 1) fuzz::fail("wrong shape");
  fuzz::check_scenario(s);
  if (s.actors.size() > 12 || dims > 3) return 0;

  ForecastOptions options;
  options.threads = 1;
  options.settings["max_turns"] = "3";
  ForecastResult r = run_forecast(s, "ktab", options);
  if (r.rounds.empty()) fuzz::fail("no rounds");
  for (const Round& round : r.rounds) {
    if (round.positions.size() != s.actors.size()) fuzz::fail("wrong number of actors in a round");
    for (const auto& p : round.positions) check_positions(p, dims, "round positions");
  }
  check_positions(r.predicted, dims, "predicted outcome");
  return 0;
}
