// Every model beside the baselines, as `pivot run`, `pivot report` and `pivot serve`
// show them, and `pivot forecast` (one model) and `pivot report` as documents.
#include <algorithm>

#include "pivot/output/forecast_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/report.hpp"

namespace pivot::pipeline {

std::vector<ForecastResult> with_baselines(const Scenario& scenario, std::vector<ForecastResult> models) {
  // A baseline already run as the model (`--model mean`) keeps its one column.
  for (const char* name : {"mean", "median", "nbs"})
    if (std::none_of(models.begin(), models.end(), [&](const ForecastResult& r) { return r.model == name; }))
      models.push_back(run_forecast(scenario, name, {}));
  return models;
}

std::vector<std::string> all_model_names() { return {"ktab", "bdm", "exchange"}; }

namespace {
int exchange_ties(const ForecastResult& r) {
  int ties = 0;
  for (const Round& round : r.rounds) ties += round.exchange_ties;
  return ties;
}
}  // namespace

AllModels forecast_all_models(const Study& study, const std::string& command, std::uint64_t seed, int threads,
                              const std::map<std::string, std::vector<std::string>>& sets) {
  const Scenario& scenario = study.scenario;
  std::vector<ForecastResult> models;
  std::vector<ForecastOptions> used;
  for (const std::string& name : all_model_names()) {
    const auto model_sets = sets.find(name);
    used.push_back(forecast_options(scenario, name, seed, threads,
                                    model_sets == sets.end() ? std::vector<std::string>{} : model_sets->second));
    models.push_back(run_forecast(scenario, name, used.back()));
    // How far the forecast moves across tie draws, when the run broke ties (docs/models/exchange.md, "Ties").
    if (name == "exchange" && exchange_ties(models.back()) > 0)
      models.back().tie_draws = exchange_tie_draws(scenario, used.back());
  }
  AllModels all;
  all.results = with_baselines(scenario, std::move(models));
  all.manifest = make_manifest(command, study, used.front(), all.results.front());
  return all;
}

ForecastRun forecast_run(const Study& study, const ForecastStudySettings& settings) {
  const Scenario& scenario = study.scenario;
  const ForecastOptions options =
      forecast_options(scenario, settings.model, settings.seed, settings.threads, settings.sets);
  ForecastRun run;
  run.results = with_baselines(scenario, {run_forecast(scenario, settings.model, options)});
  run.manifest = make_manifest("forecast", study, options, run.results.front());
  return run;
}

Documents forecast_study(const std::string& name_or_path, const ForecastStudySettings& settings) {
  const Study study = load_study(name_or_path);
  const Scenario& scenario = study.scenario;
  const ForecastRun run = forecast_run(study, settings);
  Documents out;
  if (settings.json) out.files.emplace_back("forecast.json", forecast_json(scenario, run.results, run.manifest));
  if (settings.csv) {
    out.files.emplace_back("positions.csv", positions_csv(scenario, run.results.front()));
    out.files.emplace_back("outcome.csv", outcome_csv(scenario, run.results));
    if (run.results.front().model == "exchange")
      out.files.emplace_back("exchanges.csv", exchanges_csv(scenario, run.results.front()));
    out.files.emplace_back("manifest.json", manifest_json(run.manifest));
  }
  out.text = forecast_table(scenario, run.results);
  return out;
}

std::string report_study(const std::string& name_or_path, const std::string& from_dir, std::uint64_t seed,
                         int threads) {
  Study study = load_study(name_or_path);
  if (!from_dir.empty()) {
    ReportInputs inputs = read_report_inputs(std::move(study), from_dir);
    inputs.bottom_line = bottom_line(inputs);
    return render_report(inputs);
  }
  return report_study(std::move(study), seed, threads);
}

std::string report_study(Study study, std::uint64_t seed, int threads) {
  ReportInputs inputs;
  const AllModels all = forecast_all_models(study, "report", seed, threads);
  inputs.forecast = parse_report_document(forecast_json(study.scenario, all.results, all.manifest), "forecast.json");
  inputs.study = std::move(study);
  inputs.bottom_line = bottom_line(inputs);
  return render_report(inputs);
}

}  // namespace pivot::pipeline
