// The pipeline: how pivot runs a study, step by step. The command line, the
// `pivot serve` API and the Python module call these functions and nothing
// else computes; they only parse their own input and write what comes back.
//
//   load_study      scenario files -> Study: the files read, then the named steps
//                   derive_saliences ([linkage] prices saliences) and
//                   register_uncertain_parameters (the model files' numbers
//                   uncertainty.csv samples), then those a command adds (spreads,
//                   price_avoided_tariff)
//   load_scenario   the bargaining inputs alone (load_study's scenario)
//   forecast_*      model options, every model beside the baselines
//   run_study       everything `pivot run` writes, as documents in memory
//   deal_study      the deal as `pivot deal` prices it
//   trade_study     a trade model as `pivot trade` solves it
//   ge_study        a structural-gravity model as `pivot ge` estimates and solves it
//   solve_study     a game's equilibria (or a profile's regrets) as `pivot solve` finds them
//   monte_carlo_study, merge_study, sensitivity_study
//                   `pivot mc`, `pivot merge` and `pivot sensitivity`; progress and
//                   an early stop come from the caller (StudyControl)
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pivot/bargain/forecast.hpp"
#include "pivot/econ/deal.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/report/bottom_line.hpp"
#include "pivot/report/report.hpp"
#include "pivot/scenario/scenario.hpp"
#include "pivot/scenario/study.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/summary.hpp"

