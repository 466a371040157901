// Writing scenario files, the inverse of the loaders in scenario.hpp: what
// `pivot serve` uses to save edited inputs.
#pragma once

#include <string>

#include "pivot/scenario/scenario.hpp"

namespace pivot {

/// The scenario's actors as actors.csv text (the columns parse_actors_csv reads;
/// numbers in shortest round-trip form), so a written file loads back unchanged.
std::string actors_csv(const Scenario& scenario);

}  // namespace pivot
