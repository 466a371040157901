// Loading a GE model file and the flows CSV it names, and running it: PPML
// (or given coefficients), the GE year's cost grids, the equilibria.
#include "pivot/econ/ge_model.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/scenario/toml_reader.hpp"

namespace pivot::gravity {
namespace {

namespace fs = std::filesystem;

constexpr double kMaxTrade = 1e15;

// Names in a model file (columns, terms, countries, closures) are never empty.
std::optional<std::string> name_key(const toml::table& t, const std::string& key, const std::string& file) {
  return toml_string(t, key, file, "", EmptyString::refused);
}

std::vector<std::string> strings_key(const toml::table& t, const std::string& key, const std::string& file) {
  std::vector<std::string> out;
  const toml::node* node = t.get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) throw InputError(toml_position(file, *node, key), "expected an array of strings");
  for (const toml::node& item : *array) {
    auto s = item.value<std::string>();
    if (!s || s->empty()) throw InputError(toml_position(file, item, key), "expected a non-empty string");
    if (std::find(out.begin(), out.end(), *s) != out.end())
      throw InputError(toml_position(file, item, key), fmt::format("'{}' appears twice", *s));
    out.push_back(*s);
  }
  return out;
}

// The columns of the flows CSV the model needs, with where each name was asked for.
struct WantedColumns {
  std::string exporter = "exporter", importer = "importer", year = "year", trade = "trade";
  std::map<std::string, SourcePosition> numeric;
};

GravityData read_flows(const fs::path& path, const WantedColumns& wanted) {
  GravityData data;
  data.file = path.string();
  const std::string& file = data.file;
  std::vector<std::size_t> index;  // header column of exporter, importer, year, trade, then numeric in map order
  std::vector<std::string> numeric_names;
  for (const auto& [name, where] : wanted.numeric) numeric_names.push_back(name);
  std::vector<std::string> exporter_names, importer_names;
  std::vector<std::int64_t> year_values;
  std::vector<std::vector<double>> numeric(numeric_names.size());
  bool header = true;
  std::size_t fields = 0;
  for_each_csv_row(path, [&](const CsvRowView& row) {
    if (header) {
      header = false;
      fields = row.fields.size();
      auto find = [&](const std::string& name, const SourcePosition* asked) {
        for (std::size_t c = 0; c < row.fields.size(); ++c)
          if (without_blanks(row.fields[c].text) == name) return c;
        if (asked) throw InputError(*asked, fmt::format("no column '{}' in {}", name, file));
        throw InputError({file, row.line, 1, name}, fmt::format("expected a column '{}' in the header", name));
      };
      for (const std::string* name : {&wanted.exporter, &wanted.importer, &wanted.year, &wanted.trade})
        index.push_back(find(*name, nullptr));
      for (const auto& [name, where] : wanted.numeric) index.push_back(find(name, &where));
      return;
    }
    if (row.fields.size() != fields)
      throw InputError({file, row.line, 1, wanted.exporter},
                       fmt::format("expected {} fields as in the header, found {}", fields, row.fields.size()));
    auto text = [&](std::size_t k, const std::string& name) {
      const auto& f = row.fields[index[k]];
      const std::string_view v = without_blanks(f.text);
      if (v.empty()) throw InputError({file, row.line, f.column, name}, "empty field; expected a country code");
      return std::string(v);
    };
    exporter_names.push_back(text(0, wanted.exporter));
    importer_names.push_back(text(1, wanted.importer));
    const CsvFieldView& year_field = row.fields[index[2]];
    const double year = parse_number(year_field, file, wanted.year);
    if (year != std::floor(year) || std::abs(year) > 1e9)
      throw InputError({file, row.line, year_field.column, wanted.year},
                       fmt::format("expected a whole year, found {}", year));
    year_values.push_back(static_cast<std::int64_t>(year));
    const CsvFieldView& trade_field = row.fields[index[3]];
    const double trade = parse_number(trade_field, file, wanted.trade);
    if (trade < 0 || trade > kMaxTrade)
      throw InputError({file, row.line, trade_field.column, wanted.trade},
                       fmt::format("expected a flow within [0, 1e15], found {}", trade));
    data.trade.push_back(trade);
    for (std::size_t k = 0; k < numeric_names.size(); ++k) {
      const CsvFieldView& f = row.fields[index[4 + k]];
      const double v = parse_number(f, file, numeric_names[k]);
      if (std::abs(v) > 1e15)
        throw InputError({file, row.line, f.column, numeric_names[k]},
                         fmt::format("expected |value| <= 1e15, found {}", v));
      numeric[k].push_back(v);
    }
    data.line.push_back(row.line);
  });
  if (header) throw InputError({file, 1, 1, wanted.exporter}, "empty file; expected a header and flows");
  if (data.trade.empty()) throw InputError({file, 2, 1, wanted.exporter}, "no flows after the header");
  std::set<std::string> names(exporter_names.begin(), exporter_names.end());
  names.insert(importer_names.begin(), importer_names.end());
  data.countries.assign(names.begin(), names.end());
  const std::set<std::int64_t> years(year_values.begin(), year_values.end());
  data.years.assign(years.begin(), years.end());
  std::unordered_map<std::string, std::uint32_t> country_index;
  for (std::uint32_t c = 0; c < data.countries.size(); ++c) country_index[data.countries[c]] = c;
  const std::size_t n = data.trade.size();
  data.exporter.resize(n);
  data.importer.resize(n);
  data.year.resize(n);
  const std::size_t nc = data.countries.size();
  std::unordered_map<std::uint64_t, std::size_t> seen;
  seen.reserve(n);
  for (std::size_t o = 0; o < n; ++o) {
    data.exporter[o] = country_index[exporter_names[o]];
    data.importer[o] = country_index[importer_names[o]];
    data.year[o] = static_cast<std::uint32_t>(std::lower_bound(data.years.begin(), data.years.end(), year_values[o]) -
                                              data.years.begin());
    const std::uint64_t key = (std::uint64_t(data.year[o]) * nc + data.exporter[o]) * nc + data.importer[o];
    if (auto [it, fresh] = seen.emplace(key, o); !fresh)
      throw InputError({file, data.line[o], 1, wanted.exporter},
                       fmt::format("{} to {} in {} appears twice (first on line {})", exporter_names[o],
                                   importer_names[o], year_values[o], data.line[it->second]));
  }
  for (std::size_t k = 0; k < numeric_names.size(); ++k) data.columns[numeric_names[k]] = std::move(numeric[k]);
  return data;
}

const std::set<std::string> kFixedEffects = {"exporter", "importer", "exporter-year", "importer-year", "pair"};

}  // namespace

