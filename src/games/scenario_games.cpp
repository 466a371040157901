// The games a scenario ships (DIR/games/), solved for `pivot run`: one JSON
// document with every game's equilibria and the notes that source its payoffs.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/io/nfg.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/scenario_games.hpp"
#include "pivot/games/tree_index.hpp"

namespace pivot {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

// Rows of games/sources.csv for one game, as JSON objects keyed by the header.
ordered_json source_notes(const CsvTable& table, const std::string& game) {
  ordered_json notes = ordered_json::array();
  if (table.rows.empty()) return notes;
  const auto& header = table.rows.front().fields;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& fields = table.rows[r].fields;
    if (fields.empty() || fields.front().text != game) continue;
    ordered_json note;
    for (std::size_t c = 1; c < header.size() && c < fields.size(); ++c) note[header[c].text] = fields[c].text;
    notes.push_back(note);
  }
  return notes;
}

std::string decimal(const std::string& rational_text) {
  Rational v(rational_text);
  v.canonicalize();
  return fmt::format("{:.2f}", v.get_d());
}

// "US: escalate; China: hold" — each information set's played actions, with
// probabilities when mixed.
std::string describe_play(const ExtensiveGame& game, const BehaviourProfile& profile) {
  std::vector<std::string> parts;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (std::size_t h = 0; h < game.infosets[p].size(); ++h) {
      std::vector<std::string> played;
      for (std::size_t a = 0; a < profile[p][h].size(); ++a) {
        const Rational& prob = profile[p][h][a];
        if (prob == 1)
          played.push_back(game.infosets[p][h].actions[a]);
        else if (prob > 0)
          played.push_back(fmt::format("{} {}", game.infosets[p][h].actions[a], prob.get_str()));
      }
      const std::string& who = game.infosets[p][h].label.empty() ? game.players[p] : game.infosets[p][h].label;
      parts.push_back(fmt::format("{}: {}", who, fmt::join(played, " + ")));
    }
  return fmt::format("{}", fmt::join(parts, "; "));
}

// The report draws strategic profiles: add each player's reduced strategies
// ("action/action/...", "-" where unreachable) and, per equilibrium, the mixed
// profile that plays each with the product of its actions' probabilities
// (realisation-equivalent, Kuhn 1953).
void add_strategic_view(const ExtensiveGame& game, const ExtensiveSolveResult& result, ordered_json& item) {
  const TreeIndex index = index_tree(game);
  ordered_json strategies = ordered_json::array();
  std::vector<std::vector<std::vector<std::size_t>>> plans;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    plans.push_back(reduced_strategies(game, index, p));
    ordered_json labels = ordered_json::array();
    for (const auto& plan : plans.back()) {
      std::vector<std::string> parts;
      for (std::size_t h = 0; h < plan.size(); ++h)
        parts.push_back(plan[h] == unreachable ? "-" : game.infosets[p][h].actions[plan[h]]);
      labels.push_back(parts.empty() ? std::string("(no move)") : fmt::format("{}", fmt::join(parts, "/")));
    }
    strategies.push_back(labels);
  }
  item["strategies"] = strategies;
  for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
    ordered_json profile = ordered_json::array();
    for (std::size_t p = 0; p < game.num_players(); ++p) {
      ordered_json mix = ordered_json::array();
      for (const auto& plan : plans[p]) {
        Rational prob = 1;
        for (std::size_t h = 0; h < plan.size(); ++h)
          if (plan[h] != unreachable) prob *= result.equilibria[e][p][h][plan[h]];
        mix.push_back(prob.get_str());
      }
      profile.push_back(mix);
    }
    item["equilibria"][e]["profile"] = profile;
  }
}

}  // namespace

ScenarioGames solve_scenario_games(const fs::path& scenario_dir) {
  ScenarioGames out;
  const fs::path dir = scenario_dir / "games";
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(dir, ec))
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".efg" || entry.path().extension() == ".nfg") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  CsvTable sources;
  if (fs::is_regular_file(dir / "sources.csv", ec)) sources = read_csv_file(dir / "sources.csv");
  ordered_json list = ordered_json::array();
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    ordered_json item;
    std::string line;
    if (file.extension() == ".efg") {
      const ExtensiveGame game = read_efg_file(file);
      const auto result = solve_extensive_game(game, default_extensive_method(game));
      item = ordered_json::parse(extensive_result_json(game, result));
      add_strategic_view(game, result, item);
      if (!result.equilibria.empty()) {
        const auto payoffs = item["equilibria"][0]["payoffs"];
        std::vector<std::string> shown;
        for (const auto& v : payoffs) shown.push_back(decimal(v.get<std::string>()));
        line = fmt::format("{} ({}): {}; payoffs {}", name, result.method,
                           describe_play(game, result.equilibria.front()), fmt::join(shown, ", "));
      }
    } else {
      const StrategicGame game = read_nfg_file(file);
      const auto result = solve_game(game, game.num_players() == 2 ? "enummixed" : "enumpure");
      item = ordered_json::parse(solve_result_json(game, result));
      item["form"] = "strategic";
      if (!result.equilibria.empty())
        line = fmt::format("{} ({}): {}", name, result.method, ne_csv_line(result.equilibria.front()));
    }
    const std::size_t found = item["equilibria"].size();
    if (line.empty())
      line = fmt::format("{}: no equilibrium found", name);
    else if (found > 1)
      line += fmt::format(" (first of {})", found);
    out.summary += "  " + line + "\n";
    ordered_json entry;
    entry["name"] = name;
    entry["file"] = "games/" + file.filename().string();
    // The report draws an extensive game's tree from this file; the hash tells it whether the
    // file is still the one solved here (docs/report.md).
    entry["file_hash"] = hex64(fnv1a64(read_text_file(file)));
    for (auto& [key, value] : item.items()) entry[key] = value;
    entry["sources"] = source_notes(sources, name);
    list.push_back(entry);
  }
  out.count = files.size();
  ordered_json doc;
  doc["games"] = list;
  out.json = doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
  if (out.count > 0)
    out.summary = fmt::format("\nGames ({} in games/, equilibria verified exactly)\n", out.count) + out.summary;
  return out;
}

}  // namespace pivot
