// libFuzzer target: pivot::parse_predictioneer_csv (Actor,Capability,Position,Salience).
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string file = "fuzz.csv";
  Scenario s;
  try {
    s = parse_predictioneer_csv(fuzz::as_text(data, size), file);
  } catch (const InputError& e) {
    fuzz::check_input_error(e, file);
    return 0;
  }
  if (s.issues.size() != 1 || s.actors.size() < 2) fuzz::fail("wrong shape");
  fuzz::check_scenario(s);
  return 0;
}
