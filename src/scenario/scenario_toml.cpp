// scenario.toml: name, dates, description, issues and model settings.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/scenario/study.hpp"
#include "pivot/scenario/toml_reader.hpp"

namespace pivot {
namespace {

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

Issue parse_issue(const toml::table& table, const std::string& file, std::size_t index) {
  std::string context = "issues[" + std::to_string(index) + "].";
  check_toml_keys(table, {"id", "name", "unit", "low", "high", "min", "max", "status_quo"}, file, context);
  Issue issue;
  issue.id = required_toml_string(table, "id", file, context);
  issue.name = toml_string(table, "name", file, context).value_or("");
  issue.unit = toml_string(table, "unit", file, context).value_or("");
  issue.low = toml_string(table, "low", file, context).value_or("");
  issue.high = toml_string(table, "high", file, context).value_or("");
  issue.min = toml_number(table, "min", file, context).value_or(0.0);
  issue.max = toml_number(table, "max", file, context).value_or(100.0);
  issue.status_quo = toml_number(table, "status_quo", file, context);
  check_issue(issue, [&](const std::string& key) {
    const toml::node* node = key == "max" ? nullptr : table.get(key);
    return toml_position(file, node ? *node : static_cast<const toml::node&>(table), context + key);
  });
  if (issue.name.empty()) issue.name = issue.id;
  return issue;
}

// Which models and options exist is the models' business: the pipeline checks the
// names against them (check_model_settings), with the positions kept here.
ModelSettings parse_model_settings(const toml::table& models, const std::string& file,
                                   std::map<std::string, SourcePosition>& setting_at) {
  ModelSettings settings;
  for (const auto& [model_key, model_node] : models) {
    std::string model(model_key.str());
    const toml::table* table = model_node.as_table();
    if (!table) throw InputError(toml_position(file, model_node, "models." + model), "expected a table of settings");
    setting_at[model] = toml_position(file, model_node, "models." + model);
    for (const auto& [key, value] : *table) {
      std::string name(key.str());
      setting_at[model + "." + name] = toml_position(file, value, "models." + model + "." + name);
      std::string text;
      if (auto s = value.value<std::string>()) {
        text = *s;
      } else if (value.is_integer()) {
        text = std::to_string(*value.value<int64_t>());
      } else if (value.is_floating_point()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", *value.value<double>());
        text = buf;
      } else if (auto b = value.value<bool>()) {
        text = *b ? "true" : "false";
      } else {
        throw InputError(toml_position(file, value, "models." + model + "." + name),
                         "expected a string, number or boolean");
      }
      settings[model][name] = text;
    }
  }
  return settings;
}

double spread_number(const toml::node& node, const std::string& file, const std::string& key) {
  if (!node.is_number()) throw InputError(toml_position(file, node, key), "expected a number (a spread, >= 0)");
  const double value = *node.value<double>();
  if (!std::isfinite(value) || value < 0.0)
    throw InputError(toml_position(file, node, key), "expected a finite spread >= 0");
  return value;
}

// [uncertainty]: position, salience, capability (percent), distribution, and a
// [uncertainty.positions] table of per-issue position spreads.
UncertaintyDefaults parse_uncertainty_defaults(const toml::table& table, const std::vector<Issue>& issues,
                                               const std::string& file) {
  UncertaintyDefaults defaults;
  for (const auto& [key_node, value] : table) {
    const std::string key(key_node.str());
    const std::string where = "uncertainty." + key;
    if (key == "position") {
      defaults.position = spread_number(value, file, where);
    } else if (key == "salience") {
      defaults.salience = spread_number(value, file, where);
    } else if (key == "risk") {
      defaults.risk = spread_number(value, file, where);
    } else if (key == "capability") {
      defaults.capability_percent = spread_number(value, file, where);
      if (*defaults.capability_percent > 100.0)
        throw InputError(toml_position(file, value, where), "expected a percentage in [0, 100]");
    } else if (key == "distribution") {
      auto text = value.value<std::string>();
      DistributionKind kind{};
      if (!text || !parse_distribution_kind(*text, kind) || kind == DistributionKind::truncated_normal)
        throw InputError(toml_position(file, value, where), "expected \"uniform\", \"triangular\" or \"pert\"");
      defaults.shape = kind;
    } else if (key == "positions") {
      const toml::table* per_issue = value.as_table();
      if (!per_issue) throw InputError(toml_position(file, value, where), "expected a table of issue = spread");
      for (const auto& [issue_key, spread] : *per_issue) {
        const std::string issue(issue_key.str());
        const std::string issue_where = where + "." + issue;
        if (std::none_of(issues.begin(), issues.end(), [&](const Issue& i) { return i.id == issue; }))
          throw InputError(toml_position(file, spread, issue_where), "unknown issue '" + issue + "'");
        defaults.position_by_issue[issue] = spread_number(spread, file, issue_where);
      }
    } else {
      throw InputError(
          toml_position(file, value, where),
          "unknown key (expected position, salience, capability, risk, distribution or [uncertainty.positions])");
    }
  }
  return defaults;
}

// [outcomes]: name = "ISSUE OP NUMBER", OP one of <, <=, >, >=.
std::vector<OutcomeRule> parse_outcomes(const toml::table& table, const std::vector<Issue>& issues,
                                        const std::string& file) {
  std::vector<OutcomeRule> rules;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> where_written;  // (line, column) of each rule
  for (const auto& [key_node, node] : table) {
    const toml::node& value =
        node;  // a plain reference: lambdas may not capture structured bindings before C++20 in clang
    OutcomeRule rule;
    rule.name = std::string(key_node.str());
    const std::string where = "outcomes." + rule.name;
    const auto text = value.value<std::string>();
    const auto bad = [&](const std::string& why) {
      return InputError(toml_position(file, value, where),
                        why +
                            " (expected \"ISSUE OP NUMBER\", OP one of <, <=, >, >=, "
                            "e.g. \"us-tariff-korea <= 17.5\")");
    };
    if (!valid_id(rule.name)) throw bad("outcome name '" + rule.name + "' is not an id");
    if (!text) throw bad("expected a string");
    rule.condition = *text;
    const std::size_t op_at = text->find_first_of("<>");
    if (op_at == std::string::npos) throw bad("no comparison in '" + *text + "'");
    std::size_t op_end = op_at + 1;
    if (op_end < text->size() && (*text)[op_end] == '=') ++op_end;
    rule.op = text->substr(op_at, op_end - op_at);
    const std::string_view condition = *text;
    const std::string issue(without_blanks(condition.substr(0, op_at)));
    const std::string number(without_blanks(condition.substr(op_end)));
    const auto found = std::find_if(issues.begin(), issues.end(), [&](const Issue& i) { return i.id == issue; });
    if (found == issues.end()) throw bad("unknown issue '" + issue + "'");
    rule.issue = static_cast<int>(found - issues.begin());
    char* end = nullptr;
    rule.threshold = std::strtod(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(rule.threshold))
      throw bad("expected a number after " + rule.op + ", found '" + number + "'");
    rules.push_back(std::move(rule));
    where_written.push_back({value.source().begin.line, value.source().begin.column});
  }
  // toml++ iterates keys in sorted order; report the rules in the order they are written.
  std::vector<std::size_t> order(rules.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return where_written[a] < where_written[b]; });
  std::vector<OutcomeRule> in_file_order;
  for (std::size_t i : order) in_file_order.push_back(std::move(rules[i]));
  return in_file_order;
}

// [linkage]: which actors' saliences the economics models price. Ids are
// checked against actors and issues later, when the actors are known.
Linkage parse_linkage(const toml::table& table, const std::string& file) {
  check_toml_keys(table, {"salience_from_prices", "trade", "deal", "payer_region", "stakes"}, file, "linkage.");
  Linkage linkage;
  linkage.file = file;
  if (const toml::node* on = table.get("salience_from_prices")) {
    if (!on->is_boolean())
      throw InputError(toml_position(file, *on, "linkage.salience_from_prices"), "expected true or false");
    linkage.salience_from_prices = *on->value<bool>();
  }
  linkage.trade = toml_string(table, "trade", file, "linkage.").value_or("");
  linkage.deal = toml_string(table, "deal", file, "linkage.").value_or("");
  linkage.payer_region = toml_string(table, "payer_region", file, "linkage.").value_or("");
  if (const toml::node* stakes = table.get("stakes")) {
    const toml::array* rows = stakes->as_array();
    if (!rows) throw InputError(toml_position(file, *stakes, "linkage.stakes"), "expected [[linkage.stakes]] tables");
    for (std::size_t i = 0; i < rows->size(); ++i) {
      const std::string context = "linkage.stakes[" + std::to_string(i) + "].";
      const toml::table* row = (*rows)[i].as_table();
      if (!row) throw InputError(toml_position(file, (*rows)[i], context), "expected a table");
      check_toml_keys(*row, {"actor", "issue", "measure", "region", "exporter", "importer", "term"}, file, context);
      LinkageStake stake;
      stake.actor = required_toml_string(*row, "actor", file, context);
      stake.issue = required_toml_string(*row, "issue", file, context);
      stake.measure = required_toml_string(*row, "measure", file, context);
      stake.region = toml_string(*row, "region", file, context).value_or("");
      stake.exporter = toml_string(*row, "exporter", file, context).value_or("");
      stake.importer = toml_string(*row, "importer", file, context).value_or("");
      stake.term = toml_string(*row, "term", file, context).value_or("");
      stake.line = row->source().begin.line;
      stake.column = row->source().begin.column;
      linkage.stakes.push_back(std::move(stake));
    }
  }
  return linkage;
}

}  // namespace

