// Options as people write them: KEY=VALUE pairs and model settings.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "pivot/core/error.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {

std::pair<std::string, std::string> split_key_value(const std::string& text, const std::string& option) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("{} expects KEY=VALUE, got '{}'", option, text));
  return {text.substr(0, eq), text.substr(eq + 1)};
}

ForecastOptions forecast_options(const Scenario& scenario, const std::string& model, std::uint64_t seed, int threads,
                                 const std::vector<std::string>& sets) {
  check_model_settings(scenario);
  ForecastOptions options;
  options.seed = seed;
  options.threads = threads;
  if (auto it = scenario.model_settings.find(model); it != scenario.model_settings.end()) options.settings = it->second;
  for (const auto& text : sets) {
    auto [key, value] = split_key_value(text, "--set");
    options.settings[key] = value;
  }
  return options;
}

std::map<std::string, std::vector<std::string>> sets_by_model(const std::vector<std::string>& sets,
                                                              const std::vector<std::string>& models) {
  std::map<std::string, std::vector<std::string>> by_model;
  for (const auto& text : sets) {
    const auto [key, value] = split_key_value(text, "--set");
    const auto dot = key.find('.');
    if (dot != std::string::npos) {  // MODEL.KEY=VALUE
      const std::string model = key.substr(0, dot);
      if (std::find(models.begin(), models.end(), model) == models.end())
        throw UsageError(
            fmt::format("--set '{}': no model '{}' here (expected one of: {})", text, model, fmt::join(models, ", ")));
      by_model[model].push_back(key.substr(dot + 1) + "=" + value);
      continue;
    }
    std::vector<std::string> readers;
    for (const auto& model : models) {
      const auto names = forecast_option_names(model);
      if (std::find(names.begin(), names.end(), key) != names.end()) readers.push_back(model);
    }
    if (readers.empty())
      throw UsageError(fmt::format("--set '{}': no model here reads '{}' (models: {}; see docs/models/)", text, key,
                                   fmt::join(models, ", ")));
    for (const auto& model : readers) by_model[model].push_back(text);
  }
  return by_model;
}

}  // namespace pivot::pipeline
