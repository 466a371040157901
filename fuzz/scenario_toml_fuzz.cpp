// libFuzzer target: pivot::parse_scenario_toml.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/scenario/study.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string file = "scenario.toml";
  Scenario s;
  try {
    s = parse_scenario_toml(fuzz::as_text(data, size), file).scenario;
  } catch (const InputError& e) {
    fuzz::check_input_error(e, file);
    return 0;
  }
  if (s.issues.empty()) fuzz::fail("a scenario without issues");
  if (!s.actors.empty()) fuzz::fail("scenario.toml gave actors");
  fuzz::check_scenario(s);
  return 0;
}
