// mc.json and sensitivity.json: the Monte Carlo summaries and the sensitivity
// analysis as JSON for the HTML report. Shapes documented in docs/uncertainty.md.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "pivot/output/mc_output.hpp"
#include "pivot/output/sensitivity_output.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {
namespace {

using json = nlohmann::ordered_json;

// Tornado bars kept per output: a chart shows the largest few, and korea-2025 has
// about 200 inputs per output, most of which move a given issue not at all.
constexpr std::size_t kTornadoBars = 25;

// NaN (e.g. a Sobol index of an output that never varies) has no JSON form: null.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

bool is_outcome(const McRun& run, const TrialOutput& o) { return o.name.rfind(run.model + ".outcome.", 0) == 0; }

json output_json(const OutputSummary& s, const std::vector<double>& point, std::size_t k) {
  json j;
  j["name"] = s.output.name;
  j["issue"] = s.output.issue;
  j["unit"] = s.output.unit;
  j["mean"] = number(s.mean);
  j["sd"] = number(s.sd);
  const char* keys[] = {"p5", "p25", "p50", "p75", "p95"};
  for (int q = 0; q < 5; ++q) j[keys[q]] = number(s.quantiles[q]);
  json quantiles;  // the same numbers as the report reads them (docs/report.md)
  for (int q = 0; q < 5; ++q) quantiles[keys[q]] = number(s.quantiles[q]);
  j["quantiles"] = quantiles;
  j["histogram"] = {{"lo", number(s.histogram.lo)}, {"hi", number(s.histogram.hi)}, {"counts", s.histogram.counts}};
  j["bins"] = {{"lo", number(s.fitted_histogram.lo)},
               {"hi", number(s.fitted_histogram.hi)},
               {"counts", s.fitted_histogram.counts},
               {"rule", "Freedman-Diaconis, 20 to 60 bins"}};
  json atoms = json::array();
  for (const Atom& a : s.atoms) atoms.push_back({{"value", number(a.value)}, {"probability", a.probability}});
  j["atoms"] = atoms;
  json convergence = json::array();
  for (const auto& [n, p50] : s.median_convergence) convergence.push_back({{"trials", n}, {"p50", number(p50)}});
  j["convergence"] = convergence;
  if (k < point.size()) {
    j["point"] = number(point[k]);
    j["point_outside_band"] = point_outside_band(s, point[k]);
  }
  return j;
}

json run_json(const McRun& run, const std::vector<OutputSummary>& summaries) {
  json j;
  j["model"] = run.model;
  json options = json::object();
  for (const auto& [k, v] : run.model_options) options[k] = v;
  j["options"] = options;
  j["trials"] = run.results.size();
  json inputs = json::array();
  for (const McInput& input : run.inputs) inputs.push_back(input.name);
  j["inputs"] = inputs;
  // Each input's range beside the value the point forecast used, and where that value came from.
  json distributions = json::array();
  for (const McInput& input : run.inputs) {
    json d = {{"name", input.name},
              {"distribution", distribution_name(input.distribution.kind)},
              {"low", number(input.distribution.low)},
              {"mode", number(input.distribution.mode)},
              {"high", number(input.distribution.high)},
              {"point", number(input.point)}};
    if (input.distribution.kind == DistributionKind::truncated_normal) d["sd"] = number(input.distribution.sd);
    if (!input.source.empty()) d["source"] = input.source;
    distributions.push_back(d);
  }
  j["input_distributions"] = distributions;
  json outputs = json::array(), outcomes = json::array();
  for (std::size_t k = 0; k < summaries.size(); ++k) {
    const OutputSummary& s = summaries[k];
    if (!is_outcome(run, s.output)) {
      outputs.push_back(output_json(s, run.point, k));
      continue;
    }
    const std::string condition = s.output.unit.rfind("1 if ", 0) == 0 ? s.output.unit.substr(5) : s.output.unit;
    outcomes.push_back({{"name", s.output.issue}, {"condition", condition}, {"probability", s.mean}});
  }
  j["outputs"] = outputs;
  j["outcomes"] = outcomes;
  return j;
}

// The tornado bars as docs/report.md's mc.json has them: per output, base and bars.
json report_tornado(const SensitivityReport& r) {
  json tornado = json::array();
  for (std::size_t k = 0; k < r.outputs.size(); ++k) {
    if (r.outputs[k].unit.rfind("1 if ", 0) == 0) continue;  // [outcomes] rules are not issues
    json bars = json::array();
    const auto order = tornado_order(r.sweep, k);
    for (std::size_t rank = 0; rank < order.size() && rank < kTornadoBars; ++rank) {
      const std::size_t i = order[rank];
      bars.push_back({{"input", r.inputs.names[i]},
                      {"low", number(r.inputs.distributions[i].low)},
                      {"high", number(r.inputs.distributions[i].high)},
                      {"output_low", number(r.sweep.at_low[i][k])},
                      {"output_high", number(r.sweep.at_high[i][k])}});
    }
    tornado.push_back({{"issue", r.outputs[k].issue}, {"base", number(r.sweep.base[k])}, {"bars", bars}});
  }
  return tornado;
}

}  // namespace

