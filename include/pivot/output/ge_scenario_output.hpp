// A scenario's tariff cases in general equilibrium beside GSIM's partial
// equilibrium, as ge.json and summary lines (`pivot run`). Nothing here solves
// (pivot/econ/ge_scenario.hpp). Fields: docs/models/ge.md, "A scenario's tariff cases".
#pragma once

#include <string>

#include "pivot/econ/ge_scenario.hpp"
#include "pivot/econ/trade.hpp"

namespace pivot::gravity {

/// Why GE and GSIM differ, in one sentence (ge.json `why_they_differ`, the report).
extern const char* const kGeVersusGsim;

/// ge.json: the view's settings, per region its output and domestic sales, and per case and
/// region the real-income change (conditional and full GE, % and money) beside GSIM's net
/// welfare change (money and % of output) from `trades` (the same cases, same order).
std::string ge_scenario_json(const ScenarioGe& ge, const trade::ScenarioTrade& trades, const std::string& version);

/// The summary lines: per case, per region GE (full) and GSIM, in % of output.
std::string ge_scenario_table(const ScenarioGe& ge, const trade::ScenarioTrade& trades);

}  // namespace pivot::gravity
