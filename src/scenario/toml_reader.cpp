// TOML helpers shared by every loader (include/pivot/scenario/toml_reader.hpp).
#include "pivot/scenario/toml_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "pivot/core/csv.hpp"
#include "pivot/core/utf8.hpp"

namespace pivot {

toml::table parse_toml(std::string_view text, const std::string& file) {
  check_utf8(text, file, ColumnUnit::code_points);  // toml++ counts columns in code points
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    throw InputError({file, at.line, at.column, ""}, std::string(e.description()));
  }
}

toml::table read_toml_file(const std::filesystem::path& path) {
  return parse_toml(read_text_file(path), path.string());
}

SourcePosition toml_position(const std::string& file, const toml::node& node, std::string field) {
  const auto& begin = node.source().begin;
  return {file, begin.line, begin.column, std::move(field)};
}

void check_toml_keys(const toml::table& table, std::initializer_list<std::string_view> known, const std::string& file,
                     const std::string& context) {
  for (const auto& [key, node] : table)
    if (std::find(known.begin(), known.end(), key.str()) == known.end())
      throw InputError({file, key.source().begin.line, key.source().begin.column, context + std::string(key.str())},
                       fmt::format("unknown key (expected {})", fmt::join(known, ", ")));
}

const toml::table* toml_table(const toml::table& table, const std::string& key, const std::string& file,
                              const std::string& context) {
  const toml::node* node = table.get(key);
  if (!node) return nullptr;
  if (!node->is_table()) throw InputError(toml_position(file, *node, context + key), "expected a table");
  return node->as_table();
}

std::optional<std::string> toml_string(const toml::table& table, const std::string& key, const std::string& file,
                                       const std::string& context, EmptyString empty) {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  std::optional<std::string> text = node->value<std::string>();
  if (!text && node->is_date()) {
    const auto d = *node->value<toml::date>();
    text = fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  }
  if (!text) throw InputError(toml_position(file, *node, context + key), "expected a string");
  if (text->empty() && empty == EmptyString::refused)
    throw InputError(toml_position(file, *node, context + key), "expected a non-empty string");
  return text;
}

std::string required_toml_string(const toml::table& table, const std::string& key, const std::string& file,
                                 const std::string& context, EmptyString empty) {
  if (auto text = toml_string(table, key, file, context, empty)) return *text;
  throw InputError(toml_position(file, table, context + key), "missing required key (a string)");
}

std::optional<double> toml_number(const toml::table& table, const std::string& key, const std::string& file,
                                  const std::string& context, Infinity infinity) {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (!node->is_number()) throw InputError(toml_position(file, *node, context + key), "expected a number");
  const double value = *node->value<double>();
  if (std::isnan(value) || (std::isinf(value) && infinity == Infinity::refused))
    throw InputError(toml_position(file, *node, context + key),
                     infinity == Infinity::refused ? "expected a finite number" : "expected a number or inf, not nan");
  return value;
}

}  // namespace pivot
