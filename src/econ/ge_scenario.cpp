// A scenario's tariff cases in general equilibrium: the GSIM markets of each
// trade/*.toml summed over products into one structural gravity model, with
// domestic sales from ge/gdp.csv. docs/models/ge.md, "A scenario's tariff cases".
#include "pivot/econ/ge_scenario.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/scenario/toml_reader.hpp"

namespace pivot::gravity {
namespace {

namespace fs = std::filesystem;

// An optional number within [lo, hi] (`range` says so in the error), `fallback` when absent.
double number_key(const toml::table& t, const std::string& key, const std::string& file, double fallback, double lo,
                  double hi, const char* range) {
  const std::optional<double> v = toml_number(t, key, file);
  if (!v) return fallback;
  if (!(*v >= lo && *v <= hi))
    throw InputError(toml_position(file, *t.get(key), key), fmt::format("expected {}, found {}", range, *v));
  return *v;
}

// gdp.csv: region, gdp_usd_bn, and the source note every figure carries (source, reasoning).
void read_gdp(GeView& view, const fs::path& path) {
  const CsvTable table = read_csv_file(path);
  const std::string& file = table.file;
  if (table.rows.empty()) throw InputError({file, 1, 1, ""}, "empty file; expected a header and one row per region");
  const auto& header = table.rows.front();
  auto column = [&](const std::string& name) {
    for (std::size_t c = 0; c < header.fields.size(); ++c)
      if (without_blanks(header.fields[c].text) == name) return c;
    throw InputError({file, header.line, 1, name}, fmt::format("expected a column '{}' in the header", name));
  };
  const std::size_t region = column("region"), gdp = column("gdp_usd_bn"), source = column("source"),
                    reasoning = column("reasoning");
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    if (row.fields.size() != header.fields.size())
      throw InputError({file, row.line, 1, "region"}, fmt::format("expected {} fields as in the header, found {}",
                                                                  header.fields.size(), row.fields.size()));
    const std::string name(without_blanks(row.fields[region].text));
    if (name.empty()) throw InputError({file, row.line, row.fields[region].column, "region"}, "empty region");
    if (std::find(view.regions.begin(), view.regions.end(), name) != view.regions.end())
      throw InputError({file, row.line, row.fields[region].column, "region"}, fmt::format("'{}' appears twice", name));
    const double value = parse_number(row.fields[gdp], file, "gdp_usd_bn");
    if (!(value > 0 && value < 1e9))
      throw InputError({file, row.line, row.fields[gdp].column, "gdp_usd_bn"},
                       fmt::format("expected a positive output, found {}", value));
    for (std::size_t c : {source, reasoning})
      if (without_blanks(row.fields[c].text).empty())
        throw InputError({file, row.line, row.fields[c].column, c == source ? "source" : "reasoning"},
                         "empty; every figure needs its source note and reasoning");
    view.regions.push_back(name);
    view.gdp.push_back(value);
    view.gdp_line.push_back(row.line);
  }
  if (view.regions.size() < 2) throw InputError({file, 1, 1, "region"}, "expected at least two regions");
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

}  // namespace

std::optional<GeView> load_ge_view(const fs::path& scenario_directory) {
  std::error_code ec;
  const fs::path path = scenario_directory / "ge" / "ge.toml";
  if (scenario_directory.empty() || !fs::is_regular_file(path, ec)) return std::nullopt;
  GeView view;
  view.file = path.string();
  const std::string& file = view.file;
  const toml::table root = read_toml_file(path);
  check_toml_keys(root, {"title", "gdp", "sigma", "pass_through", "reference", "closure"}, file);
  view.title = toml_string(root, "title", file, "", EmptyString::refused).value_or("");
  view.sigma = number_key(root, "sigma", file, 5.0, 1.0 + 1e-9, 1e3, "sigma > 1");
  view.pass_through = number_key(root, "pass_through", file, 1.0, 0.0, 1.0, "a share within [0, 1]");
  view.reference = required_toml_string(root, "reference", file, "", EmptyString::refused);
  const std::string closure = toml_string(root, "closure", file, "", EmptyString::refused).value_or("");
  if (const toml::node* node = root.get("closure")) view.closure_line = node->source().begin.line;
  if (closure == "hat")
    view.closure = Closure::hat;
  else if (!closure.empty() && closure != "geppml")
    throw InputError(toml_position(file, *root.get("closure"), "closure"),
                     fmt::format("expected \"geppml\" or \"hat\", found \"{}\"", closure));
  view.gdp_file = required_toml_string(root, "gdp", file, "", EmptyString::refused);
  view.gdp_path = (path.parent_path() / view.gdp_file).string();
  read_gdp(view, view.gdp_path);
  if (index_of(view.regions, view.reference) == view.regions.size())
    throw InputError(
        toml_position(file, *root.get("reference"), "reference"),
        fmt::format("'{}' is not a region of {} ({})", view.reference, view.gdp_file, fmt::join(view.regions, ", ")));
  return view;
}

double route_tariff_percent(const trade::TradeModel& model, const std::string& exporter, const std::string& importer,
                            bool after) {
  double weight = 0, sum = 0;
  for (const trade::Market& m : model.markets) {
    const std::size_t e = index_of(m.exporters, exporter), i = index_of(m.importers, importer);
    if (e == m.exporters.size() || i == m.importers.size()) continue;
    const std::size_t c = m.index(e, i);
    const double t = 100.0 * ((after ? m.tariffs_after[c] : m.tariffs_before[c]) - 1.0);
    weight += m.flows[c];
    sum += m.flows[c] * t;
  }
  return weight > 0 ? sum / weight : 0.0;
}

GeInputs tariff_ge_inputs(const GeView& view, const trade::TradeModel& model, double sigma, double pass_through) {
  const std::size_t n = view.regions.size();
  GeInputs in;
  in.countries = view.regions;
  in.reference = index_of(view.regions, view.reference);
  in.sigma = sigma;
  in.closure = view.closure;
  in.present.assign(n * n, true);
  in.trade.assign(n * n, 0.0);
  std::vector<bool> seen(n, false);
  for (const trade::Market& m : model.markets)
    for (std::size_t e = 0; e < m.exporters.size(); ++e)
      for (std::size_t i = 0; i < m.importers.size(); ++i) {
        const std::size_t a = index_of(view.regions, m.exporters[e]), b = index_of(view.regions, m.importers[i]);
        if (a == n || b == n)
          throw InputError({view.gdp_path, 1, 1, "region"},
                           fmt::format("{} (in {}) has no row in {}", a == n ? m.exporters[e] : m.importers[i],
                                       model.file, view.gdp_file));
        seen[a] = seen[b] = true;
        if (a != b) in.trade[a * n + b] += m.flows[m.index(e, i)];
      }
  for (std::size_t a = 0; a < n; ++a) {
    if (!seen[a])
      throw InputError({view.gdp_path, view.gdp_line[a], 1, "region"},
                       fmt::format("{} has no trade in {}", view.regions[a], model.file));
    double exports = 0;
    for (std::size_t b = 0; b < n; ++b)
      if (b != a) exports += in.trade[a * n + b];
    const double domestic = view.gdp[a] - exports;
    if (!(domestic > 0))
      throw InputError({view.gdp_path, view.gdp_line[a], 1, "gdp_usd_bn"},
                       fmt::format("{}: output {} does not exceed its exports {} in {} (domestic sales would be <= 0)",
                                   view.regions[a], view.gdp[a], exports, model.file));
    in.trade[a * n + a] = domestic;
  }
  in.cost_baseline = in.trade;
  in.cost_counterfactual = in.trade;
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b) continue;
      const double t0 = route_tariff_percent(model, view.regions[a], view.regions[b], false) / 100.0;
      const double t1 = route_tariff_percent(model, view.regions[a], view.regions[b], true) / 100.0;
      in.cost_counterfactual[a * n + b] *= std::pow((1.0 + pass_through * t1) / (1.0 + pass_through * t0), -sigma);
    }
  return in;
}

