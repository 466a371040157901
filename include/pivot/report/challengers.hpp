// "Who challenged it", the hover text of a positions chart: shared by the report
// (from forecast.json) and the `pivot serve` page (from the run) so both read alike.
#pragma once

#include <string>
#include <vector>

namespace pivot {

/// One challenge an actor faced in a round.
struct ChallengeNote {
  std::string challenger;  // its name
  double expected_gain = 0;
  double win_probability = 0;
};

/// The three challenges with the largest expected gain (equal gains in the given order),
/// each "NAME (expected gain G, P(win) P)", joined by "; ", then "; and N more".
std::string strongest_challenges_text(std::vector<ChallengeNote> challenges);

}  // namespace pivot
