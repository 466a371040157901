#include "scenario/table_reader.hpp"

#include <fmt/format.h>

namespace pivot::scenario_detail {

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
    throw InputError({file, row.line, col, name},
                     fmt::format("missing value: the row has {} fields, expected at least {}",
                                 row.fields.size(), column + 1));
  }
  return row.fields[column];
}

double number_in(const CsvField& field, const std::string& file, const std::string& name, double lo,
                 double hi) {
  double value = parse_number(field, file, name);
  if (value < lo || value > hi)
    throw InputError({file, field.line, field.column, name},
                     fmt::format("expected a number in [{}, {}], found {}", lo, hi, trim(field.text)));
  return value;
}

}  // namespace pivot::scenario_detail
