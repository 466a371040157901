// The logit agent quantal response equilibrium (AQRE; McKelvey & Palfrey
// 1998) of a game tree, traced on the tree itself as gambit-logit does for
// extensive games (Turocy 2010), so that a game whose strategic form is far
// too large (cs.efg: 134 million pure-strategy profiles) is solved in
// behaviour strategies. Each information set h of player i is an agent; with
// beliefs mu(x) = P(x) / sum_{y in h} P(y) (Bayes' rule; every node is reached
// while lambda is finite), the value of action a is
//   V(h, a) = sum_{x in h} mu(x) U_i(x a),
// U_i(y) the expected payoff below y. In the variables z = log b and lambda:
//   z(h, a) - z(h, 0) - lambda (V(h, a) - V(h, 0)) = 0   (a > 0)
//   sum_a b(h, a) - 1 = 0,
// one curve from the centroid at lambda = 0, followed by the same
// predictor–corrector as the strategic-form path (Turocy 2005). Far out on it
// the supports are read off and the Nash conditions of the reached
// information sets (equal values on the support) solved by Newton's method;
// a profile leaves only when its exact regrets are 0 (or within the tolerance).
#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "games/nearby_fraction.hpp"
#include "games/solvers/path_following.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/game_structure.hpp"
#include "pivot/games/solvers/logit.hpp"

namespace pivot {

using games::follow_path;
using games::nearby_fraction;
using games::PathEquations;

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double minus_infinity = -std::numeric_limits<double>::infinity();

// The tree with its actions numbered flat: information set s owns actions
// offset[s] .. offset[s] + size[s] - 1, sets in player order, then file order.
class AgentTree {
 public:
  explicit AgentTree(const ExtensiveGame& game) : game_(game) {
    set_of_.resize(game.num_players());
    for (std::size_t p = 0; p < game.num_players(); ++p)
      for (std::size_t h = 0; h < game.infosets[p].size(); ++h) {
        set_of_[p].push_back(player_.size());
        player_.push_back(p);
        offset_.push_back(total_);
        size_.push_back(game.infosets[p][h].actions.size());
        total_ += game.infosets[p][h].actions.size();
      }
    members_.resize(player_.size());
    for (std::size_t node = 0; node < game.nodes.size(); ++node) {
      const EfgNode& at = game.nodes[node];
      if (at.kind == EfgNodeKind::decision) members_[set_of_[at.player][at.infoset]].push_back(node);
    }
    payoff_.assign(game.nodes.size() * game.num_players(), 0.0);
    std::vector<std::vector<Rational>> path(game.nodes.size(), std::vector<Rational>(game.num_players(), 0));
    for (std::size_t node = 0; node < game.nodes.size(); ++node) {
      const EfgNode& at = game.nodes[node];
      if (at.outcome != 0)
        for (std::size_t p = 0; p < game.num_players(); ++p) path[node][p] += game.outcomes[at.outcome - 1].payoffs[p];
      for (std::size_t child : at.children) path[child] = path[node];
      for (std::size_t p = 0; p < game.num_players(); ++p)
        payoff_[node * game.num_players() + p] = path[node][p].get_d();
    }
  }

  std::size_t total() const { return total_; }
  std::size_t sets() const { return player_.size(); }
  std::size_t offset(std::size_t s) const { return offset_[s]; }
  std::size_t size(std::size_t s) const { return size_[s]; }
  std::size_t set_of(std::size_t player, std::size_t infoset) const { return set_of_[player][infoset]; }

  // The flat action taken at decision node `node` by its k-th child.
  std::size_t action(std::size_t node, std::size_t k) const {
    const EfgNode& at = game_.nodes[node];
    return offset_[set_of_[at.player][at.infoset]] + k;
  }