namespace pivot::pipeline {

// ---------------------------------------------------------------------------
// Options as people write them.

/// "KEY=VALUE" split at the first '='; UsageError naming `option` otherwise.
std::pair<std::string, std::string> split_key_value(const std::string& text, const std::string& option);

/// Model options: the scenario's [models.NAME] table (checked against the models),
/// then `sets` ("KEY=VALUE", as --set gives them) on top.
ForecastOptions forecast_options(const Scenario& scenario, const std::string& model, std::uint64_t seed, int threads,
                                 const std::vector<std::string>& sets = {});

/// `--set` options of a command that runs several models (`pivot run`), sorted per model:
/// "MODEL.KEY=VALUE" goes to MODEL, "KEY=VALUE" to every one of `models` that reads KEY.
/// UsageError for an unknown model or a key none of them reads.
std::map<std::string, std::vector<std::string>> sets_by_model(const std::vector<std::string>& sets,
                                                              const std::vector<std::string>& models);

// ---------------------------------------------------------------------------
// Loading.

/// Directory holding the built-in scenarios (next to the binary or the source tree).
std::filesystem::path builtin_scenario_root();

/// A game file named on the command line: a path, or SCENARIO:NAME for
/// games/NAME.efg (or .nfg) of a scenario directory or built-in scenario.
std::filesystem::path resolve_game_file(const std::string& spec);

/// What a command adds to a study beyond its files.
struct StudySettings {
  std::vector<std::string> spreads;  // --spread KEY=VALUE: uncertainty defaults
  bool price_tariff = false;         // the deal's avoided tariff priced by the linked trade model
};

/// The study NAME_OR_PATH names (a scenario directory, its scenario.toml, a KTAB or
/// Predictioneer CSV, or a built-in name such as "korea-2025"), in named steps:
///   1. the files read (scenario.toml, actors.csv, sources.csv; or the CSV);
///   2. derive_saliences: with [linkage] salience_from_prices, saliences priced by the
///      trade model and the deal, each recorded in `derived` (manifests: `derived.*`);
///   3. register_uncertain_parameters: the numbers of the model files uncertainty.csv
///      names (deal.toml, trade/*.toml, games/*.efg) as `parameters`, and uncertainty.csv
///      resolved with the [uncertainty] defaults into `uncertainty` (Monte Carlo manifests
///      list each input);
///   4. `settings.spreads` applied as [uncertainty] defaults;
///   5. with `settings.price_tariff`, price_avoided_tariff: deal.tariff_saved priced by the
///      trade model [linkage] names (docs/uncertainty.md, "One source per number").
/// The input hash covers every file a step read. Throws InputError on bad input.
Study load_study(const std::string& name_or_path, const StudySettings& settings = {});

/// The bargaining inputs of load_study(name_or_path): what the forecast models read.
Scenario load_scenario(const std::string& name_or_path);

/// Steps 4 and 5 of load_study (what `settings` adds) on a study already loaded or
/// built in memory: load_study(name, settings) is prepare_study(load_study(name), settings).
Study prepare_study(Study study, const StudySettings& settings);

/// A copy of `base` with the actors of actors.csv text `actors_text` (checked as the loader
/// checks actors.csv, errors naming `file`). Uncertain inputs, source notes and derived
/// inputs follow their actor by id (an actor that is new has none); the input hash changes
/// with the actors.
Study with_actors(const Study& base, const std::string& actors_text, const std::string& file);

/// A study built in memory (scenario format "memory", no model files): `issues` checked as
/// scenario.toml's are (errors name `issues_where`), actors from actors.csv text as
/// `with_actors` reads them.
Study study_from_tables(const std::string& name, const std::vector<Issue>& issues, const std::string& issues_where,
                        const std::string& actors_text, const std::string& actors_file);

/// The directory a scenario argument names, built-in names included; empty for a single file.
std::filesystem::path scenario_directory(const std::string& name_or_path);

// ---------------------------------------------------------------------------
// Forecasts.

/// `models` followed by the mean, median and nbs baselines (a baseline already among them is not repeated).
std::vector<ForecastResult> with_baselines(const Scenario& scenario, std::vector<ForecastResult> models);

/// The models `pivot run`, `pivot report` and `pivot serve` run beside the baselines, in
/// their order in AllModels::results: ktab, bdm, exchange.
std::vector<std::string> all_model_names();

/// The models of all_model_names() with the scenario's model settings, then the baselines;
/// the manifest is ktab's, with the study's derived inputs.
struct AllModels {
  std::vector<ForecastResult> results;
  Manifest manifest;
};
/// `sets`: per model, its "KEY=VALUE" options on top of the scenario's (sets_by_model).
AllModels forecast_all_models(const Study& study, const std::string& command, std::uint64_t seed, int threads,
                              const std::map<std::string, std::vector<std::string>>& sets = {});

// ---------------------------------------------------------------------------
// Whole commands, as documents.

/// What a command produces: text for people and named documents (file name -> bytes).
struct Documents {
  std::string text;
  std::vector<std::pair<std::string, std::string>> files;  // in the order they were made
};

struct RunSettings {
  std::uint64_t seed = 0;
  int threads = 0;
  std::uint64_t trials = 1000;    // Monte Carlo trials per model (--trials, at least 1)
  bool monte_carlo = true;        // false (--no-mc): no Monte Carlo, no sensitivity
  std::vector<std::string> sets;  // model options, "KEY=VALUE" or "MODEL.KEY=VALUE" (sets_by_model)
};

struct StudyControl;

/// Thrown by a study stopped through StudyControl::stop before it finished: nothing it
/// made may be written.
struct StudyInterrupted : std::runtime_error {
  StudyInterrupted() : std::runtime_error("interrupted") {}
};

/// `pivot run`: every analysis the scenario supports (forecast, trade, deal, games,
/// Monte Carlo and sensitivity, report, summary.txt). `out_dir` only names the
/// documents in the report's error messages; nothing is written. Each step is a stage
/// of `control` ("forecast", "trade", ..., then the Monte Carlo's "MODEL trials" and
/// "MODEL sensitivity runs"); throws StudyInterrupted when control.stop is raised.
/// `study` as load_study returns it: the run prices the avoided tariff itself.
Documents run_study(Study study, const RunSettings& settings, const std::filesystem::path& out_dir,
                    const StudyControl& control);
/// The same on load_study(name_or_path), without a way to stop it.
Documents run_study(const std::string& name_or_path, const RunSettings& settings, const std::filesystem::path& out_dir);

/// `pivot forecast`: one model beside the baselines. `text` is the table; files (each
/// only when asked for, as the trace can be large): forecast.json, and positions.csv,
/// outcome.csv and manifest.json.
struct ForecastStudySettings {
  std::string model = "ktab";
  std::uint64_t seed = 0;
  int threads = 0;
  std::vector<std::string> sets;  // --set KEY=VALUE
  bool json = false;
  bool csv = false;
};
Documents forecast_study(const std::string& name_or_path, const ForecastStudySettings& settings);

/// The bottom line per issue, from the documents in `inputs` (forecast.json, mc.json):
/// forecasts against the status quo, the Monte Carlo band, [outcomes] probabilities with
/// standard errors, the three inputs that move the forecast most, and flags (models
/// disagree, point outside its band, did not converge or oscillates, rests on one judgement).
BottomLine bottom_line(const ReportInputs& inputs);

/// The same as text, as `pivot run` ends and summary.txt holds it.
std::string bottom_line_text(const BottomLine& bottom);

/// `pivot forecast` on a study already loaded: the model, then the baselines, and the
/// manifest (`json` and `csv` of the settings are not read).
struct ForecastRun {
  std::vector<ForecastResult> results;
  Manifest manifest;
};
ForecastRun forecast_run(const Study& study, const ForecastStudySettings& settings);

/// `pivot report`: the HTML page, drawn from a `pivot run` directory (`from_dir`) or,
/// without one, from every model run here with `seed` and `threads`.
std::string report_study(const std::string& name_or_path, const std::string& from_dir, std::uint64_t seed, int threads);
/// The same without a run directory, on a study already loaded.
std::string report_study(Study study, std::uint64_t seed, int threads);

/// `pivot explain`: one actor's story under one model, round by round in sentences (its
/// challenges with expected gain and P(win), who challenged it, its moves with the model's
/// reason, or why it stayed put), then the turning points of each issue (bargain/key_moves.hpp).
struct ExplainSettings {
  std::string actor;           // actor id (required)
  std::string issue;           // one issue id; empty: every issue
  std::string model = "ktab";  // ktab or bdm
  std::uint64_t seed = 0;
  int threads = 0;
  std::vector<std::string> sets;  // --set KEY=VALUE
};
/// Throws UsageError for an unknown actor, issue or model, or a baseline (no rounds).
std::string explain_study(const std::string& name_or_path, const ExplainSettings& settings);

/// `pivot validate`: every problem a run would meet, one per file at most (a parser stops at
/// its file's first error), then the whole load; and, when it loads, the warnings: numbers
/// without a source note, an issue whose saliences are all 0, an actor with no stake.
struct Validation {
  std::vector<std::string> errors;  // "FILE:LINE:COLUMN: ..." as the loaders word them
  std::vector<std::string> warnings;
  bool ok() const { return errors.empty(); }
};
Validation validate_study(const std::string& name_or_path);

/// The validation as lines ("error: ...", "warning: ...") and a count.
std::string validation_text(const Validation& validation);

/// `pivot init DIR`: a small, valid, commented scenario named `name` (scenario.toml,
/// actors.csv, sources.csv); text: what to do next.
Documents init_study(const std::string& name);

/// The scenario name `pivot init DIR` gives (DIR's last component); throws UsageError when
/// DIR exists and is not empty, as init writes only into a new or empty directory.
std::string init_directory_name(const std::filesystem::path& dir);

/// `pivot deal`: deal.toml (or a scenario's) priced, with `sets` ("TERM=VALUE") applied and
/// an optional `sweep` ("TERM=FROM:TO:STEP"). Files: deal.json, schedule.csv, sweep.csv.
Documents deal_study(const std::string& deal_or_scenario, const std::vector<std::string>& sets,
                     const std::string& sweep);

/// `pivot trade`: the trade model file solved both ways (`threads` 0 = all cores).
/// Text: the table; files: trade.json, regions.csv, flows.csv, regions-by-product.csv.
Documents trade_study(const std::filesystem::path& model_file, int threads);

/// `pivot ge`: a GE model file (docs/models/ge.md) estimated and solved. Text: the table;
/// files: ge.json, countries.csv, pairs.csv, coefficients.csv.
Documents ge_study(const std::filesystem::path& model_file);

/// `pivot solve`: one game and what to do with it.
struct SolveSettings {
  std::string game;                      // .nfg/.efg path or SCENARIO:NAME (resolve_game_file); or empty with:
  std::string row_payoffs, col_payoffs;  // a bimatrix from two CSV tables (strategic only)
  std::string method;                    // empty: enummixed for .nfg, the extensive default for .efg
  std::string check;                     // a profile ("NE,..." or comma-separated): its regrets instead
  int digits = -1;                       // decimals with this many digits; -1: exact rationals
  SolveOptions options;                  // lcp label, max equilibria, tolerance, logit trace
  bool json = false;                     // make the JSON document
  bool describe = false;                 // .efg: print the tree's structure and sizes instead of solving
  bool labels = false;                   // each equilibrium by player, strategy and action names
  bool from_text = false;                // game, row_payoffs and col_payoffs hold the text itself (.nfg/.efg told apart
                                         // by its first word; CSV tables), not file names
  std::string name;                      // with from_text: what messages call the game
};

/// What `pivot solve` prints and writes, in this order: `trace`, the JSON document (where
/// one was asked for and is made), `error` (for standard error), then `text` unless the
/// JSON went to standard output.
struct SolveStudy {
  std::string trace;                // logit --trace: lambda,p1,p2,... lines (strategic games)
  std::optional<std::string> json;  // none on --check, nor for a strategic game without an
                                    // equilibrium; an .efg's is made even then
  std::string error;                // "GAME: no equilibrium found by METHOD...\n", or empty
  std::string text;                 // NE,... lines (and value,...), or --check's regret lines
  int exit_code = 0;                // 3: no equilibrium found, or --check's profile is not one
};

/// Throws UsageError for no game, or a game and a bimatrix both; InputError for a bad file or profile.
SolveStudy solve_study(const SolveSettings& settings);

// ---------------------------------------------------------------------------
// Uncertainty: long runs the caller watches and may stop.

/// What the caller controls while a study runs.
struct StudyControl {
  /// Called as each stage starts, with its unit ("trials", "one-at-a-time runs", "Sobol
  /// runs"); returns the callback for that stage's progress (may be empty, as may this).
  /// A stage ends when the next starts or the study returns. Progress comes from worker threads.
  std::function<ProgressCallback(const std::string& stage)> stage;
  const std::atomic<bool>* stop = nullptr;  // set (e.g. on SIGINT) to stop early
};

/// `pivot mc`: one model's Monte Carlo over the scenario's uncertain inputs.
struct McStudySettings {
  std::string model = "ktab";        // ktab, bdm, mean, median, nbs, deal, trade:NAME, ge:NAME or game:NAME
  std::vector<std::string> sets;     // model options "KEY=VALUE" (--set)
  std::vector<std::string> spreads;  // uncertainty defaults "KEY=VALUE" (--spread)
  std::uint64_t trials = 1000;       // over all shards
  std::uint64_t seed = 0;
  int threads = 0;    // 0 = all cores
  std::string shard;  // "i/n": only shard i of n (--shard); empty = the whole run
};

/// A Monte Carlo run and what `pivot mc` and `pivot merge` make of it. Summaries and
/// documents are there only when `complete()`.
struct McStudy {
  McRun run;              // run.interrupted: stopped early, the rows are incomplete
  bool holds_run = true;  // false on an MPI rank other than 0: its trials went to rank 0
  std::vector<OutputSummary> summaries;
  Documents documents;  // text: the report; files: trials.csv, summary.csv, manifest.json