GeModel load_ge_model(const fs::path& model_file) {
  GeModel model;
  model.file = model_file.string();
  const std::string& file = model.file;
  const toml::table root = read_toml_file(model_file);
  check_toml_keys(root, {"title", "data", "estimation", "coefficients", "ge", "counterfactual"}, file);
  model.title = name_key(root, "title", file).value_or("");
  const toml::table* data = toml_table(root, "data", file);
  if (!data)
    throw InputError(toml_position(file, root, "data"), "missing the [data] table (flows = \"FILE.csv\", ...)");
  check_toml_keys(*data, {"flows", "exporter", "importer", "year", "trade", "output", "expenditure"}, file);
  WantedColumns wanted;
  wanted.exporter = name_key(*data, "exporter", file).value_or("exporter");
  wanted.importer = name_key(*data, "importer", file).value_or("importer");
  wanted.year = name_key(*data, "year", file).value_or("year");
  wanted.trade = name_key(*data, "trade", file).value_or("trade");
  auto want = [&](const std::string& name, const toml::node& node, const std::string& key) {
    if (name == wanted.exporter || name == wanted.importer || name == wanted.year || name == wanted.trade)
      throw InputError(toml_position(file, node, key),
                       fmt::format("'{}' names an identifier column, not a covariate", name));
    wanted.numeric.emplace(name, toml_position(file, node, key));
  };
  model.output_column = name_key(*data, "output", file).value_or("");
  model.expenditure_column = name_key(*data, "expenditure", file).value_or("");
  if (model.output_column.empty() != model.expenditure_column.empty())
    throw InputError(toml_position(file, *data, model.output_column.empty() ? "output" : "expenditure"),
                     "give both output and expenditure columns, or neither");
  if (!model.output_column.empty()) {
    want(model.output_column, *data->get("output"), "output");
    want(model.expenditure_column, *data->get("expenditure"), "expenditure");
  }

  const toml::table* estimation = toml_table(root, "estimation", file);
  const toml::table* coefficients = toml_table(root, "coefficients", file);
  if (!estimation == !coefficients)
    throw InputError(toml_position(file, root, "estimation"),
                     "expected exactly one of [estimation] and [coefficients]");
  if (estimation) {
    check_toml_keys(*estimation, {"terms", "fixed_effects", "cluster", "tolerance", "offset"}, file);
    EstimationSettings e;
    model.estimation_position = toml_position(file, *estimation, "estimation");
    e.terms = strings_key(*estimation, "terms", file);
    const toml::node* terms_node = estimation->get("terms");
    for (std::size_t k = 0; k < e.terms.size(); ++k) want(e.terms[k], *terms_node->as_array()->get(k), "terms");
    if (auto offset = name_key(*estimation, "offset", file)) {
      if (std::count(e.terms.begin(), e.terms.end(), *offset))
        throw InputError(toml_position(file, *estimation->get("offset"), "offset"),
                         fmt::format("'{}' is a term; an offset's coefficient is fixed at 1", *offset));
      want(*offset, *estimation->get("offset"), "offset");
      e.offset = *offset;
    }
    e.fixed_effects = strings_key(*estimation, "fixed_effects", file);
    if (e.fixed_effects.empty()) e.fixed_effects = {"exporter", "importer"};
    for (std::size_t k = 0; k < e.fixed_effects.size(); ++k)
      if (!kFixedEffects.count(e.fixed_effects[k]))
        throw InputError(toml_position(file, *estimation->get("fixed_effects")->as_array()->get(k), "fixed_effects"),
                         fmt::format("unknown fixed effect '{}' (expected exporter, importer, exporter-year, "
                                     "importer-year or pair)",
                                     e.fixed_effects[k]));
    if (auto cluster = name_key(*estimation, "cluster", file)) {
      if (*cluster != "pair" && *cluster != "none")
        throw InputError(toml_position(file, *estimation->get("cluster"), "cluster"), "expected \"pair\" or \"none\"");
      e.cluster_by_pair = *cluster == "pair";
    }
    if (auto tol = toml_number(*estimation, "tolerance", file)) {
      if (!(*tol > 0 && *tol < 1))
        throw InputError(toml_position(file, *estimation->get("tolerance"), "tolerance"),
                         "expected a number in (0, 1)");
      e.tolerance = *tol;
    }
    model.estimation = e;
  } else {
    for (const auto& [key, node] : *coefficients) {
      const std::string name(key.str());
      if (!node.is_number() || !std::isfinite(*node.value<double>()) || std::abs(*node.value<double>()) > 1e6)
        throw InputError(toml_position(file, node, name), "expected a finite coefficient within [-1e6, 1e6]");
      model.coefficients[name] = *node.value<double>();
      if (name != "constant") want(name, node, name);
    }
    if (model.coefficients.empty())
      throw InputError(toml_position(file, *coefficients, "coefficients"), "no coefficients given");
  }

  const toml::table* ge = toml_table(root, "ge", file);
  if (!ge) throw InputError(toml_position(file, root, "ge"), "missing the [ge] table (sigma, reference, ...)");
  check_toml_keys(*ge, {"year", "sigma", "reference", "closure", "tolerance", "max_rounds", "reference_expenditure"},
                  file);
  model.ge_position =
      ge->get("closure") ? toml_position(file, *ge->get("closure"), "closure") : toml_position(file, *ge, "ge");
  const auto sigma = toml_number(*ge, "sigma", file);
  if (!sigma || !(*sigma > 1 && *sigma <= 50))
    throw InputError(
        toml_position(file, ge->get("sigma") ? *ge->get("sigma") : static_cast<const toml::node&>(*ge), "sigma"),
        "expected sigma, the elasticity of substitution, in (1, 50]");
  model.sigma = *sigma;
  const auto reference = name_key(*ge, "reference", file);
  if (!reference) throw InputError(toml_position(file, *ge, "reference"), "missing the reference country (its P is 1)");
  model.reference = *reference;
  if (auto closure = name_key(*ge, "closure", file)) {
    if (*closure == "geppml")
      model.closure = Closure::geppml;
    else if (*closure == "hat")
      model.closure = Closure::hat;
    else if (*closure == "one_step")
      model.closure = Closure::one_step;
    else
      throw InputError(toml_position(file, *ge->get("closure"), "closure"),
                       "expected \"geppml\", \"hat\" or \"one_step\"");
  }
  if (auto e = name_key(*ge, "reference_expenditure", file)) {
    if (*e == "fitted")
      model.reference_expenditure = ReferenceExpenditure::fitted;
    else if (*e == "phi_output")
      model.reference_expenditure = ReferenceExpenditure::phi_output;
    else
      throw InputError(toml_position(file, *ge->get("reference_expenditure"), "reference_expenditure"),
                       "expected \"fitted\" or \"phi_output\"");
  }
  if (auto tol = toml_number(*ge, "tolerance", file)) {
    if (!(*tol > 0 && *tol < 1))
      throw InputError(toml_position(file, *ge->get("tolerance"), "tolerance"), "expected a number in (0, 1)");
    model.tolerance = *tol;
  }
  if (auto rounds = toml_number(*ge, "max_rounds", file)) {
    if (!(*rounds >= 1 && *rounds <= 100000 && *rounds == std::floor(*rounds)))
      throw InputError(toml_position(file, *ge->get("max_rounds"), "max_rounds"),
                       "expected a whole number in [1, 100000]");
    model.max_rounds = static_cast<int>(*rounds);
  }
  if (auto year = toml_number(*ge, "year", file)) {
    if (*year != std::floor(*year) || std::abs(*year) > 1e9)
      throw InputError(toml_position(file, *ge->get("year"), "year"), "expected a whole year");
    model.year = static_cast<std::int64_t>(*year);
  }
  if (model.closure == Closure::geppml && !model.output_column.empty())
    throw InputError(toml_position(file, *ge, "closure"),
                     "the geppml closure uses the flows' own totals; drop [data] output/expenditure or choose "
                     "closure = \"hat\" or \"one_step\"");

  const toml::table* cf = toml_table(root, "counterfactual", file);
  if (!cf) throw InputError(toml_position(file, root, "counterfactual"), "missing the [counterfactual] table");
  check_toml_keys(*cf, {"set", "pairs", "tariff_percent", "tariff_exponent"}, file);
  if (const toml::table* set = toml_table(*cf, "set", file)) {
    for (const auto& [key, node] : *set) {
      const std::string name(key.str());
      if (!node.is_number() || !std::isfinite(*node.value<double>()) || std::abs(*node.value<double>()) > 1e15)
        throw InputError(toml_position(file, node, name), "expected a finite number");
      model.counterfactual.set[name] = *node.value<double>();
      const bool in_cost = model.estimation
                               ? std::count(model.estimation->terms.begin(), model.estimation->terms.end(), name) ||
                                     name == model.estimation->offset
                               : model.coefficients.count(name);
      if (!in_cost)
        throw InputError(toml_position(file, node, name), fmt::format("'{}' is not a term of the trade costs", name));
    }
  }
  if (auto tariff = toml_number(*cf, "tariff_percent", file)) {
    if (!(*tariff > -100 && *tariff <= 1000))
      throw InputError(toml_position(file, *cf->get("tariff_percent"), "tariff_percent"),
                       "expected a tariff in (-100, 1000] percent");
    model.counterfactual.tariff_percent = *tariff;
  }
  if (auto exponent = toml_number(*cf, "tariff_exponent", file)) {
    if (!(*exponent >= -50 && *exponent <= 0))
      throw InputError(toml_position(file, *cf->get("tariff_exponent"), "tariff_exponent"),
                       "expected a number in [-50, 0]");
    if (model.counterfactual.tariff_percent == 0)
      throw InputError(toml_position(file, *cf->get("tariff_exponent"), "tariff_exponent"),
                       "given without tariff_percent");
    model.counterfactual.tariff_exponent = *exponent;
  }
  std::vector<std::pair<std::string, SourcePosition>> pair_names;
  if (const toml::node* pairs = cf->get("pairs")) {
    const toml::array* array = pairs->as_array();
    if (!array)
      throw InputError(toml_position(file, *pairs, "pairs"), "expected an array of [exporter, importer] pairs");
    for (const toml::node& item : *array) {
      const toml::array* pair = item.as_array();
      if (!pair || pair->size() != 2 || !pair->get(0)->is_string() || !pair->get(1)->is_string())
        throw InputError(toml_position(file, item, "pairs"), "expected [\"EXPORTER\", \"IMPORTER\"]");
      model.counterfactual.pairs.emplace_back(*pair->get(0)->value<std::string>(), *pair->get(1)->value<std::string>());
      pair_names.emplace_back(model.counterfactual.pairs.back().first, toml_position(file, item, "pairs"));
      pair_names.emplace_back(model.counterfactual.pairs.back().second, toml_position(file, item, "pairs"));
    }
  }
  if (model.counterfactual.set.empty() && model.counterfactual.tariff_percent == 0)
    throw InputError(toml_position(file, *cf, "counterfactual"),
                     "the counterfactual changes nothing (give set or tariff_percent)");

  const auto flows = name_key(*data, "flows", file);
  if (!flows) throw InputError(toml_position(file, *data, "flows"), "missing the flows CSV (flows = \"FILE.csv\")");
  const fs::path flows_path = model_file.parent_path() / *flows;
  std::error_code ec;
  if (!fs::is_regular_file(flows_path, ec))
    throw InputError(toml_position(file, *data->get("flows"), "flows"),
                     fmt::format("no such file: {}", flows_path.string()));
  model.data = read_flows(flows_path, wanted);

  // Names the data must know.
  const auto& countries = model.data.countries;
  if (!std::binary_search(countries.begin(), countries.end(), model.reference))
    throw InputError(toml_position(file, *ge->get("reference"), "reference"),
                     fmt::format("no country '{}' in {}", model.reference, model.data.file));
  for (const auto& [name, where] : pair_names)
    if (!std::binary_search(countries.begin(), countries.end(), name))
      throw InputError(where, fmt::format("no country '{}' in {}", name, model.data.file));
  if (model.year && !std::binary_search(model.data.years.begin(), model.data.years.end(), *model.year))
    throw InputError(toml_position(file, *ge->get("year"), "year"),
                     fmt::format("no flows in year {} in {}", *model.year, model.data.file));
  return model;
}

