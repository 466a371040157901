// A GE model file (`pivot ge MODEL.toml`): the flows CSV it names, how to get
// the trade-cost coefficients (a PPML with fixed effects, or given), sigma, the
// reference country and the counterfactual; and the run that ties estimation and
// general equilibrium together. Keys: docs/models/ge.md, "Model file".
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pivot/core/error.hpp"
#include "pivot/econ/ge.hpp"
#include "pivot/econ/ppml.hpp"

namespace pivot::gravity {

/// A bilateral panel: one observation per (exporter, importer, year).
struct GravityData {
  std::string file;
  std::vector<std::string> countries;                   // sorted
  std::vector<std::int64_t> years;                      // sorted
  std::vector<std::uint32_t> exporter, importer, year;  // per observation: indices
  std::vector<double> trade;
  std::map<std::string, std::vector<double>> columns;  // numeric columns the model uses
  std::vector<std::size_t> line;                       // per observation: its CSV line
};

/// The estimation: PPML of trade on `terms` with these fixed effects.
struct EstimationSettings {
  std::vector<std::string> terms;
  std::vector<std::string> fixed_effects;  // exporter, importer, exporter-year, importer-year, pair
  std::string offset;                      // a column entering log mu with coefficient 1 ("" = none)
  bool cluster_by_pair = true;             // false: one cluster per observation
  double tolerance = 1e-10;
};

/// One change in trade costs, applied to the pairs it selects (all international
/// pairs when none are named): regressors set to values, and a tariff whose factor
/// (1 + t/100) is raised to -sigma in t^(1-sigma).
struct CostChange {
  std::map<std::string, double> set;
  std::vector<std::pair<std::string, std::string>> pairs;  // (exporter, importer); empty = every international pair
  double tariff_percent = 0;
  std::optional<double> tariff_exponent;  // the power of (1 + t/100) in t^(1-sigma); default -sigma
};

struct GeModel {
  std::string file;
  std::string title;
  GravityData data;
  std::optional<EstimationSettings> estimation;   // or:
  std::map<std::string, double> coefficients;     // given, "constant" multiplies 1
  std::string output_column, expenditure_column;  // supplied masses (both or neither)
  std::optional<std::int64_t> year;               // the GE year (default: the only or last year)
  double sigma = 7;
  std::string reference;
  Closure closure = Closure::geppml;
  ReferenceExpenditure reference_expenditure = ReferenceExpenditure::fitted;
  double tolerance = 1e-12;
  int max_rounds = 10000;
  CostChange counterfactual;
  SourcePosition ge_position;          // the [ge] table (or its closure key) and
  SourcePosition estimation_position;  // the [estimation] table: where run-time failures point
};

/// Reads MODEL.toml and the flows CSV it names (relative to the model file).
/// Throws InputError naming file, line, column and key or field.
GeModel load_ge_model(const std::filesystem::path& model_file);

/// The model's estimated (or given) coefficients, the GE inputs built from them and the solution.
struct GeRun {
  std::vector<std::string> terms;
  std::vector<double> beta, std_error;  // std_error NaN for given coefficients
  std::optional<PpmlResult> ppml;
  GeInputs inputs;
  GeResult result;
};

/// Estimates (when asked), builds the GE year's cost grids and solves. Throws
/// InputError (pointing at the model file) when the data cannot support the model.
GeRun run_ge(const GeModel& model);

/// The PPML problem a model's estimation settings describe over its data.
PpmlProblem ppml_problem(const GeModel& model);

}  // namespace pivot::gravity
