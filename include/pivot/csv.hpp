// A small CSV reader (RFC 4180 quoting, CRLF, UTF-8 BOM) that remembers where
// every field came from, so loaders can report file:line:column errors.
#pragma once

#include <filesystem>
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

/// Parses CSV text; `file` is used in error messages only. Throws InputError.
CsvTable parse_csv(std::string_view text, const std::string& file);

/// Reads and parses a CSV file. Throws InputError (also when it cannot be read).
CsvTable read_csv_file(const std::filesystem::path& path);

/// Reads a whole file as bytes. Throws InputError naming the file if it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

/// Parses a finite decimal number from a field (surrounding blanks allowed);
/// throws InputError naming file, line, column and `what` on failure.
double parse_number(const CsvField& field, const std::string& file, const std::string& what);

}  // namespace pivot
