// Scenario JSON, validated edits, model runs and run files for the UI's API.
#include "serve/api.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "pivot/core/hash.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/challengers.hpp"
#include "pivot/report/report.hpp"

namespace pivot::serve {
using nlohmann::json;

namespace {

// Capability has no natural top; this is the bound actors.csv enforces.
constexpr double kMaxCapability = 1e12;

double number_at(const json& value, const std::string& where, double low, double high) {
  if (!value.is_number())
    throw ApiError(422, fmt::format("{}: expected a number in [{}, {}], got {}", where, low, high, value.dump()));
  const double x = value.get<double>();
  if (!std::isfinite(x) || x < low || x > high)
    throw ApiError(422, fmt::format("{}: expected a number in [{}, {}], got {}", where, low, high, value.dump()));
  return x;
}

// Replaces `cells` (one per issue) with the request's array, each within its issue's range.
void apply_per_issue(const Scenario& scenario, const json& values, const std::string& where, bool salience,
                     std::vector<double>& cells) {
  if (!values.is_array() || values.size() != scenario.issues.size())
    throw ApiError(422,
                   fmt::format("{}: expected an array of {} numbers, one per issue", where, scenario.issues.size()));
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const Issue& issue = scenario.issues[k];
    const std::string cell = fmt::format("{}[{}] ({})", where, k, issue.id);
    cells[k] = salience ? number_at(values[k], cell, 0.0, 100.0) : number_at(values[k], cell, issue.min, issue.max);
  }
}

json doubles(const std::vector<double>& values) { return json(values); }

json issue_json(const Issue& issue) {
  json out = {{"id", issue.id},   {"name", issue.name}, {"unit", issue.unit}, {"min", issue.min},
              {"max", issue.max}, {"low", issue.low},   {"high", issue.high}};
  out["status_quo"] = issue.status_quo ? json(*issue.status_quo) : json(nullptr);
  return out;
}

json actor_json(const Actor& actor) {
  json out = {{"id", actor.id},
              {"name", actor.name},
              {"capability", actor.capability},
              {"position", doubles(actor.position)},
              {"salience", doubles(actor.salience)}};
  out["risk"] = actor.risk ? json(*actor.risk) : json(nullptr);
  return out;
}

// Per round, why each actor moved and who challenged it, as the report's positions chart
// tells it on hover: "ACTOR" or "ACTOR|ISSUE" -> the model's reason for the move,
// "@ACTOR" or "@ACTOR|ISSUE" -> the three challengers with the largest expected gain.
json why_json(const Scenario& s, const ForecastResult& result) {
  json rounds = json::array();
  const auto actor_id = [&](int a) { return a >= 0 && a < static_cast<int>(s.actors.size()) ? s.actors[a].id : ""; };
  const auto issue_key = [&](int k) {
    return k >= 0 && k < static_cast<int>(s.issues.size()) ? "|" + s.issues[k].id : std::string();
  };
  for (const Round& round : result.rounds) {
    json entry = json::object();
    for (const Move& m : round.moves) entry[actor_id(m.actor) + issue_key(m.issue)] = m.reason;
    std::map<std::string, std::vector<ChallengeNote>> by_target;
    for (const Challenge& c : round.challenges) {
      if (c.target < 0) continue;
      by_target["@" + actor_id(c.target) + issue_key(c.issue)].push_back(
          {c.challenger >= 0 ? s.actors[c.challenger].name : "?", c.expected_gain, c.win_probability});
    }
    for (auto& [key, list] : by_target) entry[key] = strongest_challenges_text(std::move(list));
    rounds.push_back(std::move(entry));
  }
  return rounds;
}

}  // namespace

json scenario_json(const Scenario& scenario) {
  json issues = json::array(), actors = json::array();
  for (const Issue& issue : scenario.issues) issues.push_back(issue_json(issue));
  for (const Actor& actor : scenario.actors) actors.push_back(actor_json(actor));
  return {{"name", scenario.name},     {"title", scenario.title},
          {"as_of", scenario.as_of},   {"description", scenario.description},
          {"format", scenario.format}, {"input_hash", scenario.input_hash},
          {"issues", issues},          {"actors", actors}};
}