  bool complete() const { return holds_run && !run.interrupted; }
};

/// `pivot mc`: the trials of this shard (over the MPI ranks when a launcher started the
/// process). Throws UsageError for a bad model, option or shard, or no uncertain inputs.
McStudy monte_carlo_study(const std::string& name_or_path, const McStudySettings& settings,
                          const StudyControl& control = {});
/// The same on a study already loaded (as load_study with default settings loads it);
/// prepare_study adds the spreads and prices the avoided tariff, as for a name.
McStudy monte_carlo_study(const Study& loaded, const McStudySettings& settings, const StudyControl& control = {});

/// `pivot merge`: the shards written by `pivot mc --shard i/n --csv DIR` read back from
/// `shard_dirs` and joined into the run one process computes. Throws InputError.
McStudy merge_study(const std::vector<std::string>& shard_dirs);

/// `pivot sensitivity`: which uncertain inputs move one model's outputs.
struct SensitivityStudySettings {
  std::string model = "ktab";        // as McStudySettings::model
  std::vector<std::string> sets;     // model options "KEY=VALUE" (--set)
  std::vector<std::string> spreads;  // uncertainty defaults "KEY=VALUE" (--spread)
  std::string by = "actor";          // Sobol factors: input, actor or issue
  std::uint64_t samples = 512;       // Sobol base samples N (0 = tornado only)
  std::uint64_t seed = 0;
  int threads = 0;       // 0 = all cores
  std::size_t top = 10;  // rows per output in the text
};

/// The analysis, and (unless interrupted) its documents.
struct SensitivityStudy {
  SensitivityReport report;
  bool interrupted = false;  // stopped early: the runs are incomplete, nothing to write
  Documents documents;       // text: the tables; files: tornado.csv, sobol.csv (samples > 0)
};

/// `pivot sensitivity`: the one-at-a-time sweep (stage "one-at-a-time runs"), then the Sobol
/// indices (stage "Sobol runs", when samples > 0). Throws UsageError for a bad model or
/// option, or a scenario without uncertain inputs.
SensitivityStudy sensitivity_study(const std::string& name_or_path, const SensitivityStudySettings& settings,
                                   const StudyControl& control = {});
/// The same on a study already loaded (as load_study with default settings loads it);
/// prepare_study adds the spreads and prices the avoided tariff, as for a name.
SensitivityStudy sensitivity_study(const Study& loaded, const SensitivityStudySettings& settings,
                                   const StudyControl& control = {});

}  // namespace pivot::pipeline