  // V (flat, per action) from log-probabilities (minus infinity for 0).
  void values(const std::vector<double>& log_b, std::vector<double>& v) const {
    const std::size_t n = game_.num_players(), count = game_.nodes.size();
    below_.assign(count * n, 0.0);
    for (std::size_t node = count; node-- > 0;) {
      const EfgNode& at = game_.nodes[node];
      double* u = &below_[node * n];
      if (at.kind == EfgNodeKind::terminal) {
        for (std::size_t p = 0; p < n; ++p) u[p] = payoff_[node * n + p];
        continue;
      }
      for (std::size_t k = 0; k < at.children.size(); ++k) {
        const double w = at.kind == EfgNodeKind::chance ? game_.chance_sets[at.infoset].probabilities[k].get_d()
                                                        : std::exp(log_b[action(node, k)]);
        if (w == 0.0) continue;
        for (std::size_t p = 0; p < n; ++p) u[p] += w * below_[at.children[k] * n + p];
      }
    }
    log_reach_.assign(count, minus_infinity);
    log_reach_[0] = 0.0;
    for (std::size_t node = 0; node < count; ++node) {
      const EfgNode& at = game_.nodes[node];
      for (std::size_t k = 0; k < at.children.size(); ++k) {
        const double step = at.kind == EfgNodeKind::chance
                                ? std::log(game_.chance_sets[at.infoset].probabilities[k].get_d())
                                : log_b[action(node, k)];
        log_reach_[at.children[k]] = log_reach_[node] + step;
      }
    }
    v.assign(total_, 0.0);
    for (std::size_t s = 0; s < sets(); ++s) {
      double top = minus_infinity;
      for (std::size_t x : members_[s]) top = std::max(top, log_reach_[x]);
      double weight_sum = 0;
      for (std::size_t x : members_[s]) {
        // Beliefs by Bayes' rule; uniform where no member is reached at all.
        const double w = top == minus_infinity ? 1.0 : std::exp(log_reach_[x] - top);
        if (w == 0.0) continue;
        weight_sum += w;
        for (std::size_t k = 0; k < size_[s]; ++k)
          v[offset_[s] + k] += w * below_[game_.nodes[x].children[k] * game_.num_players() + player_[s]];
      }
      for (std::size_t k = 0; k < size_[s]; ++k) v[offset_[s] + k] /= weight_sum;
    }
  }

  // dV/d(log b) by central differences: column c for flat action c.
  MatrixXd value_derivatives(const std::vector<double>& log_b) const {
    MatrixXd d(static_cast<Index>(total_), static_cast<Index>(total_));
    std::vector<double> shifted = log_b, up, down;
    for (std::size_t c = 0; c < total_; ++c) {
      if (log_b[c] == minus_infinity) {
        d.col(static_cast<Index>(c)).setZero();
        continue;
      }
      const double delta = 1e-6;
      shifted[c] = log_b[c] + delta;
      values(shifted, up);
      shifted[c] = log_b[c] - delta;
      values(shifted, down);
      shifted[c] = log_b[c];
      for (std::size_t r = 0; r < total_; ++r)
        d(static_cast<Index>(r), static_cast<Index>(c)) = (up[r] - down[r]) / (2 * delta);
    }
    return d;
  }

  // The AQRE equations at z = (log b, lambda).
  void equations(const VectorXd& z, VectorXd& h, MatrixXd* jac) const {
    const auto k = static_cast<Index>(total_);
    const double lambda = z(k);
    std::vector<double> log_b(total_), v;
    for (std::size_t a = 0; a < total_; ++a) log_b[a] = z(static_cast<Index>(a));
    values(log_b, v);
    h.setZero(k);
    MatrixXd d;
    if (jac) {
      jac->setZero(k, k + 1);
      d = value_derivatives(log_b);
    }
    for (std::size_t s = 0; s < sets(); ++s) {
      const auto first = static_cast<Index>(offset_[s]);
      for (std::size_t j = 0; j < size_[s]; ++j) {
        const auto row = static_cast<Index>(offset_[s] + j);
        h(first) += std::exp(z(row));
        if (jac) (*jac)(first, row) = std::exp(z(row));
        if (j == 0) continue;
        h(row) = z(row) - z(first) - lambda * (v[offset_[s] + j] - v[offset_[s]]);
        if (!jac) continue;
        (*jac)(row, row) += 1.0;
        (*jac)(row, first) -= 1.0;
        (*jac)(row, k) = -(v[offset_[s] + j] - v[offset_[s]]);
        jac->row(row).head(k) -= lambda * (d.row(row) - d.row(first));
      }
      h(first) -= 1.0;
    }
  }

  // Behaviour probabilities as a profile shaped like the game, exact from doubles.
  BehaviourProfile profile(const std::vector<Rational>& flat) const {
    BehaviourProfile out(game_.num_players());
    for (std::size_t s = 0; s < sets(); ++s)
      out[player_[s]].emplace_back(flat.begin() + static_cast<std::ptrdiff_t>(offset_[s]),
                                   flat.begin() + static_cast<std::ptrdiff_t>(offset_[s] + size_[s]));
    return out;
  }

