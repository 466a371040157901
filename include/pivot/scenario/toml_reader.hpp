// Reading TOML the way every pivot loader does (scenario.toml, deal.toml,
// trade/*.toml, ge/ge.toml, GE model files): UTF-8 checked before parsing,
// syntax errors and values of the wrong type as InputError at their line and
// column, and unknown keys refused, so a typo never passes as a default.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "pivot/core/error.hpp"

namespace pivot {

/// `text` parsed as TOML. Ill-formed UTF-8 and syntax errors throw InputError
/// naming `file` at the offending line and column (in code points, as toml++ counts).
toml::table parse_toml(std::string_view text, const std::string& file);

/// The file at `path` read and parsed as parse_toml does; errors name path.string().
toml::table read_toml_file(const std::filesystem::path& path);

/// Where `node` begins in `file`, with `field` as the error's field.
SourcePosition toml_position(const std::string& file, const toml::node& node, std::string field);

/// Throws InputError "unknown key (expected a, b, c)" at the first key of
/// `table` not in `known`; its field is `context` + the key ("issues[0].").
void check_toml_keys(const toml::table& table, std::initializer_list<std::string_view> known, const std::string& file,
                     const std::string& context = "");

/// Whether a string may be empty, or a number infinite (TOML's `inf`).
enum class EmptyString { allowed, refused };
enum class Infinity { refused, allowed };

// table[key] of one type: nullptr or nullopt when the key is absent, InputError
// at the value (field `context` + key) when it holds something else.

const toml::table* toml_table(const toml::table& table, const std::string& key, const std::string& file,
                              const std::string& context = "");

/// A string, or a TOML date written as YYYY-MM-DD.
std::optional<std::string> toml_string(const toml::table& table, const std::string& key, const std::string& file,
                                       const std::string& context = "", EmptyString empty = EmptyString::allowed);

/// toml_string for a key that must be there: "missing required key (a string)" at the table.
std::string required_toml_string(const toml::table& table, const std::string& key, const std::string& file,
                                 const std::string& context = "", EmptyString empty = EmptyString::allowed);

/// A number (integer or float); NaN is always refused, infinity unless allowed.
std::optional<double> toml_number(const toml::table& table, const std::string& key, const std::string& file,
                                  const std::string& context = "", Infinity infinity = Infinity::refused);

}  // namespace pivot
