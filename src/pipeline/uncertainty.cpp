// `pivot mc`, `pivot merge` and `pivot sensitivity`: the Monte Carlo and the
// sensitivity analysis of one model, with the documents they write. The caller
// shows progress and may stop a run (StudyControl); nothing here prints.
#include <fmt/format.h>

#include <cstdio>

#include "pivot/core/error.hpp"
#include "pivot/output/mc_output.hpp"
#include "pivot/output/sensitivity_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/uncertainty/mpi.hpp"
#include "pivot/uncertainty/run_files.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot::pipeline {
namespace {

void parse_shard(const std::string& text, McOptions& options) {
  if (text.empty()) return;
  int i = -1, n = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &i, &slash, &n, &extra) != 3 || slash != '/' || n < 1 || i < 0 || i >= n)
    throw UsageError(fmt::format("--shard expects i/n with 0 <= i < n (e.g. 0/4), got '{}'", text));
  options.shard_index = i, options.shard_count = n;
}

ProgressCallback stage(const StudyControl& control, const std::string& name) {
  return control.stage ? control.stage(name) : ProgressCallback{};
}

// The summaries and documents of a complete run.
void summarize(McStudy& study) {
  study.summaries = summarize_run(study.run);
  study.documents.text = mc_report(study.run, study.summaries);
  study.documents.files = {{"trials.csv", trials_csv(study.run)},
                           {"summary.csv", summary_csv(study.summaries)},
                           {"manifest.json", mc_manifest_json(study.run)}};
}

}  // namespace

McStudy monte_carlo_study(const std::string& name_or_path, const McStudySettings& settings,
                          const StudyControl& control) {
  const Study study = load_study(name_or_path, {.spreads = settings.spreads, .price_tariff = true});
  McOptions options;
  options.seed = settings.seed;
  options.trials = settings.trials;
  options.threads = settings.threads;
  parse_shard(settings.shard, options);
  const TrialModel model = make_trial_model(
      study, settings.model, forecast_options(study.scenario, settings.model, settings.seed, 1, settings.sets));
  options.stop = control.stop;
  options.progress = stage(control, "trials");
  McStudy result;
  result.run = run_monte_carlo_distributed(study, model, options);
  result.holds_run = mpi_world().rank == 0;  // rank 0 holds the run
  if (result.complete()) summarize(result);
  return result;
}

McStudy merge_study(const std::vector<std::string>& shard_dirs) {
  std::vector<McRun> shards;
  for (const auto& dir : shard_dirs) shards.push_back(read_mc_run(dir));
  McStudy study;
  study.run = merge_mc_runs(std::move(shards), shard_dirs);
  summarize(study);
  return study;
}

SensitivityStudy sensitivity_study(const std::string& name_or_path, const SensitivityStudySettings& settings,
                                   const StudyControl& control) {
  const Study study = load_study(name_or_path, {.spreads = settings.spreads, .price_tariff = true});
  if (study.uncertainty.empty())
    throw UsageError(
        fmt::format("scenario '{}' has no uncertain inputs: add an [uncertainty] table to scenario.toml "
                    "or an uncertainty.csv (see docs/uncertainty.md)",
                    study.scenario.name));
  const TrialModel model = make_trial_model(
      study, settings.model, forecast_options(study.scenario, settings.model, settings.seed, 1, settings.sets));
  const auto factors = scenario_factors(study, settings.by);

  SensitivityStudy result;
  SensitivityReport& report = result.report;
  report = sensitivity_report(study, model, settings.by, settings.seed, settings.samples);
  const VectorModel vector_model = scenario_vector_model(study, model);

  RunControl run;
  run.seed = settings.seed;
  run.threads = settings.threads;
  run.stop = control.stop;
  run.progress = stage(control, "one-at-a-time runs");
  report.sweep = one_at_a_time(report.inputs, vector_model, run);
  if (!report.sweep.interrupted && settings.samples > 0) {
    run.progress = stage(control, "Sobol runs");
    report.sobol = sobol_indices(report.inputs, factors, model.outputs.size(), vector_model, settings.samples, run);
  }
  result.interrupted = report.sweep.interrupted || report.sobol.interrupted;
  if (result.interrupted) return result;
  result.documents.files.emplace_back("tornado.csv", tornado_csv(report));
  if (settings.samples > 0) result.documents.files.emplace_back("sobol.csv", sobol_csv(report));
  result.documents.text = sensitivity_text(report, settings.top);
  return result;
}

}  // namespace pivot::pipeline
