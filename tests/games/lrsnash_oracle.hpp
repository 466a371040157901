// lrsnash (lrslib, Avis) as an oracle for two-player games: writes the game in
// lrsnash's input format, runs it and reads back every extreme equilibrium.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "games/rational_text.hpp"
#include "pivot/games/game.hpp"

namespace pivot::testing {

inline bool lrsnash_installed() { return std::system("command -v lrsnash >/dev/null 2>&1") == 0; }

/// The NE lines (exact rationals) of every extreme equilibrium lrsnash prints.
/// lrsnash groups lines "2 y... payoff" and "1 x... payoff"; every 1-line pairs
/// with every 2-line of its group (lrsnash(1)).
inline std::set<std::string> lrsnash_equilibria(const StrategicGame& game) {
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  const auto path = std::filesystem::temp_directory_path() / ("pivot_lrs_solvers_" + std::to_string(::getpid()));
  {
    std::ofstream f(path);
    f << m << " " << n << "\n\n";
    for (std::size_t player = 0; player < 2; ++player) {
      for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t j = 0; j < n; ++j) f << game.payoffs[game.profile_index({i, j})][player].get_str() << " ";
        f << "\n";
      }
      f << "\n";
    }
  }
  std::string output;
  if (FILE* pipe = ::popen(("lrsnash " + path.string() + " 2>/dev/null").c_str(), "r")) {
    char buffer[4096];
    while (std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, got);
    ::pclose(pipe);
  }
  std::filesystem::remove(path);
  std::set<std::string> out;
  std::vector<std::string> ys, xs;
  auto flush = [&] {
    for (const auto& x : xs)
      for (const auto& y : ys) out.insert("NE" + x + y);
    xs.clear();
    ys.clear();
  };
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string who;
    if (!(words >> who) || (who != "1" && who != "2")) {
      flush();
      continue;
    }
    if (who == "2" && !xs.empty()) flush();
    std::string probs, w;
    for (std::size_t k = 0; k < (who == "1" ? m : n) && (words >> w); ++k)
      probs += "," + pivot::games::rational_text(*pivot::games::parse_rational(w));
    (who == "1" ? xs : ys).push_back(probs);
  }
  flush();
  return out;
}

}  // namespace pivot::testing
