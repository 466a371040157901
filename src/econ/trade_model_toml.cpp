// Loading a trade model: the TOML file and the matrix CSVs it names
// (flows, tariffs before and after, optional per-region elasticities).
// Every error names file, line, column and field.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "pivot/csv.hpp"
#include "pivot/error.hpp"
#include "pivot/trade.hpp"

namespace pivot::trade {
namespace {

namespace fs = std::filesystem;

SourcePosition at(const std::string& file, const toml::node& node, const std::string& key) {
  return {file, node.source().begin.line, node.source().begin.column, key};
}

std::string text_key(const toml::table& t, const std::string& key, const std::string& file, bool required,
                     const std::string& fallback = {}) {
  const toml::node* node = t.get(key);
  if (!node) {
    if (required) throw InputError(at(file, t, key), "missing required key (a string)");
    return fallback;
  }
  if (auto s = node->value<std::string>()) return *s;
  throw InputError(at(file, *node, key), "expected a string");
}

std::optional<double> number_key(const toml::table& t, const std::string& key, const std::string& file) {
  const toml::node* node = t.get(key);
  if (!node) return std::nullopt;
  if (!node->is_number()) throw InputError(at(file, *node, key), "expected a number");
  return *node->value<double>();
}

// Elasticity rules: Em finite < 0, Es finite >= 0, Ex > 0 (inf allowed: fixed world price),
// and no finite value beyond 1000 in size (no estimate comes near; larger ones overflow the CES powers).
void check_elasticity(const std::string& key, double value, const SourcePosition& where) {
  if (std::isfinite(value) && std::abs(value) > 1000)
    throw InputError(where, fmt::format("expected an elasticity within [-1000, 1000], found {}", value));
  if (key == "import_demand_elasticity" && !(std::isfinite(value) && value < 0))
    throw InputError(where, fmt::format("expected a finite number < 0, found {}", value));
  if (key == "substitution_elasticity" && !(std::isfinite(value) && value >= 0))
    throw InputError(where, fmt::format("expected a finite number >= 0, found {}", value));
  if (key == "export_supply_elasticity" && !(value > 0))
    throw InputError(where, fmt::format("expected a number > 0 (or inf), found {}", value));
}

const char* const kElasticityKeys[] = {"import_demand_elasticity", "export_supply_elasticity",
                                       "substitution_elasticity"};

struct Cell {
  double value;
  CsvField field;
};

// One matrix CSV: (product, exporter, importer) -> value, keeping positions.
struct Matrix {
  std::string file;
  std::vector<std::string> products;                               // first-appearance order
  std::map<std::string, std::vector<std::string>> exporters;       // per product, row order
  std::vector<std::string> importers;                              // header order
  std::map<std::tuple<std::string, std::string, std::string>, Cell> cells;
  std::size_t header_line = 1;
};

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

Matrix read_matrix(const fs::path& path, const std::string& what) {
  const CsvTable table = read_csv_file(path);
  Matrix m;
  m.file = path.string();
  if (table.rows.empty()) throw InputError({m.file, 1, 1, what}, "empty file; expected a header 'exporter,<importers...>'");
  const CsvRow& header = table.rows.front();
  m.header_line = header.line;
  const bool by_product = !header.fields.empty() && trimmed(header.fields[0].text) == "product";
  const std::size_t first = by_product ? 2 : 1;
  const std::string expected = by_product ? "product,exporter,<importers...>" : "exporter,<importers...>";
  if (header.fields.size() <= first || trimmed(header.fields[first - 1].text) != "exporter")
    throw InputError({m.file, header.line, 1, what}, fmt::format("expected a header '{}'", expected));
  std::set<std::string> seen;
  for (std::size_t c = first; c < header.fields.size(); ++c) {
    const std::string name = trimmed(header.fields[c].text);
    if (name.empty() || !seen.insert(name).second)
      throw InputError({m.file, header.line, header.fields[c].column, what},
                       name.empty() ? "empty importer name" : fmt::format("importer '{}' appears twice", name));
    m.importers.push_back(name);
  }
  std::set<std::pair<std::string, std::string>> rows_seen;
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const CsvRow& row = table.rows[i];
    if (row.fields.size() != header.fields.size())
      throw InputError({m.file, row.line, 1, what}, fmt::format("expected {} fields like the header, found {}",
                                                                header.fields.size(), row.fields.size()));
    const std::string product = by_product ? trimmed(row.fields[0].text) : std::string("all");
    const std::string exporter = trimmed(row.fields[first - 1].text);
    if (product.empty()) throw InputError({m.file, row.line, row.fields[0].column, "product"}, "empty product name");
    if (exporter.empty())
      throw InputError({m.file, row.line, row.fields[first - 1].column, "exporter"}, "empty exporter name");
    if (!rows_seen.insert({product, exporter}).second)
      throw InputError({m.file, row.line, row.fields[first - 1].column, "exporter"},
                       fmt::format("exporter '{}' appears twice for product '{}'", exporter, product));
    if (!m.exporters.count(product)) m.products.push_back(product);
    m.exporters[product].push_back(exporter);
    for (std::size_t c = first; c < row.fields.size(); ++c) {
      const double value = parse_number(row.fields[c], m.file, m.importers[c - first]);
      m.cells.emplace(std::tuple{product, exporter, m.importers[c - first]}, Cell{value, row.fields[c]});
    }
  }
  if (m.products.empty()) throw InputError({m.file, header.line, 1, what}, "no exporter rows");
  return m;
}

// Tariff factor from a cell in the declared form; must be finite and > 0.
double tariff_factor(const Cell& cell, bool percent, const std::string& file, const std::string& importer) {
  const double factor = percent ? 1.0 + cell.value / 100.0 : cell.value;
  if (!(factor > 0))
    throw InputError({file, cell.field.line, cell.field.column, importer},
                     percent ? fmt::format("expected a tariff in percent > -100, found {}", cell.value)
                             : fmt::format("expected a tariff factor 1 + rate > 0, found {}", cell.value));
  return factor;
}

// (product, region) -> key -> value; product "" when the file has no product
// column, region "*" for every region of that product.
using ElasticityTable = std::map<std::pair<std::string, std::string>, std::map<std::string, double>>;

ElasticityTable read_elasticities(const fs::path& path) {
  const CsvTable table = read_csv_file(path);
  const std::string file = path.string();
  ElasticityTable by_region;
  if (table.rows.empty()) throw InputError({file, 1, 1, "region"}, "empty file; expected a header '[product,]region,...'");
  const CsvRow& header = table.rows.front();
  const bool by_product = trimmed(header.fields[0].text) == "product";
  const std::size_t first = by_product ? 2 : 1;
  if (header.fields.size() < first || trimmed(header.fields[first - 1].text) != "region")
    throw InputError({file, header.line, 1, "region"}, "expected the first column 'region' (or 'product,region')");
  std::vector<std::string> keys;
  for (std::size_t c = first; c < header.fields.size(); ++c) {
    const std::string key = trimmed(header.fields[c].text);
    bool known = false;
    for (const char* k : kElasticityKeys) known = known || key == k;
    if (!known)
      throw InputError({file, header.line, header.fields[c].column, key},
                       "expected import_demand_elasticity, export_supply_elasticity or substitution_elasticity");
    keys.push_back(key);
  }
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const CsvRow& row = table.rows[i];
    if (row.fields.size() != header.fields.size())
      throw InputError({file, row.line, 1, "region"}, "expected as many fields as the header");
    const std::string product = by_product ? trimmed(row.fields[0].text) : std::string();
    const std::string region = trimmed(row.fields[first - 1].text);
    if (by_product && product.empty())
      throw InputError({file, row.line, row.fields[0].column, "product"}, "empty product name");
    if (region.empty() || by_region.count({product, region}))
      throw InputError({file, row.line, row.fields[first - 1].column, "region"},
                       region.empty() ? "empty region name" : fmt::format("region '{}' appears twice", region));
    auto& values = by_region[{product, region}];
    for (std::size_t c = first; c < row.fields.size(); ++c) {
      const std::string cell = trimmed(row.fields[c].text);
      if (cell.empty()) continue;  // blank: the next rule applies
      const SourcePosition where{file, row.line, row.fields[c].column, keys[c - first]};
      double value = (cell == "inf" || cell == "+inf") ? std::numeric_limits<double>::infinity()
                                                       : parse_number(row.fields[c], file, keys[c - first]);
      check_elasticity(keys[c - first], value, where);
      values[keys[c - first]] = value;
    }
  }
  return by_region;
}

}  // namespace

