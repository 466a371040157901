// A scenario's game (games/NAME.efg) as a TrialModel: each trial writes its
// sampled payoffs into the tree, solves it with the method `pivot run` uses and
// reports where play ends, what each player gets and whether the equilibrium
// reported was one of several. See docs/uncertainty.md, "Games".
#include <fmt/format.h>

#include <memory>
#include <stdexcept>

#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/tree_index.hpp"
#include "pivot/uncertainty/trial_model.hpp"
#include "uncertainty/economic_parameters.hpp"

namespace pivot {
namespace {

// Reduced strategic forms up to this many profiles get their equilibria counted each trial
// (enummixed); beyond it the count would cost more than the trial itself, and is left out.
constexpr std::size_t kMaxCountedProfiles = 4096;

// Sized from the reduced strategies alone, without building the payoff table of a large form.
bool count_equilibria(const ExtensiveGame& game, const std::string& method) {
  if (method != "lcp" || game.num_players() != 2) return false;
  const TreeIndex index = index_tree(game);
  std::size_t profiles = 1;
  for (std::size_t p = 0; p < 2; ++p) {
    profiles *= reduced_strategies(game, index, p).size();
    if (profiles > kMaxCountedProfiles) return false;
  }
  return true;
}

// Per outcome, the probability that play passes a node carrying it.
std::vector<double> outcome_probabilities(const ExtensiveGame& game, const BehaviourProfile& profile) {
  const std::vector<Rational> reach = reach_probabilities(game, profile);
  std::vector<Rational> sum(game.outcomes.size(), 0);
  for (std::size_t node = 0; node < game.nodes.size(); ++node)
    if (game.nodes[node].outcome > 0) sum[game.nodes[node].outcome - 1] += reach[node];
  std::vector<double> out;
  for (const Rational& p : sum) out.push_back(p.get_d());
  return out;
}

}  // namespace

TrialModel game_trial_model(const Study& study, const std::string& name) {
  const auto path = study.scenario.directory / "games" / (name + ".efg");
  std::error_code ec;
  if (study.scenario.directory.empty() || !std::filesystem::exists(path, ec))
    throw UsageError(
        fmt::format("scenario '{}' has no games/{}.efg for model game:{}", study.scenario.name, name, name));
  uncertainty::require_sampled(study, "game." + name + ".", "game:" + name);
  auto base = std::make_shared<const ExtensiveGame>(read_efg_file(path));
  const std::string method = default_extensive_method(*base);
  const bool counted = count_equilibria(*base, method);
  TrialModel model;
  model.name = "game:" + name;
  model.options = {{"method", method}};
  const auto outcomes = outcome_ids(*base), players = player_ids(*base);
  // Outcomes under the `.outcome.` prefix, so reports list them as "P(label) = ..." like [outcomes] rules.
  for (std::size_t o = 0; o < outcomes.size(); ++o)
    model.outputs.push_back({model.name + ".outcome." + outcomes[o], model.name,
                             base->outcomes[o].label.empty() ? outcomes[o] : base->outcomes[o].label,
                             "1 if play reaches it", 0.0, 1.0});
  for (const std::string& player : players)
    model.outputs.push_back({model.name + ".payoff." + player, model.name, "payoff." + player, "payoff", 0.0, 0.0});
  if (method == "backward")
    model.outputs.push_back({model.name + ".ties", model.name, "ties", "1 if a tie was broken", 0.0, 1.0});
  if (counted) model.outputs.push_back({model.name + ".equilibria", model.name, "equilibria", "count", 0.0, 0.0});
  model.run = [base, name, method, counted](const Study& sampled, std::uint64_t) {
    ExtensiveGame game = *base;
    uncertainty::apply_game_parameters(sampled, name, game);
    const ExtensiveSolveResult result = solve_extensive_game(game, method);
    if (result.equilibria.empty())
      throw std::runtime_error(fmt::format("{} found no equilibrium of a sampled {}", method, name));
    const BehaviourProfile& played = result.equilibria.front();
    std::vector<double> values = outcome_probabilities(game, played);
    for (const Rational& payoff : expected_payoffs(game, played)) values.push_back(payoff.get_d());
    if (method == "backward") values.push_back(result.ties ? 1.0 : 0.0);
    if (counted) values.push_back(static_cast<double>(solve_extensive_game(game, "enummixed").equilibria.size()));
    return values;
  };
  return model;
}

}  // namespace pivot
