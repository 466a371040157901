// The scenario: issues, actors and their sourced judgements. Every model takes
// a Scenario; loaders turn directories and single-file formats into one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
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
  std::optional<double> risk;      // risk attitude, [-1, 1]; absent = model decides
  std::vector<double> position;    // one per issue
  std::vector<double> salience;    // one per issue, 0..100
  std::vector<bool> takes_part{};  // per issue; empty: every issue (Decide files may leave an actor out of one)
};

/// Where a number came from and why it has its value.
struct SourceNote {
  std::string actor;  // empty for issue-level fields
  std::string issue;  // empty for actor-level fields
  std::string field;  // position, salience, capability, risk, status_quo
  std::string source;
  std::string reasoning;
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
  std::vector<OutcomeRule> outcomes;                       // [outcomes] of scenario.toml
  std::filesystem::path directory;                         // the scenario directory ("" for single-file scenarios)
};

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

/// The checks every issue passes, in scenario.toml or built in memory: an id of letters,
/// digits, '-' or '_', max > min (a finite range), a status quo within [min, max].
/// `at(key)` gives the position to report for "id", "max" or "status_quo". Throws InputError.
void check_issue(const Issue& issue, const std::function<SourcePosition(const std::string& key)>& at);

/// Fills actors from actors.csv text, validating against the scenario's issues.
void parse_actors_csv(Scenario& scenario, const std::string& text, const std::string& file);

/// Fills source notes from sources.csv text, validating actor and issue ids.
void parse_sources_csv(Scenario& scenario, const std::string& text, const std::string& file);

}  // namespace pivot
