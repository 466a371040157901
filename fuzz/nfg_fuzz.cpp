// libFuzzer target: pivot::parse_nfg (Gambit .nfg, payoff and outcome forms),
// then what the solvers rely on of a game the reader accepts: one payoff per
// player in every profile, writer output that reads back to the same text, and
// non-negative regrets of the uniform profile where the game is small.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/io/nfg.hpp"
#include "pivot/games/solvers/enumpure.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string file = "game.nfg";
  const auto loaded = fuzz::load_or_refuse(file, [&] { return parse_nfg(fuzz::as_text(data, size), file); });
  if (!loaded) return 0;
  const StrategicGame& game = *loaded;
  if (game.players.empty() || game.strategies.size() != game.num_players()) fuzz::fail("players without strategies");
  if (game.payoffs.size() != game.num_profiles()) fuzz::fail("not one payoff vector per profile");
  for (const auto& profile : game.payoffs)
    if (profile.size() != game.num_players()) fuzz::fail("not one payoff per player");
  const std::string text = write_nfg(game);
  try {
    if (write_nfg(parse_nfg(text, "written.nfg")) != text) fuzz::fail("write_nfg output does not read back the same");
  } catch (const InputError& e) {
    fuzz::fail(std::string("write_nfg output does not parse: ") + e.what());
  }
  if (game.num_profiles() > 256) return 0;
  MixedProfile uniform;
  for (std::size_t p = 0; p < game.num_players(); ++p)
    uniform.emplace_back(game.num_strategies(p), Rational(1, static_cast<unsigned long>(game.num_strategies(p))));
  for (const auto& r : regrets(game, uniform))
    if (r < 0) fuzz::fail("negative regret");
  for (const auto& eq : pure_equilibria(game))
    if (!is_nash_equilibrium(game, eq)) fuzz::fail("pure_equilibria gave a profile that is not an equilibrium");
  return 0;
}
