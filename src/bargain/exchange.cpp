// Stokman's equal-gain exchange model, one round at a time (docs/models/exchange.md).
// Two rule sets: Decide's Python implementation (the default) and the R package
// equal-gain (ExchangeCompat::equalgain). Both are re-stated here from their
// published behaviour; the notation follows Stokman & Van Oosten (1994): actor i
// supplies (gives way on) issue q and demands p, actor j supplies p and demands q.
#include "pivot/bargain/exchange.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <random>
#include <set>

namespace pivot {
namespace {

// The state one round works on: positions at the round's start, the issue weights.
struct RoundState {
  const ExchangeInput& in;
  const ExchangeSettings& settings;
  std::vector<double> start;  // [actor * issues + issue], 0..100
  std::vector<double> denom;  // per issue: sum of power x salience over the actors taking part

  bool takes_part(int a, int k) const { return in.present[static_cast<std::size_t>(a * in.issues + k)] != 0; }
  std::size_t at(int a, int k) const { return static_cast<std::size_t>(a * in.issues + k); }
  double sal(int a, int k) const { return in.salience[at(a, k)]; }
  double weight(int a, int k) const { return sal(a, k) * in.power[static_cast<std::size_t>(a)]; }
  double outcome(const std::vector<double>& x, int k) const {
    if (denom[static_cast<std::size_t>(k)] == 0) return 0;
    double num = 0;
    for (int a = 0; a < in.actors; ++a)
      if (takes_part(a, k)) num += x[at(a, k)] * weight(a, k);
    return num / denom[static_cast<std::size_t>(k)];
  }
};

std::vector<double> issue_denominators(const ExchangeInput& in) {
  std::vector<double> denom(static_cast<std::size_t>(in.issues), 0.0);
  for (int k = 0; k < in.issues; ++k)
    for (int a = 0; a < in.actors; ++a)
      if (in.present[static_cast<std::size_t>(a * in.issues + k)])
        denom[static_cast<std::size_t>(k)] +=
            in.salience[static_cast<std::size_t>(a * in.issues + k)] * in.power[static_cast<std::size_t>(a)];
  return denom;
}

// Decide's part-way move for the next round: x + (fixed + salience_weight (1 - s)) (y - x).
double next_start_position(const ExchangeSettings& st, double salience, double x, double y) {
  const double salience_part = (1 - salience) * st.salience_weight;
  return salience_part * y + st.fixed_weight * y + (1 - salience_part - st.fixed_weight) * x;
}

// The gain as the realisation order compares it: rounded to `digits` significant digits,
// so gains that are mathematically equal (identical actors) compare equal although
// their last bits differ (in Decide's 28-digit decimals as in doubles).
double gain_key(double gain, int digits) {
  return std::strtod(fmt::format("{:.{}e}", gain, digits - 1).c_str(), nullptr);
}

// A uniform draw in [0, 1) from the top 53 bits: the same on every standard library
// (std::uniform_real_distribution is not).
double unit_draw(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// One of n (n > 0) by a uniform double, not std::uniform_int_distribution: the same draw
// with every standard library (ties=random under both rule sets).
std::size_t uniform_index(std::mt19937_64& rng, std::size_t n) {
  return static_cast<std::size_t>(unit_draw(rng) * static_cast<double>(n));
}

// ---------------------------------------------------------------------------
// Decide (Python) rules.

// Positions (0..100) closer than this count as the same for the cap.
constexpr double kAtPosition = 1e-9;

struct Side {
  int actor = -1, supply = -1, demand = -1;
  double supply_pos = 0, demand_pos = 0, start_pos = 0;
  double s_supply = 0, s_demand = 0, power = 0;
  double move = 0, y = 0;
  std::vector<double> moves;  // Decide keeps the first calculated move and the latest one here
};

struct Update {
  int issue, actor;
  double position;
};

struct Pair {
  Side i, j;        // i supplies q, j supplies p
  double rate = 0;  // rate=random: the outcome shift on q per unit shift on p (dq / dp), drawn once
  double gain = 0;  // the realisation order's key: the equal gain, or with rate=random the smaller gain
  double gain_i = 0, gain_j = 0;
  bool valid = true;
  std::vector<Update> updates;  // other actors' realised positions this pair has been told of
};

class DecideRound {
 public:
  explicit DecideRound(RoundState& state)
      : s_(state), realised_(static_cast<std::size_t>(state.in.actors * state.in.issues)) {}

  // Remembers a realised move for the realised-moves variant of the sum check.
  void realised(const Side& side) { realised_[s_.at(side.actor, side.supply)].push_back(side.move); }

  Side make_side(int actor, int supply, int demand) const {
    Side side;
    side.actor = actor;
    side.supply = supply;
    side.demand = demand;
    side.supply_pos = side.start_pos = s_.start[s_.at(actor, supply)];
    side.demand_pos = s_.start[s_.at(actor, demand)];
    side.s_supply = s_.sal(actor, supply);
    side.s_demand = s_.sal(actor, demand);
    side.power = s_.in.power[static_cast<std::size_t>(actor)];
    return side;
  }

  Pair make_pair(int a, int b, int p, int q) const {
    Pair pair;
    // Condition (2) of Stokman & Van Oosten: the actor with the lower p/q salience ratio supplies p.
    if (s_.sal(a, p) / s_.sal(a, q) < s_.sal(b, p) / s_.sal(b, q)) std::swap(a, b);
    pair.i = make_side(a, q, p);
    pair.j = make_side(b, p, q);
    return pair;
  }

  // rate=random (Dijkstra, van Assen & Stokman 2008): the rate dq / dp drawn uniformly between
  // j's break-even rate s_jp / s_jq (below it j loses) and i's s_ip / s_iq (above it i loses).
  // No rate profits both (a salience of 0 on a demanded issue): the candidate is invalid.
  static void draw_rate(Pair& e, double u) {
    const double low = e.j.s_supply / e.j.s_demand, high = e.i.s_demand / e.i.s_supply;
    e.rate = std::isfinite(low) && std::isfinite(high) && low <= high ? low + u * (high - low)
                                                                      : std::numeric_limits<double>::quiet_NaN();
  }

  void calculate(Pair& e) const {
    Side& i = e.i;
    Side& j = e.j;
    // First j moves all the way to i's position on p; if that asks i to move past j on q, i moves all the way.
    double dp = absolute_ratio(j, i);
    double dq = other_shift(e, j, i, dp);
    i.move = reverse_move(i, dq);
    j.move = std::abs(i.demand_pos - j.supply_pos);
    if (std::abs(i.move) > std::abs(j.demand_pos - i.supply_pos)) {
      dq = absolute_ratio(i, j);
      dp = other_shift(e, i, j, dq);
      i.move = std::abs(j.demand_pos - i.supply_pos);
      j.move = reverse_move(j, dp);
    }
    if (i.supply_pos > j.demand_pos) i.move = -i.move;
    if (j.supply_pos > i.demand_pos) j.move = -j.move;
    i.moves.push_back(i.move);
    j.moves.push_back(j.move);
    i.y = i.supply_pos + i.move;
    j.y = j.supply_pos + j.move;
    set_gains(e, dp, dq);
    e.valid = move_valid(i, i.move) && move_valid(j, j.move) && e.gain >= 1e-10;
    if (!e.valid || s_.settings.cap == ExchangeCap::none) return;
    cap_at_demand_position(e, i, j);
    cap_at_demand_position(e, j, i);
    e.valid = move_valid(i, i.move) && move_valid(j, j.move);
  }

  // The realised exchange `done` changes `e` when they share a supplying actor and issue
  // (its position moves) or a demanding actor and issue (the outcome it aims at moves).
  bool recalculate(Pair& e, const Pair& done) const {
    const bool moved_i = follow_supply(e.i, done);
    const bool moved_j = follow_supply(e.j, done);
    bool again = moved_i || moved_j;
    if (again) drop_latest_moves(e);
    for (const auto& [demander, supplier] : {std::pair{&done.j, &done.i}, std::pair{&done.i, &done.j}}) {
      const bool shares_demand = (demander->actor == e.j.actor && demander->demand == e.j.demand) ||
                                 (demander->actor == e.i.actor && demander->demand == e.i.demand);
      if (!shares_demand) continue;
      note_update(e, demander->demand, *supplier);
      if (!again) {
        drop_latest_moves(e);
        again = true;
      }
    }
    if (again) calculate(e);
    return again;
  }

  // The issue's outcome with `side`'s actor at `position` and at `other_position` (the
  // others where the pair knows them to stand): both sums in one pass over the actors,
  // each added up in actor order.
  std::pair<double, double> adjusted_outcomes(const Pair& e, const Side& side, double position,
                                              double other_position) const {
    const int k = side.supply;
    if (s_.denom[static_cast<std::size_t>(k)] == 0) return {0, 0};
    double num = 0, other_num = 0;
    for (int a = 0; a < s_.in.actors; ++a) {
      if (!s_.takes_part(a, k)) continue;
      const double w = s_.weight(a, k);
      if (a == side.actor) {
        num += position * w;
        other_num += other_position * w;
        continue;
      }
      double x = s_.start[s_.at(a, k)];
      for (const Update& u : e.updates)
        if (u.issue == k && u.actor == a) x = u.position;
      num += x * w;
      other_num += x * w;
    }
    return {num / s_.denom[static_cast<std::size_t>(k)], other_num / s_.denom[static_cast<std::size_t>(k)]};
  }

 private:
  RoundState& s_;
  std::vector<std::vector<double>> realised_;  // per actor and issue, this round

  double denom(int k) const { return s_.denom[static_cast<std::size_t>(k)]; }

  bool random_rate() const { return s_.settings.rate == ExchangeRate::random; }

  // The other issue's outcome shift for `supplier`'s shift on its supply issue: equal gains, or
  // with rate=random the pair's rate (dq = rate x dp).
  double other_shift(const Pair& e, const Side& supplier, const Side& other, double shift) const {
    if (!random_rate()) return ratio_for_equal_gain(supplier, other, shift);
    return &supplier == &e.j ? shift * e.rate : shift / e.rate;
  }

  // The gains for outcome shifts dp and dq: i's s_ip dp - s_iq dq, j's s_jq dq - s_jp dp; equal
  // by construction unless rate=random, when the realisation order goes by the smaller one.
  void set_gains(Pair& e, double dp, double dq) const {
    if (!random_rate()) {
      e.gain = e.gain_i = e.gain_j = std::abs(dq * e.i.s_supply - dp * e.i.s_demand);
      return;
    }
    e.gain_i = e.i.s_demand * dp - e.i.s_supply * dq;
    e.gain_j = e.j.s_demand * dq - e.j.s_supply * dp;
    e.gain = std::isnan(e.rate) ? 0 : std::min(e.gain_i, e.gain_j);
  }

  // The exchange ratio of `supplier` moving all the way to `other`'s demand position.
  double absolute_ratio(const Side& supplier, const Side& other) const {
    return std::abs(other.demand_pos - supplier.supply_pos) * supplier.s_supply * supplier.power /
           denom(supplier.supply);
  }
  // The other issue's ratio that makes both gains equal.
  static double ratio_for_equal_gain(const Side& supplier, const Side& other, double ratio) {
    return ((supplier.s_supply + other.s_demand) / (supplier.s_demand + other.s_supply)) * ratio;
  }
  double reverse_move(const Side& side, double ratio) const {
    return ratio * denom(side.supply) / (side.power * side.s_supply);
  }

  bool move_valid(const Side& side, double move) const {
    if (std::abs(move) > 100 || std::abs(move) <= 1e-10) return false;
    // Decide's exact decimals land a move to the scale's end on it; doubles may overshoot by an ulp.
    if (side.supply_pos + move < -kAtPosition || side.supply_pos + move > 100 + kAtPosition) return false;
    std::vector<double> moves = side.moves;
    if (s_.settings.move_sum == ExchangeMoveSum::realised) {
      moves = realised_[s_.at(side.actor, side.supply)];
      moves.push_back(move);
    }
    if (std::accumulate(moves.begin(), moves.end(), 0.0) > 100) return false;
    const auto [lo, hi] = std::minmax_element(moves.begin(), moves.end());
    return (*lo < 0 && *hi < 0) || (*lo > 0 && *hi > 0);
  }

  // Decide caps a move whose outcome would pass the demanding actor's position: the supplier
  // then moves to the position that puts the outcome there, and the partner's move follows.
  void cap_at_demand_position(Pair& e, Side& self, Side& other) const {
    const auto [nbs0, nbs1] = adjusted_outcomes(e, self, self.supply_pos, self.y);
    // An outcome within kAtPosition of x is at x: from there any move passes it. (Decide's
    // exact decimals make the same call by a rounding error either way.)
    const double d0 = other.demand_pos - nbs0, d1 = other.demand_pos - nbs1;
    const bool at0 = std::abs(d0) <= kAtPosition, at1 = std::abs(d1) <= kAtPosition;
    if ((d0 > 0 && !at0 && d1 >= -kAtPosition) || (d0 < 0 && !at0 && d1 <= kAtPosition) || (at0 && at1)) return;
    const double x = other.demand_pos;
    const double delta = std::abs(move_for_outcome(e, self, x));
    const double self_ratio = delta * self.s_supply * self.power / denom(self.supply);
    const double other_ratio = other_shift(e, self, other, self_ratio);
    other.move = std::abs(reverse_move(other, other_ratio));
    self.move = delta;
    if (other.supply_pos > self.demand_pos) other.move = -other.move;
    if (self.supply_pos > other.demand_pos) self.move = -self.move;
    other.moves.back() = other.move;
    self.moves.back() = self.move;
    other.y = other.supply_pos + other.move;
    self.y = self.supply_pos + self.move;
    if (random_rate()) {
      const bool self_is_j = &self == &e.j;
      set_gains(e, self_is_j ? self_ratio : other_ratio, self_is_j ? other_ratio : self_ratio);
    } else {
      e.gain = e.gain_i = e.gain_j = std::abs(other_ratio * other.s_supply - self_ratio * other.s_demand);
    }
  }

  // How far `side`'s actor must move from its supply position for the issue's outcome
  // to be `target` (the pair's known positions of the others; an update of the actor
  // itself, as Decide applies them last, wins over its supply position).
  double move_for_outcome(const Pair& e, const Side& side, double target) const {
    const int k = side.supply;
    double all = 0;
    for (int a = 0; a < s_.in.actors; ++a) {
      if (!s_.takes_part(a, k)) continue;
      double x = a == side.actor ? side.supply_pos : s_.start[s_.at(a, k)];
      for (const Update& u : e.updates)
        if (u.issue == k && u.actor == a) x = u.position;
      all += x * s_.weight(a, k);
    }
    return (target * denom(k) - all) / s_.weight(side.actor, k);
  }

  static bool follow_supply(Side& side, const Pair& done) {
    for (const Side* moved : {&done.i, &done.j}) {
      if (moved->actor != side.actor || moved->supply != side.supply) continue;
      side.supply_pos = moved->y;
      side.moves.push_back(moved->moves.back());
      return true;
    }
    return false;
  }

  static void drop_latest_moves(Pair& e) {
    if (!e.i.moves.empty()) e.i.moves.pop_back();
    if (!e.j.moves.empty()) e.j.moves.pop_back();
  }

  // Records where `supplier` now stands on `issue`, as Decide's exchange does for its demanders.
  static void note_update(Pair& e, int issue, const Side& supplier) {
    for (Update& u : e.updates) {
      if (u.issue != issue || u.actor != supplier.actor) continue;
      u.position =
          supplier.start_pos <= u.position ? std::min(u.position, supplier.y) : std::max(u.position, supplier.y);
      return;
    }
    e.updates.push_back({issue, supplier.actor, supplier.y});
  }
};

ExchangeRecord record_of(const Pair& e) {
  const Side& a = e.i;
  const Side& b = e.j;
  return {.actor_a = a.actor,
          .issue_a = a.supply,
          .from_a = a.supply_pos,
          .to_a = a.y,
          .actor_b = b.actor,
          .issue_b = b.supply,
          .from_b = b.supply_pos,
          .to_b = b.y,
          .gain = e.gain,
          .gain_a = e.gain_i,
          .gain_b = e.gain_j};
}

// Decide keeps its candidates in a list that it stable-sorts by gain (highest first) before
// each realisation and realises the first; ties (the leading candidates with the same key)
// go to the first, or to a seeded draw with ties=random. So the list is always ordered by
// key, and candidates with equal keys keep the order they had in the list before.
//
// DecideList keeps that list without re-sorting it: a balanced tree ordered by a label per
// candidate, labels increasing along the list. A realisation changes only the candidates
// that share an actor and issue with it; they leave the tree and go back in where Decide's
// stable sort puts them: after every candidate with a higher key, and among those with the
// same key at the place their old position gives them (labels between their neighbours').
class DecideList {
 public:
  struct Probe {
    std::size_t candidate;
  };
  // The tree's order is the labels'; for a candidate outside it (a Probe), whether one inside
  // comes before it in Decide's sort (a higher key, or the same key and an earlier position).
  struct Order {
    using is_transparent = void;
    const DecideList* list;
    bool operator()(std::size_t a, std::size_t b) const { return list->label_[a] < list->label_[b]; }
    bool operator()(std::size_t a, Probe p) const { return list->ahead(a, p.candidate); }
    bool operator()(Probe p, std::size_t a) const { return list->ahead(p.candidate, a); }
  };

  using Tree = std::set<std::size_t, Order>;

  // `keys`: per candidate, the gain as the sort compares it (gain_key); read when a candidate goes in.
  DecideList(std::size_t size, const std::vector<double>& keys)
      : keys_(keys), label_(size), list_(Order{this}), where_(size) {}

  // The list's first state: `order` in list order.
  void assign(const std::vector<std::size_t>& order) {
    for (std::size_t n = 0; n < order.size(); ++n) {
      label_[order[n]] = static_cast<double>(n);
      where_[order[n]] = list_.emplace_hint(list_.end(), order[n]);
    }
  }

  bool empty() const { return list_.empty(); }
  Tree::const_iterator begin() const { return list_.begin(); }
  Tree::const_iterator end() const { return list_.end(); }
  void erase(std::size_t k) { list_.erase(where_[k]); }

  // Puts back the candidates in `changed` (erased before their keys changed), where Decide's
  // stable sort on the new keys puts them.
  void reinsert(std::vector<std::size_t>& changed) {
    std::sort(changed.begin(), changed.end(), [&](std::size_t a, std::size_t b) { return ahead(a, b); });
    // Each one's place among the candidates that stayed, all found while the labels still
    // give old positions: before the first that the sort puts after it. Changed candidates
    // with the same place go in in their sorted order.
    std::vector<Tree::iterator> places;
    places.reserve(changed.size());
    for (std::size_t c : changed) places.push_back(list_.lower_bound(Probe{c}));
    for (std::size_t n = 0; n < changed.size(); ++n) insert_before(places[n], changed[n]);
  }

 private:
  const std::vector<double>& keys_;
  std::vector<double> label_;
  Tree list_;
  std::vector<Tree::iterator> where_;  // per candidate in the list, its node

  bool ahead(std::size_t a, std::size_t b) const {
    return keys_[a] != keys_[b] ? keys_[a] > keys_[b] : label_[a] < label_[b];
  }

  void insert_before(Tree::iterator at, std::size_t c) {
    double label = 0;
    if (at == list_.end()) {
      label = list_.empty() ? 0 : label_[*std::prev(at)] + 1;
    } else if (at == list_.begin()) {
      label = label_[*at] - 1;
    } else {
      const double lo = label_[*std::prev(at)], hi = label_[*at];
      label = lo + (hi - lo) / 2;
      if (!(lo < label && label < hi)) {  // no room left between them: number the list afresh
        relabel();
        label = label_[*std::prev(at)] + 0.5;
      }
    }
    label_[c] = label;
    where_[c] = list_.emplace_hint(at, c);
  }

  // New labels 0, 1, 2... in list order: the order, and so the tree, stay as they are.
  void relabel() {
    double n = 0;
    for (std::size_t k : list_) label_[k] = n++;
  }
};

ExchangeRound decide_round(RoundState& state, std::mt19937_64& rng) {
  const ExchangeInput& in = state.in;
  DecideRound model(state);
  // Decide's groups per issue pair: an actor's side of each outcome (left: at or below it).
  std::vector<double> outcome(static_cast<std::size_t>(in.issues));
  for (int k = 0; k < in.issues; ++k) outcome[static_cast<std::size_t>(k)] = state.outcome(state.start, k);
  std::vector<Pair> pairs;
  for (int p = 0; p < in.issues; ++p)
    for (int q = p + 1; q < in.issues; ++q) {
      std::vector<int> group[4];
      for (int a = 0; a < in.actors; ++a) {
        if (!state.takes_part(a, p) || !state.takes_part(a, q)) continue;
        const int left_p = state.start[state.at(a, p)] <= outcome[static_cast<std::size_t>(p)];
        const int left_q = state.start[state.at(a, q)] <= outcome[static_cast<std::size_t>(q)];
        group[left_p | left_q * 2].push_back(a);
      }
      for (auto [g, h] : {std::pair{0, 3}, std::pair{1, 2}})
        for (int a : group[g])
          for (int b : group[h]) {
            pairs.push_back(model.make_pair(a, b, p, q));
            // rate=random: one draw per candidate, in enumeration order, kept when it is recalculated.
            if (state.settings.rate == ExchangeRate::random) DecideRound::draw_rate(pairs.back(), unit_draw(rng));
            model.calculate(pairs.back());
          }
    }
  ExchangeRound round;
  round.candidates = static_cast<int>(pairs.size());
  // Per actor and issue, the candidates with the actor on either side and the issue one of
  // their two: a realised exchange changes only candidates listed under its actors and issues.
  std::vector<std::vector<std::size_t>> involving(static_cast<std::size_t>(in.actors * in.issues));
  std::vector<double> keys(pairs.size());
  std::vector<std::size_t> order;  // Decide's list: the valid candidates, sorted stably by gain
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    if (!pairs[k].valid) continue;
    keys[k] = gain_key(pairs[k].gain, state.settings.tie_digits);
    order.push_back(k);
    for (int actor : {pairs[k].i.actor, pairs[k].j.actor})
      for (int issue : {pairs[k].i.supply, pairs[k].i.demand}) involving[state.at(actor, issue)].push_back(k);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] > keys[b]; });
  DecideList list(pairs.size(), keys);
  list.assign(order);
  std::vector<char> alive(pairs.size(), 0);
  for (std::size_t k : order) alive[k] = 1;
  std::vector<std::size_t> seen(pairs.size(), 0);  // the realisation that last looked at a candidate
  std::vector<std::size_t> changed;
  std::vector<Pair> done_pairs;
  while (!list.empty()) {
    std::size_t tied = 0;
    const double top = keys[*list.begin()];
    for (auto it = list.begin(); it != list.end() && keys[*it] == top; ++it) ++tied;
    round.ties += tied > 1;
    auto chosen_at = list.begin();
    if (tied > 1 && state.settings.ties == ExchangeTies::random) std::advance(chosen_at, uniform_index(rng, tied));
    const std::size_t chosen = *chosen_at;
    const Pair done = pairs[chosen];
    done_pairs.push_back(done);
    round.exchanges.push_back(record_of(done));
    for (const Side* side : {&done.i, &done.j}) model.realised(*side);
    list.erase(chosen);
    alive[chosen] = 0;
    changed.clear();
    for (int actor : {done.i.actor, done.j.actor})
      for (int issue : {done.i.supply, done.j.supply})
        for (std::size_t k : involving[state.at(actor, issue)]) {
          if (!alive[k] || seen[k] == done_pairs.size()) continue;
          seen[k] = done_pairs.size();
          if (!model.recalculate(pairs[k], done)) continue;
          list.erase(k);
          if (pairs[k].valid) {
            keys[k] = gain_key(pairs[k].gain, state.settings.tie_digits);
            changed.push_back(k);
          } else {
            alive[k] = 0;
          }
        }
    list.reinsert(changed);
  }
  round.voting = state.start;
  round.next_start = state.start;
  for (const Pair& done : done_pairs)
    for (const Side* side : {&done.i, &done.j}) {
      round.voting[state.at(side->actor, side->supply)] = side->y;
      round.next_start[state.at(side->actor, side->supply)] =
          next_start_position(state.settings, side->s_supply, side->start_pos, side->y);
    }
  for (int k = 0; k < in.issues; ++k) round.voting_outcome.push_back(state.outcome(round.voting, k));
  return round;
}

