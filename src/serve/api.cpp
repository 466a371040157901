// Scenario JSON, validated edits, model runs and run files for the UI's API.
#include "serve/api.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "pivot/core/hash.hpp"
#include "pivot/pipeline/pipeline.hpp"
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

Scenario apply_edits(const Scenario& base, const json& request) {
  if (!request.is_object()) throw ApiError(400, "expected a JSON object");
  Scenario edited = base;
  if (!request.contains("actors")) return edited;
  const json& actors = request.at("actors");
  if (!actors.is_array()) throw ApiError(422, "actors: expected an array");
  std::map<std::string, std::size_t> index;
  for (std::size_t a = 0; a < edited.actors.size(); ++a) index[edited.actors[a].id] = a;
  for (std::size_t i = 0; i < actors.size(); ++i) {
    const json& entry = actors[i];
    const std::string where = fmt::format("actors[{}]", i);
    if (!entry.is_object() || !entry.contains("id") || !entry.at("id").is_string())
      throw ApiError(422, where + ": expected an object with a string id");
    auto it = index.find(entry.at("id").get<std::string>());
    if (it == index.end())
      throw ApiError(422, fmt::format("{}.id: unknown actor '{}'", where, entry.at("id").get<std::string>()));
    Actor& actor = edited.actors[it->second];
    for (const auto& [key, value] : entry.items()) {
      if (key == "id" || key == "name" || key == "risk") continue;  // shown, not editable
      if (key == "capability")
        actor.capability = number_at(value, where + ".capability", 0.0, kMaxCapability);
      else if (key == "position")
        apply_per_issue(edited, value, where + ".position", false, actor.position);
      else if (key == "salience")
        apply_per_issue(edited, value, where + ".salience", true, actor.salience);
      else
        throw ApiError(422,
                       fmt::format("{}: unknown field '{}' (expected id, capability, position, salience)", where, key));
    }
  }
  try {
    check_actor_weights(edited, "actors");
  } catch (const InputError& e) {
    throw ApiError(422, e.what());
  }
  // An edited scenario is a different input; its hash says so.
  if (!diff_inputs(base, edited).empty())
    edited.input_hash = hex64(fnv1a64(actors_csv(edited), fnv1a64(base.input_hash)));
  return edited;
}

std::vector<Edit> diff_inputs(const Scenario& base, const Scenario& edited) {
  std::vector<Edit> edits;
  for (std::size_t a = 0; a < base.actors.size(); ++a) {
    const Actor& from = base.actors[a];
    const Actor& to = edited.actors[a];
    if (from.capability != to.capability) edits.push_back({from.id, "", "capability", from.capability, to.capability});
    for (std::size_t k = 0; k < base.issues.size(); ++k) {
      if (from.position[k] != to.position[k])
        edits.push_back({from.id, base.issues[k].id, "position", from.position[k], to.position[k]});
      if (from.salience[k] != to.salience[k])
        edits.push_back({from.id, base.issues[k].id, "salience", from.salience[k], to.salience[k]});
    }
  }
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
                      {"trajectory", trajectory}});
  }
  json edits = json::array();
  for (const Edit& e : run.edits)
    edits.push_back({{"actor", e.actor}, {"issue", e.issue}, {"field", e.field}, {"from", e.from}, {"to", e.to}});
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
          {"files",
           {"outcome.csv", "positions-ktab.csv", "positions-bdm.csv", "forecast.json", "manifest.json", "actors.csv",
            "report.html"}}};
}

std::optional<RunFile> run_file(const RunRecord& run, const std::string& name) {
  const Scenario& scenario = run.study.scenario;
  const std::string csv = "text/csv; charset=utf-8", js = "application/json";
  if (name == "outcome.csv") return RunFile{outcome_csv(scenario, run.results), csv};
  if (name == "positions-ktab.csv") return RunFile{positions_csv(scenario, run.results[0]), csv};
  if (name == "positions-bdm.csv") return RunFile{positions_csv(scenario, run.results[1]), csv};
  if (name == "forecast.json") return RunFile{forecast_json(scenario, run.results, run.manifest), js};
  if (name == "manifest.json") return RunFile{manifest_json(run.manifest), js};
  if (name == "actors.csv") return RunFile{actors_csv(scenario), csv};
  if (name == "report.html") return RunFile{run_report_html(run), "text/html; charset=utf-8"};
  return std::nullopt;
}

std::string run_report_html(const RunRecord& run) {
  ReportInputs inputs;
  inputs.study = run.study;
  inputs.forecast =
      parse_report_document(forecast_json(run.study.scenario, run.results, run.manifest), "forecast.json");
  return render_report(inputs);
}

}  // namespace pivot::serve
