// Exact vertex enumeration of a polytope {z >= 0 : M z <= c} (M, c integer,
// c > 0, bounded) by reverse search over its lex-positive bases, in the memory
// of one dictionary (polytope_vertices.cpp).
#pragma once

#include <functional>

#include "games/solvers/enummixed/integer_dictionary.hpp"

namespace pivot::games {

/// Calls `visit` once per vertex, with a dictionary whose basis is one of
/// that vertex's bases (its least in index order; the slack basis, z = 0,
/// first). Degenerate vertices are reported once, however many bases they have.
void for_each_vertex(const IntegerPolytope& polytope, const std::function<void(const IntegerDictionary&)>& visit);

/// True when variable v is zero in the dictionary's basic solution.
bool is_zero_var(const IntegerDictionary& dict, std::size_t v);

}  // namespace pivot::games
