#include "pivot/report/challengers.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/html.hpp"

namespace pivot {

std::string strongest_challenges_text(std::vector<ChallengeNote> challenges) {
  std::stable_sort(challenges.begin(), challenges.end(),
                   [](const ChallengeNote& a, const ChallengeNote& b) { return a.expected_gain > b.expected_gain; });
  std::string text;
  for (std::size_t i = 0; i < challenges.size() && i < 3; ++i)
    text += fmt::format("{}{} (expected gain {}, P(win) {})", i ? "; " : "", challenges[i].challenger,
                        report::show(challenges[i].expected_gain, 3), report::show(challenges[i].win_probability, 2));
  if (challenges.size() > 3) text += fmt::format("; and {} more", challenges.size() - 3);
  return text;
}

}  // namespace pivot
