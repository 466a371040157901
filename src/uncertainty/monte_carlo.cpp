// Monte Carlo over a scenario's uncertain inputs: sample, run the model, keep
// every trial's inputs and outputs in trial order.
#include <fmt/format.h>

#include <limits>
#include <stdexcept>

#include "pivot/core/error.hpp"
#include "pivot/core/version.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/trial_model.hpp"
#include "uncertainty/parallel_trials.hpp"
#include "uncertainty/trial_range.hpp"

namespace pivot {

TrialModel forecast_trial_model(const Scenario& scenario, const std::string& model, ForecastOptions options) {
  options.threads = 1;  // parallelism goes over trials, not inside one forecast
  // One forecast up front: rejects an unknown model or bad option before any trial runs,
  // and records the options as the model applied them.
  const ForecastResult probe = run_forecast(scenario, model, options);
  TrialModel trial_model;
  trial_model.name = model;
  trial_model.options = probe.options;
  for (const Issue& issue : scenario.issues)
    trial_model.outputs.push_back({model + "." + issue.id, model, issue.id, issue.unit, issue.min, issue.max});
  // Each [outcomes] rule is a 0/1 output: its mean is the outcome's probability.
  for (const OutcomeRule& rule : scenario.outcomes)
    trial_model.outputs.push_back(
        {model + ".outcome." + rule.name, model, rule.name, "1 if " + rule.condition, 0.0, 1.0});
  trial_model.run = [model, options, rules = scenario.outcomes](const Study& sampled, std::uint64_t seed) {
    ForecastOptions trial_options = options;
    trial_options.seed = seed;
    std::vector<double> values = run_forecast(sampled.scenario, model, trial_options).predicted;
    for (const OutcomeRule& rule : rules) values.push_back(outcome_holds(rule, values[rule.issue]) ? 1.0 : 0.0);
    return values;
  };
  return trial_model;
}

std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t trials, int index, int count) {
  // trials < 2^32 and i <= count < 2^31, so the product fits in 64 bits and the split is exact.
  auto boundary = [&](int i) { return trials * static_cast<std::uint64_t>(i) / static_cast<std::uint64_t>(count); };
  return {boundary(index), boundary(index + 1)};
}

void sample_trial_inputs(const Study& base, std::uint64_t seed, std::uint32_t stream, std::uint64_t trial, Study& out,
                         std::vector<double>& values) {
  values.resize(base.uncertainty.size());
  for (std::size_t v = 0; v < base.uncertainty.size(); ++v) {
    const UncertainInput& input = base.uncertainty[v];
    values[v] = sample_distribution(input.distribution, {seed, stream, trial, uncertain_variable_id(base, input)});
    actor_field(out, input) = values[v];
  }
}

namespace uncertainty {

void check_mc_options(const Study& study, const McOptions& options) {
  if (study.uncertainty.empty())
    throw UsageError(
        fmt::format("scenario '{}' has no uncertain inputs: add an [uncertainty] table to scenario.toml "
                    "or an uncertainty.csv (see docs/uncertainty.md)",
                    study.scenario.name));
  if (options.trials < 1 || options.trials > std::numeric_limits<std::uint32_t>::max())
    throw UsageError("trials must be between 1 and 4294967295");
  if (options.shard_count < 1 || options.shard_index < 0 || options.shard_index >= options.shard_count)
    throw UsageError(fmt::format("shard {}/{}: expected 0 <= i < n", options.shard_index, options.shard_count));
}

McRun run_trial_range(const Study& study, const TrialModel& model, const McOptions& options, std::uint64_t begin,
                      std::uint64_t end) {
  McRun run;
  run.version = version_string();
  run.scenario = study.scenario.name;
  run.input_hash = study.scenario.input_hash;
  run.model = model.name;
  run.model_options = model.options;
  run.seed = options.seed;
  run.total_trials = options.trials;
  run.shard_index = options.shard_index;
  run.shard_count = options.shard_count;
  for (const UncertainInput& input : study.uncertainty)
    run.inputs.push_back({uncertain_input_name(study, input), input.distribution, actor_field(study, input),
                          input.field == ActorField::parameter ? study.parameters[input.parameter].source : ""});
  run.outputs = model.outputs;
  // The point forecast, seeded as `pivot forecast --seed` is, so the two agree.
  run.point = model.run(study, options.seed);

  run.first_trial = begin;
  run.sampled.resize(end - begin);
  run.results.resize(end - begin);

  Study base = study;
  base.scenario.sources.clear();  // notes for people; each trial copies the study
  const bool complete = uncertainty::for_each_trial(
      end - begin, options.threads, options.stop, options.progress, [&](std::uint64_t row) {
        const std::uint64_t trial = begin + row;
        Study sampled = base;
        sample_trial_inputs(base, options.seed, kStreamMonteCarlo, trial, sampled, run.sampled[row]);
        run.results[row] = model.run(sampled, keyed_bits({options.seed, kStreamModelSeed, trial, 0}));
        if (run.results[row].size() != model.outputs.size())
          throw std::logic_error(fmt::format("model {} returned {} values for {} outputs", model.name,
                                             run.results[row].size(), model.outputs.size()));
      });
  run.interrupted = !complete;
  return run;
}

}  // namespace uncertainty

McRun run_monte_carlo(const Study& study, const TrialModel& model, const McOptions& options) {
  uncertainty::check_mc_options(study, options);
  auto [begin, end] = shard_range(options.trials, options.shard_index, options.shard_count);
  return uncertainty::run_trial_range(study, model, options, begin, end);
}

}  // namespace pivot
