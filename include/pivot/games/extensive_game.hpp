// Extensive-form games (game trees with chance, information sets and
// outcomes): the tree, behaviour profiles, their payoffs and regrets, perfect
// recall, and the reduced strategic form. Solvers are in nash.hpp and solvers/,
// Gambit's .efg format in io/efg.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pivot/games/game.hpp"

namespace pivot {

/// An outcome: named payoffs, one per player. Outcomes may sit on any node;
/// a play's payoff is the sum of the outcomes on its path (Gambit's rule).
struct EfgOutcome {
  std::string label;
  std::vector<Rational> payoffs;  // [player]
};

/// A player's information set: the nodes it cannot tell apart share its actions.
struct EfgInfoset {
  std::string label;
  std::vector<std::string> actions;
  std::size_t number = 0;  // number in the file (unique within the player)
};

/// A chance information set: actions with exact probabilities summing to 1.
struct EfgChanceSet {
  std::string label;
  std::vector<std::string> actions;
  std::vector<Rational> probabilities;
  std::size_t number = 0;
};

enum class EfgNodeKind { terminal, chance, decision };

struct EfgNode {
  EfgNodeKind kind = EfgNodeKind::terminal;
  std::string label;
  std::size_t player = 0;             // decision nodes: 0-based player
  std::size_t infoset = 0;            // decision: index in infosets[player]; chance: index in chance_sets
  std::size_t outcome = 0;            // 0 = none, else outcomes[outcome - 1]
  std::vector<std::size_t> children;  // node indices, in action order
};

/// A finite game tree. Nodes are stored in prefix order (nodes[0] is the root);
/// each player's information sets in order of first appearance, which is the
/// order of the behaviour-strategy probabilities in Gambit's `NE,` lines.
struct ExtensiveGame {
  std::string title;
  std::string comment;
  std::vector<std::string> players;
  std::vector<EfgNode> nodes;
  std::vector<std::vector<EfgInfoset>> infosets;  // [player][infoset]
  std::vector<EfgChanceSet> chance_sets;
  std::vector<EfgOutcome> outcomes;

  std::size_t num_players() const { return players.size(); }
};

/// Behaviour strategies: [player][infoset][action] probabilities.
using BehaviourProfile = std::vector<std::vector<std::vector<Rational>>>;

/// True when every information set holds a single node.
bool has_perfect_information(const ExtensiveGame& game);

/// True when no player ever forgets what they knew or did (Kuhn 1953): all nodes
/// of an information set follow the same own sequence of (information set, action).
bool has_perfect_recall(const ExtensiveGame& game);

/// Each player's expected payoff under a behaviour profile (exact).
std::vector<Rational> expected_payoffs(const ExtensiveGame& game, const BehaviourProfile& profile);

/// Each player's regret: the best-reply payoff (over realisation plans, so over
/// all pure strategies) minus the profile's payoff, exact. Needs perfect recall;
/// throws UsageError otherwise or when the profile's shape does not match.
std::vector<Rational> behaviour_regrets(const ExtensiveGame& game, const BehaviourProfile& profile);

/// True when every information set plays a distribution (or all zeros where the
/// player's own earlier actions exclude it, Gambit's convention) and every regret is exactly 0.
bool is_behaviour_equilibrium(const ExtensiveGame& game, const BehaviourProfile& profile);

/// Probability that play reaches each node under a behaviour profile (chance included), exact.
std::vector<Rational> reach_probabilities(const ExtensiveGame& game, const BehaviourProfile& profile);

/// Names for the outcomes and players that fit in a column or parameter name: the label
/// lower-cased with every run of other characters as one '-' ("deal: half cash, 8 years" ->
/// "deal-half-cash-8-years"); "outcome-K" / "player-K" (1-based) when that is empty or taken.
std::vector<std::string> outcome_ids(const ExtensiveGame& game);
std::vector<std::string> player_ids(const ExtensiveGame& game);

/// The reduced strategic form (Gambit's): a player's pure strategy picks an action
/// at every information set its own earlier choices leave reachable; labels are
/// the 1-based action numbers per information set, '*' where unreachable.
/// Throws UsageError when the form is too large to build (strategic_form_refusal).
StrategicGame reduced_strategic_form(const ExtensiveGame& game);

/// Why reduced_strategic_form(game) refuses the game (a player with more
/// reduced strategies than it lists, or more profiles times nodes than it
/// evaluates), or nullopt when it builds it: the one test behind both the
/// refusal and the methods `pivot solve --describe` lists.
std::optional<std::string> strategic_form_refusal(const ExtensiveGame& game);

/// A behaviour profile realisation-equivalent (Kuhn 1953) to a mixed profile of
/// reduced_strategic_form(game); information sets the player's own plan
/// excludes get all zeros, as Gambit prints them.
BehaviourProfile behaviour_from_mixed(const ExtensiveGame& game, const MixedProfile& mixed);

/// The behaviour profile realisation-equivalent to a mixed profile of
/// reduced_strategic_form(game), for any game: with perfect recall always
/// behaviour_from_mixed's (Kuhn 1953); without, the only candidate, returned
/// when it is equivalent on every node, else nullopt (none exists).
std::optional<BehaviourProfile> equivalent_behaviour(const ExtensiveGame& game, const MixedProfile& mixed);

/// Gambit's `NE,` line for behaviour strategies: players, information sets and
/// actions in order; exact rationals when digits < 0, else that many decimals.
std::string ne_csv_line(const BehaviourProfile& profile, int digits = -1);

/// Parses a `NE,` line or bare comma-separated behaviour probabilities shaped
/// like the game. Throws UsageError.
BehaviourProfile parse_behaviour_profile(const ExtensiveGame& game, std::string_view text);

}  // namespace pivot
