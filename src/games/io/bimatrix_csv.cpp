// A two-player game from two spreadsheet tables, one per player. Each table
// has a header row (a corner cell, then the column player's strategy labels)
// and one row per row-player strategy (its label, then one payoff per column).
// Both tables must carry the same labels in the same order. Payoffs are
// integers, fractions a/b or decimals, read exactly.
#include <fmt/format.h>

#include <set>

#include "games/rational_text.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/io/bimatrix_csv.hpp"

namespace pivot {

using games::parse_rational;

namespace {

struct PayoffTable {
  std::vector<std::string> row_labels, col_labels;
  std::vector<std::vector<Rational>> values;  // [row][col]
};

std::string label_of(const CsvField& field, const std::string& file, const std::string& what,
                     std::set<std::string>& seen) {
  std::string label(without_blanks(field.text));
  if (label.empty())
    throw InputError({file, field.line, field.column, what}, "expected a strategy label, found an empty cell");
  if (!seen.insert(label).second)
    throw InputError({file, field.line, field.column, what}, fmt::format("duplicate strategy label '{}'", label));
  return label;
}

PayoffTable parse_table(std::string_view text, const std::string& file) {
  const CsvTable csv = parse_csv(text, file);
  if (csv.rows.empty()) throw InputError({file, 1, 1, ""}, "empty file: expected a header row of column labels");
  const CsvRow& header = csv.rows.front();
  if (header.fields.size() < 2)
    throw InputError({file, header.line, header.fields.front().column, ""},
                     "expected a header row: a corner cell, then one label per column strategy");
  if (csv.rows.size() < 2)
    throw InputError({file, header.line, header.fields.front().column, ""},
                     "expected at least one row of payoffs after the header");
  PayoffTable table;
  std::set<std::string> seen_cols, seen_rows;
  for (std::size_t c = 1; c < header.fields.size(); ++c)
    table.col_labels.push_back(label_of(header.fields[c], file, "column label", seen_cols));
  for (std::size_t r = 1; r < csv.rows.size(); ++r) {
    const CsvRow& row = csv.rows[r];
    if (row.fields.size() != header.fields.size()) {
      const CsvField& at =
          row.fields.size() > header.fields.size() ? row.fields[header.fields.size()] : row.fields.back();
      throw InputError({file, row.line, at.column, ""},
                       fmt::format("expected {} cells (a label and {} payoffs), found {}", header.fields.size(),
                                   table.col_labels.size(), row.fields.size()));
    }
    table.row_labels.push_back(label_of(row.fields[0], file, "row label", seen_rows));
    std::vector<Rational> values;
    for (std::size_t c = 1; c < row.fields.size(); ++c) {
      const CsvField& field = row.fields[c];
      const auto value = parse_rational(without_blanks(field.text));
      if (!value)
        throw InputError({file, field.line, field.column, table.col_labels[c - 1]},
                         fmt::format("expected a payoff (integer, a/b or decimal), found '{}'", field.text));
      values.push_back(*value);
    }
    table.values.push_back(std::move(values));
  }
  return table;
}

// The column player's table must repeat the row player's labels; errors point into it.
void check_same_labels(const PayoffTable& a, const PayoffTable& b, std::string_view b_text, const std::string& b_file) {
  const CsvTable csv = parse_csv(b_text, b_file);
  for (std::size_t c = 0; c < std::max(a.col_labels.size(), b.col_labels.size()); ++c)
    if (c >= a.col_labels.size() || c >= b.col_labels.size() || a.col_labels[c] != b.col_labels[c]) {
      const auto& fields = csv.rows.front().fields;
      const CsvField& at = fields[std::min(c + 1, fields.size() - 1)];
      throw InputError({b_file, at.line, at.column, "column label"},
                       fmt::format("expected the row player's column labels ({} columns, here '{}')",
                                   a.col_labels.size(), c < a.col_labels.size() ? a.col_labels[c] : "none"));
    }
  for (std::size_t r = 0; r < std::max(a.row_labels.size(), b.row_labels.size()); ++r)
    if (r >= a.row_labels.size() || r >= b.row_labels.size() || a.row_labels[r] != b.row_labels[r]) {
      const CsvRow& row = csv.rows[std::min(r + 1, csv.rows.size() - 1)];
      throw InputError({b_file, row.line, row.fields.front().column, "row label"},
                       fmt::format("expected the row player's row labels ({} rows, here '{}')", a.row_labels.size(),
                                   r < a.row_labels.size() ? a.row_labels[r] : "none"));
    }
}

}  // namespace

StrategicGame parse_bimatrix_csv(std::string_view row_text, const std::string& row_file, std::string_view col_text,
                                 const std::string& col_file) {
  const PayoffTable a = parse_table(row_text, row_file);
  const PayoffTable b = parse_table(col_text, col_file);
  check_same_labels(a, b, col_text, col_file);
  StrategicGame game;
  game.title = row_file + " / " + col_file;
  game.players = {"Row", "Column"};
  game.strategies = {a.row_labels, a.col_labels};
  game.payoffs.assign(a.row_labels.size() * a.col_labels.size(), {});
  for (std::size_t i = 0; i < a.row_labels.size(); ++i)
    for (std::size_t j = 0; j < a.col_labels.size(); ++j)
      game.payoffs[game.profile_index({i, j})] = {a.values[i][j], b.values[i][j]};
  return game;
}

StrategicGame read_bimatrix_csv(const std::filesystem::path& row_payoffs, const std::filesystem::path& col_payoffs) {
  return parse_bimatrix_csv(read_text_file(row_payoffs), row_payoffs.string(), read_text_file(col_payoffs),
                            col_payoffs.string());
}

}  // namespace pivot
