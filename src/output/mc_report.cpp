// The Monte Carlo report people read: quantiles, how the median settles,
// discrete outcomes and a one-line histogram per output.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pivot/output/mc_output.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {
namespace {

// Eight block heights; a bin with no trials prints as a blank.
std::string sparkline(const Histogram& h) {
  static const char* blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
  const std::uint64_t top = *std::max_element(h.counts.begin(), h.counts.end());
  std::string line;
  for (std::uint64_t c : h.counts) {
    if (c == 0 || top == 0) {
      line += " ";
      continue;
    }
    const std::size_t level = std::min<std::size_t>(7, (c * 8 - 1) / top);
    line += blocks[level];
  }
  return line;
}

std::string label(const TrialOutput& o) { return o.issue.empty() ? o.name : o.issue; }

// A 0/1 output's unit is the condition it tests ("1 if ..."), too long for the column: "0/1",
// or "probability" for where a game's play ends (a chance move or a mixed strategy splits it).
std::string unit_shown(const McRun& run, const TrialOutput& o) {
  if (o.unit.rfind("1 if ", 0) != 0) return o.unit;
  const bool game_outcome = run.model.rfind("game:", 0) == 0 && o.name.rfind(run.model + ".outcome.", 0) == 0;
  return game_outcome ? "probability" : "0/1";
}

}  // namespace

std::string mc_report(const McRun& run, const std::vector<OutputSummary>& summaries) {
  std::string out = fmt::format("{} - Monte Carlo, model {}, {} trials", run.scenario, run.model, run.results.size());
  if (run.shard_count > 1)
    out += fmt::format(" (shard {}/{} of {})", run.shard_index, run.shard_count, run.total_trials);
  out += fmt::format(", seed {}, {} uncertain inputs\n", run.seed, run.inputs.size());
  // Wide enough for the longest label (a game's outcome labels run long), at least 22.
  std::size_t width = 22;
  for (const OutputSummary& s : summaries) width = std::max(width, label(s.output).size());

  const bool has_point = run.point.size() == summaries.size();
  out += fmt::format("{:<{}} {:<14} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}{}\n", "issue", width, "unit", "mean",
                     "sd", "P5", "P25", "P50", "P75", "P95", has_point ? fmt::format(" {:>9}", "point") : "");
  std::size_t outside = 0;
  for (std::size_t k = 0; k < summaries.size(); ++k) {
    const OutputSummary& s = summaries[k];
    // An [outcomes] rule's unit holds its condition, printed under "Outcomes" below.
    out +=
        fmt::format("{:<{}} {:<14} {:>9.2f} {:>9.2f}", label(s.output), width, unit_shown(run, s.output), s.mean, s.sd);
    for (double q : s.quantiles) out += fmt::format(" {:>9.2f}", q);
    if (has_point) {
      const bool off = point_outside_band(s, run.point[k]);
      outside += off;
      out += fmt::format(" {:>9.2f}{}", run.point[k], off ? " !" : "");
    }
    out += "\n";
  }
  if (has_point)
    out += outside == 0 ? "point: the model on the unperturbed inputs; every point lies within [P5, P95]\n"
                        : fmt::format(
                              "point: the model on the unperturbed inputs; ! = outside [P5, P95] ({} of {}): "
                              "a knife edge, or input ranges lopsided about their points: the point forecast alone "
                              "misleads\n",
                              outside, summaries.size());

  if (!summaries.empty()) {
    out += "\nP50 over the first n trials (convergence):\n";
    out += fmt::format("{:<{}}", "issue", width);
    for (const auto& [n, p50] : summaries.front().median_convergence)
      out += fmt::format(" {:>10}", fmt::format("n={}", n));
    out += "\n";
    for (const OutputSummary& s : summaries) {
      out += fmt::format("{:<{}}", label(s.output), width);
      for (const auto& [n, p50] : s.median_convergence) out += fmt::format(" {:>10.2f}", p50);
      out += "\n";
    }
  }

  const std::string outcome_prefix = run.model + ".outcome.";
  std::string outcomes;
  for (const OutputSummary& s : summaries)
    if (s.output.name.rfind(outcome_prefix, 0) == 0)
      outcomes += fmt::format("  P({}) = {:.3f} ± {:.3f}   ({})\n", s.output.issue, s.mean,
                              s.trials > 0 ? s.sd / std::sqrt(static_cast<double>(s.trials)) : 0.0,
                              s.output.unit.rfind("1 if ", 0) == 0 ? s.output.unit.substr(5) : s.output.unit);
  const bool game = run.model.rfind("game:", 0) == 0;
  if (!outcomes.empty())
    out +=
        (game ? "\nOutcomes (where the equilibrium play ends; mean over trials ± its standard error):\n"
              : "\nOutcomes ([outcomes] in scenario.toml; share of trials where each holds ± its standard error):\n") +
        outcomes;

  bool any_atoms = std::any_of(summaries.begin(), summaries.end(), [](const auto& s) { return !s.atoms.empty(); });
  if (any_atoms) {
    out += "\nDiscrete outcomes (exact values held by at least 5% of trials):\n";
    for (const OutputSummary& s : summaries) {
      if (s.atoms.empty()) continue;
      out += fmt::format("{:<{}}", label(s.output), width);
      for (const Atom& a : s.atoms) out += fmt::format("  {:g}: {:.1f}%", a.value, 100.0 * a.probability);
      out += "\n";
    }
  }

  out += "\nHistograms (10 equal bins over each issue's scale):\n";
  for (const OutputSummary& s : summaries)
    out += fmt::format("{:<{}} {:>8g} |{}| {:g}\n", label(s.output), width, s.histogram.lo, sparkline(s.histogram),
                       s.histogram.hi);
  return out;
}

}  // namespace pivot
