// The bottom line of a study, per issue: what an analyst briefs first. The
// pipeline gathers it from the forecast, Monte Carlo and sensitivity documents
// (pipeline::bottom_line); the report draws it at the top of the page and
// `pivot run` prints it last.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pivot {

/// One model's or baseline's forecast on an issue.
struct ModelForecast {
  std::string model;
  double predicted = 0.0;
  bool baseline = false;
};

/// The Monte Carlo band of one model's forecast on an issue.
struct ForecastBand {
  std::string model;
  double p5 = 0.0, p50 = 0.0, p95 = 0.0;
  double point = 0.0;  // the model on the unperturbed inputs
  std::size_t trials = 0;
};

/// An `[outcomes]` rule on the issue and how often the Monte Carlo met it.
struct OutcomeChance {
  std::string name, condition;
  double probability = 0.0;
  double standard_error = 0.0;  // sqrt(p (1 - p) / trials)
};

/// An uncertain input that moves the forecast: its one-at-a-time swing.
struct InputSwing {
  std::string input;
  double output_low = 0.0, output_high = 0.0;  // the forecast at the input's low and high ends
  double swing = 0.0;                          // |output_high - output_low|
};

/// Something the reader must know before briefing the number.
struct IssueFlag {
  std::string kind;  // models-disagree, point-outside-band, not-converged, oscillates, one-judgement
  std::string text;  // one or two sentences, for people
};

struct IssueBottomLine {
  std::string issue, name, unit;
  double min = 0.0, max = 100.0;
  std::optional<double> status_quo;
  std::vector<ModelForecast> forecasts;  // models first, then baselines
  std::optional<ForecastBand> band;      // absent when no Monte Carlo ran
  std::vector<OutcomeChance> outcomes;
  std::vector<InputSwing> movers;  // up to three, largest first
  std::vector<IssueFlag> flags;
};

struct BottomLine {
  std::vector<IssueBottomLine> issues;
  bool monte_carlo = false;  // whether bands, outcomes and movers could be drawn
};

/// "up", "down" or "no change": where `value` lies from the status quo (within 0.5% of the range: no change).
std::string direction_from(double value, double status_quo, double range);

}  // namespace pivot