GeCase solve_ge_case(const GeView& view, const trade::TradeModel& model, const std::string& name, double sigma,
                     double pass_through) {
  GeCase c;
  c.name = name;
  c.title = model.title;
  c.inputs = tariff_ge_inputs(view, model, sigma, pass_through);
  const std::size_t n = view.regions.size();
  c.tariff_before.assign(n * n, 0.0);
  c.tariff_after.assign(n * n, 0.0);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      if (a != b) {
        c.tariff_before[a * n + b] = route_tariff_percent(model, view.regions[a], view.regions[b], false);
        c.tariff_after[a * n + b] = route_tariff_percent(model, view.regions[a], view.regions[b], true);
      }
  c.result = solve_ge(c.inputs);
  return c;
}

ScenarioGe solve_scenario_ge(const fs::path& scenario_directory, const trade::ScenarioTrade& trades) {
  ScenarioGe out;
  out.view = load_ge_view(scenario_directory);
  if (!out.view) return out;
  for (std::size_t k = 0; k < trades.models.size(); ++k) {
    out.cases.push_back(
        solve_ge_case(*out.view, trades.models[k], trades.names[k], out.view->sigma, out.view->pass_through));
    const GeCase& c = out.cases.back();
    for (std::size_t i = 0; i < c.inputs.countries.size(); ++i)
      if (!std::isfinite(real_income_change_percent(c, i)))
        throw InputError({out.view->file, out.view->closure_line, 1, "closure"},
                         fmt::format("the {} closure found no equilibrium for trade/{}.toml (its price updates "
                                     "oscillate with growing amplitude); closure = \"hat\" solves the same equations",
                                     closure_name(out.view->closure), c.name));
  }
  return out;
}

double real_income_change_percent(const GeCase& c, std::size_t region, bool full) {
  const GeState& after = full ? c.result.full : c.result.conditional;
  return percent_change(c.result.baseline.real_output[region], after.real_output[region]);
}

}  // namespace pivot::gravity
