// Finding a game file from the command line's name for it, including the
// games a scenario ships in its games/ folder.
#include <fmt/format.h>

#include <fstream>

#include "pivot/error.hpp"
#include "pivot/extensive_game.hpp"
#include "pivot/scenario.hpp"

namespace pivot {

namespace fs = std::filesystem;

fs::path resolve_game_file(const std::string& spec) {
  std::error_code ec;
  if (fs::exists(spec, ec)) return spec;
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) return spec;  // the reader reports it missing
  const std::string scenario = spec.substr(0, colon), name = spec.substr(colon + 1);
  fs::path dir = scenario;
  if (!fs::is_directory(dir, ec)) dir = builtin_scenario_root() / scenario;
  if (!fs::is_directory(dir, ec)) throw UsageError(fmt::format("'{}': no scenario directory named '{}'", spec, scenario));
  for (const char* ext : {".efg", ".nfg"}) {
    const fs::path candidate = dir / "games" / (name + ext);
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  throw UsageError(fmt::format("'{}': no game '{}' in {} (expected {}.efg or {}.nfg)", spec, name,
                               (dir / "games").string(), name, name));
}

bool is_efg_file(const fs::path& path) {
  if (path.extension() == ".efg") return true;
  if (path.extension() == ".nfg") return false;
  std::ifstream in(path);
  std::string first;
  in >> first;
  return first == "EFG";
}

}  // namespace pivot
