// Game payoffs as uncertain parameters: every payoff of a scenario's games/NAME.efg
// is a parameter `game.NAME.OUTCOME.PLAYER` (outcome_ids, player_ids) that
// uncertainty.csv may give a distribution, written back into the tree per trial.
#include <fmt/format.h>

#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/uncertainty/parameters.hpp"
#include "uncertainty/economic_parameters.hpp"

namespace pivot {
namespace {

constexpr double kMaxPayoff = 1e12;

// Calls visit(parameter name, payoff) for every outcome and player of a game named `stem`.
template <class Game, class Visit>
void for_each_payoff(Game& game, const std::string& stem, Visit visit) {
  const auto outcomes = outcome_ids(game), players = player_ids(game);
  for (std::size_t o = 0; o < game.outcomes.size(); ++o)
    for (std::size_t p = 0; p < players.size() && p < game.outcomes[o].payoffs.size(); ++p)
      visit(fmt::format("game.{}.{}.{}", stem, outcomes[o], players[p]), game.outcomes[o].payoffs[p]);
}

}  // namespace

void add_game_parameters(Study& study, const std::filesystem::path& efg) {
  const ExtensiveGame game = read_efg_file(efg);
  for_each_payoff(game, efg.stem().string(), [&](const std::string& name, const Rational& payoff) {
    if (parameter_index(study, name) < 0) study.parameters.push_back({name, payoff.get_d(), -kMaxPayoff, kMaxPayoff});
  });
}

namespace uncertainty {

void apply_game_parameters(const Study& study, const std::string& name, ExtensiveGame& game) {
  for_each_payoff(game, name, [&](const std::string& parameter, Rational& payoff) {
    const int index = parameter_index(study, parameter);
    if (index < 0) return;
    // A payoff left at its point value keeps the file's exact rational (1/3 stays 1/3).
    const double draw = study.parameters[index].value;
    if (draw != payoff.get_d()) payoff = Rational(draw);
  });
}

}  // namespace uncertainty
}  // namespace pivot
