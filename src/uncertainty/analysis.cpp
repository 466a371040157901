// An uncertainty analysis of a scenario as `pivot run` makes it: which models
// the scenario's uncertain inputs reach, and for each a Monte Carlo run and a
// sensitivity analysis, ready for mc.json and sensitivity.json.
#include <algorithm>

#include "pivot/uncertainty/analysis.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {
namespace {

// The model a sampled parameter belongs to: deal.TERM -> deal, trade.NAME.… -> trade:NAME, ge.NAME.… -> ge:NAME,
// game.NAME.… -> game:NAME.
std::string model_of_parameter(const std::string& parameter) {
  if (parameter.rfind("deal.", 0) == 0) return "deal";
  const std::size_t kind_end = parameter.find('.');
  const std::string kind = parameter.substr(0, kind_end);
  return kind + ":" + parameter.substr(kind_end + 1, parameter.find('.', kind_end + 1) - kind_end - 1);
}

}  // namespace

std::vector<TrialModel> sampled_models(const Study& study, const std::string& forecast,
                                       const ForecastOptions& options) {
  std::vector<TrialModel> models{make_trial_model(study, forecast, options)};
  std::vector<std::string> names;
  for (const UncertainInput& u : study.uncertainty) {
    if (u.field != ActorField::parameter) continue;
    const std::string model = model_of_parameter(study.parameters[u.parameter].name);
    if (std::find(names.begin(), names.end(), model) == names.end()) names.push_back(model);
  }
  for (const std::string& name : names) models.push_back(make_trial_model(study, name, {}));
  return models;
}

SensitivityReport sensitivity_analysis(const Study& study, const TrialModel& model, const std::string& by,
                                       std::uint64_t samples, const RunControl& control) {
  SensitivityReport report = sensitivity_report(study, model, by, control.seed, samples);
  const VectorModel vector_model = scenario_vector_model(study, model);
  report.sweep = one_at_a_time(report.inputs, vector_model, control);
  if (samples > 0 && !report.sweep.interrupted)
    report.sobol =
        sobol_indices(report.inputs, scenario_factors(study, by), model.outputs.size(), vector_model, samples, control);
  return report;
}

UncertaintyAnalysis analyse_uncertainty(const Study& study, const std::vector<TrialModel>& models,
                                        std::uint64_t trials, std::uint64_t samples, const std::string& by,
                                        const RunControl& control, std::size_t with_sensitivity,
                                        const StageCallback& stage) {
  auto progress = [&](const std::string& name) { return stage ? stage(name) : control.progress; };
  UncertaintyAnalysis analysis;
  for (const TrialModel& model : models) {
    McOptions options;
    options.seed = control.seed;
    options.trials = trials;
    options.threads = control.threads;
    options.stop = control.stop;
    options.progress = progress(model.name + " trials");
    McRun run = run_monte_carlo(study, model, options);
    if (run.interrupted) {
      analysis.interrupted = true;
      return analysis;
    }
    auto summaries = summarize_run(run);
    analysis.runs.emplace_back(std::move(run), std::move(summaries));
    if (analysis.sensitivity.size() < with_sensitivity) {
      RunControl sensitivity_control = control;
      sensitivity_control.progress = progress(model.name + " sensitivity runs");
      analysis.sensitivity.push_back(sensitivity_analysis(study, model, by, samples, sensitivity_control));
      if (analysis.sensitivity.back().sweep.interrupted || analysis.sensitivity.back().sobol.interrupted) {
        analysis.interrupted = true;
        return analysis;
      }
    }
  }
  return analysis;
}

}  // namespace pivot
