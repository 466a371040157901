// libFuzzer target: pivot::parse_actors_csv and pivot::parse_sources_csv against a
// fixed scenario.toml. The input is actors.csv, optionally followed by a form feed
// (\f) and sources.csv; sources are read against the actors just parsed and,
// separately, against a fixed set of actors.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/scenario/study.hpp"

namespace {

const char* kScenarioToml = R"(name = "fuzz"
[[issues]]
id = "tariff"
unit = "%"
min = 0.0
max = 50.0
status_quo = 25.0

[[issues]]
id = "korea-alignment"
min = -10
max = 10
)";

const char* kActorsCsv =
    "id,name,capability,risk,tariff.position,tariff.salience,korea-alignment.position,korea-alignment.salience\n"
    "us,United States,100,0.5,25,80,5,40\n"
    "kr,South Korea,40,,10,90,-2,60\n";

const pivot::Scenario& base_scenario() {
  static const pivot::Scenario s = pivot::parse_scenario_toml(kScenarioToml, "scenario.toml").scenario;
  return s;
}

const pivot::Scenario& scenario_with_actors() {
  static const pivot::Scenario s = [] {
    pivot::Scenario t = base_scenario();
    pivot::parse_actors_csv(t, kActorsCsv, "actors.csv");
    return t;
  }();
  return s;
}

void parse_sources(pivot::Scenario s, const std::string& text) {
  try {
    pivot::parse_sources_csv(s, text, "sources.csv");
  } catch (const pivot::InputError& e) {
    pivot::fuzz::check_input_error(e, "sources.csv");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string input = fuzz::as_text(data, size);
  const std::size_t split = input.find('\f');
  const std::string actors_text = input.substr(0, split);
  const std::string sources_text = split == std::string::npos ? std::string() : input.substr(split + 1);

  Scenario s = base_scenario();
  bool actors_ok = true;
  try {
    parse_actors_csv(s, actors_text, "actors.csv");
    if (s.actors.size() < 2) fuzz::fail("fewer than 2 actors");
    fuzz::check_scenario(s);
  } catch (const InputError& e) {
    fuzz::check_input_error(e, "actors.csv");
    actors_ok = false;
  }
  if (actors_ok && split != std::string::npos) parse_sources(s, sources_text);
  parse_sources(scenario_with_actors(), split == std::string::npos ? input : sources_text);
  return 0;
}