namespace {

constexpr std::size_t kMaxIssues = 100, kMaxActors = 500;  // beyond any scenario people write by hand

// An id as scenario.toml's issues have them: letters, digits, '-' or '_', at most 64.
bool plain_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string string_at(const json& value, const std::string& where) {
  if (!value.is_string()) throw ApiError(422, where + ": expected a string");
  return value.get<std::string>();
}

// A name or label as actors.csv and scenario.toml keep it: UTF-8 text without control
// characters or surrounding spaces (the loaders trim them), at most 200 bytes.
std::string text_at(const json& value, const std::string& where, bool required) {
  const std::string text = string_at(value, where);
  const bool control =
      std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  if (find_invalid_utf8(text) != std::string::npos || control || text.size() > 200 ||
      (!text.empty() && (text.front() == ' ' || text.back() == ' ')) || (required && text.empty()))
    throw ApiError(422, where + ": expected " + (required ? "a non-empty " : "") +
                            "text of at most 200 bytes, without control characters or surrounding spaces");
  return text;
}

std::string id_at(const json& value, const std::string& where) {
  const std::string id = string_at(value, where);
  if (!plain_id(id))
    throw ApiError(422, fmt::format("{}: expected an id of letters, digits, '-' or '_' (at most 64), got '{}'", where,
                                    valid_utf8(id)));
  return id;
}

// The ids of a "remove_*" member, each one of `known`.
std::vector<std::string> ids_to_remove(const json& request, const std::string& key,
                                       const std::vector<std::string>& known, const std::string& what) {
  std::vector<std::string> ids;
  if (!request.contains(key)) return ids;
  const json& list = request.at(key);
  if (!list.is_array()) throw ApiError(422, key + ": expected an array of " + what + " ids");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = fmt::format("{}[{}]", key, i);
    const std::string id = string_at(list[i], where);
    if (std::find(known.begin(), known.end(), id) == known.end())
      throw ApiError(422, fmt::format("{}: unknown {} '{}'", where, what, valid_utf8(id)));
    ids.push_back(id);
  }
  return ids;
}

std::optional<double> risk_at(const json& value, const std::string& where) {
  if (value.is_null()) return std::nullopt;
  return number_at(value, where, -1.0, 1.0);
}

void remove_issues(Scenario& s, const json& request) {
  std::vector<std::string> known;
  for (const Issue& issue : s.issues) known.push_back(issue.id);
  const std::vector<std::string> gone = ids_to_remove(request, "remove_issues", known, "issue");
  for (const std::string& id : gone) {
    const auto at = std::find_if(s.issues.begin(), s.issues.end(), [&](const Issue& i) { return i.id == id; });
    if (at == s.issues.end()) continue;  // listed twice
    const auto k = static_cast<std::size_t>(at - s.issues.begin());
    s.issues.erase(at);
    for (Actor& actor : s.actors) {
      actor.position.erase(actor.position.begin() + static_cast<std::ptrdiff_t>(k));
      actor.salience.erase(actor.salience.begin() + static_cast<std::ptrdiff_t>(k));
      if (!actor.takes_part.empty()) actor.takes_part.erase(actor.takes_part.begin() + static_cast<std::ptrdiff_t>(k));
    }
    std::erase_if(s.outcomes, [&](const OutcomeRule& r) { return r.issue == static_cast<int>(k); });
    for (OutcomeRule& r : s.outcomes)
      if (r.issue > static_cast<int>(k)) --r.issue;
    std::erase_if(s.sources, [&](const SourceNote& n) { return n.issue == id; });
  }
  if (s.issues.empty()) throw ApiError(422, "remove_issues: at least one issue must remain");
}

