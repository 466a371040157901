// Loading a study: the scenario's files, then the steps every command shares.
#include "pivot/linkage.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {
namespace fs = std::filesystem;

Scenario load_study(const std::string& name_or_path, const StudySettings& settings) {
  Scenario scenario = load_scenario(name_or_path);
  for (const auto& spread : settings.spreads) set_uncertainty_default(scenario, spread);
  if (settings.price_tariff)
    if (const auto pricing = linkage::linked_tariff_pricing(scenario)) linkage::apply_tariff_pricing(scenario, *pricing);
  return scenario;
}

fs::path scenario_directory(const std::string& name_or_path) {
  std::error_code ec;
  const fs::path path = name_or_path;
  if (fs::is_directory(path, ec)) return path;
  if (path.filename() == "scenario.toml") return path.parent_path();
  if (fs::is_directory(builtin_scenario_root() / path, ec)) return builtin_scenario_root() / path;
  return {};
}

}  // namespace pivot::pipeline
