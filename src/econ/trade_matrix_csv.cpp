// Streaming reader of a trade model's matrix CSVs (see trade_matrix_csv.hpp):
// the header names the importers once, every row parses its numbers in place.
#include "trade_matrix_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "pivot/core/csv.hpp"

namespace pivot::trade::detail {
namespace {

void read_header(TradeMatrix& m, const CsvRowView& header) {
  m.header_line = header.line;
  const bool by_product = !header.fields.empty() && without_blanks(header.fields[0].text) == "product";
  m.first_importer = by_product ? 2 : 1;
  const std::size_t first = m.first_importer;
  const std::string expected = by_product ? "product,exporter,<importers...>" : "exporter,<importers...>";
  if (header.fields.size() <= first || without_blanks(header.fields[first - 1].text) != "exporter")
    throw InputError({m.file, header.line, 1, m.what}, fmt::format("expected a header '{}'", expected));
  for (std::size_t c = first; c < header.fields.size(); ++c) {
    const std::string name(without_blanks(header.fields[c].text));
    if (name.empty() || !m.column_of.emplace(name, c - first).second)
      throw InputError({m.file, header.line, header.fields[c].column, m.what},
                       name.empty() ? "empty importer name" : fmt::format("importer '{}' appears twice", name));
    m.importers.push_back(name);
  }
}

// The index of `name` in m.products, added if new; `last` is the previous
// row's product, which the next row usually shares.
std::size_t product_index(TradeMatrix& m, std::string_view name, std::size_t last) {
  if (last < m.products.size() && m.products[last] == name) return last;
  auto [it, added] = m.product_of.try_emplace(std::string(name), m.products.size());
  if (added) {
    // Products usually have the same exporters: room for as many rows as the
    // last one, so that 5,000 products do not each grow their block by doubling.
    const std::size_t rows_guess = m.rows.empty() ? 0 : m.rows.back().exporters.size();
    m.products.emplace_back(name);
    m.rows.emplace_back().values.reserve(rows_guess * m.importers.size());
  }
  return it->second;
}

// Adds one exporter row; returns its product's index.
std::size_t read_row(TradeMatrix& m, const CsvRowView& row, std::size_t last_product) {
  const std::size_t first = m.first_importer, width = first + m.importers.size();
  if (row.fields.size() != width)
    throw InputError({m.file, row.line, 1, m.what},
                     fmt::format("expected {} fields like the header, found {}", width, row.fields.size()));
  const std::string_view product = first == 2 ? without_blanks(row.fields[0].text) : std::string_view("all");
  const std::string_view exporter = without_blanks(row.fields[first - 1].text);
  if (product.empty()) throw InputError({m.file, row.line, row.fields[0].column, "product"}, "empty product name");
  if (exporter.empty())
    throw InputError({m.file, row.line, row.fields[first - 1].column, "exporter"}, "empty exporter name");
  const std::size_t k = product_index(m, product, last_product);
  ProductRows& rows = m.rows[k];
  if (!rows.row_of.try_emplace(std::string(exporter), rows.exporters.size()).second)
    throw InputError({m.file, row.line, row.fields[first - 1].column, "exporter"},
                     fmt::format("exporter '{}' appears twice for product '{}'", exporter, product));
  rows.exporters.emplace_back(exporter);
  rows.places.push_back({row.line, row.offset});
  for (std::size_t c = first; c < width; ++c)
    rows.values.push_back(parse_number(row.fields[c], m.file, m.importers[c - first]));
  return k;
}

// Indices 0..n-1 ordered by names[i] (byte order, as std::string compares).
std::vector<std::size_t> by_name(const std::vector<std::string>& names) {
  std::vector<std::size_t> order(names.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
  return order;
}

bool has_every_cell(const TradeMatrix& a, const TradeMatrix& b) {
  for (const auto& importer : a.importers)
    if (!b.column_of.count(importer)) return false;
  for (std::size_t k = 0; k < a.products.size(); ++k) {
    const auto it = b.product_of.find(a.products[k]);
    if (it == b.product_of.end()) return false;
    const ProductRows& ours = a.rows[k];
    const ProductRows& theirs = b.rows[it->second];
    if (ours.exporters == theirs.exporters) continue;
    for (const auto& exporter : ours.exporters)
      if (!theirs.row_of.count(exporter)) return false;
  }
  return true;
}

}  // namespace

SourcePosition TradeMatrix::position(const CellIndex& at) const {
  const RowPlace& place = rows[at.product].places[at.row];
  const CsvRow row = read_csv_row_at(path, place.offset, place.line);
  const std::size_t field = first_importer + at.column;
  if (field >= row.fields.size()) return {file, place.line, 1, importers[at.column]};
  return {file, row.fields[field].line, row.fields[field].column, importers[at.column]};
}

TradeMatrix read_trade_matrix(const std::filesystem::path& path, const std::string& what) {
  TradeMatrix m;
  m.path = path;
  m.file = path.string();
  m.what = what;
  bool have_header = false;
  std::size_t last_product = 0;
  for_each_csv_row(path, [&](const CsvRowView& row) {
    if (have_header) {
      last_product = read_row(m, row, last_product);
    } else {
      read_header(m, row);
      have_header = true;
    }
  });
  if (!have_header) throw InputError({m.file, 1, 1, what}, "empty file; expected a header 'exporter,<importers...>'");
  if (m.products.empty()) throw InputError({m.file, m.header_line, 1, what}, "no exporter rows");
  return m;
}

std::optional<CellIndex> first_missing_cell(const TradeMatrix& a, const TradeMatrix& b) {
  if (has_every_cell(a, b)) return std::nullopt;
  // Some cell is missing: search in name order, as a sorted table of cells would.
  const std::vector<std::size_t> columns = by_name(a.importers);
  std::optional<std::size_t> missing_column;
  for (std::size_t c : columns)
    if (!b.column_of.count(a.importers[c])) {
      missing_column = c;
      break;
    }
  for (std::size_t k : by_name(a.products)) {
    const std::vector<std::size_t> rows = by_name(a.rows[k].exporters);
    const auto theirs = b.product_of.find(a.products[k]);
    if (theirs == b.product_of.end()) return CellIndex{k, rows.front(), columns.front()};
    for (std::size_t r : rows) {
      if (!b.rows[theirs->second].row_of.count(a.rows[k].exporters[r])) return CellIndex{k, r, columns.front()};
      if (missing_column) return CellIndex{k, r, *missing_column};
    }
  }
  return std::nullopt;  // not reached: has_every_cell found a gap
}

}  // namespace pivot::trade::detail
