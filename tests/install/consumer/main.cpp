// Loads a scenario through the installed library and prints the capability x
// salience weighted mean of its first issue: `consumer SCENARIO`.
#include <pivot/pivot.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer SCENARIO\n");
    return 2;
  }
  try {
    const pivot::Scenario scenario = pivot::pipeline::load_scenario(argv[1]);
    const std::vector<double> mean = pivot::weighted_mean_outcome(scenario);
    std::printf("%s %.6f\n", scenario.issues.at(0).id.c_str(), mean.at(0));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