void add_issues(Scenario& s, const json& request) {
  if (!request.contains("add_issues")) return;
  const json& list = request.at("add_issues");
  if (!list.is_array()) throw ApiError(422, "add_issues: expected an array of issues");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& entry = list[i];
    const std::string where = fmt::format("add_issues[{}]", i);
    if (!entry.is_object() || !entry.contains("id") || !entry.contains("min") || !entry.contains("max"))
      throw ApiError(422, where + ": expected an object with id, min and max");
    Issue issue;
    for (const auto& [key, value] : entry.items()) {
      const std::string field = where + "." + key;
      if (key == "id")
        issue.id = id_at(value, field);
      else if (key == "name")
        issue.name = text_at(value, field, false);
      else if (key == "unit")
        issue.unit = text_at(value, field, false);
      else if (key == "low")
        issue.low = text_at(value, field, false);
      else if (key == "high")
        issue.high = text_at(value, field, false);
      else if (key == "min")
        issue.min = number_at(value, field, -1e12, 1e12);
      else if (key == "max")
        issue.max = number_at(value, field, -1e12, 1e12);
      else if (key == "status_quo") {
        if (!value.is_null()) issue.status_quo = number_at(value, field, -1e12, 1e12);
      } else
        throw ApiError(422, fmt::format("{}: unknown field '{}' (expected id, name, unit, min, max, low, high, "
                                        "status_quo)",
                                        where, valid_utf8(key)));
    }
    if (issue.name.empty()) issue.name = issue.id;
    if (!(issue.max > issue.min)) throw ApiError(422, where + ".max: expected max > min");
    if (issue.status_quo && (*issue.status_quo < issue.min || *issue.status_quo > issue.max))
      throw ApiError(422, where + ".status_quo: expected a value within [min, max]");
    if (std::any_of(s.issues.begin(), s.issues.end(), [&](const Issue& x) { return x.id == issue.id; }))
      throw ApiError(422, fmt::format("{}.id: issue '{}' exists", where, issue.id));
    if (s.issues.size() >= kMaxIssues) throw ApiError(422, fmt::format("{}: at most {} issues", where, kMaxIssues));
    const double start = issue.status_quo ? *issue.status_quo : issue.min + (issue.max - issue.min) / 2;
    for (Actor& actor : s.actors) {
      actor.position.push_back(start);
      actor.salience.push_back(0.0);
      if (!actor.takes_part.empty()) actor.takes_part.push_back(true);
    }
    s.issues.push_back(std::move(issue));
  }
}

void remove_actors(Scenario& s, const json& request) {
  std::vector<std::string> known;
  for (const Actor& actor : s.actors) known.push_back(actor.id);
  for (const std::string& id : ids_to_remove(request, "remove_actors", known, "actor")) {
    std::erase_if(s.actors, [&](const Actor& a) { return a.id == id; });
    std::erase_if(s.sources, [&](const SourceNote& n) { return n.actor == id; });
  }
}

// One entry of "actors": edits of an existing actor, or (with "new": true) a new one.
void edit_actor(Scenario& s, const json& entry, const std::string& where) {
  if (!entry.is_object() || !entry.contains("id") || !entry.at("id").is_string())
    throw ApiError(422, where + ": expected an object with a string id");
  const std::string id = entry.at("id").get<std::string>();
  bool is_new = false;
  if (entry.contains("new")) {
    if (!entry.at("new").is_boolean()) throw ApiError(422, where + ".new: expected true or false");
    is_new = entry.at("new").get<bool>();
  }
  auto it = std::find_if(s.actors.begin(), s.actors.end(), [&](const Actor& a) { return a.id == id; });
  if (is_new) {
    id_at(entry.at("id"), where + ".id");
    if (it != s.actors.end()) throw ApiError(422, fmt::format("{}.id: actor '{}' exists", where, id));
    for (const char* required : {"capability", "position", "salience"})
      if (!entry.contains(required))
        throw ApiError(422, fmt::format("{}: a new actor needs {} (capability, position, salience)", where, required));
    if (s.actors.size() >= kMaxActors) throw ApiError(422, fmt::format("{}: at most {} actors", where, kMaxActors));
    Actor actor;
    actor.id = id;
    actor.name = id;
    actor.position.assign(s.issues.size(), 0.0);
    actor.salience.assign(s.issues.size(), 0.0);
    s.actors.push_back(std::move(actor));
    it = s.actors.end() - 1;
  } else if (it == s.actors.end()) {
    throw ApiError(422, fmt::format("{}.id: unknown actor '{}' (\"new\": true adds one)", where, valid_utf8(id)));
  }
  Actor& actor = *it;
  for (const auto& [key, value] : entry.items()) {
    if (key == "id" || key == "new") continue;
    if (key == "name")
      actor.name = text_at(value, where + ".name", true);
    else if (key == "capability")
      actor.capability = number_at(value, where + ".capability", 0.0, kMaxCapability);
    else if (key == "risk")
      actor.risk = risk_at(value, where + ".risk");
    else if (key == "position")
      apply_per_issue(s, value, where + ".position", false, actor.position);
    else if (key == "salience")
      apply_per_issue(s, value, where + ".salience", true, actor.salience);
    else
      throw ApiError(422, fmt::format("{}: unknown field '{}' (expected id, new, name, capability, risk, position, "
                                      "salience)",
                                      where, valid_utf8(key)));
  }
}

