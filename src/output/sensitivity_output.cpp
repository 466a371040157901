// Sensitivity results as files and text: the tornado table and Sobol indices.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "pivot/output/sensitivity_output.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {
namespace {

std::string num(double v) { return fmt::format("{}", v); }

std::string label(const TrialOutput& o) { return o.issue.empty() ? o.name : o.issue; }

// Factor indices for one output, by total effect, largest first.
std::vector<std::size_t> by_total(const SobolResult& sobol, std::size_t output) {
  std::vector<std::size_t> order(sobol.factors.size());
  std::iota(order.begin(), order.end(), 0);
  const auto& row = sobol.index[output];
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return row[a].total > row[b].total; });
  return order;
}

}  // namespace

std::string tornado_csv(const SensitivityReport& r) {
  std::string out = "issue,model,rank,input,low,high,output_low,output_high,swing\n";
  for (std::size_t k = 0; k < r.outputs.size(); ++k) {
    const auto order = tornado_order(r.sweep, k);
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      const std::size_t i = order[rank];
      const double lo = r.sweep.at_low[i][k], hi = r.sweep.at_high[i][k];
      out += fmt::format("{},{},{},{},{},{},{},{},{}\n", label(r.outputs[k]), r.model, rank + 1, r.inputs.names[i],
                         num(r.inputs.distributions[i].low), num(r.inputs.distributions[i].high), num(lo), num(hi),
                         num(std::fabs(hi - lo)));
    }
  }
  return out;
}

std::string sobol_csv(const SensitivityReport& r) {
  std::string out = "issue,model,factor,first_order,total,first_order_low,first_order_high,total_low,total_high\n";
  for (std::size_t k = 0; k < r.sobol.index.size(); ++k)
    for (std::size_t f = 0; f < r.sobol.factors.size(); ++f) {
      const SobolIndex& i = r.sobol.index[k][f];
      out += fmt::format("{},{},{},{},{},{},{},{},{}\n", label(r.outputs[k]), r.model, r.sobol.factors[f].name,
                         num(i.first), num(i.total), num(i.first_low), num(i.first_high), num(i.total_low),
                         num(i.total_high));
    }
  return out;
}

std::string sensitivity_text(const SensitivityReport& r, std::size_t top) {
  std::string out = fmt::format("{} - sensitivity of {}, {} uncertain inputs, seed {}\n", r.scenario, r.model,
                                r.inputs.names.size(), r.seed);
  out += "\nOne at a time: each input at its low and high end, every other input at its point value.\n";
  for (std::size_t k = 0; k < r.outputs.size(); ++k) {
    out += fmt::format("\n{} ({}): base {:.2f}\n", label(r.outputs[k]), r.outputs[k].unit, r.sweep.base[k]);
    out += fmt::format("  {:>4}  {:<44} {:>9} {:>9} {:>9} {:>9} {:>8}\n", "rank", "input", "low", "high", "at low",
                       "at high", "swing");
    const auto order = tornado_order(r.sweep, k);
    for (std::size_t rank = 0; rank < order.size() && rank < top; ++rank) {
      const std::size_t i = order[rank];
      const double lo = r.sweep.at_low[i][k], hi = r.sweep.at_high[i][k];
      out += fmt::format("  {:>4}  {:<44} {:>9.4g} {:>9.4g} {:>9.2f} {:>9.2f} {:>8.2f}\n", rank + 1, r.inputs.names[i],
                         r.inputs.distributions[i].low, r.inputs.distributions[i].high, lo, hi, std::fabs(hi - lo));
    }
  }
  if (r.samples == 0) return out;
  out += fmt::format(
      "\nSobol indices by {} (N = {}, {} model runs): S = first order (Saltelli 2010), ST = total (Jansen 1999).\n"
      "Intervals: 95% bootstrap over the N rows; an interval that straddles 0 means 'no detectable effect'.\n",
      r.factor_grouping, r.samples, r.samples * (r.sobol.factors.size() + 2));
  if (const auto caveats = sobol_caveats(r.sobol, r.outputs, r.samples); !caveats.empty()) {
    out += "warning: these indices cannot be read as shares of variance yet (rerun with more --samples):\n";
    for (const std::string& c : caveats) out += "  - " + c + "\n";
  }
  for (std::size_t k = 0; k < r.sobol.index.size(); ++k) {
    out += fmt::format("\n{} (variance {:.4g})\n", label(r.outputs[k]), r.sobol.variance[k]);
    out += fmt::format("  {:<44} {:>7} {:>17} {:>7} {:>17}\n", "factor", "S", "95% interval", "ST", "95% interval");
    const auto order = by_total(r.sobol, k);
    for (std::size_t rank = 0; rank < order.size() && rank < top; ++rank) {
      const SobolIndex& i = r.sobol.index[k][order[rank]];
      out += fmt::format("  {:<44} {:>7.3f} {:>17} {:>7.3f} {:>17}\n", r.sobol.factors[order[rank]].name, i.first,
                         fmt::format("[{:.3f}, {:.3f}]", i.first_low, i.first_high), i.total,
                         fmt::format("[{:.3f}, {:.3f}]", i.total_low, i.total_high));
    }
  }
  return out;
}

}  // namespace pivot