PpmlProblem ppml_problem(const GeModel& model) {
  const GravityData& d = model.data;
  const EstimationSettings& e = *model.estimation;
  const std::size_t n = d.trade.size(), nc = d.countries.size(), ny = d.years.size();
  PpmlProblem p;
  p.y = d.trade;
  p.terms = e.terms;
  for (const auto& term : e.terms) p.regressors.push_back(d.columns.at(term));
  if (!e.offset.empty()) p.offset = d.columns.at(e.offset);
  p.tolerance = e.tolerance;
  for (const auto& name : e.fixed_effects) {
    FixedEffect fe;
    fe.name = name;
    fe.group.resize(n);
    for (std::size_t o = 0; o < n; ++o) {
      if (name == "exporter")
        fe.group[o] = d.exporter[o];
      else if (name == "importer")
        fe.group[o] = d.importer[o];
      else if (name == "exporter-year")
        fe.group[o] = d.exporter[o] * ny + d.year[o];
      else if (name == "importer-year")
        fe.group[o] = d.importer[o] * ny + d.year[o];
      else
        fe.group[o] = d.exporter[o] * nc + d.importer[o];
    }
    fe.groups = name == "pair" ? nc * nc : nc * ny;
    p.fixed_effects.push_back(std::move(fe));
  }
  if (e.cluster_by_pair) {
    p.cluster.resize(n);
    for (std::size_t o = 0; o < n; ++o) p.cluster[o] = d.exporter[o] * nc + d.importer[o];
  }
  return p;
}

