#include "pivot/csv.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "pivot/error.hpp"

namespace pivot {
namespace {

bool is_blank_row(const CsvRow& row) {
  for (const auto& f : row.fields)
    if (!f.text.empty()) return false;
  return true;
}

}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& file) {
  CsvTable table{file, {}};
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::size_t line = 1, column = 1;
  std::size_t i = 0;
  CsvRow row{{}, 1};
  CsvField field{"", 1, 1};
  bool in_quotes = false, was_quoted = false;
  std::size_t quote_line = 0, quote_column = 0;

  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field = CsvField{"", line, column};
    was_quoted = false;
  };
  auto end_row = [&] {
    end_field();
    if (!is_blank_row(row)) table.rows.push_back(std::move(row));
    row = CsvRow{{}, line};
    field = CsvField{"", line, column};
  };

  while (i < text.size()) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.text += '"';
          i += 2;
          column += 2;
          continue;
        }
        in_quotes = false;
        ++i;
        ++column;
        continue;
      }
      field.text += c;
      ++i;
      if (c == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
      continue;
    }
    if (c == '"' && field.text.find_first_not_of(" \t") == std::string::npos && !was_quoted) {
      field.text.clear();
      in_quotes = was_quoted = true;
      quote_line = line;
      quote_column = column;
      ++i;
      ++column;
      continue;
    }
    if (c == ',') {
      ++i;
      ++column;
      end_field();
      continue;
    }
    if (c == '\r' || c == '\n') {
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      ++line;
      column = 1;
      end_row();
      continue;
    }
    if (was_quoted && c != ' ' && c != '\t')
      throw InputError({file, line, column, ""}, "unexpected character after closing quote");
    field.text += c;
    ++i;
    ++column;
  }
  if (in_quotes) throw InputError({file, quote_line, quote_column, ""}, "unterminated quoted field");
  end_field();
  if (!is_blank_row(row)) table.rows.push_back(std::move(row));
  return table;
}

std::string read_text_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError({path.string(), 0, 0, ""}, "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path.string(), 0, 0, ""}, "cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

CsvTable read_csv_file(const std::filesystem::path& path) {
  return parse_csv(read_text_file(path), path.string());
}

double parse_number(const CsvField& field, const std::string& file, const std::string& what) {
  const std::string& s = field.text;
  std::size_t begin = s.find_first_not_of(" \t");
  std::size_t end = s.find_last_not_of(" \t");
  if (begin == std::string::npos)
    throw InputError({file, field.line, field.column, what}, "expected a number, found an empty field");
  std::string trimmed = s.substr(begin, end - begin + 1);
  errno = 0;
  char* stop = nullptr;
  double value = std::strtod(trimmed.c_str(), &stop);
  if (stop != trimmed.c_str() + trimmed.size() || trimmed.find_first_of("xXnN") != std::string::npos)
    throw InputError({file, field.line, field.column, what}, "expected a number, found '" + trimmed + "'");
  if (errno == ERANGE || !std::isfinite(value))
    throw InputError({file, field.line, field.column, what}, "number out of range: '" + trimmed + "'");
  return value;
}

}  // namespace pivot
