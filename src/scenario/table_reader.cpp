#include "scenario/table_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pivot::scenario {

std::string trim(const std::string& s) { return std::string(without_blanks(s)); }

std::map<std::string, std::size_t> index_header(const CsvRow& header, const std::string& file) {
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto& f = header.fields[i];
    std::string name = trim(f.text);
    if (name.empty()) throw InputError({file, f.line, f.column, "header"}, "empty column name");
    if (!columns.emplace(name, i).second)
      throw InputError({file, f.line, f.column, name}, "duplicate column '" + name + "'");
  }
  return columns;
}

const CsvField& cell(const CsvRow& row, std::size_t column, const std::string& file, const std::string& name) {
  if (column >= row.fields.size()) {
    std::size_t col = row.fields.empty() ? 1 : row.fields.back().column;
    throw InputError(
        {file, row.line, col, name},
        fmt::format("missing value: the row has {} fields, expected at least {}", row.fields.size(), column + 1));
  }
  return row.fields[column];
}

double number_in(const CsvField& field, const std::string& file, const std::string& name, double lo, double hi) {
  double value = parse_number(field, file, name);
  if (value < lo || value > hi)
    throw InputError({file, field.line, field.column, name},
                     fmt::format("expected a number in [{}, {}], found {}", lo, hi, trim(field.text)));
  return value;
}

void check_weights(const std::vector<Actor>& actors, const std::vector<Issue>& issues, const SourcePosition& capability,
                   const std::vector<SourcePosition>& salience) {
  if (std::all_of(actors.begin(), actors.end(), [](const Actor& a) { return a.capability == 0.0; }))
    throw InputError(capability,
                     "every actor's capability is 0: no actor can move any outcome (give at least one "
                     "actor a positive capability)");
  for (std::size_t k = 0; k < issues.size(); ++k)
    if (std::all_of(actors.begin(), actors.end(), [&](const Actor& a) { return a.capability * a.salience[k] == 0.0; }))
      throw InputError(salience[k], fmt::format("no actor weighs issue '{}': capability x salience is 0 for every "
                                                "actor (give an actor with capability a positive salience)",
                                                issues[k].id));
}

}  // namespace pivot::scenario

namespace pivot {

void check_actor_weights(const Scenario& scenario, const std::string& where) {
  std::vector<SourcePosition> salience;
  for (const Issue& issue : scenario.issues) salience.push_back({where, 0, 0, issue.id + ".salience"});
  scenario::check_weights(scenario.actors, scenario.issues, {where, 0, 0, "capability"}, salience);
}

}  // namespace pivot
