#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pivot/bargain/convergence.hpp"
#include "pivot/bargain/key_moves.hpp"
#include "pivot/output/forecast_output.hpp"

namespace pivot {
namespace {

using json = nlohmann::ordered_json;

// Shortest text that reads back to the same double: stable across runs and platforms.
std::string num(double v) { return fmt::format("{}", v); }

json actor_refs(const Scenario& s, int index) {
  if (index < 0) return nullptr;
  return s.actors[index].id;
}

bool has_option(const ForecastResult& r, const char* key, const char* value) {
  return std::any_of(r.options.begin(), r.options.end(),
                     [&](const auto& o) { return o.first == key && o.second == value; });
}

// The exchange model run with rate=random: its exchanges carry each actor's own gain.
bool with_own_gains(const ForecastResult& r) { return r.model == "exchange" && has_option(r, "rate", "random"); }

// The exchange model run with externalities=on: its exchanges carry them.
bool with_externalities(const ForecastResult& r) {
  return r.model == "exchange" && has_option(r, "externalities", "on");
}

json round_json(const Scenario& s, const Round& r, bool with_exchanges, bool externalities, bool own_gains) {
  json j;
  j["round"] = r.index;
  json positions = json::object();
  for (std::size_t a = 0; a < s.actors.size(); ++a) positions[s.actors[a].id] = r.positions[a];
  j["positions"] = positions;
  json challenges = json::array();
  for (const auto& c : r.challenges) {
    json cj;
    cj["challenger"] = s.actors[c.challenger].id;
    cj["target"] = actor_refs(s, c.target);
    if (c.issue >= 0) cj["issue"] = s.issues[c.issue].id;
    cj["kind"] = c.kind;
    cj["expected_gain"] = c.expected_gain;
    cj["win_probability"] = c.win_probability;
    if (!c.challenger_offer.empty()) cj["challenger_offer"] = c.challenger_offer;
    if (!c.target_offer.empty()) cj["target_offer"] = c.target_offer;
    challenges.push_back(cj);
  }
  j["challenges"] = challenges;
  json votes = json::array();
  for (const auto& v : r.votes) {
    json vj;
    vj["actor"] = s.actors[v.actor].id;
    json options = json::array();
    for (std::size_t m = 0; m < v.probabilities.size(); ++m) {
      json o;
      o["initiator"] = actor_refs(s, v.initiators[m]);
      o["receiver"] = actor_refs(s, v.receivers[m]);
      o["probability"] = v.probabilities[m];
      options.push_back(o);
    }
    vj["options"] = options;
    vj["chosen"] = v.chosen;
    votes.push_back(vj);
  }
  j["votes"] = votes;
  json moves = json::array();
  for (const auto& m : r.moves) {
    json mj;
    mj["actor"] = s.actors[m.actor].id;
    mj["partner"] = actor_refs(s, m.partner);
    if (m.issue >= 0) mj["issue"] = s.issues[m.issue].id;
    mj["from"] = m.from;
    mj["to"] = m.to;
    mj["why"] = m.reason;
    moves.push_back(mj);
  }
  j["moves"] = moves;
  if (with_exchanges) {
    json exchanges = json::array();
    for (const auto& e : r.exchanges)
      exchanges.push_back({{"rank", e.rank},
                           {"actor_a", s.actors[static_cast<std::size_t>(e.actor_a)].id},
                           {"issue_a", s.issues[static_cast<std::size_t>(e.issue_a)].id},
                           {"from_a", e.from_a},
                           {"to_a", e.to_a},
                           {"actor_b", s.actors[static_cast<std::size_t>(e.actor_b)].id},
                           {"issue_b", s.issues[static_cast<std::size_t>(e.issue_b)].id},
                           {"from_b", e.from_b},
                           {"to_b", e.to_b},
                           {"gain", e.gain}});
    if (own_gains)
      for (std::size_t n = 0; n < r.exchanges.size(); ++n) {
        exchanges[n]["gain_a"] = r.exchanges[n].gain_a;
        exchanges[n]["gain_b"] = r.exchanges[n].gain_b;
      }
    if (externalities)
      for (std::size_t n = 0; n < r.exchanges.size(); ++n) {
        const ExchangeExternalities& x = r.exchanges[n].externalities;
        exchanges[n]["externalities"] = {{"inner_positive", x.inner_positive},
                                         {"inner_negative", x.inner_negative},
                                         {"outer_positive", x.outer_positive},
                                         {"outer_negative", x.outer_negative},
                                         {"own", x.own}};
      }
    j["exchanges"] = exchanges;
    j["exchange_ties"] = r.exchange_ties;
  }
  return j;
}

json manifest_to_json(const Manifest& m) {
  json j;
  j["tool"] = m.tool;
  j["version"] = m.version;
  j["command"] = m.command;
  j["scenario"] = m.scenario;
  j["input_hash"] = m.input_hash;
  j["seed"] = m.seed;
  json options = json::object();
  for (const auto& [k, v] : m.options) options[k] = v;
  // Inputs the [linkage] derived from prices rather than took from actors.csv.
  for (const auto& d : m.derived)
    options[fmt::format("derived.{}.{}.{}", d.actor, d.issue, d.field)] =
        fmt::format("{:.6g} (actors.csv {:.6g}) from {}", d.value, d.was, d.from);
  j["options"] = options;
  return j;
}

json scenario_json(const Scenario& s, const std::vector<DerivedInput>& derived_inputs) {
  json j;
  j["name"] = s.name;
  j["title"] = s.title;
  j["as_of"] = s.as_of;
  j["format"] = s.format;
  json issues = json::array();
  for (const auto& i : s.issues)
    issues.push_back({{"id", i.id},
                      {"name", i.name},
                      {"unit", i.unit},
                      {"min", i.min},
                      {"max", i.max},
                      {"low", i.low},
                      {"high", i.high}});
  j["issues"] = issues;
  json actors = json::array();
  for (const auto& a : s.actors)
    actors.push_back({{"id", a.id},
                      {"name", a.name},
                      {"capability", a.capability},
                      {"position", a.position},
                      {"salience", a.salience}});
  j["actors"] = actors;
  // Which inputs were derived by [linkage] (and from what) rather than taken from actors.csv.
  json derived = json::array();
  for (const auto& d : derived_inputs)
    derived.push_back({{"actor", d.actor},
                       {"issue", d.issue},
                       {"field", d.field},
                       {"value", d.value},
                       {"actors_csv", d.was},
                       {"from", d.from}});
  j["derived"] = derived;
  return j;
}

}  // namespace

Manifest make_manifest(const std::string& command, const Study& study, const ForecastOptions& options,
                       const ForecastResult& primary) {
  const Scenario& scenario = study.scenario;
  Manifest m;
  m.version = version_string();
  m.command = command;
  m.scenario = scenario.name;
  m.input_hash = scenario.input_hash;
  m.seed = options.seed;
  m.options = primary.options;
  m.options.insert(m.options.begin(), {"model", primary.model});
  if (!scenario.input_encoding.empty()) m.options.push_back({"input_encoding", scenario.input_encoding});
  m.derived = study.derived;
  return m;
}

std::string manifest_json(const Manifest& manifest) { return manifest_to_json(manifest).dump(2) + "\n"; }

namespace {

json convergence_json(const Scenario& scenario, const IssueConvergence& c) {
  json out = {{"verdict", verdict_name(c.verdict)}};
  if (c.settled_round) out["settled_round"] = *c.settled_round;
  if (c.period > 0) out["period"] = c.period;
  if (c.swinging_actor >= 0) {
    out["amplitude"] = c.amplitude;
    out["swinging_actor"] = scenario.actors[static_cast<std::size_t>(c.swinging_actor)].id;
  }
  return out;
}

// The turning points forecast.json lists per issue (the report's key-moves table).
constexpr std::size_t kKeyMovesPerIssue = 5;

json key_moves_json(const Scenario& scenario, const std::vector<KeyMove>& moves) {
  json out = json::array();
  for (const KeyMove& m : moves)
    out.push_back({{"round", m.round},
                   {"actor", actor_refs(scenario, m.actor)},
                   {"partner", actor_refs(scenario, m.partner)},
                   {"from", m.from},
                   {"to", m.to},
                   {"shift", m.shift},
                   {"why", m.reason}});
  return out;
}

}  // namespace

std::string forecast_json(const Scenario& scenario, const std::vector<ForecastResult>& results,
                          const Manifest& manifest) {
  json j;
  j["manifest"] = manifest_to_json(manifest);
  j["scenario"] = scenario_json(scenario, manifest.derived);
  json models = json::array();
  for (const auto& r : results) {
    json mj;
    mj["model"] = r.model;
    json outcome = json::object();
    const std::vector<IssueConvergence> diagnostics = convergence_diagnostics(scenario, r);
    const std::vector<std::vector<KeyMove>> turning_points = key_moves(scenario, r, kKeyMovesPerIssue);
    for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
      json& one = outcome[scenario.issues[k].id] = {{"predicted", r.predicted[k]},
                                                    {"rounds", r.rounds_used[k]},
                                                    {"converged", static_cast<bool>(r.converged[k])}};
      if (k < diagnostics.size()) one["convergence"] = convergence_json(scenario, diagnostics[k]);
      if (!turning_points[k].empty()) one["key_moves"] = key_moves_json(scenario, turning_points[k]);
    }
    mj["outcome"] = outcome;
    json options = json::object();
    for (const auto& [k, v] : r.options) options[k] = v;
    mj["options"] = options;
    if (r.tie_draws.draws > 0) {
      // The forecast's range over tie draws (ties=random, draw n seeded by SplitMix64(seed + n)).
      json range = json::object();
      for (std::size_t k = 0; k < scenario.issues.size(); ++k)
        range[scenario.issues[k].id] = {{"min", r.tie_draws.min[k]}, {"max", r.tie_draws.max[k]}};
      mj["tie_draws"] = {{"draws", r.tie_draws.draws}, {"outcome", range}};
    }
    if (r.rounds.size() > 1) {
      json rounds = json::array();
      for (const auto& round : r.rounds)
        rounds.push_back(round_json(scenario, round, r.model == "exchange", with_externalities(r), with_own_gains(r)));
      mj["rounds"] = rounds;
    }
    models.push_back(mj);
  }
  j["models"] = models;
  return j.dump(1) + "\n";
}