// The scenario's actors moved to `issues` (by id): cells of issues they lack start at the
// issue's status quo (or the middle of its scale) with salience 0.
std::vector<Actor> actors_on(const std::vector<Actor>& actors, const std::vector<Issue>& from,
                             const std::vector<Issue>& issues) {
  std::vector<Actor> out;
  for (Actor actor : actors) {
    Actor moved = actor;
    moved.position.clear(), moved.salience.clear(), moved.takes_part.clear();
    for (const Issue& issue : issues) {
      const auto k = std::find_if(from.begin(), from.end(), [&](const Issue& i) { return i.id == issue.id; });
      if (k == from.end()) {
        moved.position.push_back(issue.status_quo ? *issue.status_quo : issue.min + (issue.max - issue.min) / 2);
        moved.salience.push_back(0.0);
        if (!actor.takes_part.empty()) moved.takes_part.push_back(true);
      } else {
        const auto at = static_cast<std::size_t>(k - from.begin());
        moved.position.push_back(actor.position[at]);
        moved.salience.push_back(actor.salience[at]);
        if (!actor.takes_part.empty()) moved.takes_part.push_back(actor.takes_part[at]);
      }
    }
    out.push_back(std::move(moved));
  }
  return out;
}

bool changes_structure(const json& request) {
  return request.contains("remove_issues") || request.contains("add_issues") || request.contains("remove_actors") ||
         (request.contains("actors") && request.at("actors").is_array() &&
          std::any_of(request.at("actors").begin(), request.at("actors").end(),
                      [](const json& e) { return e.is_object() && e.contains("new"); }));
}

}  // namespace

Scenario apply_edits(const Scenario& base, const json& request) {
  if (!request.is_object()) throw ApiError(400, "expected a JSON object");
  Scenario edited = base;
  remove_issues(edited, request);
  add_issues(edited, request);
  remove_actors(edited, request);
  if (request.contains("actors")) {
    const json& actors = request.at("actors");
    if (!actors.is_array()) throw ApiError(422, "actors: expected an array");
    for (std::size_t i = 0; i < actors.size(); ++i) edit_actor(edited, actors[i], fmt::format("actors[{}]", i));
  }
  if (edited.actors.size() < 2) throw ApiError(422, "actors: at least 2 actors must remain");
  try {
    check_actor_weights(edited, "actors");
  } catch (const InputError& e) {
    throw ApiError(422, e.what());
  }
  // An edited scenario is a different input; its hash says so.
  if (!diff_inputs(base, edited).empty()) {
    std::uint64_t hash = fnv1a64(actors_csv(edited), fnv1a64(base.input_hash));
    for (const Issue& issue : edited.issues) hash = fnv1a64(issue.id + "\n", hash);
    edited.input_hash = hex64(hash);
  }
  return edited;
}

