// uncertainty.csv and the [uncertainty] defaults: which actor fields are
// uncertain and how. See docs/uncertainty.md for the format.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/scenario/study.hpp"
#include "scenario/table_reader.hpp"

namespace pivot {

using scenario::cell;
using scenario::index_header;
using scenario::number_in;
using scenario::trim;

namespace {

constexpr double kMaxCapability = 1e12;  // the bound actors.csv enforces
const char* const kDefaultOrigin = "[uncertainty]";

struct Scale {
  double lo, hi;
};

Scale field_scale(const Study& s, ActorField field, int issue, int parameter = -1) {
  switch (field) {
    case ActorField::capability:
      return {0.0, kMaxCapability};
    case ActorField::position:
      return {s.scenario.issues[issue].min, s.scenario.issues[issue].max};
    case ActorField::salience:
      return {0.0, 100.0};
    case ActorField::risk:
      return {-1.0, 1.0};
    case ActorField::parameter:
      return {s.parameters[parameter].min, s.parameters[parameter].max};
  }
  return {0.0, 0.0};
}

const char* field_name(ActorField field) {
  switch (field) {
    case ActorField::capability:
      return "capability";
    case ActorField::position:
      return "position";
    case ActorField::salience:
      return "salience";
    case ActorField::risk:
      return "risk";
    case ActorField::parameter:
      return "parameter";
  }
  return "?";
}

template <class T>
int index_of(const std::vector<T>& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}

// Why a field names nothing: for `game.NAME.…`, the outcomes and players that game has.
std::string unknown_field_message(const Study& s, const std::string& field_text) {
  const std::string found = "; found '" + field_text + "'";
  if (field_text.rfind("game.", 0) != 0)
    return "expected capability, position, salience, risk or a parameter of the scenario (deal.TERM from "
           "deal.toml, trade.MODEL.... from trade/MODEL.toml, ge.MODEL.sigma|pass_through from ge/ge.toml, "
           "game.NAME.OUTCOME.PLAYER from games/NAME.efg)" +
           found;
  const std::string game = field_text.substr(5, field_text.find('.', 5) - 5);
  const std::string prefix = "game." + game + ".";
  std::set<std::string> outcomes, players;
  for (const EconomicParameter& p : s.parameters) {
    if (p.name.rfind(prefix, 0) != 0) continue;
    const std::string rest = p.name.substr(prefix.size());
    outcomes.insert(rest.substr(0, rest.find('.')));
    players.insert(rest.substr(rest.find('.') + 1));
  }
  if (outcomes.empty()) return "expected game.NAME.OUTCOME.PLAYER with games/" + game + ".efg in the scenario" + found;
  return fmt::format("expected game.{}.OUTCOME.PLAYER with OUTCOME one of {} and PLAYER one of {}{}", game,
                     fmt::join(outcomes, ", "), fmt::join(players, ", "), found);
}

// One uncertainty.csv row, validated against the scenario.
UncertainInput parse_row(const Study& s, const CsvRow& row, const std::map<std::string, std::size_t>& columns,
                         const std::string& file) {
  auto field_at = [&](const std::string& name) -> const CsvField* {
    auto it = columns.find(name);
    return it == columns.end() ? nullptr : &cell(row, it->second, file, name);
  };
  const CsvField& actor = *field_at("actor");
  const CsvField& issue = *field_at("issue");
  const CsvField& field = *field_at("field");
  const CsvField& shape = *field_at("distribution");
  UncertainInput input;
  input.origin = fmt::format("{}:{}", file, row.line);
  const std::string field_text = trim(field.text);
  const std::string actor_text = trim(actor.text), issue_text = trim(issue.text);
  if (field_text == "capability")
    input.field = ActorField::capability;
  else if (field_text == "position")
    input.field = ActorField::position;
  else if (field_text == "salience")
    input.field = ActorField::salience;
  else if (field_text == "risk")
    input.field = ActorField::risk;
  else if ((input.parameter = parameter_index(s, field_text)) >= 0)
    input.field = ActorField::parameter;
  else
    throw InputError({file, field.line, field.column, "field"}, unknown_field_message(s, field_text));
  if (input.field == ActorField::parameter) {
    if (!actor_text.empty())
      throw InputError({file, actor.line, actor.column, "actor"}, field_text + " is not an actor's: leave actor empty");
    if (!issue_text.empty())
      throw InputError({file, issue.line, issue.column, "issue"}, field_text + " is not per issue: leave issue empty");
  } else {
    input.actor = index_of(s.scenario.actors, actor_text);
    if (input.actor < 0)
      throw InputError({file, actor.line, actor.column, "actor"}, "unknown actor '" + actor_text + "'");
    if (input.field == ActorField::risk && !s.scenario.actors[input.actor].risk)
      throw InputError({file, field.line, field.column, "field"},
                       "actor '" + actor_text + "' has no risk in actors.csv to make uncertain");
  }
  if (input.field == ActorField::capability || input.field == ActorField::risk) {
    if (!issue_text.empty())
      throw InputError({file, issue.line, issue.column, "issue"}, field_text + " is not per issue: leave issue empty");
  } else if (input.field != ActorField::parameter) {
    input.issue = index_of(s.scenario.issues, issue_text);
    if (input.issue < 0)
      throw InputError({file, issue.line, issue.column, "issue"}, issue_text.empty()
                                                                      ? "expected an issue id for " + field_text
                                                                      : "unknown issue '" + issue_text + "'");
  }
  Distribution& d = input.distribution;
  if (!parse_distribution_kind(trim(shape.text), d.kind))
    throw InputError({file, shape.line, shape.column, "distribution"},
                     "expected uniform, triangular, pert or truncated_normal; found '" + trim(shape.text) + "'");

  const Scale scale = field_scale(s, input.field, input.issue, input.parameter);
  d.low = number_in(*field_at("low"), file, "low", scale.lo, scale.hi);
  const CsvField& high = *field_at("high");
  d.high = number_in(high, file, "high", scale.lo, scale.hi);
  if (!(d.high > d.low))
    throw InputError({file, high.line, high.column, "high"}, fmt::format("expected high > low ({})", d.low));

  const CsvField* mode = field_at("mode");
  const bool has_mode = mode && !trim(mode->text).empty();
  if (d.kind == DistributionKind::uniform) {
    if (has_mode) throw InputError({file, mode->line, mode->column, "mode"}, "uniform has no mode: leave it empty");
    d.mode = 0.5 * (d.low + d.high);
  } else if (has_mode) {
    d.mode = number_in(*mode, file, "mode", d.low, d.high);
  } else {
    d.mode = actor_field(s, input);
    if (d.mode < d.low || d.mode > d.high)
      throw InputError({file, row.line, shape.column, "mode"},
                       fmt::format("mode left empty, and the point value {} lies outside [{}, {}]: give a mode", d.mode,
                                   d.low, d.high));
  }
  const CsvField* sd = field_at("sd");
  const bool has_sd = sd && !trim(sd->text).empty();
  if (d.kind == DistributionKind::truncated_normal) {
    if (!has_sd)
      throw InputError({file, row.line, shape.column, "sd"},
                       "truncated_normal needs sd (the parent normal's standard deviation)");
    d.sd = number_in(*sd, file, "sd", 1e-12 * (scale.hi - scale.lo), 1e12);
  } else if (has_sd) {
    throw InputError({file, sd->line, sd->column, "sd"}, "sd applies to truncated_normal only: leave it empty");
  }
  return input;
}

// A default spread around the point value, cut to the field's scale; nullopt when it leaves nothing to draw.
std::optional<UncertainInput> default_input(const Study& s, int actor, ActorField field, int issue, double spread,
                                            DistributionKind shape) {
  UncertainInput input;
  input.actor = actor;
  input.issue = issue;
  input.field = field;
  input.origin = kDefaultOrigin;
  const double value = actor_field(s, input);
  const Scale scale = field_scale(s, field, issue);
  Distribution& d = input.distribution;
  d.kind = shape;
  d.low = std::max(scale.lo, value - spread);
  d.high = std::min(scale.hi, value + spread);
  d.mode = shape == DistributionKind::uniform ? 0.5 * (d.low + d.high) : value;
  if (!(d.high > d.low)) return std::nullopt;
  return input;
}

void add_defaults(const Study& s, std::map<std::uint32_t, UncertainInput>& inputs) {
  const UncertaintyDefaults& u = s.uncertainty_defaults;
  auto add = [&](int actor, ActorField field, int issue, std::optional<double> spread) {
    if (!spread || *spread <= 0.0) return;
    UncertainInput probe;
    probe.actor = actor, probe.field = field, probe.issue = issue;
    const std::uint32_t id = uncertain_variable_id(s, probe);
    if (inputs.count(id)) return;  // uncertainty.csv names this field: it wins
    if (auto input = default_input(s, actor, field, issue, *spread, u.shape)) inputs.emplace(id, *input);
  };
  for (int a = 0; a < static_cast<int>(s.scenario.actors.size()); ++a) {
    if (u.capability_percent)
      add(a, ActorField::capability, -1, *u.capability_percent / 100.0 * s.scenario.actors[a].capability);
    if (s.scenario.actors[a].risk) add(a, ActorField::risk, -1, u.risk);
    for (int k = 0; k < static_cast<int>(s.scenario.issues.size()); ++k) {
      auto by_issue = u.position_by_issue.find(s.scenario.issues[k].id);
      add(a, ActorField::position, k, by_issue != u.position_by_issue.end() ? by_issue->second : u.position);
      add(a, ActorField::salience, k, u.salience);
    }
  }
}

}  // namespace

std::uint32_t uncertain_variable_id(const Study& s, const UncertainInput& input) {
  const std::uint32_t per_actor = 1 + 2 * static_cast<std::uint32_t>(s.scenario.issues.size());
  const std::uint32_t actor_fields = per_actor * static_cast<std::uint32_t>(s.scenario.actors.size());
  // Risk and parameters come after every capability, position and salience, so adding
  // them left the ids (and so the draws) of the older fields as they were.
  if (input.field == ActorField::risk) return actor_fields + static_cast<std::uint32_t>(input.actor);
  if (input.field == ActorField::parameter)
    return actor_fields + static_cast<std::uint32_t>(s.scenario.actors.size()) +
           static_cast<std::uint32_t>(input.parameter);
  std::uint32_t slot = 0;
  if (input.field == ActorField::position) slot = 1 + 2 * static_cast<std::uint32_t>(input.issue);
  if (input.field == ActorField::salience) slot = 2 + 2 * static_cast<std::uint32_t>(input.issue);
  return static_cast<std::uint32_t>(input.actor) * per_actor + slot;
}

int parameter_index(const Study& study, const std::string& name) {
  for (std::size_t p = 0; p < study.parameters.size(); ++p)
    if (study.parameters[p].name == name) return static_cast<int>(p);
  return -1;
}

std::string uncertain_input_name(const Study& s, const UncertainInput& input) {
  if (input.field == ActorField::parameter) return s.parameters[input.parameter].name;
  const std::string& actor = s.scenario.actors[input.actor].id;
  if (input.field == ActorField::capability) return actor + ".capability";
  if (input.field == ActorField::risk) return actor + ".risk";
  return actor + "." + s.scenario.issues[input.issue].id + "." + field_name(input.field);
}

namespace {

// The field an input names, for a const or a mutable study alike.
template <class S>
auto& field_of(S& s, const UncertainInput& input) {
  if (input.field == ActorField::parameter) return s.parameters[input.parameter].value;
  auto& a = s.scenario.actors[input.actor];
  switch (input.field) {
    case ActorField::position:
      return a.position[input.issue];
    case ActorField::salience:
      return a.salience[input.issue];
    case ActorField::risk:
      return *a.risk;  // the loader admits risk only for actors that have one
    case ActorField::capability:
    case ActorField::parameter:
      break;
  }
  return a.capability;
}

}  // namespace

double& actor_field(Study& s, const UncertainInput& input) { return field_of(s, input); }

double actor_field(const Study& s, const UncertainInput& input) { return field_of(s, input); }

void resolve_uncertainty(Study& study, const std::string& text, const std::string& file) {
  std::map<std::uint32_t, UncertainInput> inputs;
  for (UncertainInput& input : study.uncertainty)  // rows from an earlier uncertainty.csv stay
    if (input.origin != kDefaultOrigin) inputs.emplace(uncertain_variable_id(study, input), std::move(input));
  if (!file.empty()) {
    CsvTable table = parse_csv(text, file);
    if (table.rows.empty())
      throw InputError({file, 1, 1, ""}, "empty file: expected header actor,issue,field,distribution,low,mode,high,sd");
    const CsvRow& header = table.rows.front();
    auto columns = index_header(header, file);
    for (const char* required : {"actor", "issue", "field", "distribution", "low", "high"})
      if (!columns.count(required))
        throw InputError({file, header.line, 1, required}, std::string("missing column '") + required + "'");
    const std::set<std::string> known = {"actor", "issue", "field", "distribution", "low",
                                         "mode",  "high",  "sd",    "source",       "reasoning"};
    for (const auto& [name, index] : columns)
      if (!known.count(name))
        throw InputError({file, header.line, header.fields[index].column, name},
                         "unknown column '" + name +
                             "' (expected actor, issue, field, distribution, low, mode, high, "
                             "sd, source, reasoning)");
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
      const CsvRow& row = table.rows[r];
      if (row.fields.size() > header.fields.size())
        throw InputError({file, row.line, row.fields[header.fields.size()].column, ""},
                         fmt::format("too many fields: {} (header has {})", row.fields.size(), header.fields.size()));
      UncertainInput input = parse_row(study, row, columns, file);
      const std::uint32_t id = uncertain_variable_id(study, input);
      auto [it, fresh] = inputs.emplace(id, input);
      if (!fresh)
        throw InputError(
            {file, row.line, 1, "actor"},
            fmt::format("{} is already given at {}", uncertain_input_name(study, input), it->second.origin));
    }
  }
  add_defaults(study, inputs);
  study.uncertainty.clear();
  for (auto& [id, input] : inputs) study.uncertainty.push_back(std::move(input));
}

