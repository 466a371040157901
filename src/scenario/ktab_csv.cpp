// KTAB's SMP actor table (examples/smp/doc/*.csv in lsyaseen/KTAB):
//   row 1: scenario name, description, N actors, D dimensions
//   row 2: Actor, Description, <power label>, then <dimension name>, <salience label> per dimension
//   N rows: name, description, capability, then position, salience per dimension
// Positions and saliences are on 0..100; an actor's saliences sum to at most 100.
// Rows after the N-th actor are ignored, as smpc does.
#include <fmt/format.h>

#include <cmath>
#include <set>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/scenario/scenario.hpp"
#include "scenario/table_reader.hpp"

namespace pivot {

using scenario::cell;
using scenario::check_weights;
using scenario::number_in;
using scenario::trim;

namespace {

int count_in(const CsvField& field, const std::string& file, const std::string& name, int lo, int hi) {
  double value = number_in(field, file, name, lo, hi);
  if (value != std::floor(value)) throw InputError({file, field.line, field.column, name}, "expected a whole number");
  return static_cast<int>(value);
}

}  // namespace

Scenario parse_ktab_csv(const std::string& text, const std::string& file) {
  CsvTable table = parse_csv(text, file);
  if (table.rows.size() < 2)
    throw InputError({file, 1, 1, ""}, "expected KTAB SMP CSV: a scenario row, a header row and actor rows");
  const CsvRow& top = table.rows[0];
  Scenario scenario;
  scenario.format = "ktab-csv";
  scenario.name = trim(cell(top, 0, file, "scenario name").text);
  scenario.description = trim(cell(top, 1, file, "scenario description").text);
  int actors = count_in(cell(top, 2, file, "number of actors"), file, "number of actors", 2, 100000);
  int dims = count_in(cell(top, 3, file, "number of dimensions"), file, "number of dimensions", 1, 1000);
  if (scenario.name.empty()) throw InputError({file, top.line, 1, "scenario name"}, "expected a scenario name");

  const CsvRow& header = table.rows[1];
  std::set<std::string> ids;
  for (int k = 0; k < dims; ++k) {
    Issue issue;
    const CsvField& name = cell(header, 3 + 2 * k, file, fmt::format("dimension {} name", k + 1));
    issue.name = trim(name.text);
    issue.id = issue.name.empty() ? fmt::format("dim{}", k + 1) : issue.name;
    // A repeated name gets a suffix; the suffixed id may itself be taken (names a, a, a-2).
    const std::string base = issue.id;
    for (int n = k + 1; !ids.insert(issue.id).second; ++n) issue.id = fmt::format("{}-{}", base, n);
    issue.min = 0.0;
    issue.max = 100.0;
    scenario.issues.push_back(issue);
  }
  cell(header, 2 + 2 * dims, file, "last salience label");

  if (static_cast<int>(table.rows.size()) < 2 + actors)
    throw InputError({file, table.rows.back().line + 1, 1, ""},
                     fmt::format("expected {} actor rows, found {}", actors, table.rows.size() - 2));
  std::set<std::string> names;
  for (int a = 0; a < actors; ++a) {
    const CsvRow& row = table.rows[2 + a];
    Actor actor;
    const CsvField& name = cell(row, 0, file, "Actor");
    actor.name = trim(name.text);
    if (actor.name.empty()) throw InputError({file, name.line, name.column, "Actor"}, "expected an actor name");
    if (!names.insert(actor.name).second)
      throw InputError({file, name.line, name.column, "Actor"}, "duplicate actor name '" + actor.name + "'");
    actor.id = actor.name;
    actor.capability = number_in(cell(row, 2, file, "capability"), file, "capability", 0.0, 1e8);
    double total = 0.0;
    for (int k = 0; k < dims; ++k) {
      std::string pname = scenario.issues[k].name + " position", sname = scenario.issues[k].name + " salience";
      actor.position.push_back(number_in(cell(row, 3 + 2 * k, file, pname), file, pname, 0.0, 100.0));
      actor.salience.push_back(number_in(cell(row, 4 + 2 * k, file, sname), file, sname, 0.0, 100.0));
      total += actor.salience.back();
    }
    if (total > 100.0 + 1e-9)
      throw InputError({file, row.line, 1, "salience"},
                       fmt::format("an actor's saliences must sum to at most 100, found {}", total));
    scenario.actors.push_back(std::move(actor));
  }
  std::vector<SourcePosition> salience;
  for (int k = 0; k < dims; ++k)
    salience.push_back({file, header.line, header.fields[4 + 2 * k].column, scenario.issues[k].name + " salience"});
  check_weights(scenario.actors, scenario.issues, {file, header.line, header.fields[2].column, "capability"}, salience);
  return scenario;
}

Scenario parse_predictioneer_csv(const std::string& text, const std::string& file) {
  CsvTable table = parse_csv(text, file);
  if (table.rows.empty())
    throw InputError({file, 1, 1, ""}, "empty file: expected header Actor,Capability,Position,Salience");
  const CsvRow& header = table.rows[0];
  const char* expected[] = {"Actor", "Capability", "Position", "Salience"};
  for (std::size_t i = 0; i < 4; ++i) {
    const CsvField& f = cell(header, i, file, expected[i]);
    if (trim(f.text) != expected[i])
      throw InputError({file, f.line, f.column, "header"},
                       fmt::format("expected column '{}', found '{}'", expected[i], trim(f.text)));
  }
  Scenario scenario;
  scenario.format = "predictioneer-csv";
  std::filesystem::path p(file);
  scenario.name = p.stem().string();
  Issue issue;
  issue.id = "issue";
  issue.name = scenario.name;
  std::set<std::string> names;
  double lo = 0.0, hi = 100.0;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    if (row.fields.size() > 4)
      throw InputError({file, row.line, row.fields[4].column, ""}, "too many fields: expected 4");
    Actor actor;
    const CsvField& name = cell(row, 0, file, "Actor");
    actor.name = actor.id = trim(name.text);
    if (actor.name.empty()) throw InputError({file, name.line, name.column, "Actor"}, "expected an actor name");
    if (!names.insert(actor.name).second)
      throw InputError({file, name.line, name.column, "Actor"}, "duplicate actor '" + actor.name + "'");
    actor.capability = number_in(cell(row, 1, file, "Capability"), file, "Capability", 0.0, 1e12);
    const CsvField& position_field = cell(row, 2, file, "Position");
    double position = parse_number(position_field, file, "Position");
    lo = std::min(lo, position);
    hi = std::max(hi, position);
    if (!std::isfinite(hi - lo))
      throw InputError({file, position_field.line, position_field.column, "Position"},
                       "positions span too wide a range: max - min overflows");
    actor.position.push_back(position);
    actor.salience.push_back(number_in(cell(row, 3, file, "Salience"), file, "Salience", 0.0, 100.0));
    scenario.actors.push_back(std::move(actor));
  }
  if (scenario.actors.size() < 2) throw InputError({file, header.line, 1, ""}, "expected at least 2 actors");
  // Positions are read on 0..100 unless they go beyond it; then the scale widens to fit.
  issue.min = lo;
  issue.max = hi;
  scenario.issues.push_back(issue);
  check_weights(scenario.actors, scenario.issues, {file, header.line, header.fields[1].column, "Capability"},
                {{file, header.line, header.fields[3].column, "Salience"}});
  return scenario;
}

}  // namespace pivot
