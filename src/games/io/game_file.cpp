// Telling a Gambit .efg file from an .nfg one.
#include <fmt/format.h>

#include <fstream>

#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"

namespace pivot {

namespace fs = std::filesystem;

bool is_efg_file(const fs::path& path) {
  if (path.extension() == ".efg") return true;
  if (path.extension() == ".nfg") return false;
  std::ifstream in(path);
  std::string first;
  in >> first;
  return first == "EFG";
}

}  // namespace pivot
