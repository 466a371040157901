// Extensive-form games (game trees with chance, information sets and
// outcomes), Gambit's .efg format, and their solvers: backward induction for
// perfect information, the sequence-form LCP for two players, and the
// strategic-form methods through the reduced strategic form.
#pragma once

#include <cstddef>
#include <filesystem>
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

/// Parses Gambit .efg text (version 2); `file` names it in errors. Throws
/// InputError with line and column for malformed text or an inconsistent tree.
ExtensiveGame parse_efg(std::string_view text, const std::string& file);

/// Reads a Gambit .efg file. Throws InputError.
ExtensiveGame read_efg_file(const std::filesystem::path& path);

/// Writes the game in Gambit's .efg format (exact rationals); parse_efg reads it back.
std::string write_efg(const ExtensiveGame& game);

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
StrategicGame reduced_strategic_form(const ExtensiveGame& game);

/// A behaviour profile realisation-equivalent (Kuhn 1953) to a mixed profile of
/// reduced_strategic_form(game); information sets the player's own plan
/// excludes get all zeros, as Gambit prints them.
BehaviourProfile behaviour_from_mixed(const ExtensiveGame& game, const MixedProfile& mixed);

/// The behaviour profile realisation-equivalent to a mixed profile of
/// reduced_strategic_form(game), for any game: with perfect recall always
/// behaviour_from_mixed's (Kuhn 1953); without, the only candidate, returned
/// when it is equivalent on every node, else nullopt (none exists).
std::optional<BehaviourProfile> equivalent_behaviour(const ExtensiveGame& game, const MixedProfile& mixed);

/// The subgame-perfect equilibrium of a perfect-information game by backward
/// induction, exact; ties go to the lowest-numbered action. Throws UsageError
/// when some information set has more than one node.
struct BackwardInductionResult {
  BehaviourProfile profile;
  bool ties = false;  // some decision node had several best actions
};
BackwardInductionResult backward_induction(const ExtensiveGame& game);

/// One Nash equilibrium of a two-player game with perfect recall: Lemke's
/// algorithm on the sequence-form LCP (Koller, Megiddo & von Stengel 1996), exact.
/// Returns an empty profile when Lemke's algorithm ends on a ray (not expected).
BehaviourProfile sequence_form_equilibrium(const ExtensiveGame& game);

/// Equilibria found on the reduced strategic form of a game without perfect
/// recall: mixed profiles, each with its realisation-equivalent behaviour
/// profile where one exists.
struct MixedEquilibria {
  StrategicGame form;
  std::vector<MixedProfile> mixed;
  std::vector<std::optional<BehaviourProfile>> behaviour;  // [equilibrium]
  std::vector<bool> exact;                                 // [equilibrium] regret exactly 0
};

/// The equilibria one method found on an extensive game, each verified before
/// it is returned: exact regret 0, or (logit, enumpoly, where `exact` is
/// false) regret at most the tolerance.
struct ExtensiveSolveResult {
  std::string method;
  std::vector<BehaviourProfile> equilibria;  // games with perfect recall
  std::vector<bool> exact;                   // [equilibrium]
  bool ties = false;                         // backward induction only
  std::optional<MixedEquilibria> mixed;      // games without perfect recall
  double lambda = 0;                         // logit on the tree: the precision where the path was left
};

/// The method `solve_extensive_game` uses when none is given: backward
/// induction for perfect information, else the sequence form ("lcp") with two
/// players and perfect recall, else the reduced strategic form (enummixed with
/// two players, enumpure otherwise).
std::string default_extensive_method(const ExtensiveGame& game);

/// Runs "backward", "lcp", "logit" (agent QRE on the tree with perfect recall,
/// on the reduced strategic form without), "enumpure", "enummixed" or
/// "enumpoly" (on the reduced strategic form; with perfect recall the results
/// as behaviour strategies, duplicates removed) and verifies each profile.
/// Throws UsageError for an unknown method or one that does not apply, naming those that do.
ExtensiveSolveResult solve_extensive_game(const ExtensiveGame& game, const std::string& method,
                                          const SolveOptions& options = {});

/// The agent quantal response equilibrium (McKelvey & Palfrey 1998) traced on
/// the tree from the centroid, as gambit-logit does for extensive games, then
/// refined into a Nash equilibrium: supports read off the path, the
/// indifference conditions solved by Newton's method, small-denominator
/// rationals tried first. Needs a game without absent-mindedness.
struct AgentLogitResult {
  std::optional<BehaviourProfile> profile;  // verified, or none
  bool exact = false;
  double lambda = 0;
  std::size_t steps = 0;
};
AgentLogitResult agent_logit(const ExtensiveGame& game, double tolerance = 1e-9);

/// Gambit's `NE,` line for behaviour strategies: players, information sets and
/// actions in order; exact rationals when digits < 0, else that many decimals.
std::string ne_csv_line(const BehaviourProfile& profile, int digits = -1);

/// Parses a `NE,` line or bare comma-separated behaviour probabilities shaped
/// like the game. Throws UsageError.
BehaviourProfile parse_behaviour_profile(const ExtensiveGame& game, std::string_view text);

/// The result as JSON: title, players, information
/// sets with actions, method, and per equilibrium its probabilities and payoffs.
std::string extensive_result_json(const ExtensiveGame& game, const ExtensiveSolveResult& result);

}  // namespace pivot

namespace pivot {

/// True when the file is an extensive game (.efg by extension or an `EFG` header).
bool is_efg_file(const std::filesystem::path& path);

}  // namespace pivot

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
