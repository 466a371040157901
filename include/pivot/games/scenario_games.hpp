// The games a scenario ships in its games/ folder, solved and verified.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace pivot {

/// Every game a scenario ships in DIR/games/ (*.efg and *.nfg, by file name),
/// solved with its default method (backward induction or the sequence form for
/// .efg, enummixed for two-player .nfg, else enumpure) and verified.
struct ScenarioGames {
  std::string json;     // games.json: per game name, title, players, actions, method, equilibria, sources
  std::string summary;  // a few human-readable lines
  std::size_t count = 0;
};

/// Solves the games in `scenario_dir`/games/; their source notes come from
/// games/sources.csv (columns game,item,value,source,reasoning) when present.
/// Throws InputError for a malformed game or sources file.
ScenarioGames solve_scenario_games(const std::filesystem::path& scenario_dir);

}  // namespace pivot