Study edit_study(const Study& base, const json& request) {
  Study edited = base;
  edited.scenario = apply_edits(base.scenario, request);
  if (diff_inputs(base.scenario, edited.scenario).empty()) return base;
  const bool directory = base.scenario.format == "pivot" || base.scenario.format == "memory";
  if (!directory) {
    if (changes_structure(request))
      throw ApiError(409, "adding or removing actors and issues needs a pivot scenario directory");
    return edited;  // value edits of a single-file scenario: its actors as edited
  }
  // The study on the edited issues, with the loaded actors moved to them; then the edited
  // actors through with_actors, which carries uncertain inputs, notes and derived inputs by actor.
  const std::vector<Issue>& from = base.scenario.issues;
  const std::vector<Issue>& issues = edited.scenario.issues;
  Study on_issues = base;
  on_issues.scenario.issues = issues;
  on_issues.scenario.actors = actors_on(base.scenario.actors, from, issues);
  on_issues.scenario.outcomes = edited.scenario.outcomes;
  std::map<int, int> index;  // old issue index -> new
  for (std::size_t k = 0; k < from.size(); ++k)
    for (std::size_t j = 0; j < issues.size(); ++j)
      if (issues[j].id == from[k].id) index[static_cast<int>(k)] = static_cast<int>(j);
  std::vector<UncertainInput> kept;
  for (UncertainInput input : base.uncertainty) {
    if (input.issue >= 0) {
      const auto found = index.find(input.issue);
      if (found == index.end()) continue;
      input.issue = found->second;
    }
    kept.push_back(std::move(input));
  }
  on_issues.uncertainty = std::move(kept);
  const auto issue_gone = [&](const std::string& id) {
    return !id.empty() && std::none_of(issues.begin(), issues.end(), [&](const Issue& i) { return i.id == id; });
  };
  std::erase_if(on_issues.scenario.sources, [&](const SourceNote& n) { return issue_gone(n.issue); });
  std::erase_if(on_issues.derived, [&](const DerivedInput& d) { return issue_gone(d.issue); });
  std::erase_if(on_issues.linkage.stakes, [&](const LinkageStake& st) { return issue_gone(st.issue); });
  try {
    resolve_uncertainty(on_issues, "", "");
    Study out = pipeline::with_actors(on_issues, actors_csv(edited.scenario), "edited actors");
    out.scenario.input_hash = edited.scenario.input_hash;
    return out;
  } catch (const InputError& e) {
    throw ApiError(422, e.what());
  }
}

std::vector<Edit> diff_inputs(const Scenario& base, const Scenario& edited) {
  std::vector<Edit> edits;
  const double none = std::numeric_limits<double>::quiet_NaN();
  const auto find_issue = [](const Scenario& s, const std::string& id) -> int {
    for (std::size_t k = 0; k < s.issues.size(); ++k)
      if (s.issues[k].id == id) return static_cast<int>(k);
    return -1;
  };
  const auto find_actor = [](const Scenario& s, const std::string& id) -> const Actor* {
    for (const Actor& a : s.actors)
      if (a.id == id) return &a;
    return nullptr;
  };
  for (const Issue& issue : base.issues)
    if (find_issue(edited, issue.id) < 0) edits.push_back({"", issue.id, "issue", "removed", 0, 0});
  for (const Issue& issue : edited.issues)
    if (find_issue(base, issue.id) < 0) edits.push_back({"", issue.id, "issue", "added", 0, 0});
  for (const Actor& from : base.actors) {
    const Actor* to = find_actor(edited, from.id);
    if (!to) {
      edits.push_back({from.id, "", "actor", "removed", 0, 0});
      continue;
    }
    if (from.capability != to->capability)
      edits.push_back({from.id, "", "capability", "", from.capability, to->capability});
    if (from.risk != to->risk)
      edits.push_back({from.id, "", "risk", "", from.risk.value_or(none), to->risk.value_or(none)});
    for (std::size_t k = 0; k < base.issues.size(); ++k) {
      const int j = find_issue(edited, base.issues[k].id);
      if (j < 0) continue;
      const auto at = static_cast<std::size_t>(j);
      if (from.position[k] != to->position[at])
        edits.push_back({from.id, base.issues[k].id, "position", "", from.position[k], to->position[at]});
      if (from.salience[k] != to->salience[at])
        edits.push_back({from.id, base.issues[k].id, "salience", "", from.salience[k], to->salience[at]});
    }
  }
  for (const Actor& actor : edited.actors)
    if (!find_actor(base, actor.id)) edits.push_back({actor.id, "", "actor", "added", 0, 0});
  return edits;
}

