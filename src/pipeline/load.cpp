// Loading a scenario as every command uses it: built-in names found, the files
// read (src/scenario), then the derived inputs in order: saliences priced by
// [linkage], the model files' uncertain parameters registered, uncertainty.csv
// resolved against them. Each step's input files join the input hash.
#include <unistd.h>

#include <algorithm>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/econ/linkage.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/uncertainty/parameters.hpp"

namespace pivot::pipeline {
namespace fs = std::filesystem;

namespace {

fs::path executable_dir() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

// The files in `dir` (if it exists) with this extension, sorted.
std::vector<fs::path> files_in(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == extension) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// The model files whose numbers uncertainty.csv may sample: deal.toml, trade/*.toml
// when the file names a trade parameter and games/*.efg when it names a game payoff
// (so a forecast does not load files it does not use). Sorted within each kind, so
// parameters come in the same order everywhere; games last, so adding them left the
// ids (and so the draws) of deal and trade parameters as they were.
std::vector<fs::path> economic_model_files(const fs::path& dir, const std::string& uncertainty_text) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::exists(dir / "deal.toml", ec)) files.push_back(dir / "deal.toml");
  auto append = [&](const std::vector<fs::path>& more) { files.insert(files.end(), more.begin(), more.end()); };
  if (uncertainty_text.find("trade.") != std::string::npos) append(files_in(dir / "trade", ".toml"));
  if (uncertainty_text.find("game.") != std::string::npos) append(files_in(dir / "games", ".efg"));
  return files;
}

}  // namespace

fs::path builtin_scenario_root() {
  // Installed layout first (bin/../share/pivot/scenarios), then the build tree's source checkout.
  std::error_code ec;
  fs::path exe = executable_dir();
  for (fs::path candidate : {exe / "../share/pivot/scenarios", exe / "../../scenarios", exe / "../scenarios"}) {
    if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec);
  }
  return fs::path(PIVOT_SOURCE_SCENARIOS);
}

Scenario load_scenario_directory(const fs::path& dir) {
  ScenarioFiles files = read_scenario_directory(dir);
  Scenario& scenario = files.scenario;
  std::uint64_t& hash = files.hash;
  std::error_code ec;
  // [linkage] replaces saliences before uncertainty.csv reads them as point values;
  // the model files it prices join the hash, so derived inputs change it.
  if (scenario.linkage.salience_from_prices) {
    linkage::derive_saliences(scenario);
    for (const auto& name : {scenario.linkage.trade, scenario.linkage.deal})
      if (!name.empty()) hash = fnv1a64(read_text_file(dir / name), hash);
  }
  // uncertainty.csv is optional; its bytes join the hash only when present, so
  // scenarios without one keep the hash they always had.
  const fs::path uncertainty_path = dir / "uncertainty.csv";
  if (fs::exists(uncertainty_path, ec)) {
    std::string uncertainty_text = read_text_file(uncertainty_path);
    const std::vector<fs::path> model_files = economic_model_files(dir, uncertainty_text);
    for (const fs::path& file : model_files) {
      if (file.filename() == "deal.toml")
        add_deal_parameters(scenario, file);
      else if (file.extension() == ".efg")
        add_game_parameters(scenario, file);
      else
        add_trade_parameters(scenario, file);
    }
    resolve_uncertainty(scenario, uncertainty_text, uncertainty_path.string());
    hash = fnv1a64(uncertainty_text, hash);
    // The model files whose numbers were sampled are inputs of the run too.
    const bool samples_parameters =
        std::any_of(scenario.uncertainty.begin(), scenario.uncertainty.end(),
                    [](const UncertainInput& u) { return u.field == ActorField::parameter; });
    if (samples_parameters)
      for (const fs::path& file : model_files) hash = fnv1a64(read_text_file(file), hash);
  } else {
    resolve_uncertainty(scenario, "", "");
  }
  scenario.input_hash = hex64(hash);
  return std::move(scenario);
}

Scenario load_scenario(const std::string& name_or_path) {
  std::error_code ec;
  fs::path path(name_or_path);
  if (!fs::exists(path, ec) && name_or_path.find('/') == std::string::npos) {
    fs::path builtin = builtin_scenario_root() / name_or_path;
    if (fs::is_directory(builtin, ec)) return load_scenario_directory(builtin);
    throw InputError({name_or_path, 0, 0, ""}, "no such file, directory or built-in scenario");
  }
  if (fs::is_directory(path, ec)) return load_scenario_directory(path);
  if (path.filename() == "scenario.toml") return load_scenario_directory(path.parent_path());
  return read_scenario_csv(path);
}

}  // namespace pivot::pipeline
