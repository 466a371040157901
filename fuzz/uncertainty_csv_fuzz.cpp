// libFuzzer target: pivot::resolve_uncertainty (uncertainty.csv) against a fixed
// scenario with [uncertainty] defaults, an actor with and one without a risk
// attitude, one economic parameter and two game payoffs. What it accepts must be drawable: every
// distribution finite, low < high, the mode inside, keyed by distinct variable ids,
// and a draw from it must land in [low, high].
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/scenario/distribution.hpp"
#include "pivot/scenario/study.hpp"

namespace {

const char* kScenarioToml = R"(name = "fuzz"
[[issues]]
id = "tariff"
min = 0.0
max = 50.0

[[issues]]
id = "korea-alignment"
min = -10
max = 10

[uncertainty]
position = 3
salience = 5
risk = 0.25
distribution = "pert"
)";

const char* kActorsCsv =
    "id,name,capability,risk,tariff.position,tariff.salience,korea-alignment.position,korea-alignment.salience\n"
    "us,United States,100,0.5,25,80,5,40\n"
    "kr,South Korea,40,,10,90,-2,60\n";

const pivot::Study& base_study() {
  static const pivot::Study s = [] {
    pivot::Study t = pivot::parse_scenario_toml(kScenarioToml, "scenario.toml");
    pivot::parse_actors_csv(t.scenario, kActorsCsv, "actors.csv");
    t.parameters.push_back({"deal.discount_rate", 5.0, -99.0, 1000.0});
    // Game payoffs, so names under game.entry. reach the message that lists a game's outcomes.
    t.parameters.push_back({"game.entry.stays-out.entrant", 0.0, -1e12, 1e12});
    t.parameters.push_back({"game.entry.price-war.incumbent", -1.0, -1e12, 1e12});
    return t;
  }();
  return s;
}

void check_inputs(const pivot::Study& s) {
  std::set<std::uint32_t> ids;
  for (const pivot::UncertainInput& u : s.uncertainty) {
    const pivot::Distribution& d = u.distribution;
    if (!std::isfinite(d.low) || !std::isfinite(d.high) || !std::isfinite(d.mode) || !(d.low < d.high))
      pivot::fuzz::fail("bad support for " + pivot::uncertain_input_name(s, u));
    if (d.kind != pivot::DistributionKind::truncated_normal && !(d.mode >= d.low && d.mode <= d.high))
      pivot::fuzz::fail("mode outside the support for " + pivot::uncertain_input_name(s, u));
    if (d.kind == pivot::DistributionKind::truncated_normal && !(d.sd > 0.0 && std::isfinite(d.sd)))
      pivot::fuzz::fail("bad sd for " + pivot::uncertain_input_name(s, u));
    const std::uint32_t id = pivot::uncertain_variable_id(s, u);
    if (!ids.insert(id).second) pivot::fuzz::fail("two inputs share variable id " + std::to_string(id));
    const double x = pivot::sample_distribution(d, {1, pivot::kStreamMonteCarlo, 0, id});
    if (!(x >= d.low && x <= d.high))
      pivot::fuzz::fail("draw outside [low, high] for " + pivot::uncertain_input_name(s, u));
    pivot::Study copy = s;
    pivot::actor_field(copy, u) = x;  // every input names a field that exists
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  Study s = base_study();
  try {
    resolve_uncertainty(s, fuzz::as_text(data, size), "uncertainty.csv");
  } catch (const InputError& e) {
    fuzz::check_input_error(e, "uncertainty.csv");
    return 0;
  }
  check_inputs(s);
  return 0;
}
