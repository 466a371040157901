// Authoring a scenario: `pivot init` writes a small valid one to start from, and
// `pivot validate` checks everything a run would read, reporting every problem
// it can find (one per file: a parser stops at its file's first error) and the
// warnings a reviewer would raise.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <set>

#include "pipeline/model_files.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/econ/deal.hpp"
#include "pivot/econ/ge_scenario.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/io/nfg.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {
namespace fs = std::filesystem;
namespace {

// Runs one check; an input or usage error it throws becomes a problem on the list.
bool check(std::vector<std::string>& errors, const std::function<void()>& step) {
  try {
    step();
    return true;
  } catch (const InputError& e) {
    errors.push_back(e.what());
  } catch (const UsageError& e) {
    errors.push_back(e.what());
  }
  return false;
}

// The scenario directory's own files one by one, so a bad sources.csv does not hide a bad actors.csv.
void check_own_files(const fs::path& dir, std::vector<std::string>& errors) {
  Scenario scenario;
  const fs::path toml = dir / "scenario.toml", actors = dir / "actors.csv", sources = dir / "sources.csv";
  if (!check(errors, [&] { scenario = parse_scenario_toml(read_text_file(toml), toml.string()).scenario; })) return;
  // sources.csv names actors: checked only against an actors.csv that reads, or every row would be "unknown".
  if (!check(errors, [&] { parse_actors_csv(scenario, read_text_file(actors), actors.string()); })) return;
  std::error_code ec;
  if (fs::exists(sources, ec))
    check(errors, [&] { parse_sources_csv(scenario, read_text_file(sources), sources.string()); });
}

// The model files a run reads, each loaded as the run would load it.
void check_model_files(const fs::path& dir, std::vector<std::string>& errors) {
  std::error_code ec;
  if (fs::is_regular_file(dir / "ge" / "ge.toml", ec)) check(errors, [&] { gravity::load_ge_view(dir); });
  for (const fs::path& file : scenario_model_files(dir)) {
    const std::string ext = file.extension().string();
    if (file.filename() == "deal.toml")
      check(errors, [&] { deal::load_deal(file.string()); });
    else if (ext == ".toml")
      check(errors, [&] { trade::load_trade_model(file); });
    else if (ext == ".efg")
      check(errors, [&] { read_efg_file(file); });
    else
      check(errors, [&] { read_nfg_file(file); });
  }
}

bool has_source(const Scenario& s, const std::string& actor, const std::string& issue, const std::string& field) {
  return std::any_of(s.sources.begin(), s.sources.end(), [&](const SourceNote& n) {
    return n.actor == actor && n.issue == issue && n.field == field && !n.source.empty();
  });
}

std::vector<std::string> warnings_for(const Scenario& s) {
  std::vector<std::string> warnings;
  if (s.format != "pivot") return warnings;  // KTAB and Predictioneer CSVs have no place for sources
  std::vector<std::string> unsourced;
  for (const Issue& issue : s.issues)
    if (issue.status_quo && !has_source(s, "", issue.id, "status_quo")) unsourced.push_back(issue.id + ".status_quo");
  for (const Actor& a : s.actors) {
    if (!has_source(s, a.id, "", "capability")) unsourced.push_back(a.id + ".capability");
    if (a.risk && !has_source(s, a.id, "", "risk")) unsourced.push_back(a.id + ".risk");
    for (const Issue& issue : s.issues)
      for (const char* field : {"position", "salience"})
        if (!has_source(s, a.id, issue.id, field)) unsourced.push_back(a.id + "." + issue.id + "." + field);
  }
  if (!unsourced.empty()) {
    const std::size_t shown = std::min<std::size_t>(unsourced.size(), 8);
    warnings.push_back(fmt::format("{} number{} without a source note in sources.csv: {}{}", unsourced.size(),
                                   unsourced.size() == 1 ? "" : "s",
                                   fmt::join(unsourced.begin(), unsourced.begin() + static_cast<long>(shown), ", "),
                                   unsourced.size() > shown ? ", ..." : ""));
  }
  for (std::size_t k = 0; k < s.issues.size(); ++k)
    if (std::all_of(s.actors.begin(), s.actors.end(), [&](const Actor& a) { return a.salience[k] == 0; }))
      warnings.push_back(
          fmt::format("issue '{}': every actor's salience is 0, so no model can move it", s.issues[k].id));
  for (const Actor& a : s.actors) {
    const bool no_salience = std::all_of(a.salience.begin(), a.salience.end(), [](double v) { return v == 0; });
    if (a.capability == 0 || no_salience)
      warnings.push_back(fmt::format("actor '{}' has no stake: {}; it cannot move any outcome", a.id,
                                     a.capability == 0 ? "capability 0" : "salience 0 on every issue"));
  }
  return warnings;
}

// `pivot init`'s files: three actors, two issues, every number with a source note, so the
// new scenario validates without a warning and runs as it stands.
constexpr const char* kInitToml = R"text(# {name}: a starting point written by `pivot init`. Replace the example issues,
# actors and numbers with your own; `pivot validate {name}` checks them,
# `pivot run {name}` forecasts (docs: README.md, docs/models/, docs/uncertainty.md).
name = "{name}"
title = "A bargain over a tariff and a quota (example)"
as_of = "2026-01-01"   # the date the scenario describes: use nothing known after it
description = """
Two governments and an industry lobby bargain over a tariff and an import quota.
Every number is invented for the example; sources.csv says so for each.
"""

# Each issue is one dimension with its own unit and scale ends (positions lie between min and max).
[[issues]]
id = "tariff"
name = "Tariff on the goods"
unit = "%"
min = 0.0
max = 50.0
low = "free trade"
high = "a prohibitive 50%"
status_quo = 25.0   # where the issue stands today; its source note is in sources.csv

[[issues]]
id = "quota"
name = "Import quota"
unit = "thousand tonnes"
min = 0.0
max = 100.0
low = "no imports allowed"
high = "100 thousand tonnes a year"
status_quo = 40.0

# Discrete outcomes `pivot mc` and `pivot run` report the probability of.
[outcomes]
deal = "tariff <= 15"

# Default spreads for the Monte Carlo: +-5 units on every position, +-10 points on
# every salience (uncertainty.csv can set ranges one by one).
[uncertainty]
position = 5
salience = 10
distribution = "pert"
)text";

