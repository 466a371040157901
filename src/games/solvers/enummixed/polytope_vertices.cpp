// Vertex enumeration by a depth-first search over the feasible bases of
// {z >= 0 : M z <= c}. From a basis every pivot the minimum-ratio test allows,
// ties included, leads to a neighbouring feasible basis; the graph of feasible
// bases of a polytope is connected, so the walk reaches every basis of every
// vertex, degenerate ones included. Integer pivoting makes pivoting back on
// the same element restore the parent dictionary exactly, so one dictionary
// is kept. Bases seen are remembered as bitsets in an open-addressing table;
// a vertex is new when its basis is nondegenerate (its only basis) or, for a
// degenerate one, when its set of zero variables has not been seen.
#include "games/solvers/enummixed/polytope_vertices.hpp"

#include <cstdint>

namespace pivot::games {

namespace {

// A set of fixed-width bitsets (words per key fixed at construction).
class BitsetSet {
 public:
  explicit BitsetSet(std::size_t words) : words_(words), slots_(1024, kEmpty) {}

  /// Inserts the key; false if it was already present.
  bool insert(const std::uint64_t* key) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    std::size_t slot = hash(key) & (slots_.size() - 1);
    while (slots_[slot] != kEmpty) {
      if (equal(slots_[slot], key)) return false;
      slot = (slot + 1) & (slots_.size() - 1);
    }
    slots_[slot] = count_++;
    keys_.insert(keys_.end(), key, key + words_);
    return true;
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;

  std::size_t hash(const std::uint64_t* key) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (std::size_t w = 0; w < words_; ++w) {
      h ^= key[w];
      h *= 0xbf58476d1ce4e5b9ULL;
      h ^= h >> 31;
    }
    return static_cast<std::size_t>(h);
  }
  bool equal(std::uint32_t index, const std::uint64_t* key) const {
    const std::uint64_t* stored = &keys_[index * words_];
    for (std::size_t w = 0; w < words_; ++w)
      if (stored[w] != key[w]) return false;
    return true;
  }
  void grow() {
    std::vector<std::uint32_t> bigger(slots_.size() * 2, kEmpty);
    for (std::uint32_t index = 0; index < count_; ++index) {
      std::size_t slot = hash(&keys_[index * words_]) & (bigger.size() - 1);
      while (bigger[slot] != kEmpty) slot = (slot + 1) & (bigger.size() - 1);
      bigger[slot] = index;
    }
    slots_ = std::move(bigger);
  }

  std::size_t words_;
  std::uint32_t count_ = 0;
  std::vector<std::uint32_t> slots_;  // index into keys_ / words_, or kEmpty
  std::vector<std::uint64_t> keys_;
};

void flip(std::vector<std::uint64_t>& bits, std::size_t i) { bits[i / 64] ^= std::uint64_t{1} << (i % 64); }

struct Move {
  std::size_t row, col;
};

struct Frame {
  std::size_t first_move, next_move, end_move;
  Move undo;  // the pivot that returns to the parent basis
  bool has_parent;
};

bool is_degenerate(const IntegerDictionary& dict) {
  for (std::size_t r = 0; r < dict.rows; ++r)
    if (dict.rhs_sign(r) == 0) return true;
  return false;
}

void append_moves(const IntegerDictionary& dict, std::vector<Move>& moves, std::vector<std::size_t>& rows) {
  for (std::size_t c = 0; c < dict.cols; ++c) {
    rows.clear();
    dict.leaving_rows(c, rows);
    for (auto r : rows) moves.push_back({r, c});
  }
}

}  // namespace

bool is_zero_var(const IntegerDictionary& dict, std::size_t v) {
  for (std::size_t r = 0; r < dict.rows; ++r)
    if (dict.basic[r] == v) return dict.rhs_sign(r) == 0;
  return true;
}

void for_each_vertex(const IntegerPolytope& polytope, const std::function<void(const IntegerDictionary&)>& visit) {
  IntegerDictionary dict(polytope);
  const std::size_t words = (dict.num_vars() + 63) / 64;
  BitsetSet bases(words), degenerate_vertices(words);
  std::vector<std::uint64_t> basis_bits(words, 0), zero_bits(words);
  for (auto v : dict.basic) flip(basis_bits, v);
  bases.insert(basis_bits.data());

  auto report_if_new = [&] {
    if (is_degenerate(dict)) {
      std::fill(zero_bits.begin(), zero_bits.end(), 0);
      for (auto v : dict.nonbasic) flip(zero_bits, v);
      for (std::size_t r = 0; r < dict.rows; ++r)
        if (dict.rhs_sign(r) == 0) flip(zero_bits, dict.basic[r]);
      if (!degenerate_vertices.insert(zero_bits.data())) return;
    }
    visit(dict);
  };
  report_if_new();

  std::vector<Move> moves;
  std::vector<std::size_t> rows;
  std::vector<Frame> stack;
  append_moves(dict, moves, rows);
  stack.push_back({0, 0, moves.size(), {0, 0}, false});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next_move == top.end_move) {
      if (top.has_parent) {
        flip(basis_bits, dict.basic[top.undo.row]);
        flip(basis_bits, dict.nonbasic[top.undo.col]);
        dict.pivot(top.undo.row, top.undo.col);
      }
      moves.resize(top.first_move);
      stack.pop_back();
      continue;
    }
    const Move move = moves[top.next_move++];
    flip(basis_bits, dict.basic[move.row]);
    flip(basis_bits, dict.nonbasic[move.col]);
    if (!bases.insert(basis_bits.data())) {
      flip(basis_bits, dict.basic[move.row]);
      flip(basis_bits, dict.nonbasic[move.col]);
      continue;
    }
    dict.pivot(move.row, move.col);  // the leaving variable now sits in column move.col
    report_if_new();
    const std::size_t first = moves.size();
    append_moves(dict, moves, rows);
    stack.push_back({first, first, moves.size(), move, true});
  }
}

}  // namespace pivot::games
