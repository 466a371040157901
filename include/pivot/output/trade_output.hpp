// Trade model results as text and files: tidy CSV, JSON with both solutions,
// and the readable table. Nothing here solves a model (pivot/econ/trade.hpp does).
#pragma once

#include <string>

#include "pivot/econ/trade.hpp"

namespace pivot::trade {

/// `region,world_price_change,...,net_welfare_change` from the chosen solver (totals over products).
std::string regions_csv(const TradeModel& model, const TradeResult& result);

/// `exporter,importer,before,after` summed over products, from the chosen solver.
std::string flows_csv(const TradeModel& model, const TradeResult& result);

/// Per product and region, both solvers: `product,solver,region,...`.
std::string regions_by_product_csv(const TradeResult& result);

/// Everything as JSON: per product, both solutions and their differences.
std::string trade_json(const TradeModel& model, const TradeResult& result, const std::string& version);

/// The `pivot run` trade.json: per model, its regions table (reported solver),
/// flows before/after summed over products, and the full per-product output of
/// `trade_json` (both solvers and their differences); the top level repeats
/// the primary model in `trade_json`'s shape. Shape: docs/economics.md.
std::string trade_run_json(const ScenarioTrade& trade, const std::string& version);

/// A readable table: per region, both solvers side by side and the gap between them.
std::string trade_table(const TradeModel& model, const TradeResult& result);

}  // namespace pivot::trade