TradeModel load_trade_model(const fs::path& path) {
  const std::string file = path.string();
  toml::table root;
  try {
    root = toml::parse(read_text_file(path), file);
  } catch (const toml::parse_error& e) {
    throw InputError({file, e.source().begin.line, e.source().begin.column, ""}, std::string(e.description()));
  }
  static const std::set<std::string> known = {
      "model", "importer", "solver", "currency", "flows", "tariffs_before", "tariffs_after", "tariff_form",
      "elasticities", "import_demand_elasticity", "export_supply_elasticity", "substitution_elasticity",
      "title", "description", "as_of", "sources"};
  for (const auto& [key, node] : root)
    if (!known.count(std::string(key.str())))
      throw InputError({file, key.source().begin.line, key.source().begin.column, std::string(key.str())},
                       "unknown key");

  TradeModel model;
  model.file = file;
  model.model = text_key(root, "model", file, false, "gsim");
  if (model.model != "gsim" && model.model != "smart")
    throw InputError(at(file, *root.get("model"), "model"), "expected \"gsim\" or \"smart\"");
  if (model.model == "smart") model.smart_importer = text_key(root, "importer", file, true);
  const std::string solver = text_key(root, "solver", file, false, "nonlinear");
  if (solver != "nonlinear" && solver != "linear")
    throw InputError(at(file, *root.get("solver"), "solver"), "expected \"nonlinear\" or \"linear\"");
  model.report = solver == "linear" ? Solver::linear : Solver::nonlinear;
  model.currency = text_key(root, "currency", file, false);
  model.title = text_key(root, "title", file, false);
  model.description = text_key(root, "description", file, false);
  const std::string form = text_key(root, "tariff_form", file, false, "factor");
  if (form != "factor" && form != "percent")
    throw InputError(at(file, *root.get("tariff_form"), "tariff_form"), "expected \"factor\" or \"percent\"");
  const bool percent = form == "percent";

  std::map<std::string, double> scalars;
  for (const char* key : kElasticityKeys)
    if (auto value = number_key(root, key, file)) {
      check_elasticity(key, *value, at(file, *root.get(key), key));
      scalars[key] = *value;
    }

  const fs::path dir = path.parent_path();
  // A file the model names must exist: the error points at the key that names it.
  auto resolve = [&](const std::string& key) {
    const fs::path named = dir / text_key(root, key, file, true);
    std::error_code ec;
    if (!fs::is_regular_file(named, ec))
      throw InputError(at(file, *root.get(key), key), fmt::format("no such file: {}", named.string()));
    return named;
  };
  const Matrix flows = read_matrix(resolve("flows"), "flows");
  const Matrix before = read_matrix(resolve("tariffs_before"), "tariffs_before");
  const Matrix after = read_matrix(resolve("tariffs_after"), "tariffs_after");
  ElasticityTable table;
  if (root.get("elasticities")) table = read_elasticities(resolve("elasticities"));

  // Most specific first: this product and region, this product for every
  // region, the region for every product, then the scalar.
  auto elasticity = [&](const std::string& product, const std::string& region, const char* key) {
    for (const auto& at_key : {std::pair{product, region}, std::pair{product, std::string("*")},
                               std::pair{std::string(), region}})
      if (auto it = table.find(at_key); it != table.end())
        if (auto v = it->second.find(key); v != it->second.end()) return v->second;
    if (auto s = scalars.find(key); s != scalars.end()) return s->second;
    throw InputError(at(file, root, key), fmt::format("no value for region '{}': set the scalar or give it in the "
                                                      "elasticities table",
                                                      region));
  };

  // Every tariff cell must match a flow cell and the other way round.
  for (const Matrix* tariffs : {&before, &after}) {
    for (const auto& [key, cell] : tariffs->cells)
      if (!flows.cells.count(key))
        throw InputError({tariffs->file, cell.field.line, cell.field.column, std::get<2>(key)},
                         fmt::format("no flow for product '{}', exporter '{}', importer '{}' in {}", std::get<0>(key),
                                     std::get<1>(key), std::get<2>(key), flows.file));
    for (const auto& [key, cell] : flows.cells)
      if (!tariffs->cells.count(key))
        throw InputError({tariffs->file, tariffs->header_line, 1, std::get<2>(key)},
                         fmt::format("missing the tariff for product '{}', exporter '{}', importer '{}' (see {}:{})",
                                     std::get<0>(key), std::get<1>(key), std::get<2>(key), flows.file,
                                     cell.field.line));
  }

  for (const auto& product : flows.products) {
    Market market;
    market.product = product;
    market.exporters = flows.exporters.at(product);
    market.importers = flows.importers;
    if (model.model == "smart") {
      // SMART: one importing market; every exporter supplies only it.
      if (std::find(market.importers.begin(), market.importers.end(), model.smart_importer) == market.importers.end())
        throw InputError(at(file, *root.get("importer"), "importer"),
                         fmt::format("'{}' is not an importer in {}", model.smart_importer, flows.file));
      market.importers = {model.smart_importer};
    }
    for (const auto& e : market.exporters)
      for (const auto& i : market.importers) {
        const auto key = std::tuple{product, e, i};
        const Cell& flow = flows.cells.at(key);
        if (flow.value < 0)
          throw InputError({flows.file, flow.field.line, flow.field.column, i},
                           fmt::format("expected a trade value >= 0, found {}", flow.value));
        market.flows.push_back(flow.value);
        market.tariffs_before.push_back(tariff_factor(before.cells.at(key), percent, before.file, i));
        market.tariffs_after.push_back(tariff_factor(after.cells.at(key), percent, after.file, i));
      }
    for (const auto& e : market.exporters)
      market.exporter_elasticities.push_back({-1, elasticity(product, e, "export_supply_elasticity"), 0});
    for (const auto& i : market.importers)
      market.importer_elasticities.push_back(
          {elasticity(product, i, "import_demand_elasticity"), 1, elasticity(product, i, "substitution_elasticity")});
    validate_market(market, file);
    model.markets.push_back(std::move(market));
  }
  return model;
}

}  // namespace pivot::trade