RunRecord run_models(const Study& study, std::uint64_t seed, int threads) {
  pipeline::AllModels all = pipeline::forecast_all_models(study, "serve", seed, threads);
  return RunRecord{0, study, std::move(all.results), std::move(all.manifest), {}};
}

json run_json(const RunRecord& run) {
  const Scenario& scenario = run.study.scenario;
  json models = json::array();
  for (const ForecastResult& result : run.results) {
    json trajectory = json::array();  // [round][actor][issue]
    for (const Round& round : result.rounds) trajectory.push_back(round.positions);
    models.push_back({{"model", result.model},
                      {"predicted", doubles(result.predicted)},
                      {"rounds_used", result.rounds_used},
                      {"converged", result.converged},
                      {"trajectory", trajectory},
                      {"why", why_json(scenario, result)}});
  }
  json edits = json::array();
  for (const Edit& e : run.edits)
    edits.push_back({{"actor", e.actor},
                     {"issue", e.issue},
                     {"field", e.field},
                     {"change", e.change},
                     {"from", std::isnan(e.from) ? json(nullptr) : json(e.from)},
                     {"to", std::isnan(e.to) ? json(nullptr) : json(e.to)}});
  json issues = json::array();
  for (const Issue& issue : scenario.issues) issues.push_back(issue.id);
  return {{"id", run.id},
          {"scenario", scenario.name},
          {"input_hash", scenario.input_hash},
          {"seed", run.manifest.seed},
          {"version", run.manifest.version},
          {"issues", issues},
          {"models", models},
          {"edits", edits},
          {"inputs", scenario_json(scenario)},
          {"files",
           {"outcome.csv", "positions-ktab.csv", "positions-bdm.csv", "positions-exchange.csv", "exchanges.csv",
            "forecast.json", "manifest.json", "actors.csv", "report.html"}}};
}

std::optional<RunFile> run_file(const RunRecord& run, const std::string& name,
                                const UncertaintyDocuments* uncertainty) {
  const Scenario& scenario = run.study.scenario;
  const std::string csv = "text/csv; charset=utf-8", js = "application/json";
  if (name == "outcome.csv") return RunFile{outcome_csv(scenario, run.results), csv};
  if (name == "positions-ktab.csv") return RunFile{positions_csv(scenario, run.results[0]), csv};
  if (name == "positions-bdm.csv") return RunFile{positions_csv(scenario, run.results[1]), csv};
  if (name == "positions-exchange.csv") return RunFile{positions_csv(scenario, run.results[2]), csv};
  if (name == "exchanges.csv") return RunFile{exchanges_csv(scenario, run.results[2]), csv};
  if (name == "forecast.json") return RunFile{forecast_json(scenario, run.results, run.manifest), js};
  if (name == "manifest.json") return RunFile{manifest_json(run.manifest), js};
  if (name == "actors.csv") return RunFile{actors_csv(scenario), csv};
  if (name == "report.html") return RunFile{run_report_html(run, uncertainty), "text/html; charset=utf-8"};
  return std::nullopt;
}

std::string run_report_html(const RunRecord& run, const UncertaintyDocuments* uncertainty) {
  ReportInputs inputs;
  inputs.study = run.study;
  inputs.forecast =
      parse_report_document(forecast_json(run.study.scenario, run.results, run.manifest), "forecast.json");
  if (uncertainty) {
    inputs.mc = parse_report_document(uncertainty->mc, "mc.json");
    inputs.sensitivity = parse_report_document(uncertainty->sensitivity, "sensitivity.json");
  }
  inputs.bottom_line = pipeline::bottom_line(inputs);
  return render_report(inputs);
}

bool same_inputs(const Study& a, const Study& b) {
  return a.scenario.input_hash == b.scenario.input_hash && scenario_json(a.scenario) == scenario_json(b.scenario);
}

}  // namespace pivot::serve
