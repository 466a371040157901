// lcp: Lemke–Howson on a two-player strategic game (label, any, or the whole
// path network), and Lemke's algorithm on the sequence form of a two-player tree.
#pragma once

#include <cstddef>
#include <vector>

#include "pivot/games/nash.hpp"

namespace pivot {

/// One equilibrium of a two-player game by exact Lemke–Howson from the
/// artificial equilibrium, dropping `label` (1-based: rows 1..m, then columns m+1..m+n).
MixedProfile lemke_howson(const StrategicGame& game, std::size_t label);

/// One equilibrium of a two-player game by exact Lemke–Howson, from the label
/// whose path is shortest: all labels are tried with a pivot budget that doubles.
MixedProfile lemke_howson_any(const StrategicGame& game);

/// The distinct equilibria reachable by Lemke–Howson paths for every label,
/// from the artificial equilibrium and then from each equilibrium found;
/// stops after `max_equilibria` (0 = no limit).
std::vector<MixedProfile> lemke_howson_network(const StrategicGame& game, std::size_t max_equilibria = 0);

/// One Nash equilibrium of a two-player game with perfect recall: Lemke's
/// algorithm on the sequence-form LCP (Koller, Megiddo & von Stengel 1996), exact.
/// Returns an empty profile when Lemke's algorithm ends on a ray (not expected).
BehaviourProfile sequence_form_equilibrium(const ExtensiveGame& game);

/// The method `lcp` behind solve_game's common signature.
SolveResult solve_lcp(const StrategicGame& game, const SolveOptions& options);

}  // namespace pivot