bool outcome_holds(const OutcomeRule& rule, double value) {
  if (rule.op == "<") return value < rule.threshold;
  if (rule.op == "<=") return value <= rule.threshold;
  if (rule.op == ">") return value > rule.threshold;
  return value >= rule.threshold;
}

Study parse_scenario_toml(const std::string& text, const std::string& file) {
  const toml::table root = parse_toml(text, file);
  check_toml_keys(
      root, {"name", "title", "as_of", "description", "issues", "models", "uncertainty", "outcomes", "linkage"}, file);
  Study study;
  Scenario& scenario = study.scenario;
  scenario.format = "pivot";
  scenario.name = required_toml_string(root, "name", file);
  scenario.title = toml_string(root, "title", file).value_or("");
  scenario.as_of = toml_string(root, "as_of", file).value_or("");
  scenario.description = toml_string(root, "description", file).value_or("");

  const toml::node* issues_node = root.get("issues");
  if (!issues_node) throw InputError({file, 1, 1, "issues"}, "missing [[issues]]: at least one issue is required");
  const toml::array* issues = issues_node->as_array();
  if (!issues || issues->empty())
    throw InputError(toml_position(file, *issues_node, "issues"), "expected one or more [[issues]] tables");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < issues->size(); ++i) {
    const toml::table* table = (*issues)[i].as_table();
    if (!table) throw InputError(toml_position(file, (*issues)[i], "issues"), "expected a table");
    Issue issue = parse_issue(*table, file, i);
    if (!seen.insert(issue.id).second)
      throw InputError(toml_position(file, *table, "issues[" + std::to_string(i) + "].id"),
                       "duplicate issue id '" + issue.id + "'");
    scenario.issues.push_back(std::move(issue));
  }
  if (const toml::table* table = toml_table(root, "models", file)) {
    scenario.model_settings = parse_model_settings(*table, file, scenario.model_setting_at);
  }
  if (const toml::table* table = toml_table(root, "uncertainty", file)) {
    study.uncertainty_defaults = parse_uncertainty_defaults(*table, scenario.issues, file);
  }
  if (const toml::table* table = toml_table(root, "outcomes", file)) {
    scenario.outcomes = parse_outcomes(*table, scenario.issues, file);
  }
  if (const toml::table* table = toml_table(root, "linkage", file)) {
    study.linkage = parse_linkage(*table, file);
  }
  return study;
}

void check_issue(const Issue& issue, const std::function<SourcePosition(const std::string& key)>& at) {
  if (!valid_id(issue.id)) throw InputError(at("id"), "expected an id of letters, digits, '-' or '_' (at most 64)");
  if (!(issue.max > issue.min)) throw InputError(at("max"), "expected max > min");
  if (!std::isfinite(issue.max - issue.min)) throw InputError(at("max"), "expected max - min to be a finite number");
  if (issue.status_quo && (*issue.status_quo < issue.min || *issue.status_quo > issue.max))
    throw InputError(at("status_quo"), "expected a value within [min, max]");
}

}  // namespace pivot