// ---------------------------------------------------------------------------
// equal-gain (R) rules: one table of current positions shared by all pairs, demand
// positions from the round's start, a move history per actor and issue that only
// checks the direction (and remembers every valid move it is asked about), no cap.

struct RPair {
  int i = -1, j = -1, p = -1, q = -1;  // i supplies q, j supplies p
  double xip = 0, xiq = 0, xjp = 0, xjq = 0;
  double move_i = 0, move_j = 0, yiq = 0, yjp = 0, gain = 0;
  bool valid = true;
};

class EqualGainRound {
 public:
  explicit EqualGainRound(RoundState& state)
      : s_(state), x_(state.start), history_(static_cast<std::size_t>(state.in.actors * state.in.issues)) {}

  RPair make_pair(int a, int b, int p, int q) const {
    RPair e;
    if (s_.sal(a, p) / s_.sal(a, q) < s_.sal(b, p) / s_.sal(b, q)) std::swap(a, b);
    e.i = a;
    e.j = b;
    e.p = p;
    e.q = q;
    return e;
  }

  void calculate(RPair& e) {
    const RoundState& s = s_;
    e.xip = s.start[s.at(e.i, e.p)];
    e.xiq = x_[s.at(e.i, e.q)];
    e.xjp = x_[s.at(e.j, e.p)];
    e.xjq = s.start[s.at(e.j, e.q)];
    const double cs_ip = s.sal(e.i, e.p), cs_jp = s.sal(e.j, e.p), cs_iq = s.sal(e.i, e.q), cs_jq = s.sal(e.j, e.q);
    double dp = std::abs(e.xip - e.xjp) * s.weight(e.j, e.p) / denom(e.p);
    double dq = ((cs_ip + cs_jp) / (cs_iq + cs_jq)) * dp;
    e.move_i = dq * denom(e.q) / s.weight(e.i, e.q);
    e.move_j = std::abs(e.xip - e.xjp);
    if (e.move_i > std::abs(e.xiq - e.xjq)) {
      dq = std::abs(e.xjq - e.xiq) * s.weight(e.i, e.q) / denom(e.q);
      dp = ((cs_jq + cs_iq) / (cs_jp + cs_ip)) * dq;
      e.move_i = std::abs(e.xiq - e.xjq);
      e.move_j = dp * denom(e.p) / s.weight(e.j, e.p);
    }
    if (e.xip < e.xjp) e.move_j = -e.move_j;
    if (e.xjq < e.xiq) e.move_i = -e.move_i;
    e.gain = std::abs(cs_ip * dp - cs_iq * dq);
    e.yjp = x_[s.at(e.j, e.p)] + e.move_j;
    e.yiq = x_[s.at(e.i, e.q)] + e.move_i;
    const bool j_ok = remember_if_same_direction(e.j, e.p, e.move_j);
    const bool i_ok = remember_if_same_direction(e.i, e.q, e.move_i);
    if (e.move_i == 0 || e.move_j == 0 || !j_ok || !i_ok) e.valid = false;
  }

