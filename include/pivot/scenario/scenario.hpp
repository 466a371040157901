// The scenario: issues, actors and their sourced judgements. Every model takes
// a Scenario; loaders turn directories and single-file formats into one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pivot/core/error.hpp"
#include "pivot/scenario/distribution.hpp"

namespace pivot {

/// One bargaining issue on a continuous scale in its native unit.
struct Issue {
  std::string id;
  std::string name;
  std::string unit;
  double min = 0.0;  // scale ends, native units
  double max = 100.0;
  std::string low;   // what the min end means
  std::string high;  // what the max end means
  std::optional<double> status_quo;

  /// Maps a native value to the 0..1 scale the models work on.
  double to_unit(double value) const { return (value - min) / (max - min); }
  /// Maps a 0..1 model value back to native units.
  double from_unit(double unit_value) const { return min + unit_value * (max - min); }
};

/// One actor with its capability and, per issue, a position (native units) and a salience (0..100).
struct Actor {
  std::string id;
  std::string name;
  double capability = 0.0;
  std::optional<double> risk;    // risk attitude, [-1, 1]; absent = model decides
  std::vector<double> position;  // one per issue
  std::vector<double> salience;  // one per issue, 0..100
  std::vector<bool> takes_part;  // per issue; empty: every issue (Decide files may leave an actor out of one)
};

/// Where a number came from and why it has its value.
struct SourceNote {
  std::string actor;  // empty for issue-level fields
  std::string issue;  // empty for actor-level fields
  std::string field;  // position, salience, capability, risk, status_quo
  std::string source;
  std::string reasoning;
};

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
  std::string source;  // where the point value came from when not from its file (e.g. a trade model's price)
};

/// A discrete outcome of the forecast, `[outcomes]` in scenario.toml: e.g.
/// `deal = "us-tariff-korea <= 17.5"` holds when the predicted tariff is at most 17.5.
struct OutcomeRule {
  std::string name;
  int issue = 0;
  std::string op;  // "<", "<=", ">", ">="
  double threshold = 0.0;
  std::string condition;  // the text as written
};

/// Whether a predicted value satisfies the rule.
bool outcome_holds(const OutcomeRule& rule, double value);

/// An actor field whose point value (actors.csv) is replaced, in Monte Carlo
/// and sensitivity runs, by draws from `distribution` (native units; salience 0..100).
struct UncertainInput {
  int actor = -1;      // -1 for an economic parameter
  int issue = -1;      // -1 for capability, risk and parameters
  int parameter = -1;  // index into Scenario::parameters for ActorField::parameter
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

/// Model settings read from the scenario (`[models.NAME]` tables): key -> value text.
using ModelSettings = std::map<std::string, std::map<std::string, std::string>>;

struct Scenario {
  std::string name;
  std::string title;
  std::string as_of;
  std::string description;
  std::string format;  // "pivot", "ktab-csv", "predictioneer-csv" or "decide"
  std::string input_encoding;  // set when a loader transcoded the input, e.g. "windows-1252 (transcoded to UTF-8)"
  std::vector<Issue> issues;
  std::vector<Actor> actors;
  std::vector<SourceNote> sources;
  ModelSettings model_settings;
  std::map<std::string, SourcePosition> model_setting_at;  // "MODEL" and "MODEL.KEY" -> where scenario.toml sets it
  std::string input_hash;                                  // FNV-1a 64 of the input files' bytes, hex
  UncertaintyDefaults uncertainty_defaults;
  std::vector<UncertainInput> uncertainty;  // resolved: defaults plus uncertainty.csv, by variable id
  std::vector<EconomicParameter>
      parameters;                     // deal.toml terms, trade/*.toml elasticities and tariffs, games/*.efg payoffs
  std::vector<OutcomeRule> outcomes;  // [outcomes] of scenario.toml
  std::filesystem::path directory;    // the scenario directory ("" for single-file scenarios)
  Linkage linkage;
  std::vector<DerivedInput> derived;  // filled when linkage.salience_from_prices is on
};

/// A scenario directory's own files parsed (scenario.toml, actors.csv, sources.csv),
/// `directory` set; `hash` is FNV-1a 64 over the bytes read, in that order.
/// uncertainty.csv and the model files are the pipeline's (pipeline::load_scenario).
struct ScenarioFiles {
  Scenario scenario;
  std::uint64_t hash = 0;
};
ScenarioFiles read_scenario_directory(const std::filesystem::path& dir);

/// A KTAB SMP CSV or a Predictioneer-style CSV (told apart by the header), with its hash.
Scenario read_scenario_csv(const std::filesystem::path& file);

/// Refuses actors whose weights leave an issue without anyone to weigh (every
/// capability 0, or capability x salience 0 for every actor on an issue), as the
/// loaders do; `where` names the input in the message (e.g. "actors").
void check_actor_weights(const Scenario& scenario, const std::string& where);

/// Parses KTAB's SMP actor-table CSV (examples/smp/doc/*.csv in KTAB).
Scenario parse_ktab_csv(const std::string& text, const std::string& file);

/// Parses Decide's exchange-model input (#A, #P, #M, #D records; tab or semicolon
/// separated; quoted or not; UTF-8 or Windows-1252). An actor without a #D record on
/// an issue takes no part in it (Actor::takes_part). Throws InputError.
Scenario parse_decide_csv(const std::string& bytes, const std::string& file);

/// Parses a Predictioneer-style CSV (`Actor,Capability,Position,Salience`), one issue.
Scenario parse_predictioneer_csv(const std::string& text, const std::string& file);

/// Parses scenario.toml text into a scenario without actors. Throws InputError.
Scenario parse_scenario_toml(const std::string& text, const std::string& file);

/// Fills actors from actors.csv text, validating against the scenario's issues.
void parse_actors_csv(Scenario& scenario, const std::string& text, const std::string& file);

/// Fills source notes from sources.csv text, validating actor and issue ids.
void parse_sources_csv(Scenario& scenario, const std::string& text, const std::string& file);

/// Reads uncertainty.csv (`actor,issue,field,distribution,low,mode,high,sd`) and
/// resolves it with the scenario's [uncertainty] defaults into `scenario.uncertainty`.
/// Pass empty text and file for defaults only. Throws InputError.
void resolve_uncertainty(Scenario& scenario, const std::string& text, const std::string& file);

/// Sets one [uncertainty] default from KEY=VALUE text (`position=10`, `salience=5`,
/// `capability=20`, `distribution=pert`, `position.ISSUE=2`) and re-resolves the
/// scenario's uncertain inputs; uncertainty.csv rows still win. Throws UsageError.
void set_uncertainty_default(Scenario& scenario, const std::string& key_value);

/// Stable index of an uncertain field, used to key its random draws:
/// actor * (1 + 2 * issues) + (0 for capability, 1 + 2 * issue for position, 2 + 2 * issue for salience);
/// after all those, actors * (1 + 2 * issues) + actor for risk and + actors + p for parameter p.
std::uint32_t uncertain_variable_id(const Scenario& scenario, const UncertainInput& input);

/// Column name of an uncertain field: `actor.capability`, `actor.risk`, `actor.issue.position|salience`
/// or the parameter's name.
std::string uncertain_input_name(const Scenario& scenario, const UncertainInput& input);

/// The actor field or parameter value an uncertain input stands for, to read or overwrite.
double& actor_field(Scenario& scenario, const UncertainInput& input);
double actor_field(const Scenario& scenario, const UncertainInput& input);

/// Index of a parameter by name, -1 if the scenario has none of that name.
int parameter_index(const Scenario& scenario, const std::string& name);

}  // namespace pivot
