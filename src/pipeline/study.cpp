// Loading a study: the scenario's files, then the steps every command shares.
#include <fmt/format.h>

#include "pivot/core/error.hpp"
#include "pivot/econ/linkage.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {
namespace fs = std::filesystem;

Scenario load_study(const std::string& name_or_path, const StudySettings& settings) {
  return prepare_study(load_scenario(name_or_path), settings);
}

Scenario prepare_study(Scenario scenario, const StudySettings& settings) {
  for (const auto& spread : settings.spreads) set_uncertainty_default(scenario, spread);
  if (settings.price_tariff)
    if (const auto pricing = linkage::linked_tariff_pricing(scenario))
      linkage::apply_tariff_pricing(scenario, *pricing);
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

fs::path resolve_game_file(const std::string& spec) {
  std::error_code ec;
  if (fs::exists(spec, ec)) return spec;
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size())
    return spec;  // the reader reports it missing
  const std::string scenario = spec.substr(0, colon), name = spec.substr(colon + 1);
  fs::path dir = scenario;
  if (!fs::is_directory(dir, ec)) dir = builtin_scenario_root() / scenario;
  if (!fs::is_directory(dir, ec))
    throw UsageError(fmt::format("'{}': no scenario directory named '{}'", spec, scenario));
  for (const char* ext : {".efg", ".nfg"}) {
    const fs::path candidate = dir / "games" / (name + ext);
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  throw UsageError(fmt::format("'{}': no game '{}' in {} (expected {}.efg or {}.nfg)", spec, name,
                               (dir / "games").string(), name, name));
}

}  // namespace pivot::pipeline
