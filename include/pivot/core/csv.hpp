// A small CSV reader (RFC 4180 quoting, CRLF, UTF-8 BOM) that remembers where
// every field came from, so loaders can report file:line:column errors. Large
// files can be streamed row by row (for_each_csv_row) instead of held whole.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pivot {

struct CsvField {
  std::string text;
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based byte column of the field's first character
};

struct CsvRow {
  std::vector<CsvField> fields;
  std::size_t line = 0;
};

struct CsvTable {
  std::string file;
  std::vector<CsvRow> rows;  // blank lines are skipped
};

/// A field seen by a streaming reader: the view is valid only during the row's callback.
struct CsvFieldView {
  std::string_view text;
  std::size_t line = 0;
  std::size_t column = 0;
};

/// A row seen by a streaming reader; `offset` is the byte offset of its first
/// character in the file, which read_csv_row_at takes to read it again.
struct CsvRowView {
  std::span<const CsvFieldView> fields;
  std::size_t line = 0;
  std::uint64_t offset = 0;
};

using CsvRowCallback = std::function<void(const CsvRowView&)>;

/// `text` without the blanks (spaces and tabs) around it.
std::string_view without_blanks(std::string_view text);

/// Parses CSV text; `file` is used in error messages only. Throws InputError.
CsvTable parse_csv(std::string_view text, const std::string& file);

/// Reads and parses a CSV file. Throws InputError (also when it cannot be read).
CsvTable read_csv_file(const std::filesystem::path& path);

/// Streams a CSV file: calls `on_row` for each non-blank row in order, holding
/// only a buffer of the file. Same rules and errors as parse_csv.
void for_each_csv_row(const std::filesystem::path& path, const CsvRowCallback& on_row);

/// The row of `path` that starts at byte `offset` on `line` (both from a
/// CsvRowView), with its fields' positions: for error messages after streaming.
CsvRow read_csv_row_at(const std::filesystem::path& path, std::uint64_t offset, std::size_t line);

/// Reads a whole file as bytes. Throws InputError naming the file if it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

/// Parses a finite decimal number from a field (surrounding blanks allowed);
/// throws InputError naming file, line, column and `what` on failure.
double parse_number(const CsvField& field, const std::string& file, const std::string& what);

/// The same for a streamed field.
double parse_number(const CsvFieldView& field, const std::string& file, const std::string& what);

namespace detail {
/// for_each_csv_row reading `piece_bytes` (> 0) at a time instead of 4 MB:
/// lets tests and fuzzing cut rows, quotes and CRLFs across pieces.
void for_each_csv_row(const std::filesystem::path& path, std::size_t piece_bytes, const CsvRowCallback& on_row);
}  // namespace detail

}  // namespace pivot
