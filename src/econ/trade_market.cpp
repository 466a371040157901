// A product market's bookkeeping shared by the GSIM solvers: region lists,
// validation, calibration of shares, and the region rows of a solution.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "gsim_calibration.hpp"
#include "pivot/core/error.hpp"

namespace pivot::trade {

std::vector<std::string> region_names(const Market& market) {
  std::vector<std::string> names = market.exporters;
  // Views into the market's own lists, which do not move while `names` grows.
  std::unordered_set<std::string_view> seen(market.exporters.begin(), market.exporters.end());
  for (const auto& importer : market.importers)
    if (seen.insert(importer).second) names.push_back(importer);
  return names;
}

void validate_market(const Market& market, const std::string& file) {
  const std::size_t cells = market.exporters.size() * market.importers.size();
  auto fail = [&](const std::string& field, const std::string& message) {
    throw InputError({file, 0, 0, field}, fmt::format("product '{}': {}", market.product, message));
  };
  if (market.exporters.empty() || market.importers.empty())
    fail("flows", "expected at least one exporter and one importer");
  if (market.flows.size() != cells || market.tariffs_before.size() != cells || market.tariffs_after.size() != cells)
    fail("flows", "flow and tariff matrices must have the same exporters and importers");
  if (market.exporter_elasticities.size() != market.exporters.size() ||
      market.importer_elasticities.size() != market.importers.size())
    fail("elasticities", "one elasticity set per region expected");
  for (std::size_t i = 0; i < cells; ++i) {
    if (!std::isfinite(market.flows[i]) || market.flows[i] < 0) fail("flows", "flows must be finite and >= 0");
    if (!std::isfinite(market.tariffs_before[i]) || market.tariffs_before[i] <= 0 ||
        !std::isfinite(market.tariffs_after[i]) || market.tariffs_after[i] <= 0)
      fail("tariffs", "tariff factors (1 + rate) must be finite and > 0");
  }
  for (std::size_t r = 0; r < market.exporters.size(); ++r) {
    const double ex = market.exporter_elasticities[r].export_supply;
    if (std::isfinite(ex) && ex > 1000)
      fail("export_supply_elasticity",
           fmt::format("region '{}': expected Ex <= 1000 (or inf), found {}", market.exporters[r], ex));
    if (!(ex > 0) || std::isnan(ex))
      fail("export_supply_elasticity",
           fmt::format("region '{}': expected Ex > 0 (inf = fixed world price), found {}", market.exporters[r], ex));
  }
  for (std::size_t v = 0; v < market.importers.size(); ++v) {
    const auto& e = market.importer_elasticities[v];
    if (!std::isfinite(e.import_demand) || !(e.import_demand < 0))
      fail("import_demand_elasticity",
           fmt::format("region '{}': expected a finite Em < 0, found {}", market.importers[v], e.import_demand));
    if (e.import_demand < -1000 || e.substitution > 1000)
      fail("elasticities", fmt::format("region '{}': expected Em >= -1000 and Es <= 1000", market.importers[v]));
    if (!std::isfinite(e.substitution) || e.substitution < 0)
      fail("substitution_elasticity",
           fmt::format("region '{}': expected a finite Es >= 0, found {}", market.importers[v], e.substitution));
  }
}

namespace detail {

Calibration calibrate(const Market& market) {
  Calibration cal;
  cal.n = static_cast<Eigen::Index>(market.exporters.size());
  cal.m = static_cast<Eigen::Index>(market.importers.size());
  cal.value.resize(cal.n, cal.m);
  cal.tariff_after.resize(cal.n, cal.m);
  cal.tariff_ratio.resize(cal.n, cal.m);
  copy_in_tiles(Eigen::Map<const RowMajorMatrix>(market.flows.data(), cal.n, cal.m), cal.value);
  copy_in_tiles(Eigen::Map<const RowMajorMatrix>(market.tariffs_after.data(), cal.n, cal.m), cal.tariff_after);
  // T0 passes through tariff_ratio's storage: it is needed only here.
  copy_in_tiles(Eigen::Map<const RowMajorMatrix>(market.tariffs_before.data(), cal.n, cal.m), cal.tariff_ratio);
  cal.exports = cal.value.rowwise().sum();
  cal.share.resize(cal.n, cal.m);
  cal.spending.resize(cal.m);
  cal.revenue_before.resize(cal.m);
  for (Eigen::Index v = 0; v < cal.m; ++v) {
    const auto tariff_before = cal.tariff_ratio.col(v).array();
    cal.revenue_before(v) = ((tariff_before - 1) * cal.value.col(v).array()).sum();
    auto internal = cal.share.col(v);  // imports at internal prices, then their shares
    internal = cal.value.col(v).array() * tariff_before;
    cal.spending(v) = internal.sum();
    if (cal.spending(v) > 0)
      internal /= cal.spending(v);
    else
      internal.setZero();
    cal.tariff_ratio.col(v) = cal.tariff_after.col(v).array() / tariff_before;
  }
  cal.em.resize(cal.m);
  cal.es.resize(cal.m);
  for (Eigen::Index v = 0; v < cal.m; ++v) {
    cal.em(v) = market.importer_elasticities[v].import_demand;
    cal.es(v) = market.importer_elasticities[v].substitution;
  }
  // Each importer's row: a lookup by name, not a scan (n m string compares at 200 regions).
  cal.regions = region_names(market);
  std::unordered_map<std::string_view, std::size_t> row_of;
  for (std::size_t i = 0; i < cal.regions.size(); ++i) row_of.emplace(cal.regions[i], i);
  for (const auto& importer : market.importers) cal.importer_row.push_back(row_of.at(importer));
  cal.ex.resize(cal.n);
  for (Eigen::Index r = 0; r < cal.n; ++r) {
    cal.ex(r) = market.exporter_elasticities[r].export_supply;
    if (cal.exports(r) > 0 && std::isfinite(cal.ex(r))) cal.free.push_back(r);
  }
  return cal;
}

Eigen::VectorXd tariff_revenue_change(const Calibration& cal, const Eigen::MatrixXd& after) {
  Eigen::VectorXd change(cal.m);
  for (Eigen::Index v = 0; v < cal.m; ++v)
    change(v) = ((cal.tariff_after.col(v).array() - 1) * after.col(v).array()).sum() - cal.revenue_before(v);
  return change;
}

void fill_regions(const Calibration& cal, const Eigen::VectorXd& world_price_change,
                  const Eigen::VectorXd& import_price_change, const Eigen::VectorXd& producer_surplus,
                  const Eigen::VectorXd& consumer_surplus, const Eigen::MatrixXd& flows_after,
                  MarketSolution& solution) {
  const Eigen::VectorXd revenue = tariff_revenue_change(cal, flows_after);
  solution.regions.assign(cal.regions.size(), {});
  for (std::size_t i = 0; i < cal.regions.size(); ++i) solution.regions[i].region = cal.regions[i];
  for (Eigen::Index r = 0; r < cal.n; ++r) {
    auto& row = solution.regions[static_cast<std::size_t>(r)];
    row.world_price_change = world_price_change(r);
    row.producer_surplus_change = producer_surplus(r);
    row.exports_before = cal.exports(r);
  }
  for (Eigen::Index v = 0; v < cal.m; ++v) {
    auto& row = solution.regions[cal.importer_row[static_cast<std::size_t>(v)]];
    row.import_price_change = import_price_change(v);
    row.consumer_surplus_change = consumer_surplus(v);
    row.tariff_revenue_change = revenue(v);
    row.imports_before = cal.spending(v);
  }
  for (auto& row : solution.regions)
    row.net_welfare_change = row.producer_surplus_change + row.consumer_surplus_change + row.tariff_revenue_change;
  solution.flows_after.resize(static_cast<std::size_t>(cal.n * cal.m));
  RowMajorMap into(solution.flows_after.data(), cal.n, cal.m);
  copy_in_tiles(flows_after, into);
}

}  // namespace detail
}  // namespace pivot::trade
