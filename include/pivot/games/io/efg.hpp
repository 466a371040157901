// Gambit's .efg format (version 2), read and written.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "pivot/games/extensive_game.hpp"

namespace pivot {

/// Parses Gambit .efg text (version 2); `file` names it in errors. Throws
/// InputError with line and column for malformed text or an inconsistent tree.
ExtensiveGame parse_efg(std::string_view text, const std::string& file);

/// Reads a Gambit .efg file. Throws InputError.
ExtensiveGame read_efg_file(const std::filesystem::path& path);

/// Writes the game in Gambit's .efg format (exact rationals); parse_efg reads it back.
std::string write_efg(const ExtensiveGame& game);

/// True when the file is an extensive game (.efg by extension or an `EFG` header).
bool is_efg_file(const std::filesystem::path& path);

}  // namespace pivot