GeRun run_ge(const GeModel& model) {
  const GravityData& d = model.data;
  const std::size_t nc = d.countries.size();
  GeRun run;
  std::vector<double> pair_effect;  // log, per pair, when the estimation has pair effects
  if (model.estimation) {
    try {
      run.ppml = estimate_ppml(ppml_problem(model));
    } catch (const UsageError& e) {  // collinear regressors: the model file asked for them
      throw InputError(model.estimation_position, e.what());
    }
    if (!run.ppml->converged)
      throw InputError(model.estimation_position,
                       fmt::format("PPML did not converge in {} steps", run.ppml->iterations));
    run.terms = run.ppml->terms;
    run.beta = run.ppml->beta;
    run.std_error = run.ppml->std_error;
    const auto& fes = model.estimation->fixed_effects;
    for (std::size_t f = 0; f < fes.size(); ++f)
      if (fes[f] == "pair") pair_effect = run.ppml->fixed_effects[f];
  } else {
    for (const auto& [name, value] : model.coefficients) {
      run.terms.push_back(name);
      run.beta.push_back(value);
      run.std_error.push_back(std::numeric_limits<double>::quiet_NaN());
    }
  }
  const std::int64_t year = model.year.value_or(d.years.back());
  const auto year_index =
      static_cast<std::uint32_t>(std::lower_bound(d.years.begin(), d.years.end(), year) - d.years.begin());
  GeInputs& in = run.inputs;
  in.countries = d.countries;
  in.reference = std::lower_bound(d.countries.begin(), d.countries.end(), model.reference) - d.countries.begin();
  in.sigma = model.sigma;
  in.closure = model.closure;
  in.reference_expenditure = model.reference_expenditure;
  in.tolerance = model.tolerance;
  in.max_rounds = model.max_rounds;
  in.present.assign(nc * nc, false);
  in.trade.assign(nc * nc, 0.0);
  in.cost_baseline.assign(nc * nc, 0.0);
  in.cost_counterfactual.assign(nc * nc, 0.0);
  if (!model.output_column.empty()) {
    in.supplied_output.assign(nc, 0.0);
    in.supplied_expenditure.assign(nc, 0.0);
  }
  std::set<std::pair<std::string, std::string>> selected(model.counterfactual.pairs.begin(),
                                                         model.counterfactual.pairs.end());
  const double tariff_factor = std::pow(1.0 + model.counterfactual.tariff_percent / 100.0,
                                        model.counterfactual.tariff_exponent.value_or(-model.sigma));
  for (std::size_t o = 0; o < d.trade.size(); ++o) {
    if (d.year[o] != year_index) continue;
    const std::size_t i = d.exporter[o], j = d.importer[o], c = i * nc + j;
    double log_cost = 0, log_cost_after = 0;
    for (std::size_t k = 0; k < run.terms.size(); ++k) {
      if (!std::isfinite(run.beta[k])) continue;  // omitted
      const std::string& term = run.terms[k];
      const double x = term == "constant" ? 1.0 : d.columns.at(term)[o];
      log_cost += run.beta[k] * x;
      const bool changed = i != j && (selected.empty() || selected.count({d.countries[i], d.countries[j]}));
      const auto set = model.counterfactual.set.find(term);
      log_cost_after += run.beta[k] * (changed && set != model.counterfactual.set.end() ? set->second : x);
    }
    if (model.estimation && !model.estimation->offset.empty()) {  // part of the cost, coefficient 1
      const std::string& name = model.estimation->offset;
      const double x = d.columns.at(name)[o];
      const bool changed = i != j && (selected.empty() || selected.count({d.countries[i], d.countries[j]}));
      const auto set = model.counterfactual.set.find(name);
      log_cost += x;
      log_cost_after += changed && set != model.counterfactual.set.end() ? set->second : x;
    }
    if (!pair_effect.empty()) {
      if (run.ppml->dropped[o]) continue;  // separated: its pair has no cost estimate
      log_cost += pair_effect[c];
      log_cost_after += pair_effect[c];
    }
    const bool taxed = i != j && (selected.empty() || selected.count({d.countries[i], d.countries[j]}));
    in.present[c] = true;
    in.trade[c] = d.trade[o];
    in.cost_baseline[c] = std::exp(log_cost);
    in.cost_counterfactual[c] = std::exp(log_cost_after) * (taxed ? tariff_factor : 1.0);
    if (!in.cost_baseline[c] || !std::isfinite(in.cost_baseline[c]) || !in.cost_counterfactual[c] ||
        !std::isfinite(in.cost_counterfactual[c]))
      throw InputError({d.file, d.line[o], 1, d.countries[i]},
                       "the trade cost of this pair overflows or vanishes (exp of the fitted log cost)");
    if (!model.output_column.empty()) {
      in.supplied_output[i] = d.columns.at(model.output_column)[o];
      in.supplied_expenditure[j] = d.columns.at(model.expenditure_column)[o];
    }
  }
  try {
    run.result = solve_ge(in);
  } catch (const UsageError& e) {
    throw InputError(model.ge_position, fmt::format("in year {}: {}", year, e.what()));
  }
  if (model.closure == Closure::geppml && !run.result.converged)
    throw InputError(model.ge_position,
                     fmt::format("the GEPPML iteration did not converge in {} rounds (its price changes oscillate "
                                 "with growing amplitude in this model); closure = \"hat\" solves the full "
                                 "endowment equilibrium directly (docs/models/ge.md, \"Closures\")",
                                 run.result.rounds.empty() ? 0 : run.result.rounds.back().round));
  return run;
}

}  // namespace pivot::gravity
