// Partial-equilibrium trade policy model: GSIM (Francois & Hall 2003), a
// multi-region Armington model of one product market, and SMART (WITS) as its
// one-importer special case. Formulas and sources: docs/economics.md.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pivot::trade {

/// Elasticities of one region. Em < 0 applies to it as an importer (composite
/// import demand), Es > 0 to substitution between its import sources, Ex > 0
/// to it as an exporter (export supply).
struct Elasticities {
  double import_demand = -1.25;
  double export_supply = 1.5;
  double substitution = 5.0;
};

/// One product market: bilateral trade at initial world prices and bilateral
/// tariffs as power factors T = 1 + t, before and after. Matrices are row-major
/// exporters x importers.
struct Market {
  std::string product;
  std::vector<std::string> exporters;
  std::vector<std::string> importers;
  std::vector<double> flows;           // value at world prices
  std::vector<double> tariffs_before;  // power factors
  std::vector<double> tariffs_after;
  std::vector<Elasticities> exporter_elasticities;  // export_supply used
  std::vector<Elasticities> importer_elasticities;  // import_demand, substitution used

  std::size_t index(std::size_t exporter, std::size_t importer) const { return exporter * importers.size() + importer; }
};

/// Which form of the model produced a solution.
enum class Solver { linear, nonlinear };

/// One region's results in one market (money in the flows' currency units;
/// price changes as fractions, 0.01 = +1%). A region that only imports has no
/// world price change; one that only exports has no import price change.
struct RegionOutcome {
  std::string region;
  double world_price_change = 0;   // its export price, at world prices
  double import_price_change = 0;  // its composite import price, tariff included
  double producer_surplus_change = 0;
  double consumer_surplus_change = 0;
  double tariff_revenue_change = 0;
  double net_welfare_change = 0;
  double exports_before = 0;  // weights used to aggregate price changes over products
  double imports_before = 0;  // at internal (tariff-inclusive) prices
};

/// The solution of one market by one solver.
struct MarketSolution {
  Solver solver = Solver::nonlinear;
  std::vector<RegionOutcome> regions;  // in the order of region_names(market)
  std::vector<double> flows_after;     // exporters x importers, value at new world prices
  int iterations = 0;                  // Newton iterations (1 for the linear solve)
  double residual = 0;                 // largest market-clearing error relative to current supply
};

/// Both solutions of one market.
struct MarketResult {
  std::string product;
  MarketSolution linear;
  MarketSolution nonlinear;
};

/// A model file as loaded: its markets and how to report them.
struct TradeModel {
  std::string file;
  std::string model = "gsim";  // "gsim" or "smart"
  std::string smart_importer;  // for model = "smart": the one importing market kept
  Solver report = Solver::nonlinear;
  std::string currency;  // label of the flows' units, e.g. "USD million"
  std::string title;
  std::string description;
  std::vector<Market> markets;
};

/// All markets' results, in input order, plus their sum by region.
struct TradeResult {
  std::vector<MarketResult> markets;
  std::vector<RegionOutcome> total_linear;  // summed over products; prices export/import-weighted
  std::vector<RegionOutcome> total_nonlinear;
};

/// Exporters then importers not already listed: the regions a solution reports on.
std::vector<std::string> region_names(const Market& market);

/// Checks a market's shapes and values (finite, flows >= 0, T > 0, Em < 0,
/// Es >= 0, Ex > 0); throws InputError naming `file` otherwise.
void validate_market(const Market& market, const std::string& file);

/// GSIM's linearised system (Francois & Hall 2003), solved exactly with an LU
/// factorisation; welfare by the trapezoid approximations of the paper.
MarketSolution solve_linear(const Market& market);

/// The exact CES/constant-elasticity form, market clearing solved by Newton's
/// method on log world prices; welfare by exact integrals under the curves.
MarketSolution solve_nonlinear(const Market& market);

/// Both solutions of one market, sharing the factorisation of the linear
/// system (which is the levels model's Jacobian at the initial prices).
MarketResult solve_market(const Market& market);

/// Solves every market both ways, in parallel (TBB, `threads` 0 = all cores);
/// results do not depend on the number of threads.
TradeResult solve_trade(const TradeModel& model, int threads = 0);

/// Loads a TOML model file and the CSV files it names. Throws InputError.
TradeModel load_trade_model(const std::filesystem::path& path);

/// The data files a TOML model file names (flows, tariffs, elasticities), as
/// load_trade_model would read them; only the TOML file is read. Throws InputError.
std::vector<std::filesystem::path> trade_model_data_files(const std::filesystem::path& path);

/// One route's tariff in an outcome: the importer's rate on the exporter's
/// goods, in percent; `product` empty = every product of the model.
struct TariffSetting {
  std::string exporter;
  std::string importer;
  std::string product;
  double percent = 0;
};

/// Prices a tariff outcome for the games and the linkage: `region`'s totals
/// (money in the model's currency) when the model's before-tariffs are changed
/// by `outcome` (its own tariffs_after are ignored). Throws UsageError for a
/// region or route the model does not have.
RegionOutcome price_tariff_outcome(const TradeModel& model, const std::vector<TariffSetting>& outcome,
                                   const std::string& region, Solver solver = Solver::nonlinear);

/// `region`'s totals in an already solved model, by `solver`; throws UsageError if absent.
RegionOutcome region_total(const TradeResult& result, const std::string& region, Solver solver);

/// A scenario's trade models (every trade/*.toml, in name order), each solved.
struct ScenarioTrade {
  std::vector<std::string> names;  // the files' stems, e.g. "us-tariff-25-vs-15"
  std::vector<TradeModel> models;
  std::vector<TradeResult> results;
  std::optional<std::size_t> linked;  // the model [linkage] names, when it is one of them

  /// The model trade.json puts first: the linked one, else the first.
  std::size_t primary() const { return linked.value_or(0); }
};

/// Loads and solves every trade/*.toml of `scenario_directory` (none there, or
/// an empty path: no models). `linked` is [linkage]'s trade file, whose stem
/// names the primary model. Throws InputError for a bad model file.
ScenarioTrade solve_scenario_trade(const std::filesystem::path& scenario_directory, const std::string& linked,
                                   int threads = 0);

}  // namespace pivot::trade
