// A two-player game as two CSV payoff tables, one per player.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "pivot/games/game.hpp"

namespace pivot {

/// Parses a bimatrix game from two CSV tables (row player's, column player's
/// payoffs): header = corner cell + column labels, then label + payoffs per row;
/// both tables with the same labels. Throws InputError with file:line:column.
StrategicGame parse_bimatrix_csv(std::string_view row_text, const std::string& row_file, std::string_view col_text,
                                 const std::string& col_file);

/// Reads the two CSV payoff tables of a bimatrix game. Throws InputError.
StrategicGame read_bimatrix_csv(const std::filesystem::path& row_payoffs, const std::filesystem::path& col_payoffs);

}  // namespace pivot
