// Studies made or edited in memory (the Python module's `Scenario.from_frames` and
// `with_actors`): the same checks as the files they stand for, through the same loaders.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario_write.hpp"

namespace pivot::pipeline {
namespace {

bool same_actor(const Actor& a, const Actor& b) {
  return a.id == b.id && a.name == b.name && a.capability == b.capability && a.risk == b.risk &&
         a.position == b.position && a.salience == b.salience;
}

bool same_actors(const std::vector<Actor>& a, const std::vector<Actor>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_actor);
}

// uncertainty.csv's rows follow their actor to its new index; rows of an actor that is
// gone are dropped. The [uncertainty] defaults are resolved again around the new values.
void carry_uncertainty(const Study& base, Study& edited) {
  std::map<std::string, int> index;
  const std::vector<Actor>& actors = edited.scenario.actors;
  for (std::size_t a = 0; a < actors.size(); ++a) index[actors[a].id] = static_cast<int>(a);
  std::vector<UncertainInput> kept;
  for (UncertainInput input : base.uncertainty) {
    if (input.actor >= 0) {
      const auto found = index.find(base.scenario.actors[input.actor].id);
      if (found == index.end()) continue;
      input.actor = found->second;
    }
    kept.push_back(std::move(input));
  }
  edited.uncertainty = std::move(kept);
  resolve_uncertainty(edited, "", "");
}

// Notes and derived inputs about an actor that is gone go with it.
void drop_missing_actors(Study& edited) {
  std::set<std::string> ids;
  for (const Actor& actor : edited.scenario.actors) ids.insert(actor.id);
  const auto gone = [&](const std::string& actor) { return !actor.empty() && !ids.count(actor); };
  std::erase_if(edited.scenario.sources, [&](const SourceNote& note) { return gone(note.actor); });
  std::erase_if(edited.derived, [&](const DerivedInput& input) { return gone(input.actor); });
}

}  // namespace

Study with_actors(const Study& base, const std::string& actors_text, const std::string& file) {
  Study edited = base;
  Scenario& scenario = edited.scenario;
  scenario.actors.clear();
  parse_actors_csv(scenario, actors_text, file);
  if (same_actors(base.scenario.actors, scenario.actors)) return edited;
  carry_uncertainty(base, edited);
  drop_missing_actors(edited);
  // An edited scenario is a different input; its hash says so (as `pivot serve` marks edits).
  scenario.input_hash = hex64(fnv1a64(actors_csv(scenario), fnv1a64(base.scenario.input_hash)));
  return edited;
}

Study study_from_tables(const std::string& name, const std::vector<Issue>& issues, const std::string& issues_where,
                        const std::string& actors_text, const std::string& actors_file) {
  Study study;
  Scenario& scenario = study.scenario;
  scenario.name = name;
  scenario.format = "memory";
  if (issues.empty()) throw InputError({issues_where, 0, 0, ""}, "expected one or more issues");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < issues.size(); ++i) {
    Issue issue = issues[i];
    const std::string where = fmt::format("issues[{}].", i);
    check_issue(issue, [&](const std::string& key) { return SourcePosition{issues_where, 0, 0, where + key}; });
    if (!ids.insert(issue.id).second)
      throw InputError({issues_where, 0, 0, where + "id"}, "duplicate issue id '" + issue.id + "'");
    if (issue.name.empty()) issue.name = issue.id;
    scenario.issues.push_back(std::move(issue));
  }
  parse_actors_csv(scenario, actors_text, actors_file);
  resolve_uncertainty(study, "", "");
  std::uint64_t hash = fnv1a64(actors_csv(scenario));
  for (const Issue& issue : scenario.issues)
    hash = fnv1a64(fmt::format("{},{},{},{},{},{},{},{}\n", issue.id, issue.name, issue.unit, issue.min, issue.max,
                               issue.low, issue.high, issue.status_quo ? fmt::format("{}", *issue.status_quo) : ""),
                   hash);
  scenario.input_hash = hex64(hash);
  return study;
}

}  // namespace pivot::pipeline
