// Reading a scenario's own files: a directory (scenario.toml, actors.csv,
// sources.csv) or a single KTAB / Predictioneer CSV. Reading only reads:
// derived inputs (priced saliences, uncertain parameters) are the pipeline's
// steps (src/pipeline/load.cpp).
#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/scenario/study.hpp"
#include "scenario/table_reader.hpp"

namespace pivot {
namespace fs = std::filesystem;

namespace {

bool looks_like_predictioneer(const std::string& text, const std::string& file) {
  auto table = parse_csv(text.substr(0, text.find('\n')), file);
  if (table.rows.empty() || table.rows[0].fields.size() < 4) return false;
  return scenario::trim(table.rows[0].fields[0].text) == "Actor" &&
         scenario::trim(table.rows[0].fields[1].text) == "Capability";
}

// Decide's files start (after blank lines and quotes) with a tag such as #A, #O or #/.
bool looks_like_decide(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::size_t first = text.find_first_not_of(" \t\r\n'\"");
  return first != std::string_view::npos && text[first] == '#';
}

}  // namespace

StudyFiles read_scenario_directory(const fs::path& dir) {
  fs::path toml_path = dir / "scenario.toml", actors_path = dir / "actors.csv", sources_path = dir / "sources.csv";
  std::string toml_text = read_text_file(toml_path);
  std::string actors_text = read_text_file(actors_path);
  StudyFiles files{parse_scenario_toml(toml_text, toml_path.string()), 0};
  Scenario& scenario = files.study.scenario;
  parse_actors_csv(scenario, actors_text, actors_path.string());
  files.hash = fnv1a64(actors_text, fnv1a64(toml_text));
  std::error_code ec;
  if (fs::exists(sources_path, ec)) {
    std::string sources_text = read_text_file(sources_path);
    parse_sources_csv(scenario, sources_text, sources_path.string());
    files.hash = fnv1a64(sources_text, files.hash);
  }
  scenario.directory = dir;
  return files;
}

Scenario read_scenario_csv(const fs::path& path) {
  std::string text = read_text_file(path);
  if (looks_like_decide(text)) {
    Scenario scenario = parse_decide_csv(text, path.string());
    scenario.name = path.stem().string();
    scenario.input_hash = hex64(fnv1a64(text));
    return scenario;
  }
  Scenario scenario = looks_like_predictioneer(text, path.string()) ? parse_predictioneer_csv(text, path.string())
                                                                    : parse_ktab_csv(text, path.string());
  scenario.input_hash = hex64(fnv1a64(text));
  return scenario;
}

}  // namespace pivot
