// Names for a game's outcomes and players that can stand inside a parameter or
// column name (`game.NAME.OUTCOME.PLAYER`, trials.csv headers): the labels of
// the .efg file, reduced to lower-case letters, digits and single dashes.
#include <fmt/format.h>

#include <set>

#include "pivot/games/extensive_game.hpp"

namespace pivot {
namespace {

std::string slug(const std::string& label) {
  std::string out;
  bool dash = false;
  for (unsigned char c : label) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (!keep) {
      dash = !out.empty();
      continue;
    }
    if (dash) out += '-';
    dash = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

// Slugs of the labels, with `fallback-K` for an empty one or one an earlier label took,
// so every name is unique and the same file always gives the same names.
std::vector<std::string> unique_slugs(const std::vector<std::string>& labels, const char* fallback) {
  std::vector<std::string> ids;
  std::set<std::string> taken;
  for (std::size_t k = 0; k < labels.size(); ++k) {
    std::string id = slug(labels[k]);
    for (std::size_t n = k + 1; id.empty() || taken.count(id); ++n) id = fmt::format("{}-{}", fallback, n);
    taken.insert(id);
    ids.push_back(id);
  }
  return ids;
}

}  // namespace

std::vector<std::string> outcome_ids(const ExtensiveGame& game) {
  std::vector<std::string> labels;
  for (const EfgOutcome& o : game.outcomes) labels.push_back(o.label);
  return unique_slugs(labels, "outcome");
}

std::vector<std::string> player_ids(const ExtensiveGame& game) { return unique_slugs(game.players, "player"); }

}  // namespace pivot
