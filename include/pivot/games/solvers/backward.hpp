// backward: backward induction on a game of perfect information.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "pivot/games/nash.hpp"

namespace pivot {

/// The subgame-perfect equilibrium of a perfect-information game by backward
/// induction, exact; ties go to the lowest-numbered action. Throws UsageError
/// when some information set has more than one node.
struct BackwardInductionResult {
  BehaviourProfile profile;
  bool ties = false;  // some decision node had several best actions
};
BackwardInductionResult backward_induction(const ExtensiveGame& game);

}  // namespace pivot