// actors.csv: capability (relative power), risk (-1 averse .. 1 acceptant, may be empty),
// then per issue a position (native units) and a salience (0-100: how much the actor cares).
constexpr const char* kInitActors =
    R"text(id,name,capability,risk,tariff.position,tariff.salience,quota.position,quota.salience
importer,Importing government,60,,10,70,80,50
exporter,Exporting government,40,,0,90,100,60
industry,Domestic industry lobby,30,,45,80,10,70
)text";

constexpr const char* kInitSources = R"text(actor,issue,field,source,reasoning
,tariff,status_quo,"example: invented by pivot init","replace with the rate in force and where it is published"
,quota,status_quo,"example: invented by pivot init","replace with the quota in force"
importer,,capability,"example: invented by pivot init","replace with a measure of power on these issues"
importer,tariff,position,"example: invented by pivot init","replace with the actor's stated or coded position"
importer,tariff,salience,"example: invented by pivot init","how much this issue matters to the actor, 0-100"
importer,quota,position,"example: invented by pivot init",
importer,quota,salience,"example: invented by pivot init",
exporter,,capability,"example: invented by pivot init",
exporter,tariff,position,"example: invented by pivot init",
exporter,tariff,salience,"example: invented by pivot init",
exporter,quota,position,"example: invented by pivot init",
exporter,quota,salience,"example: invented by pivot init",
industry,,capability,"example: invented by pivot init",
industry,tariff,position,"example: invented by pivot init",
industry,tariff,salience,"example: invented by pivot init",
industry,quota,position,"example: invented by pivot init",
industry,quota,salience,"example: invented by pivot init",
)text";

std::string with_name(std::string text, const std::string& name) {
  for (std::size_t at = text.find("{name}"); at != std::string::npos; at = text.find("{name}", at + name.size()))
    text.replace(at, 6, name);
  return text;
}

}  // namespace

std::string init_directory_name(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec))
    throw UsageError(
        fmt::format("{}: exists and is not empty; pivot init writes only into a new or empty directory", dir.string()));
  const std::string name = std::filesystem::absolute(dir).lexically_normal().filename().string();
  return name.empty() ? "scenario" : name;
}

Documents init_study(const std::string& name) {
  Documents out;
  out.files = {
      {"scenario.toml", with_name(kInitToml, name)}, {"actors.csv", kInitActors}, {"sources.csv", kInitSources}};
  out.text = fmt::format(
      "a small example scenario: 2 issues, 3 actors, a source note for every number\n"
      "next: edit scenario.toml, actors.csv and sources.csv, then `pivot validate {0}` and `pivot run {0}`\n",
      name);
  return out;
}

Validation validate_study(const std::string& name_or_path) {
  Validation out;
  const fs::path dir = scenario_directory(name_or_path);
  if (!dir.empty()) {
    check_own_files(dir, out.errors);
    check_model_files(dir, out.errors);
  }
  // The whole load as a run does it (uncertainty.csv, [linkage], [models.*]), unless a file
  // above already failed: its error would come again.
  if (out.errors.empty()) {
    Scenario scenario;
    if (check(out.errors, [&] {
          scenario = load_study(name_or_path).scenario;
          check_model_settings(scenario);
        }))
      out.warnings = warnings_for(scenario);
  }
  std::vector<std::string> unique;
  for (auto& e : out.errors)
    if (std::find(unique.begin(), unique.end(), e) == unique.end()) unique.push_back(std::move(e));
  out.errors = std::move(unique);
  return out;
}

std::string validation_text(const Validation& v) {
  std::string out;
  for (const auto& e : v.errors) out += "error: " + e + "\n";
  for (const auto& w : v.warnings) out += "warning: " + w + "\n";
  out += fmt::format("{} error{}, {} warning{}\n", v.errors.size(), v.errors.size() == 1 ? "" : "s", v.warnings.size(),
                     v.warnings.size() == 1 ? "" : "s");
  return out;
}

}  // namespace pivot::pipeline