  // Which sets some node reaches with positive probability under b (flat).
  std::vector<bool> reached_sets(const std::vector<double>& b) const {
    std::vector<char> reached(game_.nodes.size(), 0);
    std::vector<bool> out(sets(), false);
    reached[0] = 1;
    for (std::size_t node = 0; node < game_.nodes.size(); ++node) {
      if (!reached[node]) continue;
      const EfgNode& at = game_.nodes[node];
      if (at.kind == EfgNodeKind::decision) out[set_of_[at.player][at.infoset]] = true;
      for (std::size_t k = 0; k < at.children.size(); ++k)
        reached[at.children[k]] = at.kind == EfgNodeKind::chance ? game_.chance_sets[at.infoset].probabilities[k] != 0
                                                                 : b[action(node, k)] > 0;
    }
    return out;
  }

 private:
  const ExtensiveGame& game_;
  std::vector<std::size_t> player_, offset_, size_;
  std::vector<std::vector<std::size_t>> set_of_, members_;
  std::vector<double> payoff_;  // [node * players + player]: outcomes summed along the path
  std::size_t total_ = 0;
  mutable std::vector<double> below_, log_reach_;
};

std::vector<double> logs_of(const std::vector<double>& b) {
  std::vector<double> out(b.size());
  for (std::size_t a = 0; a < b.size(); ++a) out[a] = b[a] > 0 ? std::log(b[a]) : minus_infinity;
  return out;
}

// Newton's method on the reached sets' indifference conditions, the supports
// fixed: unknowns are the supported probabilities of every reached set with two
// or more of them; per set, the first closes the sum and the others equal its value.
bool solve_indifference(const AgentTree& tree, const std::vector<bool>& support, std::vector<double>& b) {
  const std::vector<bool> reached = tree.reached_sets(b);
  std::vector<std::vector<std::size_t>> groups;
  std::size_t count = 0;
  for (std::size_t s = 0; s < tree.sets(); ++s) {
    std::vector<std::size_t> group;
    for (std::size_t k = 0; k < tree.size(s); ++k)
      if (support[tree.offset(s) + k]) group.push_back(tree.offset(s) + k);
    if (!reached[s] || group.size() < 2) continue;
    count += group.size();
    groups.push_back(std::move(group));
  }
  if (groups.empty()) return true;
  auto residual = [&](const std::vector<double>& at) {
    std::vector<double> v;
    tree.values(logs_of(at), v);
    VectorXd f(static_cast<Index>(count));
    Index row = 0;
    for (const auto& group : groups) {
      double sum = -1.0;
      for (std::size_t a : group) sum += at[a];
      f(row++) = sum;
      for (std::size_t k = 1; k < group.size(); ++k) f(row++) = v[group[k]] - v[group[0]];
    }
    return f;
  };
  for (int iteration = 0; iteration < 40; ++iteration) {
    const VectorXd f = residual(b);
    if (!f.allFinite()) return false;
    if (f.norm() < 1e-13) return true;
    MatrixXd jac(static_cast<Index>(count), static_cast<Index>(count));
    Index col = 0;
    for (const auto& group : groups)
      for (std::size_t a : group) {
        const double keep = b[a], delta = 1e-7;
        b[a] = keep + delta;
        const VectorXd up = residual(b);
        b[a] = keep - delta;
        const VectorXd down = residual(b);
        b[a] = keep;
        jac.col(col++) = (up - down) / (2 * delta);
      }
    // The least-norm step: where the game is degenerate (a continuum of equilibria, as in
    // contrib/games/bayes2a.efg) the Jacobian is singular and the nearest solution is wanted.
    const VectorXd step = jac.completeOrthogonalDecomposition().solve(-f);
    if (!step.allFinite()) return false;
    // Damped: halve the step until it stays inside the support's interior.
    double scale = 1.0;
    for (;; scale *= 0.5) {
      if (scale < 1e-3) return false;
      bool inside = true;
      col = 0;
      for (const auto& group : groups)
        for (std::size_t a : group) {
          const double next = b[a] + scale * step(col++);
          inside = inside && next > 0 && next < 1;
        }
      if (inside) break;
    }
    col = 0;
    for (const auto& group : groups)
      for (std::size_t a : group) b[a] += scale * step(col++);
  }
  return false;
}

// Doubles to an exact profile: each set's probabilities as nearby fractions
// (max_den > 0) or exactly, the last supported entry closing the sum to 1.
BehaviourProfile rationalise(const AgentTree& tree, const std::vector<double>& b, long max_den) {
  std::vector<Rational> flat(tree.total(), 0);
  for (std::size_t s = 0; s < tree.sets(); ++s) {
    Rational total = 0;
    std::size_t last = tree.offset(s);
    for (std::size_t k = 0; k < tree.size(s); ++k) {
      const std::size_t a = tree.offset(s) + k;
      if (b[a] <= 0) continue;
      flat[a] = max_den > 0 ? nearby_fraction(b[a], max_den) : Rational(b[a]);
      total += flat[a];
      last = a;
    }
    flat[last] += 1 - total;
  }
  return tree.profile(flat);
}

struct Refined {
  BehaviourProfile profile;
  bool exact = false;
  std::vector<double> flat;  // the probabilities as doubles, to compare with the path
};

// From a point of the path to a verified equilibrium, trying looser supports in turn.
std::optional<Refined> refine(const ExtensiveGame& game, const AgentTree& tree, const std::vector<double>& point,
                              double tolerance) {
  for (double threshold : {1e-2, 1e-3, 1e-4, 1e-6, 1e-8}) {
    std::vector<bool> support(tree.total(), false);
    std::vector<double> b(tree.total(), 0.0);
    for (std::size_t s = 0; s < tree.sets(); ++s) {
      double top = 0, kept = 0;
      for (std::size_t k = 0; k < tree.size(s); ++k) top = std::max(top, point[tree.offset(s) + k]);
      for (std::size_t k = 0; k < tree.size(s); ++k)
        if (point[tree.offset(s) + k] >= threshold * top) {
          support[tree.offset(s) + k] = true;
          kept += point[tree.offset(s) + k];
        }
      for (std::size_t k = 0; k < tree.size(s); ++k)
        if (support[tree.offset(s) + k]) b[tree.offset(s) + k] = point[tree.offset(s) + k] / kept;
    }
    if (!solve_indifference(tree, support, b)) continue;
    for (long max_den : {1000L, 1000000L}) {
      BehaviourProfile exact = rationalise(tree, b, max_den);
      if (is_behaviour_equilibrium(game, exact)) return Refined{std::move(exact), true, b};
    }
    BehaviourProfile close = rationalise(tree, b, 0);
    Rational worst = 0;
    for (const auto& r : behaviour_regrets(game, close)) worst = std::max(worst, r);
    if (worst <= Rational(tolerance)) return Refined{std::move(close), false, b};
  }
  return std::nullopt;
}

}  // namespace