void set_uncertainty_default(Study& study, const std::string& key_value) {
  const auto eq = key_value.find('=');
  const std::string key = trim(key_value.substr(0, eq));
  const std::string value = eq == std::string::npos ? "" : trim(key_value.substr(eq + 1));
  UncertaintyDefaults& d = study.uncertainty_defaults;
  if (key == "distribution") {
    DistributionKind kind{};
    if (!parse_distribution_kind(value, kind) || kind == DistributionKind::truncated_normal)
      throw UsageError("uncertainty default distribution= expects uniform, triangular or pert, got '" + value + "'");
    d.shape = kind;
  } else {
    double number = 0.0;
    const char* end = value.data() + value.size();
    auto [ptr, ec] = std::from_chars(value.data(), end, number);
    if (value.empty() || ec != std::errc() || ptr != end || !(number >= 0.0) || !std::isfinite(number))
      throw UsageError("uncertainty default " + key + "= expects a number >= 0, got '" + value + "'");
    if (key == "position")
      d.position = number;
    else if (key == "salience")
      d.salience = number;
    else if (key == "risk")
      d.risk = number;
    else if (key == "capability" && number <= 100.0)
      d.capability_percent = number;
    else if (key.rfind("position.", 0) == 0 && index_of(study.scenario.issues, key.substr(9)) >= 0)
      d.position_by_issue[key.substr(9)] = number;
    else
      throw UsageError(
          "uncertainty default: expected position=, salience=, capability= (percent, <= 100), risk=, distribution= or "
          "position.ISSUE= with a known issue; got '" +
          key_value + "'");
  }
  resolve_uncertainty(study, "", "");
}

}  // namespace pivot
