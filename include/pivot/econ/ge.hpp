// Structural gravity in general equilibrium (Anderson & van Wincoop 2003;
// Yotov, Piermartini, Monteiro & Larch 2016; Anderson, Larch & Yotov 2018,
// "GEPPML"): a change in bilateral trade costs solved with incomes fixed
// (conditional) and with factory-gate prices, incomes and expenditures adjusting
// (full endowment). Formulas, closures and sources: docs/models/ge.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace pivot::gravity {

/// How the full-endowment equilibrium is found (docs/models/ge.md, "Closures").
enum class Closure {
  geppml,    // GEPPML's iteration (ALY 2018 eq. 14): re-fit the fixed effects, prices from their ratio
  hat,       // exact hat algebra on the baseline flows, world expenditure scaled to world output
  one_step,  // gegravity v0.3: prices from the conditional OMRs, baseline shares kept
};

/// Which reference-country expenditure deflates the exporter effects inside the
/// GEPPML iteration: the fitted column total (ALY 2018's code) or phi times the
/// fitted row total (YPML 2016's code). Only the stopping rule sees the difference.
enum class ReferenceExpenditure { fitted, phi_output };

/// One year of a complete (or partly observed) country-by-country grid.
/// Matrices are row-major exporters x importers, n x n.
struct GeInputs {
  std::vector<std::string> countries;
  std::size_t reference = 0;                // P_reference = 1 (its importer effect is the normalisation)
  double sigma = 7;                         // elasticity of substitution, > 1
  std::vector<bool> present;                // an observation for the pair
  std::vector<double> trade;                // observed flows (0 where absent)
  std::vector<double> cost_baseline;        // t_ij^(1-sigma)
  std::vector<double> cost_counterfactual;  // t'_ij^(1-sigma)
  // Output and expenditure. Empty: the observed row and column totals (GEPPML).
  // Given: gegravity's supplied masses, used through their world shares.
  std::vector<double> supplied_output, supplied_expenditure;
  Closure closure = Closure::geppml;
  ReferenceExpenditure reference_expenditure = ReferenceExpenditure::fitted;
  double tolerance = 1e-12;  // GEPPML: sd and |max| of the round-to-round price change (Stata's rule)
  int max_rounds = 10000;
};

/// One equilibrium, per country (index as GeInputs::countries).
struct GeState {
  std::vector<double> factory_price;  // p'/p (1 in the baseline and conditional)
  std::vector<double> output, expenditure;
  std::vector<double> imr_power;         // P^(1-sigma): inward multilateral resistance in power units
  std::vector<double> omr_power;         // Pi^(1-sigma): outward multilateral resistance in power units
  std::vector<double> flows;             // modelled X_ij, n x n
  std::vector<double> exports, imports;  // international (i != j) totals of `flows`
  std::vector<double> real_output;       // p Y / P
};

/// One round of the GEPPML iteration: statistics over the observations of the
/// change in the factory-gate price ratio between the two rounds before (Stata's
/// `summarize diff_p_full_exp_k`).
struct GeRound {
  int round = 0;
  double mean = 0, sd = 0, min = 0, max = 0;
};

struct GeResult {
  GeState baseline, conditional, full;
  GeState hat;  // exact hat algebra, always solved, for comparison with `full`
  Closure closure = Closure::geppml;
  std::vector<GeRound> rounds;  // GEPPML only
  bool converged = false;
  int hat_iterations = 0;
  double hat_residual = 0;  // largest market-clearing gap relative to output
};

/// Solves baseline, conditional and full endowment. Throws UsageError for
/// inputs it cannot solve (sigma <= 1, a country without output or expenditure).
GeResult solve_ge(const GeInputs& inputs);

/// The closure's name as model files write it ("geppml", "hat", "one_step").
const char* closure_name(Closure closure);

/// Percent change 100 (after / before - 1).
double percent_change(double before, double after);

/// Level of a power-unit resistance: value^(1/(1-sigma)).
double resistance_level(double power, double sigma);

}  // namespace pivot::gravity