std::string positions_csv(const Scenario& scenario, const ForecastResult& result) {
  std::string out = "round,actor,issue,position\n";
  for (const auto& round : result.rounds)
    for (std::size_t a = 0; a < scenario.actors.size(); ++a)
      for (std::size_t k = 0; k < scenario.issues.size(); ++k)
        out += fmt::format("{},{},{},{}\n", round.index, scenario.actors[a].id, scenario.issues[k].id,
                           num(round.positions[a][k]));
  return out;
}

std::string exchanges_csv(const Scenario& scenario, const ForecastResult& result) {
  const bool externalities = with_externalities(result), own_gains = with_own_gains(result);
  std::string out = "round,rank,actor_a,issue_a,from_a,to_a,actor_b,issue_b,from_b,to_b,gain";
  out += own_gains ? ",gain_a,gain_b" : "";
  out += externalities ? ",inner_positive,inner_negative,outer_positive,outer_negative,own\n" : "\n";
  for (const auto& round : result.rounds)
    for (const auto& e : round.exchanges) {
      out +=
          fmt::format("{},{},{},{},{},{},{},{},{},{},{}", round.index, e.rank,
                      scenario.actors[static_cast<std::size_t>(e.actor_a)].id,
                      scenario.issues[static_cast<std::size_t>(e.issue_a)].id, num(e.from_a), num(e.to_a),
                      scenario.actors[static_cast<std::size_t>(e.actor_b)].id,
                      scenario.issues[static_cast<std::size_t>(e.issue_b)].id, num(e.from_b), num(e.to_b), num(e.gain));
      if (own_gains) out += fmt::format(",{},{}", num(e.gain_a), num(e.gain_b));
      const ExchangeExternalities& x = e.externalities;
      out += externalities ? fmt::format(",{},{},{},{},{}\n", num(x.inner_positive), num(x.inner_negative),
                                         num(x.outer_positive), num(x.outer_negative), num(x.own))
                           : "\n";
    }
  return out;
}

