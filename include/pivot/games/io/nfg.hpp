// Gambit's .nfg format (payoff and outcome forms), read and written.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "pivot/games/game.hpp"

namespace pivot {

/// Parses Gambit .nfg text (payoff or outcome form); `file` names it in errors.
/// Throws InputError with line and column.
StrategicGame parse_nfg(std::string_view text, const std::string& file);

/// Reads a Gambit .nfg file. Throws InputError.
StrategicGame read_nfg_file(const std::filesystem::path& path);

/// Writes the game in Gambit's .nfg payoff form (exact rationals).
std::string write_nfg(const StrategicGame& game);

}  // namespace pivot