  void realise(const RPair& e) {
    x_[s_.at(e.i, e.q)] = e.yiq;
    x_[s_.at(e.j, e.p)] = e.yjp;
  }
  const std::vector<double>& positions() const { return x_; }

 private:
  RoundState& s_;
  std::vector<double> x_;
  std::vector<std::vector<double>> history_;

  double denom(int k) const { return s_.denom[static_cast<std::size_t>(k)]; }

  bool remember_if_same_direction(int actor, int issue, double move) {
    std::vector<double>& moves = history_[s_.at(actor, issue)];
    const bool negative = move < 0;
    for (double m : moves)
      if ((m < 0) != negative) return false;
    moves.push_back(move);
    return true;
  }
};

// A max tree over the slots of equal-gain's list: per slot the gain of the candidate in it,
// kEmpty for none, kUnranked for a NaN gain (listed, never higher than anything).
class SlotMax {
 public:
  static constexpr double kEmpty = -std::numeric_limits<double>::infinity();
  static constexpr double kUnranked = -1;  // gains are at least 0
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  explicit SlotMax(std::size_t n) {
    while (size_ < n) size_ *= 2;
    tree_.assign(2 * size_, kEmpty);
  }
  void set(std::size_t slot, double value) {
    std::size_t node = slot + size_;
    tree_[node] = value;
    for (node /= 2; node > 0; node /= 2) tree_[node] = std::max(tree_[2 * node], tree_[2 * node + 1]);
  }
  std::size_t first_listed(std::size_t from) const {
    return first(1, 0, size_, from, [](double v) { return v > kEmpty; });
  }
  std::size_t first_above(std::size_t from, double g) const {
    return first(1, 0, size_, from, [g](double v) { return v > g; });
  }
  std::size_t first_at_least(std::size_t from, double g) const {
    return first(1, 0, size_, from, [g](double v) { return v >= g; });
  }

