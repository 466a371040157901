// Loading a study as every command uses it, in named steps: built-in names found,
// the files read (src/scenario), then the derived inputs in order (derive_saliences:
// saliences priced by [linkage]; register_uncertain_parameters: the model files'
// numbers as parameters, uncertainty.csv resolved against them), then what the
// command asks for (spreads, price_avoided_tariff). Each step's input files join
// the input hash.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "pipeline/model_files.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/econ/ge_scenario.hpp"
#include "pivot/econ/linkage.hpp"
#include "pivot/econ/trade.hpp"
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
  if (uncertainty_text.find(",ge.") != std::string::npos && fs::is_regular_file(dir / "ge" / "ge.toml", ec))
    files.push_back(dir / "ge" / "ge.toml");
  return files;
}

// Loading step: [linkage] salience_from_prices replaces saliences by the stakes the
// trade model and the deal price (study.derived records each; manifests write them as
// `derived.*`). Before uncertainty.csv reads saliences as point values.
void derive_saliences(StudyFiles& files) {
  if (files.study.linkage.salience_from_prices) linkage::derive_saliences(files.study);
}

// Loading step: the bytes of every model file a run reads join the hash, so a changed
// model changes every manifest made from it, whether or not uncertainty samples it:
// deal.toml, the .toml, .csv, .efg and .nfg files in trade/ and games/ (not READMEs or
// an editor's backups), the files [linkage] names that exist (a missing one is an error
// only where a step reads it), and the data files the trade models name outside trade/.
const std::set<std::string> kHashedExtensions = {".toml", ".csv", ".efg", ".nfg"};

void hash_model_files(StudyFiles& files) {
  const fs::path dir = files.study.scenario.directory;
  std::vector<fs::path> paths, trade_models;
  std::error_code ec;
  auto add = [&](const fs::path& path) {
    const fs::path normal = path.lexically_normal();
    if (!fs::is_regular_file(normal, ec) || std::find(paths.begin(), paths.end(), normal) != paths.end()) return;
    paths.push_back(normal);
  };
  add(dir / "deal.toml");
  for (const std::string_view sub : {"trade", "games"}) {
    std::vector<fs::path> folder;
    if (fs::is_directory(dir / sub, ec))
      for (const auto& entry : fs::directory_iterator(dir / sub, ec))
        if (entry.is_regular_file(ec) && kHashedExtensions.contains(entry.path().extension().string()))
          folder.push_back(entry.path());
    std::sort(folder.begin(), folder.end());
    for (const fs::path& path : folder) {
      add(path);
      if (sub == "trade" && path.extension() == ".toml") trade_models.push_back(path.lexically_normal());
    }
  }
  for (const std::string& name : {files.study.linkage.trade, files.study.linkage.deal})
    if (!name.empty()) add(dir / name);
  // [linkage] trade names one of trade/'s models (korea-2025) or a model elsewhere.
  if (!files.study.linkage.trade.empty()) {
    const fs::path linked = (dir / files.study.linkage.trade).lexically_normal();
    if (std::find(trade_models.begin(), trade_models.end(), linked) == trade_models.end())
      trade_models.push_back(linked);
  }
  for (const fs::path& model : trade_models) {
    try {
      for (const fs::path& data : trade::trade_model_data_files(model)) add(data);
    } catch (const InputError&) {
      // A model that does not parse is reported where a step loads it; its bytes are hashed.
    }
  }
  for (const fs::path& file : paths) files.hash = fnv1a64(read_text_file(file), files.hash);
}

// Loading step: the numbers of the model files uncertainty.csv names become parameters,
// and uncertainty.csv is resolved against them and the [uncertainty] defaults (the Monte
// Carlo manifest lists each input). uncertainty.csv is optional; its bytes join the hash
// only when present, so scenarios without one keep the hash they always had.
void register_uncertain_parameters(StudyFiles& files) {
  Study& study = files.study;
  const fs::path dir = study.scenario.directory, uncertainty_path = dir / "uncertainty.csv";
  std::error_code ec;
  if (!fs::exists(uncertainty_path, ec)) {
    resolve_uncertainty(study, "", "");
    return;
  }
  const std::string uncertainty_text = read_text_file(uncertainty_path);
  const std::vector<fs::path> model_files = economic_model_files(dir, uncertainty_text);
  for (const fs::path& file : model_files) {
    if (file.filename() == "deal.toml")
      add_deal_parameters(study, file);
    else if (file.extension() == ".efg")
      add_game_parameters(study, file);
    else if (file.parent_path().filename() == "ge")
      add_ge_parameters(study, file);
    else
      add_trade_parameters(study, file);
  }
  resolve_uncertainty(study, uncertainty_text, uncertainty_path.string());
  files.hash = fnv1a64(uncertainty_text, files.hash);
}

