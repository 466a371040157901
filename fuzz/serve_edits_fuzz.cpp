// libFuzzer target: the JSON that `pivot serve` takes from the page. A run or
// save request (edits of a fixed scenario: values, risk attitudes, actors and
// issues added or removed) goes through serve::apply_edits,
// which may refuse it only with serve::ApiError; what it accepts must be a
// valid scenario that actors_csv writes and parse_actors_csv reads back
// unchanged. The same bytes as a file name must never resolve outside the
// scenario directory.
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/scenario/scenario_write.hpp"
#include "pivot/scenario/study.hpp"
#include "serve/api.hpp"
#include "serve/guard.hpp"

namespace {

const pivot::Scenario& base() {
  static const pivot::Scenario s = [] {
    pivot::Scenario t = pivot::parse_scenario_toml(pivot::fuzz::kServeScenarioToml, "scenario.toml").scenario;
    pivot::parse_actors_csv(t, pivot::fuzz::kServeActorsCsv, "actors.csv");
    return t;
  }();
  return s;
}

// On the edited issues (the request may add and remove issues and actors).
void check_round_trip(const pivot::Scenario& edited) {
  pivot::Scenario again = pivot::parse_scenario_toml(pivot::fuzz::kServeScenarioToml, "scenario.toml").scenario;
  again.issues = edited.issues;
  pivot::parse_actors_csv(again, pivot::actors_csv(edited), "actors.csv");
  if (again.actors.size() != edited.actors.size()) pivot::fuzz::fail("actors.csv round trip changed the actors");
  for (std::size_t a = 0; a < edited.actors.size(); ++a) {
    const auto &x = edited.actors[a], &y = again.actors[a];
    if (x.id != y.id || x.name != y.name || x.capability != y.capability || x.position != y.position ||
        x.salience != y.salience || x.risk != y.risk)
      pivot::fuzz::fail("actors.csv round trip changed actor " + x.id);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string input = fuzz::as_text(data, size);
  const nlohmann::json request = nlohmann::json::parse(input, nullptr, false);
  if (!request.is_discarded()) {
    try {
      const Scenario edited = serve::apply_edits(base(), request);
      fuzz::check_scenario(edited);
      check_round_trip(edited);
    } catch (const serve::ApiError& e) {
      if (e.status() != 400 && e.status() != 422) fuzz::fail(std::string("unexpected status for ") + e.what());
    } catch (const InputError& e) {
      fuzz::fail(std::string("edited actors did not load back: ") + e.what());
    }
  }
  const std::filesystem::path dir = std::filesystem::temp_directory_path();
  if (auto path = serve::file_in_directory(dir, input);
      path && path->parent_path() != std::filesystem::weakly_canonical(dir))
    fuzz::fail("file name resolved outside the directory: " + input);
  return 0;
}