 private:
  std::size_t size_ = 1;
  std::vector<double> tree_;

  // The first slot at or after `from` whose value passes `ok` (ok holds for a node's maximum if for any leaf).
  template <class Ok>
  std::size_t first(std::size_t node, std::size_t lo, std::size_t hi, std::size_t from, const Ok& ok) const {
    if (hi <= from || !ok(tree_[node])) return npos;
    if (hi - lo == 1) return lo;
    const std::size_t mid = (lo + hi) / 2;
    const std::size_t left = first(2 * node, lo, mid, from, ok);
    return left != npos ? left : first(2 * node + 1, mid, hi, from, ok);
  }
};

ExchangeRound equalgain_round(RoundState& state, std::mt19937_64& rng) {
  const ExchangeInput& in = state.in;
  EqualGainRound model(state);
  std::vector<RPair> list;
  for (int p = 0; p < in.issues; ++p)
    for (int q = p + 1; q < in.issues; ++q) {
      const double op = state.outcome(state.start, p), oq = state.outcome(state.start, q);
      std::vector<int> a_, b_, c_, d_;
      for (int a = 0; a < in.actors; ++a) {
        if (!state.takes_part(a, p) || !state.takes_part(a, q)) continue;
        const bool right_p = op < state.start[state.at(a, p)], right_q = oq < state.start[state.at(a, q)];
        std::vector<int>& group = right_p ? (right_q ? a_ : b_) : (right_q ? c_ : d_);
        group.insert(group.begin(), a);  // equal-gain prepends
      }
      for (const auto& [g, h] : {std::pair{&a_, &d_}, std::pair{&b_, &c_}})
        for (int a : *g)
          for (int b : *h) {
            list.push_back(model.make_pair(a, b, p, q));
            model.calculate(list.back());
          }
    }
  ExchangeRound round;
  round.candidates = static_cast<int>(list.size());
  // equal-gain's list, kept in slots: its order only ever drops candidates or moves one into
  // another's place (below), so candidates move between slots that keep their order.
  const std::size_t n = list.size();
  SlotMax gains(n);
  std::vector<std::size_t> in_slot(n), slot_of(n);
  std::vector<char> listed(n, 0);
  std::set<std::size_t> zero;  // listed candidates with gain 0: dropped when a scan passes them
  // Per actor and issue, the candidates in which that actor supplies that issue.
  std::vector<std::vector<std::size_t>> supplying(static_cast<std::size_t>(in.actors * in.issues));
  auto place = [&](std::size_t c, std::size_t slot) {
    in_slot[slot] = c;
    slot_of[c] = slot;
    listed[c] = 1;
    gains.set(slot, std::isnan(list[c].gain) ? SlotMax::kUnranked : list[c].gain);
    if (list[c].gain == 0) zero.insert(c);
  };
  auto drop = [&](std::size_t c) {
    listed[c] = 0;
    gains.set(slot_of[c], SlotMax::kEmpty);
    zero.erase(c);
  };
  for (std::size_t c = 0; c < n; ++c) {
    supplying[state.at(list[c].i, list[c].q)].push_back(c);
    supplying[state.at(list[c].j, list[c].p)].push_back(c);
    // An invalid candidate never becomes valid again; the next scan would drop it.
    if (list[c].valid) place(c, c);
  }
  auto key = [&](std::size_t c) { return gain_key(list[c].gain, state.settings.tie_digits); };
  std::vector<std::size_t> chain, tied, affected;
  std::vector<std::size_t> seen(n, 0);
  std::vector<RPair> realised;
  for (std::size_t front = gains.first_listed(0); front != SlotMax::npos; front = gains.first_listed(0)) {
    // equal-gain takes the front and scans the rest for a strictly higher gain: the chain of
    // running maxima, each found as the first later slot with a higher gain. Ties keep the
    // earlier one (or a seeded draw).
    chain.assign(1, front);
    for (double g = list[in_slot[front]].gain; !std::isnan(g);) {
      const std::size_t next = gains.first_above(chain.back() + 1, g);
      if (next == SlotMax::npos) break;
      chain.push_back(next);
      g = list[in_slot[next]].gain;
    }
    // The scan's tie list: the chain's last run of equal keys, from its start on every later
    // candidate with that key (equal-gain compares exactly; a tie for ties=random is by key).
    const double top = key(in_slot[chain.back()]);
    std::size_t t = chain.size() - 1;
    while (t > 0 && key(in_slot[chain[t - 1]]) == top) --t;
    tied.assign(1, in_slot[chain[t]]);
    const double g_top = list[in_slot[chain.back()]].gain;
    if (!std::isnan(g_top)) {
      // Only gains this close to the highest can round to its key.
      const double floor = g_top - std::abs(g_top) * std::pow(10.0, 2 - state.settings.tie_digits);
      for (std::size_t s = gains.first_at_least(chain[t] + 1, floor); s != SlotMax::npos;
           s = gains.first_at_least(s + 1, floor))
        if (key(in_slot[s]) == top) tied.push_back(in_slot[s]);
    }
    round.ties += tied.size() > 1;
    // The scan drops every candidate with gain 0 but the front.
    const std::size_t front_candidate = in_slot[front];
    std::vector<std::size_t> dropped_zero;
    for (std::size_t c : zero)
      if (c != front_candidate) dropped_zero.push_back(c);
    for (std::size_t c : dropped_zero) drop(c);
    // Each displaced maximum takes the place of the one that displaced it; the last is realised.
    std::size_t best = in_slot[chain.back()];
    drop(best);
    for (std::size_t k = chain.size() - 1; k > 0; --k) place(in_slot[chain[k - 1]], chain[k]);
    if (chain.size() > 1) {
      listed[front_candidate] = 1;  // it moved on: its old slot, the front's, is empty
      gains.set(front, SlotMax::kEmpty);
    }
    if (tied.size() > 1 && state.settings.ties == ExchangeTies::random) {
      const std::size_t chosen = tied[uniform_index(rng, tied.size())];
      if (chosen != best) {
        // The drawn one is realised; the highest takes its place (none if the scan dropped it).
        if (listed[chosen]) {
          const std::size_t slot = slot_of[chosen];
          drop(chosen);
          place(best, slot);
        }
        best = chosen;
      }
    }
    const RPair done = list[best];
    realised.push_back(done);
    round.exchanges.push_back({.actor_a = done.i,
                               .issue_a = done.q,
                               .from_a = done.xiq,
                               .to_a = done.yiq,
                               .actor_b = done.j,
                               .issue_b = done.p,
                               .from_b = done.xjp,
                               .to_b = done.yjp,
                               .gain = done.gain,
                               .gain_a = done.gain,
                               .gain_b = done.gain});
    model.realise(done);
    // Recalculated in list order (their moves enter the direction history in that order).
    affected.clear();
    for (const auto& [actor, issue] : {std::pair{done.i, done.q}, std::pair{done.j, done.p}})
      for (std::size_t c : supplying[state.at(actor, issue)])
        if (listed[c] && seen[c] != realised.size()) {
          seen[c] = realised.size();
          affected.push_back(c);
        }
    std::sort(affected.begin(), affected.end(), [&](std::size_t a, std::size_t b) { return slot_of[a] < slot_of[b]; });
    for (std::size_t c : affected) {
      RPair& e = list[c];
      if ((e.i == done.i && e.q == done.q) || (e.j == done.i && e.p == done.q)) model.calculate(e);
      if ((e.j == done.j && e.p == done.p) || (e.i == done.j && e.q == done.p)) model.calculate(e);
      zero.erase(c);
      if (e.valid)
        place(c, slot_of[c]);
      else
        drop(c);
    }
  }
  round.voting = model.positions();
  round.next_start = state.start;
  for (const RPair& e : realised)
    for (const auto& [actor, issue] : {std::pair{e.i, e.q}, std::pair{e.j, e.p}}) {
      const std::size_t k = state.at(actor, issue);
      round.next_start[k] =
          next_start_position(state.settings, state.sal(actor, issue), state.start[k], round.voting[k]);
    }
  for (int k = 0; k < in.issues; ++k) round.voting_outcome.push_back(state.outcome(round.voting, k));
  return round;
}

}  // namespace

