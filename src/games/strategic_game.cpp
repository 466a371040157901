// The strategic game's bookkeeping: profile indices, exact regrets, and the
// textual form of mixed profiles shared by the solvers' callers.
#include <fmt/format.h>

#include "games/profile_text.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/game.hpp"

namespace pivot {

using games::parse_profile_groups;
using games::probability_text;


std::size_t StrategicGame::num_profiles() const {
  std::size_t n = 1;
  for (const auto& s : strategies) n *= s.size();
  return n;
}

std::size_t StrategicGame::profile_index(const std::vector<std::size_t>& pure) const {
  std::size_t index = 0, stride = 1;
  for (std::size_t p = 0; p < strategies.size(); ++p) {
    index += pure[p] * stride;
    stride *= strategies[p].size();
  }
  return index;
}

std::vector<double> StrategicGame::payoffs_as_double(std::size_t player) const {
  std::vector<double> out;
  out.reserve(payoffs.size());
  for (const auto& row : payoffs) out.push_back(row[player].get_d());
  return out;
}

namespace {

void check_shape(const StrategicGame& game, const MixedProfile& profile) {
  if (profile.size() != game.num_players())
    throw UsageError(fmt::format("profile has {} players, the game {}", profile.size(), game.num_players()));
  for (std::size_t p = 0; p < profile.size(); ++p)
    if (profile[p].size() != game.num_strategies(p))
      throw UsageError(fmt::format("profile gives {} probabilities for player {}, who has {} strategies",
                                   profile[p].size(), p + 1, game.num_strategies(p)));
}

// Expected payoff to `player` of each of its pure strategies against the others' mixtures.
std::vector<Rational> pure_reply_values(const StrategicGame& game, const MixedProfile& profile, std::size_t player) {
  std::vector<Rational> values(game.num_strategies(player), 0);
  const std::size_t n = game.num_players();
  std::vector<std::size_t> pure(n, 0);
  for (std::size_t index = 0; index < game.num_profiles(); ++index) {
    Rational weight = 1;
    for (std::size_t q = 0; q < n && weight != 0; ++q)
      if (q != player) weight *= profile[q][pure[q]];
    if (weight != 0) values[pure[player]] += weight * game.payoffs[index][player];
    for (std::size_t q = 0; q < n; ++q) {  // next profile, first player fastest
      if (++pure[q] < game.num_strategies(q)) break;
      pure[q] = 0;
    }
  }
  return values;
}

}  // namespace

std::vector<Rational> expected_payoffs(const StrategicGame& game, const MixedProfile& profile) {
  check_shape(game, profile);
  std::vector<Rational> out;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto values = pure_reply_values(game, profile, p);
    Rational total = 0;
    for (std::size_t s = 0; s < values.size(); ++s) total += profile[p][s] * values[s];
    out.push_back(total);
  }
  return out;
}

std::vector<Rational> regrets(const StrategicGame& game, const MixedProfile& profile) {
  check_shape(game, profile);
  std::vector<Rational> out;
  for (std::size_t p = 0; p < game.num_players(); ++p) {
    const auto values = pure_reply_values(game, profile, p);
    Rational best = values.front(), achieved = 0;
    for (std::size_t s = 0; s < values.size(); ++s) {
      if (values[s] > best) best = values[s];
      achieved += profile[p][s] * values[s];
    }
    out.push_back(best - achieved);
  }
  return out;
}

bool is_nash_equilibrium(const StrategicGame& game, const MixedProfile& profile) {
  check_shape(game, profile);
  for (const auto& mix : profile) {
    Rational total = 0;
    for (const auto& p : mix) {
      if (p < 0) return false;
      total += p;
    }
    if (total != 1) return false;
  }
  for (const auto& r : regrets(game, profile))
    if (r != 0) return false;
  return true;
}

std::string ne_csv_line(const MixedProfile& profile, int digits) {
  std::string line = "NE";
  for (const auto& mix : profile)
    for (const auto& p : mix) line += "," + probability_text(p, digits);
  return line;
}

MixedProfile parse_profile(const StrategicGame& game, std::string_view text) {
  std::vector<std::size_t> sizes;
  for (std::size_t p = 0; p < game.num_players(); ++p) sizes.push_back(game.num_strategies(p));
  return parse_profile_groups(text, sizes, "strategies");
}

}  // namespace pivot