std::string mc_json(const std::vector<std::pair<McRun, std::vector<OutputSummary>>>& runs,
                    const SensitivityReport* first_sensitivity) {
  json j;
  j["tool"] = "pivot";
  if (!runs.empty()) {
    const McRun& first = runs.front().first;
    j["version"] = first.version;
    j["scenario"] = first.scenario;
    j["input_hash"] = first.input_hash;
    j["seed"] = first.seed;
    j["trials"] = first.total_trials;
  }
  j["quantiles"] = "Hyndman-Fan type 7";
  json models = json::array();
  for (const auto& [run, summaries] : runs) models.push_back(run_json(run, summaries));
  // The first run (the forecast) also at the top level, in the shape the HTML report reads.
  if (!models.empty()) {
    j["model"] = models[0]["model"];
    j["outputs"] = models[0]["outputs"];
    j["outcomes"] = models[0]["outcomes"];
  }
  if (first_sensitivity) j["tornado"] = report_tornado(*first_sensitivity);
  j["runs"] = models;
  return j.dump(2) + "\n";
}

std::string sensitivity_json(const std::vector<SensitivityReport>& reports) {
  json j;
  j["tool"] = "pivot";
  json analyses = json::array();
  for (const SensitivityReport& r : reports) {
    json a;
    a["scenario"] = r.scenario;
    a["model"] = r.model;
    a["seed"] = r.seed;
    a["factor_grouping"] = r.factor_grouping;
    a["samples"] = r.samples;
    if (r.samples > 0) {
      // Noise is reported, never clipped: the caveats say when the indices mean nothing yet.
      const auto caveats = sobol_caveats(r.sobol, r.outputs, r.samples);
      a["sobol_reliable"] = caveats.empty();
      a["sobol_caveats"] = caveats;
    }
    json outputs = json::array();
    for (std::size_t k = 0; k < r.outputs.size(); ++k) {
      json o;
      o["name"] = r.outputs[k].name;
      o["issue"] = r.outputs[k].issue;
      o["unit"] = r.outputs[k].unit;
      o["base"] = number(r.sweep.base[k]);
      json tornado = json::array();
      const auto order = tornado_order(r.sweep, k);
      for (std::size_t rank = 0; rank < order.size() && rank < kTornadoBars; ++rank) {
        const std::size_t i = order[rank];
        const double lo = r.sweep.at_low[i][k], hi = r.sweep.at_high[i][k];
        tornado.push_back({{"input", r.inputs.names[i]},
                           {"low", number(r.inputs.distributions[i].low)},
                           {"high", number(r.inputs.distributions[i].high)},
                           {"output_low", number(lo)},
                           {"output_high", number(hi)},
                           {"swing", number(std::fabs(hi - lo))}});
      }
      o["tornado"] = tornado;
      json sobol = json::array();
      if (k < r.sobol.index.size()) {
        std::vector<std::size_t> order(r.sobol.factors.size());
        std::iota(order.begin(), order.end(), 0);
        const auto& row = r.sobol.index[k];
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t x, std::size_t y) { return row[x].total > row[y].total; });
        for (std::size_t f : order)
          sobol.push_back({{"factor", r.sobol.factors[f].name},
                           {"first_order", number(row[f].first)},
                           {"total", number(row[f].total)},
                           {"first_order_low", number(row[f].first_low)},
                           {"first_order_high", number(row[f].first_high)},
                           {"total_low", number(row[f].total_low)},
                           {"total_high", number(row[f].total_high)}});
        o["variance"] = number(r.sobol.variance[k]);
      }
      o["sobol"] = sobol;
      outputs.push_back(o);
    }
    a["outputs"] = outputs;
    analyses.push_back(a);
  }
  j["analyses"] = analyses;
  return j.dump(2) + "\n";
}

}  // namespace pivot
