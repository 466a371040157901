// libFuzzer target: pivot::parse_bimatrix_csv on arbitrary bytes. The input is
// split at its first "~" into the row player's and the column player's table.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/io/bimatrix_csv.hpp"
#include "pivot/games/solvers/enummixed.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string text = fuzz::as_text(data, size);
  const auto cut = text.find('~');
  const std::string a = text.substr(0, cut);
  const std::string b = cut == std::string::npos ? a : text.substr(cut + 1);
  StrategicGame game;
  try {
    game = parse_bimatrix_csv(a, "a.csv", b, "b.csv");
  } catch (const InputError& e) {
    if (e.position().file != "a.csv" && e.position().file != "b.csv")
      fuzz::fail(std::string("bad file in ") + e.what());
    if (e.position().line == 0 || e.position().column == 0) fuzz::fail(std::string("no position: ") + e.what());
    return 0;
  }
  // A game it accepts has two players, labelled strategies and a full payoff table.
  if (game.num_players() != 2 || game.num_strategies(0) == 0 || game.num_strategies(1) == 0)
    fuzz::fail("accepted a game without strategies");
  if (game.payoffs.size() != game.num_profiles()) fuzz::fail("payoff table has the wrong size");
  for (const auto& cell : game.payoffs)
    if (cell.size() != 2) fuzz::fail("a cell without two payoffs");
  if (game.num_profiles() <= 16) {
    const auto found = mixed_equilibria_2p(game);  // small games: solvers must take what the loader accepts
    for (const auto& p : found.equilibria)
      if (!is_nash_equilibrium(game, p)) fuzz::fail("a non-equilibrium from a loaded game");
  }
  return 0;
}
