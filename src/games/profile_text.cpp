#include "games/profile_text.hpp"

#include <fmt/format.h>

#include "games/rational_text.hpp"
#include "pivot/core/error.hpp"

namespace pivot::games {

std::string probability_text(const Rational& p, int digits) {
  return digits < 0 ? rational_text(p) : fmt::format("{:.{}f}", p.get_d(), digits);
}

std::vector<std::vector<Rational>> parse_profile_groups(std::string_view text, const std::vector<std::size_t>& sizes,
                                                        const std::string& what) {
  std::string_view rest = text;
  if (rest.substr(0, 3) == "NE,") rest.remove_prefix(3);
  std::vector<Rational> values;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    auto value = parse_rational(item);
    if (!value) throw UsageError(fmt::format("profile entry '{}' is not a number (expected e.g. 1/3 or 0.25)", item));
    values.push_back(*value);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::size_t expected = 0;
  for (std::size_t size : sizes) expected += size;
  if (values.size() != expected)
    throw UsageError(fmt::format("profile has {} entries, the game has {} {} in all", values.size(), expected, what));
  std::vector<std::vector<Rational>> groups;
  std::size_t k = 0;
  for (std::size_t size : sizes) {
    groups.emplace_back(values.begin() + k, values.begin() + k + size);
    k += size;
  }
  return groups;
}

}  // namespace pivot::games