// Loading step: the GE view's files (ge/ge.toml and the output file it names, gdp.csv
// in korea-2025) join the hash when the scenario has one, as `pivot run` solves it and
// `pivot mc --model ge:NAME` samples it. A view that does not load is left to the step
// that reads it to report (commands that do not read it run as before); its ge.toml's
// bytes still join the hash.
void hash_ge_view(StudyFiles& files) {
  const fs::path view = files.study.scenario.directory / "ge" / "ge.toml";
  std::error_code ec;
  if (!fs::is_regular_file(view, ec)) return;
  files.hash = fnv1a64(read_text_file(view), files.hash);
  std::optional<gravity::GeView> loaded;
  try {
    loaded = gravity::load_ge_view(files.study.scenario.directory);
  } catch (const InputError&) {
    return;
  }
  if (loaded) files.hash = fnv1a64(read_text_file(loaded->gdp_path), files.hash);
}

// A scenario directory read, then its derived inputs in order.
Study read_study_directory(const fs::path& dir) {
  StudyFiles files = read_scenario_directory(dir);
  derive_saliences(files);
  register_uncertain_parameters(files);
  hash_model_files(files);
  hash_ge_view(files);
  files.study.scenario.input_hash = hex64(files.hash);
  return std::move(files.study);
}

// The files NAME_OR_PATH names, with their derived inputs.
Study read_study(const std::string& name_or_path) {
  std::error_code ec;
  fs::path path(name_or_path);
  if (!fs::exists(path, ec) && name_or_path.find('/') == std::string::npos) {
    fs::path builtin = builtin_scenario_root() / name_or_path;
    if (fs::is_directory(builtin, ec)) return read_study_directory(builtin);
    throw InputError({name_or_path, 0, 0, ""}, "no such file, directory or built-in scenario");
  }
  if (fs::is_directory(path, ec)) return read_study_directory(path);
  if (path.filename() == "scenario.toml") return read_study_directory(path.parent_path());
  return Study{read_scenario_csv(path)};
}

// Step a command may add: the deal's avoided tariff priced by the linked trade model
// (docs/uncertainty.md, "One source per number"); the Monte Carlo manifest records the price.
void price_avoided_tariff(Study& study) {
  if (const auto pricing = linkage::linked_tariff_pricing(study)) linkage::apply_tariff_pricing(study, *pricing);
}

}  // namespace

std::vector<fs::path> scenario_model_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_regular_file(dir / "deal.toml", ec)) files.push_back(dir / "deal.toml");
  for (const auto& [sub, extension] : {std::pair{"trade", ".toml"}, {"games", ".efg"}, {"games", ".nfg"}})
    for (const fs::path& file : files_in(dir / sub, extension)) files.push_back(file);
  return files;
}

fs::path builtin_scenario_root() {
  // Installed layout first (bin/../share/pivot/scenarios), then the build tree's source checkout.
  std::error_code ec;
  fs::path exe = executable_dir();
  for (fs::path candidate : {exe / "../share/pivot/scenarios", exe / "../../scenarios", exe / "../scenarios"}) {
    if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec);
  }
  return fs::path(PIVOT_SOURCE_SCENARIOS);
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

Study load_study(const std::string& name_or_path, const StudySettings& settings) {
  return prepare_study(read_study(name_or_path), settings);
}

Study prepare_study(Study study, const StudySettings& settings) {
  for (const auto& spread : settings.spreads) set_uncertainty_default(study, spread);
  if (settings.price_tariff) price_avoided_tariff(study);
  return study;
}

Scenario load_scenario(const std::string& name_or_path) { return load_study(name_or_path).scenario; }

}  // namespace pivot::pipeline