std::string outcome_csv(const Scenario& scenario, const std::vector<ForecastResult>& results) {
  std::string out = "issue,model,predicted\n";
  for (std::size_t k = 0; k < scenario.issues.size(); ++k)
    for (const auto& r : results) out += fmt::format("{},{},{}\n", scenario.issues[k].id, r.model, num(r.predicted[k]));
  return out;
}

std::string forecast_table(const Scenario& scenario, const std::vector<ForecastResult>& results) {
  std::size_t width = 5, unit_width = 4;
  for (const auto& i : scenario.issues) {
    width = std::max(width, i.id.size());
    unit_width = std::max(unit_width, i.unit.size());
  }
  // Models that bargain over rounds get a rounds column; '*' marks an issue that did not converge.
  std::vector<const ForecastResult*> dynamic;
  for (const auto& r : results)
    if (r.rounds.size() > 1) dynamic.push_back(&r);

  std::string out = fmt::format("{}{}\n", scenario.name, scenario.title.empty() ? "" : " — " + scenario.title);
  out += fmt::format("{:<{}}  {:<{}}", "issue", width, "unit", unit_width);
  for (const auto& r : results) out += fmt::format("  {:>9}", r.model);
  for (const auto* r : dynamic) out += fmt::format("  {:>10}", r->model + " rounds");
  out += "\n";
  bool any_unconverged = false;
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    out += fmt::format("{:<{}}  {:<{}}", scenario.issues[k].id, width, scenario.issues[k].unit, unit_width);
    for (const auto& r : results) out += fmt::format("  {:>9.2f}", r.predicted[k]);
    for (const auto* r : dynamic) {
      any_unconverged = any_unconverged || !r->converged[k];
      out += fmt::format("  {:>10}", fmt::format("{}{}", r->rounds_used[k], r->converged[k] ? "" : "*"));
    }
    out += "\n";
  }
  if (any_unconverged) out += "* stopped at the round limit without converging\n";
  return out;
}

}  // namespace pivot