void exchange_externalities(const ExchangeInput& in, const std::vector<double>& start,
                            std::vector<ExchangeRecord>& exchanges) {
  const ExchangeSettings settings;
  RoundState state{in, settings, start, issue_denominators(in)};
  std::vector<double> start_outcome, position = start;
  for (int k = 0; k < in.issues; ++k) start_outcome.push_back(state.outcome(start, k));
  // An actor's group for an issue pair: its side (at or left of the outcome) of each issue.
  auto side = [&](int a, int k) { return start[state.at(a, k)] <= start_outcome[static_cast<std::size_t>(k)] ? 1 : 0; };
  for (ExchangeRecord& e : exchanges) {
    const int p = e.issue_a, q = e.issue_b;
    const double p0 = state.outcome(position, p), q0 = state.outcome(position, q);
    position[state.at(e.actor_a, p)] = e.to_a;
    position[state.at(e.actor_b, q)] = e.to_b;
    const double p1 = state.outcome(position, p), q1 = state.outcome(position, q);
    ExchangeExternalities ext;
    ext.own = 2 * e.gain;
    for (int a = 0; a < in.actors; ++a) {
      if (a == e.actor_a || a == e.actor_b || !state.takes_part(a, p) || !state.takes_part(a, q)) continue;
      const double xp = start[state.at(a, p)], xq = start[state.at(a, q)];
      const double value = state.sal(a, p) * (std::abs(p0 - xp) - std::abs(p1 - xp)) +
                           state.sal(a, q) * (std::abs(q0 - xq) - std::abs(q1 - xq));
      const bool inner = (side(a, p) == side(e.actor_a, p) && side(a, q) == side(e.actor_a, q)) ||
                         (side(a, p) == side(e.actor_b, p) && side(a, q) == side(e.actor_b, q));
      (value > 0 ? (inner ? ext.inner_positive : ext.outer_positive)
                 : (inner ? ext.inner_negative : ext.outer_negative)) += value;
    }
    e.externalities = ext;
  }
}

std::vector<ExchangeRound> run_exchange_rounds(const ExchangeInput& input, const ExchangeSettings& settings) {
  std::vector<ExchangeRound> rounds;
  std::mt19937_64 rng(settings.seed);
  RoundState state{input, settings, input.position, issue_denominators(input)};
  for (int r = 0; r < settings.rounds; ++r) {
    ExchangeRound round =
        settings.compat == ExchangeCompat::equalgain ? equalgain_round(state, rng) : decide_round(state, rng);
    for (std::size_t k = 0; k < round.exchanges.size(); ++k) {
      round.exchanges[k].round = r + 1;
      round.exchanges[k].rank = static_cast<int>(k) + 1;
    }
    if (settings.externalities) exchange_externalities(input, state.start, round.exchanges);
    state.start = round.next_start;
    rounds.push_back(std::move(round));
  }
  return rounds;
}

}  // namespace pivot
