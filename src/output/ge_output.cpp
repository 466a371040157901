// Writing GE results: tidy CSV, JSON and the stdout table. Nothing here solves.
#include "pivot/output/ge_output.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

#include "csv_number.hpp"

namespace pivot::gravity {
namespace {

using output::append_number;

const char* separation_name(std::uint8_t reason) {
  switch (static_cast<Separation>(reason)) {
    case Separation::fixed_effect:
      return "fixed_effect";
    case Separation::regressor:
      return "regressor";
    case Separation::combination:
      return "combination";
    default:
      return "none";
  }
}

// How many observations each kind of separation dropped, in Separation's order (1..3).
std::array<std::size_t, 4> separation_counts(const PpmlResult& p) {
  std::array<std::size_t, 4> counts{};
  for (std::size_t o = 0; o < p.separation.size(); ++o)
    if (p.dropped[o]) ++counts[std::min<std::size_t>(p.separation[o], 3)];
  return counts;
}

// One column of countries.csv: its name and its value for country i.
struct Column {
  const char* name;
  std::function<double(std::size_t)> value;
};

std::vector<Column> country_columns(const GeRun& run) {
  const GeResult& r = run.result;
  const double sigma = run.inputs.sigma;
  auto change = [](const std::vector<double>& before, const std::vector<double>& after) {
    return [&before, &after](std::size_t i) { return percent_change(before[i], after[i]); };
  };
  auto level_change = [sigma](const std::vector<double>& before, const std::vector<double>& after) {
    return [&before, &after, sigma](std::size_t i) {
      return percent_change(resistance_level(before[i], sigma), resistance_level(after[i], sigma));
    };
  };
  auto value = [](const std::vector<double>& v) { return [&v](std::size_t i) { return v[i]; }; };
  const GeState &b = r.baseline, &c = r.conditional, &f = r.full, &h = r.hat;
  return {
      {"real_gdp_change_pct_conditional", change(b.real_output, c.real_output)},
      {"real_gdp_change_pct_full", change(b.real_output, f.real_output)},
      {"exports_change_pct_conditional", change(b.exports, c.exports)},
      {"exports_change_pct_full", change(b.exports, f.exports)},
      {"imports_change_pct_conditional", change(b.imports, c.imports)},
      {"imports_change_pct_full", change(b.imports, f.imports)},
      {"factory_price_ratio", value(f.factory_price)},
      {"output_baseline", value(b.output)},
      {"output_full", value(f.output)},
      {"expenditure_baseline", value(b.expenditure)},
      {"expenditure_full", value(f.expenditure)},
      {"exports_baseline", value(b.exports)},
      {"exports_conditional", value(c.exports)},
      {"exports_full", value(f.exports)},
      {"imports_baseline", value(b.imports)},
      {"imports_full", value(f.imports)},
      {"imr_power_baseline", value(b.imr_power)},
      {"imr_power_conditional", value(c.imr_power)},
      {"imr_power_full", value(f.imr_power)},
      {"omr_power_baseline", value(b.omr_power)},
      {"omr_power_conditional", value(c.omr_power)},
      {"omr_power_full", value(f.omr_power)},
      {"imr_power_change_pct_full", change(b.imr_power, f.imr_power)},
      {"omr_power_change_pct_full", change(b.omr_power, f.omr_power)},
      {"imr_level_change_pct_conditional", level_change(b.imr_power, c.imr_power)},
      {"imr_level_change_pct_full", level_change(b.imr_power, f.imr_power)},
      {"omr_level_change_pct_conditional", level_change(b.omr_power, c.omr_power)},
      {"omr_level_change_pct_full", level_change(b.omr_power, f.omr_power)},
      {"real_gdp_change_pct_hat", change(b.real_output, h.real_output)},
      {"factory_price_ratio_hat", value(h.factory_price)},
      {"exports_change_pct_hat", change(b.exports, h.exports)},
  };
}

}  // namespace

std::string ge_countries_csv(const GeRun& run) {
  const auto columns = country_columns(run);
  std::string out = "country";
  for (const auto& c : columns) out += fmt::format(",{}", c.name);
  out += '\n';
  for (std::size_t i = 0; i < run.inputs.countries.size(); ++i) {
    out += run.inputs.countries[i];
    for (const auto& c : columns) {
      out += ',';
      append_number(out, c.value(i));
    }
    out += '\n';
  }
  return out;
}

std::string ge_pairs_csv(const GeRun& run) {
  const GeInputs& in = run.inputs;
  const GeResult& r = run.result;
  const std::size_t n = in.countries.size();
  std::string out =
      "exporter,importer,trade_observed,trade_baseline,trade_conditional,trade_full,trade_hat,trade_change_pct_full,"
      "cost_power_baseline,cost_power_counterfactual\n";
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t c = i * n + j;
      if (!in.present[c]) continue;
      out += in.countries[i];
      out += ',';
      out += in.countries[j];
      for (double x : {in.trade[c], r.baseline.flows[c], r.conditional.flows[c], r.full.flows[c], r.hat.flows[c],
                       r.baseline.flows[c] > 0 ? percent_change(r.baseline.flows[c], r.full.flows[c]) : 0.0,
                       in.cost_baseline[c], in.cost_counterfactual[c]}) {
        out += ',';
        append_number(out, x);
      }
      out += '\n';
    }
  return out;
}