AgentLogitResult agent_logit(const ExtensiveGame& game, double tolerance) {
  for (const auto& sets : absent_minded_infosets(game))
    for (bool absent : sets)
      if (absent) throw UsageError("logit on the tree needs a game without absent-mindedness");
  const AgentTree tree(game);
  const auto k = static_cast<Index>(tree.total());
  VectorXd z(k + 1);
  for (std::size_t s = 0; s < tree.sets(); ++s)
    for (std::size_t j = 0; j < tree.size(s); ++j)
      z(static_cast<Index>(tree.offset(s) + j)) = -std::log(static_cast<double>(tree.size(s)));
  z(k) = 0.0;
  // Payoff range, to scale the precision at which refinement starts (as on the strategic form).
  double low = 0, high = 0;
  bool first = true;
  for (const auto& outcome : game.outcomes)
    for (const auto& v : outcome.payoffs) {
      const double x = v.get_d();
      low = first ? x : std::min(low, x);
      high = first ? x : std::max(high, x);
      first = false;
    }
  const double range = high > low ? high - low : 1.0;
  AgentLogitResult result;
  double next_check = 1000.0 / range;
  std::optional<Refined> previous, accepted;
  std::vector<double> point(tree.total());
  auto read_point = [&](const VectorXd& at) {
    for (std::size_t a = 0; a < tree.total(); ++a) point[a] = std::exp(at(static_cast<Index>(a)));
  };
  const PathEquations equations = [&tree](const VectorXd& at, VectorXd& h, MatrixXd* jac) {
    tree.equations(at, h, jac);
  };
  // Stop when two successive refinements agree and the path is within 0.01 of them.
  follow_path(equations, z, 0.03, 1e7, [&](const VectorXd& at) {
    ++result.steps;
    result.lambda = at(k);
    if (at(k) < next_check) return false;
    while (next_check <= at(k)) next_check *= 2.0;
    read_point(at);
    auto refined = refine(game, tree, point, tolerance);
    if (refined && previous && refined->profile == previous->profile) {
      double distance = 0;
      for (std::size_t a = 0; a < point.size(); ++a)
        distance = std::max(distance, std::abs(refined->flat[a] - point[a]));
      if (distance <= 0.01) accepted = refined;
    }
    previous = std::move(refined);
    return accepted.has_value();
  });
  if (!accepted) {
    read_point(z);
    accepted = refine(game, tree, point, tolerance);
  }
  if (accepted) {
    result.profile = std::move(accepted->profile);
    result.exact = accepted->exact;
  }
  return result;
}

}  // namespace pivot
