// GE results as text and files: countries.csv, pairs.csv, coefficients.csv, the
// JSON document and the stdout table. Nothing here solves (pivot/econ/ge_model.hpp).
// Columns: docs/models/ge.md, "Outputs".
#pragma once

#include <string>

#include "pivot/econ/ge_model.hpp"

namespace pivot::gravity {

/// Per country: masses, real GDP, exports, imports, factory-gate price and both
/// multilateral resistances (power terms and level changes), baseline / conditional / full / hat.
std::string ge_countries_csv(const GeRun& run);

/// Per present pair: observed, baseline (fitted), conditional, full and hat flows and the costs t^(1-sigma).
std::string ge_pairs_csv(const GeRun& run);

/// `term,estimate,std_error` (std_error empty for given coefficients or omitted terms).
std::string ge_coefficients_csv(const GeRun& run);

/// Everything above with the settings, the estimation's diagnostics and the GEPPML rounds.
std::string ge_json(const GeModel& model, const GeRun& run, const std::string& version);

/// The readable summary: coefficients, then real GDP (conditional, full, hat), exports and prices per country.
std::string ge_table(const GeModel& model, const GeRun& run);

}  // namespace pivot::gravity