std::string ge_coefficients_csv(const GeRun& run) {
  std::string out = "term,estimate,std_error\n";
  for (std::size_t k = 0; k < run.terms.size(); ++k) {
    out += run.terms[k];
    out += ',';
    if (std::isfinite(run.beta[k])) append_number(out, run.beta[k]);
    out += ',';
    if (std::isfinite(run.std_error[k])) append_number(out, run.std_error[k]);
    out += '\n';
  }
  return out;
}

std::string ge_json(const GeModel& model, const GeRun& run, const std::string& version) {
  using nlohmann::json;
  auto number = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  json doc;
  doc["pivot_version"] = version;
  doc["model_file"] = model.file;
  doc["title"] = model.title;
  doc["settings"] = {
      {"sigma", model.sigma},
      {"reference", model.reference},
      {"closure", closure_name(model.closure)},
      {"tolerance", model.tolerance},
      {"reference_expenditure", model.reference_expenditure == ReferenceExpenditure::fitted ? "fitted" : "phi_output"}};
  json coefficients = json::array();
  for (std::size_t k = 0; k < run.terms.size(); ++k)
    coefficients.push_back({{"term", run.terms[k]},
                            {"estimate", number(run.beta[k])},
                            {"std_error", number(run.std_error[k])},
                            {"given", !run.ppml.has_value()}});
  doc["coefficients"] = coefficients;
  if (run.ppml) {
    const PpmlResult& p = *run.ppml;
    doc["estimation"] = {{"observations", p.mu.size() - p.dropped_count},
                         {"dropped_separated", p.dropped_count},
                         {"clusters", p.clusters},
                         {"newton_steps", p.iterations},
                         {"fixed_effect_sweeps", p.sweeps},
                         {"demeaning_sweeps", p.demean_sweeps},
                         {"pseudo_log_likelihood", p.pseudo_log_likelihood},
                         {"deviance", p.deviance},
                         {"converged", p.converged},
                         {"fixed_effects", model.estimation->fixed_effects}};
    // Which observations were separated, and how (as ppmlhdfe lists them).
    const auto counts = separation_counts(p);
    doc["estimation"]["separation"] = {
        {"fixed_effect", counts[1]}, {"regressor", counts[2]}, {"combination", counts[3]}, {"relu_fits", p.relu_fits}};
    json separated = json::array();
    const GravityData& d = model.data;
    for (std::size_t o = 0; o < p.dropped.size(); ++o)
      if (p.dropped[o] && o < d.exporter.size())
        separated.push_back({{"line", d.line[o]},
                             {"exporter", d.countries[d.exporter[o]]},
                             {"importer", d.countries[d.importer[o]]},
                             {"year", d.years[d.year[o]]},
                             {"by", separation_name(p.separation[o])}});
    doc["estimation"]["separated"] = separated;
  }
  json rounds = json::array();
  for (const GeRound& r : run.result.rounds)
    rounds.push_back({{"round", r.round}, {"mean", r.mean}, {"sd", r.sd}, {"min", r.min}, {"max", r.max}});
  doc["full"] = {{"converged", run.result.converged}, {"rounds", rounds}};
  doc["hat"] = {{"iterations", run.result.hat_iterations}, {"residual", run.result.hat_residual}};
  const auto columns = country_columns(run);
  json countries = json::array();
  for (std::size_t i = 0; i < run.inputs.countries.size(); ++i) {
    json row = {{"country", run.inputs.countries[i]}};
    for (const auto& c : columns) row[c.name] = number(c.value(i));
    countries.push_back(row);
  }
  doc["countries"] = countries;
  return doc.dump(2) + "\n";
}

