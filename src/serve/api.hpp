// The JSON side of the UI's API: the scenario as JSON, edits applied and
// validated, model runs and their downloadable files. No HTTP here; the
// server (server.cpp) maps these to routes and ApiError to status codes.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pivot/bargain/forecast.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/scenario/scenario.hpp"
#include "pivot/scenario/scenario_write.hpp"
#include "pivot/scenario/study.hpp"

namespace pivot::serve {

/// A request the API refuses: the HTTP status to answer and a message for people.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

/// One input cell a run changed from the loaded scenario.
struct Edit {
  std::string actor;
  std::string issue;   // empty for capability
  std::string field;   // capability, risk, position, salience; actor or issue (added, removed)
  std::string change;  // "" for a value; "added" or "removed" for an actor or issue
  double from = 0.0;   // NaN: no risk attitude (the model decides); 0 for added and removed
  double to = 0.0;
};

/// A finished run: its inputs, every model's result and what differs from the loaded scenario.
struct RunRecord {
  int id = 0;
  Study study;                          // the loaded study with the run's actors
  std::vector<ForecastResult> results;  // ktab, bdm, mean, median, nbs
  Manifest manifest;
  std::vector<Edit> edits;
};

/// A downloadable file of a run.
struct RunFile {
  std::string content;
  std::string content_type;
};

/// The scenario as the page shows it: issues with their scales, actors with their inputs.
nlohmann::json scenario_json(const Scenario& scenario);

/// `base` with the edits of a run request applied, in this order: `remove_issues` (ids),
/// `add_issues` (issue objects as scenario.toml has them: id, name, unit, min, max, low, high,
/// status_quo; every actor starts at the status quo, or the middle of the scale, with
/// salience 0), `remove_actors` (ids), then `actors`: `[{"id", "name", "capability", "risk",
/// "position": [...], "salience": [...]}]`, every field but id optional for an actor that
/// exists; `"new": true` adds one (capability, position and salience required). Each value
/// is checked against its range. Throws ApiError(400/422) naming the offending field.
Scenario apply_edits(const Scenario& base, const nlohmann::json& request);

/// The study `base` with the request's edits (apply_edits): for a pivot scenario directory,
/// uncertain inputs, source notes, [outcomes] rules and derived inputs follow their actor
/// and issue (those of removed ones are dropped; pipeline::with_actors), and the
/// [uncertainty] defaults are resolved again around the edited values. Other formats take
/// value edits only (ApiError 409 for adding or removing actors or issues).
Study edit_study(const Study& base, const nlohmann::json& request);

/// What `edited` changed from `base`: cells of the actors and issues both have (matched by
/// id), risk attitudes, and actors or issues added ("added") or removed ("removed", field
/// "actor" or "issue"; from/to 0).
std::vector<Edit> diff_inputs(const Scenario& base, const Scenario& edited);

/// Runs ktab and bdm (with the scenario's [models.NAME] settings, as `pivot run` does)
/// and the mean, median and nbs baselines.
RunRecord run_models(const Study& study, std::uint64_t seed, int threads);

/// A run as the page reads it: predictions, rounds, convergence, trajectories, edits.
nlohmann::json run_json(const RunRecord& run);

/// The Monte Carlo and sensitivity documents of a finished UI job (mc.json, sensitivity.json),
/// for the report of a run on the same inputs.
struct UncertaintyDocuments {
  std::string mc;
  std::string sensitivity;
};

/// A run's file by name (outcome.csv, positions-ktab.csv, positions-bdm.csv,
/// forecast.json, manifest.json, actors.csv, report.html), or nullopt for other names.
/// `uncertainty`, when given, goes into report.html (run_report_html).
std::optional<RunFile> run_file(const RunRecord& run, const std::string& name,
                                const UncertaintyDocuments* uncertainty = nullptr);

/// The run's HTML report: the project's report renderer (render_report) on the run's
/// forecast.json, opened by the bottom line (pipeline::bottom_line) as `pivot run`'s is.
/// With `uncertainty` (a Monte Carlo job's documents on the same inputs) it has the
/// Monte Carlo section too, and the bottom line its P5-P95 bands.
std::string run_report_html(const RunRecord& run, const UncertaintyDocuments* uncertainty = nullptr);

/// Whether two studies have the same inputs as the page sees them (input files' hash,
/// issues, actors and their values): a Monte Carlo job's results belong in a run's report.
bool same_inputs(const Study& a, const Study& b);

}  // namespace pivot::serve
