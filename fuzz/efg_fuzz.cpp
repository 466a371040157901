// libFuzzer target: pivot::parse_efg, then what the solvers rely on of a game
// the reader accepts: a complete tree in prefix order whose writer output
// reads back to the same text, and exact payoffs and regrets where the game
// is small enough to solve quickly.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/solvers/backward.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string file = "game.efg";
  ExtensiveGame game;
  try {
    game = parse_efg(fuzz::as_text(data, size), file);
  } catch (const InputError& e) {
    fuzz::check_input_error(e, file);
    return 0;
  }
  if (game.nodes.empty() || game.players.empty()) fuzz::fail("accepted a game without nodes or players");
  for (std::size_t n = 0; n < game.nodes.size(); ++n)
    for (std::size_t child : game.nodes[n].children)
      if (child <= n || child >= game.nodes.size()) fuzz::fail("children not in prefix order");
  const std::string text = write_efg(game);
  try {
    if (write_efg(parse_efg(text, "written.efg")) != text) fuzz::fail("write_efg output does not read back the same");
  } catch (const InputError& e) {
    fuzz::fail(std::string("write_efg output does not parse: ") + e.what());
  }
  if (game.nodes.size() > 200 || !has_perfect_recall(game)) return 0;
  BehaviourProfile uniform(game.num_players());
  for (std::size_t p = 0; p < game.num_players(); ++p)
    for (const auto& set : game.infosets[p])
      uniform[p].emplace_back(set.actions.size(), Rational(1, static_cast<unsigned long>(set.actions.size())));
  for (const auto& r : behaviour_regrets(game, uniform))
    if (r < 0) fuzz::fail("negative regret");
  if (has_perfect_information(game) && !is_behaviour_equilibrium(game, backward_induction(game).profile))
    fuzz::fail("backward induction gave a profile that is not an equilibrium");
  return 0;
}
