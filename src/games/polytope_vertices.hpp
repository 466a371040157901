// Exact vertex enumeration of a best-response polytope {z >= 0 : M z <= 1}
// with M > 0, by a depth-first walk over its feasible bases.
#pragma once

#include <cstdint>
#include <vector>

#include "pivot/game.hpp"

namespace pivot {

/// A vertex and the set of its tight constraints: bit i (i < d) for z_i = 0,
/// bit d + j for row j of M z <= 1 binding.
struct LabeledVertex {
  std::vector<Rational> point;       // z, size d
  std::vector<std::uint64_t> labels;  // bitset over d + k labels
};

/// Every vertex of {z in R^d : z >= 0, M z <= 1}; M is k x d, all entries positive.
std::vector<LabeledVertex> polytope_vertices(const std::vector<std::vector<Rational>>& m);

}  // namespace pivot
