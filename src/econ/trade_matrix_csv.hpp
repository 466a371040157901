// A trade model's matrix CSV (`[product,]exporter,<importers...>`) read in one
// streaming pass into per-product row-major blocks, the layout of a Market.
// Only each row's line and byte offset are kept for later error messages; a
// cell's column is found again by re-reading its row.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "pivot/core/error.hpp"

namespace pivot::trade::detail {

/// Where a row starts, to read it again for an error message.
struct RowPlace {
  std::size_t line = 0;
  std::uint64_t offset = 0;
};

/// One product's rows: exporters in file order, values exporters x importers row-major.
struct ProductRows {
  std::vector<std::string> exporters;
  std::unordered_map<std::string, std::size_t> row_of;
  std::vector<RowPlace> places;
  std::vector<double> values;
};

/// A cell by index: product (in TradeMatrix::products), row of that product, importer column.
struct CellIndex {
  std::size_t product = 0;
  std::size_t row = 0;
  std::size_t column = 0;
};

struct TradeMatrix {
  std::filesystem::path path;
  std::string file;
  std::string what;  // the model key naming the file, for messages
  std::size_t header_line = 1;
  std::size_t first_importer = 1;      // field index of the first importer column
  std::vector<std::string> importers;  // header order
  std::unordered_map<std::string, std::size_t> column_of;
  std::vector<std::string> products;  // first-appearance order ("all" without a product column)
  std::unordered_map<std::string, std::size_t> product_of;
  std::vector<ProductRows> rows;  // per product, as `products`

  double value(const CellIndex& at) const { return rows[at.product].values[at.row * importers.size() + at.column]; }

  /// file:line:column of a cell, field = its importer (re-reads the cell's row).
  SourcePosition position(const CellIndex& at) const;
};

/// Reads a matrix CSV; `what` is the model key naming it. Throws InputError at
/// the first bad row, name or number.
TradeMatrix read_trade_matrix(const std::filesystem::path& path, const std::string& what);

/// The cell of `a` with the smallest (product, exporter, importer) names that
/// `b` has no cell for, or none if `b` has every cell of `a`.
std::optional<CellIndex> first_missing_cell(const TradeMatrix& a, const TradeMatrix& b);

}  // namespace pivot::trade::detail
