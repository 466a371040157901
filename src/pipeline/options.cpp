// Options as people write them: KEY=VALUE pairs and model settings.
#include <fmt/format.h>

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

}  // namespace pivot::pipeline
