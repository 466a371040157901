// A study: one scenario with everything its directory says beyond the
// bargaining inputs, the tables of scenario.toml the models do not read
// ([uncertainty], [linkage]), the numbers of its model files (deal.toml,
// trade/*.toml, games/*.efg) named as parameters, the uncertain inputs
// resolved over both, and the inputs the pipeline derived from prices.
// The scenario module reads one; the pipeline's named steps (src/pipeline/load.cpp)
// fill what is derived. Monte Carlo and sensitivity sample a study.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pivot/scenario/distribution.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {

/// The fields a distribution can replace: an actor's capability, position, salience
/// or risk attitude, or one of the scenario's economic parameters.
enum class ActorField { capability, position, salience, risk, parameter };

/// A named number of an economic model that ships with the scenario, e.g.
/// `deal.discount_rate` (deal.toml) or `trade.goods.KOR.import_demand` (trade/goods.toml),
/// which uncertainty.csv may give a distribution. See docs/uncertainty.md.
struct EconomicParameter {
  std::string name;
  double value = 0.0;  // the point value in its file
  double min = 0.0;    // the values the model accepts
  double max = 0.0;
  std::string source{};  // where the point value came from when not from its file (e.g. a trade model's price)
};

/// An actor field whose point value (actors.csv) is replaced, in Monte Carlo
/// and sensitivity runs, by draws from `distribution` (native units; salience 0..100).
struct UncertainInput {
  int actor = -1;      // -1 for an economic parameter
  int issue = -1;      // -1 for capability, risk and parameters
  int parameter = -1;  // index into Study::parameters for ActorField::parameter
  ActorField field = ActorField::position;
  Distribution distribution;
  std::string origin;  // "file:line" of the uncertainty.csv row, or "[uncertainty]"
};

/// Scenario-wide default spreads, the `[uncertainty]` table of scenario.toml.
/// Each applies to every actor field that uncertainty.csv does not list.
struct UncertaintyDefaults {
  std::optional<double> position;                      // +- native units, every issue
  std::map<std::string, double> position_by_issue;     // +- native units for one issue (overrides `position`)
  std::optional<double> salience;                      // +- salience points
  std::optional<double> capability_percent;            // +- percent of the actor's capability
  std::optional<double> risk;                          // +- risk attitude (actors that have one; scale [-1, 1])
  DistributionKind shape = DistributionKind::uniform;  // uniform, triangular or pert (mode = point value)
};

/// One actor's stake on one issue, priced by the economics models (`[[linkage.stakes]]`).
struct LinkageStake {
  std::string actor;
  std::string issue;
  std::string
      measure;  // producer_surplus, consumer_surplus, tariff_revenue, net_welfare; deal_payer_cost, deal_receiver_cost
  std::string region;    // trade measures: whose outcome
  std::string exporter;  // trade measures: the route the issue's rate applies to
  std::string importer;
  std::string term;                  // deal measures: the deal term the issue sets (e.g. cash-share)
  std::size_t line = 0, column = 0;  // in scenario.toml, for errors
};

/// The `[linkage]` table: where the economics models' prices feed the bargaining inputs.
struct Linkage {
  bool salience_from_prices = false;
  std::string trade;         // trade model TOML, relative to the scenario directory
  std::string deal;          // deal TOML, relative to the scenario directory
  std::string payer_region;  // the deal payer's region in the trade model: prices the deal's avoided tariff
  std::vector<LinkageStake> stakes;
  std::string file;  // scenario.toml, for errors
};

/// An actor field computed from other inputs rather than taken from actors.csv.
struct DerivedInput {
  std::string actor;
  std::string issue;
  std::string field;  // "salience"
  double value = 0;   // as derived
  double was = 0;     // in actors.csv
  std::string from;   // the files and figures it rests on
};

/// A scenario and what its directory adds to it. Every model takes `scenario`;
/// the rest is read by the steps that derive inputs and by the uncertainty engine.
struct Study {
  Scenario scenario;                           // the bargaining inputs
  Linkage linkage{};                           // [linkage] of scenario.toml
  UncertaintyDefaults uncertainty_defaults{};  // [uncertainty] of scenario.toml
  std::vector<EconomicParameter>
      parameters{};  // deal.toml terms, trade/*.toml elasticities and tariffs, games/*.efg payoffs
  std::vector<UncertainInput> uncertainty{};  // resolved: defaults plus uncertainty.csv, by variable id
  std::vector<DerivedInput> derived{};        // filled when linkage.salience_from_prices is on
};

/// Parses scenario.toml text into a study whose scenario has no actors yet, with
/// its [uncertainty] defaults and [linkage] table. Throws InputError.
Study parse_scenario_toml(const std::string& text, const std::string& file);

/// A scenario directory's own files parsed (scenario.toml, actors.csv, sources.csv),
/// `scenario.directory` set; `hash` is FNV-1a 64 over the bytes read, in that order.
/// uncertainty.csv and the model files are the pipeline's steps (pipeline::load_study).
struct StudyFiles {
  Study study;
  std::uint64_t hash = 0;
};
StudyFiles read_scenario_directory(const std::filesystem::path& dir);

/// Reads uncertainty.csv (`actor,issue,field,distribution,low,mode,high,sd`) and
/// resolves it with the study's [uncertainty] defaults into `study.uncertainty`.
/// Pass empty text and file for defaults only. Throws InputError.
void resolve_uncertainty(Study& study, const std::string& text, const std::string& file);

/// Sets one [uncertainty] default from KEY=VALUE text (`position=10`, `salience=5`,
/// `capability=20`, `distribution=pert`, `position.ISSUE=2`) and re-resolves the
/// study's uncertain inputs; uncertainty.csv rows still win. Throws UsageError.
void set_uncertainty_default(Study& study, const std::string& key_value);

/// Stable index of an uncertain field, used to key its random draws:
/// actor * (1 + 2 * issues) + (0 for capability, 1 + 2 * issue for position, 2 + 2 * issue for salience);
/// after all those, actors * (1 + 2 * issues) + actor for risk and + actors + p for parameter p.
std::uint32_t uncertain_variable_id(const Study& study, const UncertainInput& input);

/// Column name of an uncertain field: `actor.capability`, `actor.risk`, `actor.issue.position|salience`
/// or the parameter's name.
std::string uncertain_input_name(const Study& study, const UncertainInput& input);

/// The actor field or parameter value an uncertain input stands for, to read or overwrite.
double& actor_field(Study& study, const UncertainInput& input);
double actor_field(const Study& study, const UncertainInput& input);

/// Index of a parameter by name, -1 if the study has none of that name.
int parameter_index(const Study& study, const std::string& name);

}  // namespace pivot
