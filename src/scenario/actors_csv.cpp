// actors.csv and sources.csv of a pivot scenario directory.
#include <fmt/format.h>

#include <set>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/scenario/scenario.hpp"
#include "scenario/table_reader.hpp"

namespace pivot {

using scenario::cell;
using scenario::check_weights;
using scenario::index_header;
using scenario::number_in;
using scenario::trim;

namespace {

std::size_t require_column(const std::map<std::string, std::size_t>& columns, const std::string& name,
                           const CsvRow& header, const std::string& file) {
  auto it = columns.find(name);
  if (it == columns.end()) throw InputError({file, header.line, 1, name}, "missing column '" + name + "'");
  return it->second;
}

}  // namespace

void parse_actors_csv(Scenario& scenario, const std::string& text, const std::string& file) {
  CsvTable table = parse_csv(text, file);
  if (table.rows.empty()) throw InputError({file, 1, 1, ""}, "empty file: expected a header row and actors");
  const CsvRow& header = table.rows.front();
  auto columns = index_header(header, file);

  std::size_t id_col = require_column(columns, "id", header, file);
  std::size_t name_col = require_column(columns, "name", header, file);
  std::size_t cap_col = require_column(columns, "capability", header, file);
  auto risk_it = columns.find("risk");
  std::vector<std::size_t> pos_col, sal_col;
  std::set<std::string> known = {"id", "name", "capability", "risk"};
  for (const auto& issue : scenario.issues) {
    pos_col.push_back(require_column(columns, issue.id + ".position", header, file));
    sal_col.push_back(require_column(columns, issue.id + ".salience", header, file));
    known.insert(issue.id + ".position");
    known.insert(issue.id + ".salience");
  }
  for (const auto& [name, index] : columns)
    if (!known.count(name))
      throw InputError({file, header.line, header.fields[index].column, name},
                       "unknown column '" + name +
                           "' (expected id, name, capability, risk, <issue>.position, "
                           "<issue>.salience for the issues in scenario.toml)");

  std::set<std::string> ids;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    if (row.fields.size() > header.fields.size())
      throw InputError({file, row.line, row.fields[header.fields.size()].column, ""},
                       fmt::format("too many fields: {} (header has {})", row.fields.size(), header.fields.size()));
    Actor actor;
    const CsvField& id = cell(row, id_col, file, "id");
    actor.id = trim(id.text);
    if (actor.id.empty()) throw InputError({file, id.line, id.column, "id"}, "expected an actor id");
    if (!ids.insert(actor.id).second)
      throw InputError({file, id.line, id.column, "id"}, "duplicate actor id '" + actor.id + "'");
    actor.name = trim(cell(row, name_col, file, "name").text);
    if (actor.name.empty()) actor.name = actor.id;
    actor.capability = number_in(cell(row, cap_col, file, "capability"), file, "capability", 0.0, 1e12);
    if (risk_it != columns.end()) {
      const CsvField& risk = cell(row, risk_it->second, file, "risk");
      if (!trim(risk.text).empty()) actor.risk = number_in(risk, file, "risk", -1.0, 1.0);
    }
    for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
      const Issue& issue = scenario.issues[k];
      std::string pname = issue.id + ".position", sname = issue.id + ".salience";
      actor.position.push_back(number_in(cell(row, pos_col[k], file, pname), file, pname, issue.min, issue.max));
      actor.salience.push_back(number_in(cell(row, sal_col[k], file, sname), file, sname, 0.0, 100.0));
    }
    scenario.actors.push_back(std::move(actor));
  }
  if (scenario.actors.size() < 2) throw InputError({file, header.line, 1, ""}, "expected at least 2 actors");
  auto at_header = [&](std::size_t column, const std::string& name) {
    return SourcePosition{file, header.line, header.fields[column].column, name};
  };
  std::vector<SourcePosition> salience;
  for (std::size_t k = 0; k < scenario.issues.size(); ++k)
    salience.push_back(at_header(sal_col[k], scenario.issues[k].id + ".salience"));
  check_weights(scenario.actors, scenario.issues, at_header(cap_col, "capability"), salience);
}

void parse_sources_csv(Scenario& scenario, const std::string& text, const std::string& file) {
  CsvTable table = parse_csv(text, file);
  if (table.rows.empty())
    throw InputError({file, 1, 1, ""}, "empty file: expected header actor,issue,field,source,reasoning");
  const CsvRow& header = table.rows.front();
  auto columns = index_header(header, file);
  std::size_t actor_col = require_column(columns, "actor", header, file);
  std::size_t issue_col = require_column(columns, "issue", header, file);
  std::size_t field_col = require_column(columns, "field", header, file);
  std::size_t source_col = require_column(columns, "source", header, file);
  std::size_t reason_col = require_column(columns, "reasoning", header, file);

  std::set<std::string> actors, issues;
  for (const auto& a : scenario.actors) actors.insert(a.id);
  for (const auto& i : scenario.issues) issues.insert(i.id);
  const std::set<std::string> fields = {"position", "salience", "capability", "risk", "status_quo"};

  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    SourceNote note;
    const CsvField& actor = cell(row, actor_col, file, "actor");
    const CsvField& issue = cell(row, issue_col, file, "issue");
    const CsvField& field = cell(row, field_col, file, "field");
    note.actor = trim(actor.text);
    note.issue = trim(issue.text);
    note.field = trim(field.text);
    note.source = trim(cell(row, source_col, file, "source").text);
    note.reasoning = trim(cell(row, reason_col, file, "reasoning").text);
    if (!note.actor.empty() && !actors.count(note.actor))
      throw InputError({file, actor.line, actor.column, "actor"}, "unknown actor '" + note.actor + "'");
    if (!note.issue.empty() && !issues.count(note.issue))
      throw InputError({file, issue.line, issue.column, "issue"}, "unknown issue '" + note.issue + "'");
    if (!fields.count(note.field))
      throw InputError({file, field.line, field.column, "field"},
                       "expected one of position, salience, capability, risk, status_quo; found '" + note.field + "'");
    if (note.source.empty()) throw InputError({file, row.line, 1, "source"}, "every note needs a source");
    scenario.sources.push_back(std::move(note));
  }
}

}  // namespace pivot