std::string ge_table(const GeModel& model, const GeRun& run) {
  std::string out;
  if (!model.title.empty()) out += model.title + "\n";
  out += fmt::format("{:<20} {:>12} {:>12}\n", "term", "estimate", "std. error");
  for (std::size_t k = 0; k < run.terms.size(); ++k) {
    if (run.ppml && k < run.ppml->omitted.size() && run.ppml->omitted[k]) {  // collinear: no estimate
      out += fmt::format("{:<20} {:>12} {:>12}\n", run.terms[k], "omitted", "");
      continue;
    }
    out += fmt::format("{:<20} {:>12.7f} {:>12}\n", run.terms[k], run.beta[k],
                       std::isfinite(run.std_error[k]) ? fmt::format("{:.7f}", run.std_error[k]) : "given");
  }
  if (run.ppml && run.ppml->dropped_count > 0) {
    const PpmlResult& p = *run.ppml;
    const auto counts = separation_counts(p);
    out += fmt::format(
        "dropped {} separated observations: {} in a fixed-effect group with no positive flow, {} by one regressor, "
        "{} by a combination of regressors and fixed effects (ReLU check)\n",
        p.dropped_count, counts[1], counts[2], counts[3]);
    // The first few by name (all of them in --json's estimation.separated).
    const GravityData& d = model.data;
    std::size_t listed = 0;
    for (std::size_t o = 0; o < p.dropped.size() && o < d.exporter.size(); ++o) {
      if (!p.dropped[o]) continue;
      if (listed == 10) {
        out += fmt::format("  ... and {} more (--json lists them all)\n", p.dropped_count - listed);
        break;
      }
      out += fmt::format("  line {}: {} -> {} {} ({})\n", d.line[o], d.countries[d.exporter[o]],
                         d.countries[d.importer[o]], d.years[d.year[o]], separation_name(p.separation[o]));
      ++listed;
    }
  }
  const GeResult& r = run.result;
  out += fmt::format("full endowment: closure {}, sigma {}, reference {}", closure_name(model.closure), model.sigma,
                     model.reference);
  if (model.closure == Closure::geppml)
    out += fmt::format(", {} rounds{}", r.rounds.empty() ? 1 : r.rounds.back().round,
                       r.converged ? "" : " (stopped at max_rounds)");
  out += "\n";
  out += fmt::format("{:<8} {:>14} {:>14} {:>14} {:>14} {:>14}\n", "country", "rGDP cond. %", "rGDP full %",
                     "rGDP hat %", "exports full %", "factory price");
  for (std::size_t i = 0; i < run.inputs.countries.size(); ++i)
    out += fmt::format("{:<8} {:>14.4f} {:>14.4f} {:>14.4f} {:>14.4f} {:>14.6f}\n", run.inputs.countries[i],
                       percent_change(r.baseline.real_output[i], r.conditional.real_output[i]),
                       percent_change(r.baseline.real_output[i], r.full.real_output[i]),
                       percent_change(r.baseline.real_output[i], r.hat.real_output[i]),
                       percent_change(r.baseline.exports[i], r.full.exports[i]), r.full.factory_price[i]);
  return out;
}

}  // namespace pivot::gravity
