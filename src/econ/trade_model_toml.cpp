// Loading a trade model: the TOML file and the matrix CSVs it names
// (flows, tariffs before and after, optional per-region elasticities).
// Every error names file, line, column and field.
#include <fmt/format.h>

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <array>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/scenario/toml_reader.hpp"
#include "trade_matrix_csv.hpp"

namespace pivot::trade {
namespace {

constexpr double kMaxTradeValue = 1e15;

namespace fs = std::filesystem;
using detail::CellIndex;
using detail::first_missing_cell;
using detail::ProductRows;
using detail::read_trade_matrix;
using detail::TradeMatrix;

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

// A tariff factor 1 + rate from a cell in the declared form.
double tariff_factor(double value, bool percent) { return percent ? 1.0 + value / 100.0 : value; }

[[noreturn]] void bad_tariff(double value, bool percent, const SourcePosition& where) {
  throw InputError(where, percent ? fmt::format("expected a tariff in percent > -100, found {}", value)
                                  : fmt::format("expected a tariff factor 1 + rate > 0, found {}", value));
}

// (product, region) -> key -> value; product "" when the file has no product
// column, region "*" for every region of that product.
using ElasticityTable = std::map<std::pair<std::string, std::string>, std::map<std::string, double>>;

ElasticityTable read_elasticities(const fs::path& path) {
  const CsvTable table = read_csv_file(path);
  const std::string file = path.string();
  ElasticityTable by_region;
  if (table.rows.empty())
    throw InputError({file, 1, 1, "region"}, "empty file; expected a header '[product,]region,...'");
  const CsvRow& header = table.rows.front();
  const bool by_product = without_blanks(header.fields[0].text) == "product";
  const std::size_t first = by_product ? 2 : 1;
  if (header.fields.size() < first || without_blanks(header.fields[first - 1].text) != "region")
    throw InputError({file, header.line, 1, "region"}, "expected the first column 'region' (or 'product,region')");
  std::vector<std::string> keys;
  for (std::size_t c = first; c < header.fields.size(); ++c) {
    const std::string key(without_blanks(header.fields[c].text));
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
    const std::string product(by_product ? without_blanks(row.fields[0].text) : std::string_view());
    const std::string region(without_blanks(row.fields[first - 1].text));
    if (by_product && product.empty())
      throw InputError({file, row.line, row.fields[0].column, "product"}, "empty product name");
    if (region.empty() || by_region.count({product, region}))
      throw InputError({file, row.line, row.fields[first - 1].column, "region"},
                       region.empty() ? "empty region name" : fmt::format("region '{}' appears twice", region));
    auto& values = by_region[{product, region}];
    for (std::size_t c = first; c < row.fields.size(); ++c) {
      const std::string_view cell = without_blanks(row.fields[c].text);
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

struct ModelFiles {
  TradeMatrix flows, before, after;
  ElasticityTable elasticities;
};

// The files a model names, read in parallel. A failure is reported as reading
// them one after the other would: the first file's error, and a file must
// exist (the error then points at the key that names it).
ModelFiles read_model_files(const toml::table& root, const std::string& file, const fs::path& dir) {
  auto resolve = [&](const std::string& key) {
    const fs::path named = dir / required_toml_string(root, key, file);
    std::error_code ec;
    if (!fs::is_regular_file(named, ec))
      throw InputError(toml_position(file, *root.get(key), key), fmt::format("no such file: {}", named.string()));
    return named;
  };
  ModelFiles files;
  std::array<std::exception_ptr, 4> failed;
  auto attempt = [&](std::size_t slot, const std::function<void()>& read) {
    try {
      read();
    } catch (...) {
      failed[slot] = std::current_exception();
    }
  };
  tbb::parallel_invoke(
      [&] { attempt(0, [&] { files.flows = read_trade_matrix(resolve("flows"), "flows"); }); },
      [&] { attempt(1, [&] { files.before = read_trade_matrix(resolve("tariffs_before"), "tariffs_before"); }); },
      [&] { attempt(2, [&] { files.after = read_trade_matrix(resolve("tariffs_after"), "tariffs_after"); }); },
      [&] {
        if (root.get("elasticities"))
          attempt(3, [&] { files.elasticities = read_elasticities(resolve("elasticities")); });
      });
  for (const auto& error : failed)
    if (error) std::rethrow_exception(error);
  return files;
}

// Every tariff cell must match a flow cell and the other way round; the first
// gap by (product, exporter, importer) names is reported.
void check_same_cells(const TradeMatrix& flows, const TradeMatrix& tariffs) {
  if (auto cell = first_missing_cell(tariffs, flows))
    throw InputError(
        tariffs.position(*cell),
        fmt::format("no flow for product '{}', exporter '{}', importer '{}' in {}", tariffs.products[cell->product],
                    tariffs.rows[cell->product].exporters[cell->row], tariffs.importers[cell->column], flows.file));
  if (auto cell = first_missing_cell(flows, tariffs))
    throw InputError(
        {tariffs.file, tariffs.header_line, 1, flows.importers[cell->column]},
        fmt::format("missing the tariff for product '{}', exporter '{}', importer '{}' (see {}:{})",
                    flows.products[cell->product], flows.rows[cell->product].exporters[cell->row],
                    flows.importers[cell->column], flows.file, flows.rows[cell->product].places[cell->row].line));
}

enum ElasticityKey : std::size_t { kImportDemand = 0, kExportSupply = 1, kSubstitution = 2 };  // kElasticityKeys order

// Elasticities by product and region, most specific first: this product and
// region, this product for every region ("*"), the region for every product,
// then the scalar. Products the table does not name skip the first two.
class ElasticityLookup {
 public:
  ElasticityLookup(const ElasticityTable& table, const std::map<std::string, double>& scalars, const toml::table& root,
                   const std::string& file)
      : table_(table), scalars_(scalars), root_(root), file_(file) {
    for (const auto& [at_key, values] : table)
      if (!at_key.first.empty()) products_.insert(at_key.first);
  }

  double operator()(const std::string& product, const std::string& region, ElasticityKey key) const {
    const char* name = kElasticityKeys[key];
    auto in_table = [&](const std::string& p, const std::string& r) -> const double* {
      if (auto it = table_.find({p, r}); it != table_.end())
        if (auto v = it->second.find(name); v != it->second.end()) return &v->second;
      return nullptr;
    };
    if (products_.count(product))
      for (const std::string& r : {region, std::string("*")})
        if (const double* v = in_table(product, r)) return *v;
    if (!table_.empty())
      if (const double* v = in_table(std::string(), region)) return *v;
    if (auto s = scalars_.find(name); s != scalars_.end()) return s->second;
    throw InputError(toml_position(file_, root_, name),
                     fmt::format("no value for region '{}': set the scalar or give it in "
                                 "the elasticities table",
                                 region));
  }

 private:
  const ElasticityTable& table_;
  const std::map<std::string, double>& scalars_;
  const toml::table& root_;
  const std::string& file_;
  std::set<std::string> products_;
};

// One file's cells for one market, read through row and column maps from the
// file's block of that product (the files may order exporters and importers
// differently) and written in the market's order. A block already in the
// market's order becomes the market's vector and is converted in place.
struct CellSource {
  TradeMatrix* matrix;
  std::size_t product;
  std::vector<std::size_t> rows;     // block row of each market exporter
  std::vector<std::size_t> columns;  // block column of each market importer
  std::vector<double> out;           // the market's vector
  const double* block = nullptr;

  CellIndex cell(std::size_t r, std::size_t v) const { return {product, rows[r], columns[v]}; }
  double at(std::size_t r, std::size_t v) const { return block[rows[r] * matrix->importers.size() + columns[v]]; }
};

CellSource cell_source(TradeMatrix& m, const TradeMatrix& flows, std::size_t k,
                       const std::vector<std::size_t>& flow_columns) {
  CellSource s{&m, &m == &flows ? k : m.product_of.at(flows.products[k]), {}, {}, {}, nullptr};
  ProductRows& theirs = m.rows[s.product];
  const ProductRows& ours = flows.rows[k];
  const bool same_rows = ours.exporters == theirs.exporters;
  for (std::size_t r = 0; r < ours.exporters.size(); ++r)
    s.rows.push_back(same_rows ? r : theirs.row_of.at(ours.exporters[r]));
  bool same_columns = flow_columns.size() == m.importers.size();
  for (std::size_t v = 0; v < flow_columns.size(); ++v) {
    s.columns.push_back(m.column_of.at(flows.importers[flow_columns[v]]));
    same_columns = same_columns && s.columns.back() == v;
  }
  if (same_rows && same_columns) {
    s.out = std::move(theirs.values);
    s.block = s.out.data();
  } else {
    s.block = theirs.values.data();
    s.out.resize(ours.exporters.size() * flow_columns.size());
  }
  return s;
}

// Product k of the flows as a Market, checking each cell in the order flow,
// tariff before, tariff after; the product's blocks in the files are used up.
Market build_market(ModelFiles& files, std::size_t k, const TradeModel& model, bool percent,
                    const ElasticityLookup& elasticity) {
  const TradeMatrix& flows = files.flows;
  Market market;
  market.product = flows.products[k];
  market.exporters = flows.rows[k].exporters;
  std::vector<std::size_t> columns;  // the market's importers among the flows' columns
  if (model.model == "smart") {
    // SMART: one importing market; every exporter supplies only it.
    market.importers = {model.smart_importer};
    columns = {flows.column_of.at(model.smart_importer)};
  } else {
    market.importers = flows.importers;
    columns.resize(flows.importers.size());
    std::iota(columns.begin(), columns.end(), std::size_t{0});
  }
  CellSource flow = cell_source(files.flows, flows, k, columns);
  CellSource before = cell_source(files.before, flows, k, columns);
  CellSource after = cell_source(files.after, flows, k, columns);
  auto factor = [&](const CellSource& t, std::size_t r, std::size_t v) {
    const double value = t.at(r, v);
    const double f = tariff_factor(value, percent);
    if (!(f > 0)) bad_tariff(value, percent, t.matrix->position(t.cell(r, v)));
    return f;
  };
  for (std::size_t r = 0, c = 0; r < market.exporters.size(); ++r)
    for (std::size_t v = 0; v < columns.size(); ++v, ++c) {
      const double value = flow.at(r, v);
      // World trade is about 3e13 dollars a year; far larger values make the solver's
      // sums overflow (the trade_matrix fuzz target found a flow of 1e308 that never solved).
      if (value < 0)
        throw InputError(flows.position(flow.cell(r, v)), fmt::format("expected a trade value >= 0, found {}", value));
      if (value > kMaxTradeValue)
        throw InputError(flows.position(flow.cell(r, v)),
                         fmt::format("expected a trade value of at most 1e15, found {}", value));
      flow.out[c] = value;
      before.out[c] = factor(before, r, v);
      after.out[c] = factor(after, r, v);
    }
  for (CellSource* source : {&flow, &before, &after})
    std::vector<double>().swap(source->matrix->rows[source->product].values);  // if not moved: one copy in memory
  market.flows = std::move(flow.out);
  market.tariffs_before = std::move(before.out);
  market.tariffs_after = std::move(after.out);
  for (const auto& e : market.exporters)
    market.exporter_elasticities.push_back({-1, elasticity(market.product, e, kExportSupply), 0});
  for (const auto& i : market.importers)
    market.importer_elasticities.push_back(
        {elasticity(market.product, i, kImportDemand), 1, elasticity(market.product, i, kSubstitution)});
  return market;
}

// Every product's market, built in parallel into its own slot; the error
// reported is the first product's, as building them in order would find.
std::vector<Market> build_markets(ModelFiles& files, const TradeModel& model, bool percent,
                                  const ElasticityLookup& elasticity) {
  const std::size_t products = files.flows.products.size();
  std::vector<Market> markets(products);
  std::vector<std::exception_ptr> failed(products);
  tbb::parallel_for(std::size_t{0}, products, [&](std::size_t k) {
    try {
      markets[k] = build_market(files, k, model, percent, elasticity);
      validate_market(markets[k], model.file);
    } catch (...) {
      failed[k] = std::current_exception();
    }
  });
  for (const auto& error : failed)
    if (error) std::rethrow_exception(error);
  return markets;
}

// The keys that name data files, the required ones first.
const char* const kDataFileKeys[] = {"flows", "tariffs_before", "tariffs_after", "elasticities"};

}  // namespace

std::vector<fs::path> trade_model_data_files(const fs::path& path) {
  const toml::table root = read_toml_file(path);
  std::vector<fs::path> files;
  for (const char* key : kDataFileKeys)
    if (auto name = toml_string(root, key, path.string())) files.push_back(path.parent_path() / *name);
  return files;
}

TradeModel load_trade_model(const fs::path& path) {
  const std::string file = path.string();
  const toml::table root = read_toml_file(path);
  check_toml_keys(root,
                  {"model", "importer", "solver", "currency", "flows", "tariffs_before", "tariffs_after", "tariff_form",
                   "elasticities", "import_demand_elasticity", "export_supply_elasticity", "substitution_elasticity",
                   "title", "description", "as_of", "sources"},
                  file);

  TradeModel model;
  model.file = file;
  model.model = toml_string(root, "model", file).value_or("gsim");
  if (model.model != "gsim" && model.model != "smart")
    throw InputError(toml_position(file, *root.get("model"), "model"), "expected \"gsim\" or \"smart\"");
  if (model.model == "smart") model.smart_importer = required_toml_string(root, "importer", file);
  const std::string solver = toml_string(root, "solver", file).value_or("nonlinear");
  if (solver != "nonlinear" && solver != "linear")
    throw InputError(toml_position(file, *root.get("solver"), "solver"), "expected \"nonlinear\" or \"linear\"");
  model.report = solver == "linear" ? Solver::linear : Solver::nonlinear;
  model.currency = toml_string(root, "currency", file).value_or("");
  model.title = toml_string(root, "title", file).value_or("");
  model.description = toml_string(root, "description", file).value_or("");
  const std::string form = toml_string(root, "tariff_form", file).value_or("factor");
  if (form != "factor" && form != "percent")
    throw InputError(toml_position(file, *root.get("tariff_form"), "tariff_form"),
                     "expected \"factor\" or \"percent\"");
  const bool percent = form == "percent";

  std::map<std::string, double> scalars;
  for (const char* key : kElasticityKeys)
    if (auto value = toml_number(root, key, file, "", Infinity::allowed)) {
      check_elasticity(key, *value, toml_position(file, *root.get(key), key));
      scalars[key] = *value;
    }

  ModelFiles files = read_model_files(root, file, path.parent_path());
  for (const TradeMatrix* tariffs : {&files.before, &files.after}) check_same_cells(files.flows, *tariffs);
  const ElasticityLookup elasticities(files.elasticities, scalars, root, file);
  if (model.model == "smart" && !files.flows.column_of.count(model.smart_importer))
    throw InputError(toml_position(file, *root.get("importer"), "importer"),
                     fmt::format("'{}' is not an importer in {}", model.smart_importer, files.flows.file));
  model.markets = build_markets(files, model, percent, elasticities);
  return model;
}

}  // namespace pivot::trade
