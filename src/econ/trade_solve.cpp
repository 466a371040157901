// Solving many independent product markets at once and summing them by region.
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <map>
#include <mutex>
#include <optional>

#include "gsim_calibration.hpp"
#include "pivot/econ/trade.hpp"

namespace pivot::trade {
namespace {

// Money adds up over products; price changes are averaged with the region's
// initial exports (world price) or imports at internal prices (import price) as weights.
std::vector<RegionOutcome> sum_by_region(const std::vector<MarketResult>& markets, Solver solver) {
  std::vector<RegionOutcome> total;
  std::map<std::string, std::size_t> where;
  for (const auto& market : markets) {
    const MarketSolution& s = solver == Solver::linear ? market.linear : market.nonlinear;
    for (const auto& row : s.regions) {
      auto [it, added] = where.emplace(row.region, total.size());
      if (added) total.push_back(RegionOutcome{row.region});
      RegionOutcome& t = total[it->second];
      t.world_price_change += row.world_price_change * row.exports_before;
      t.import_price_change += row.import_price_change * row.imports_before;
      t.producer_surplus_change += row.producer_surplus_change;
      t.consumer_surplus_change += row.consumer_surplus_change;
      t.tariff_revenue_change += row.tariff_revenue_change;
      t.net_welfare_change += row.net_welfare_change;
      t.exports_before += row.exports_before;
      t.imports_before += row.imports_before;
    }
  }
  for (auto& t : total) {
    t.world_price_change = t.exports_before > 0 ? t.world_price_change / t.exports_before : 0.0;
    t.import_price_change = t.imports_before > 0 ? t.import_price_change / t.imports_before : 0.0;
  }
  return total;
}

}  // namespace

namespace detail {

void keep_freed_memory() {
#if defined(__GLIBC__)
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
  });
#endif
}

}  // namespace detail

TradeResult solve_trade(const TradeModel& model, int threads) {
  std::optional<tbb::global_control> limit;
  if (threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  detail::keep_freed_memory();
  TradeResult result;
  result.markets.resize(model.markets.size());
  // Each market is solved alone and written to its own slot, so the result
  // does not depend on how TBB splits the work.
  tbb::parallel_for(std::size_t{0}, model.markets.size(),
                    [&](std::size_t i) { result.markets[i] = solve_market(model.markets[i]); });
  result.total_linear = sum_by_region(result.markets, Solver::linear);
  result.total_nonlinear = sum_by_region(result.markets, Solver::nonlinear);
  return result;
}

}  // namespace pivot::trade
