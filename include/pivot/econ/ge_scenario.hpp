// A scenario's general-equilibrium view of its tariff cases: every trade/*.toml
// (GSIM, one market per product) aggregated over products into one structural
// gravity model on the same regions, with domestic sales from ge/gdp.csv, and
// solved by ge.hpp. Settings in ge/ge.toml; formulas: docs/models/ge.md,
// "A scenario's tariff cases".
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pivot/econ/ge.hpp"
#include "pivot/econ/trade.hpp"

namespace pivot::gravity {

/// ge/ge.toml and the gdp.csv it names.
struct GeView {
  std::string file;  // ge/ge.toml
  std::string title;
  double sigma = 5;         // elasticity of substitution, > 1
  double pass_through = 1;  // share of the tariff in the buyer's price, 0..1
  std::string reference;    // P_reference = 1
  Closure closure = Closure::geppml;
  std::size_t closure_line = 1;       // where ge.toml sets it (errors about the closure point there)
  std::string gdp_file;               // as ge.toml names it
  std::string gdp_path;               // that file, relative to ge.toml's directory (errors name it)
  std::vector<std::string> regions;   // as gdp.csv lists them
  std::vector<double> gdp;            // total sales (output) per region, flows' units
  std::vector<std::size_t> gdp_line;  // each region's line in gdp.csv
};

/// Reads SCENARIO/ge/ge.toml and its gdp.csv; nullopt when the scenario has no
/// ge/ge.toml. Throws InputError naming file, line and key or column.
std::optional<GeView> load_ge_view(const std::filesystem::path& scenario_directory);

/// Trade-weighted tariff of one route over a model's products, percent: sum_p X_p t_p / sum_p X_p
/// with the baseline flows X_p as weights (`after`: the tariffs after the change, same weights).
double route_tariff_percent(const trade::TradeModel& model, const std::string& exporter, const std::string& importer,
                            bool after);

/// The GE inputs of one tariff case: the view's regions, international flows summed
/// over the model's products, domestic sales = gdp - exports to the other regions,
/// baseline costs calibrated to the flows (t_ij^(1-sigma) = X_ij: every pair's own
/// cost, as pair fixed effects would give), and counterfactual costs
/// X_ij ((1 + rho t1_ij) / (1 + rho t0_ij))^(-sigma), rho the pass-through.
/// Throws InputError (naming the view's files) for a region the model lacks or
/// domestic sales that would be <= 0.
GeInputs tariff_ge_inputs(const GeView& view, const trade::TradeModel& model, double sigma, double pass_through);

/// One tariff case solved: `name` is the trade file's stem.
struct GeCase {
  std::string name, title;
  GeInputs inputs;
  GeResult result;
  std::vector<double> tariff_before, tariff_after;  // route tariffs, percent, regions x regions
};

struct ScenarioGe {
  std::optional<GeView> view;  // none: the scenario has no GE view
  std::vector<GeCase> cases;   // one per trade model, in the trades' order
};

/// Every trade model of `trades` solved in general equilibrium with the view's σ and pass-through.
ScenarioGe solve_scenario_ge(const std::filesystem::path& scenario_directory, const trade::ScenarioTrade& trades);

/// One case solved with its own σ and pass-through (the Monte Carlo's trial).
GeCase solve_ge_case(const GeView& view, const trade::TradeModel& model, const std::string& name, double sigma,
                     double pass_through);

/// Real-income change of `region` index in percent: full endowment (or conditional) real output.
double real_income_change_percent(const GeCase& c, std::size_t region, bool full = true);

}  // namespace pivot::gravity
