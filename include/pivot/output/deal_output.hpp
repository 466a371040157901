// Deal results as text and files: the readable report, the schedule and sweep
// CSVs, deal.json. Nothing here prices a deal (pivot/econ/deal.hpp does).
#pragma once

#include <string>
#include <vector>

#include "pivot/econ/deal.hpp"

namespace pivot::deal {

/// Readable report: terms, PVs, peak outflow, break-even and the schedule.
std::string deal_table(const DealTerms& terms, const DealResult& result);

/// `year,cash_paid,...` rows of the schedule.
std::string deal_schedule_csv(const DealResult& result);

/// One row per swept value: the term's value and the headline results.
std::string deal_sweep_csv(const Sweep& sweep, const std::vector<DealResult>& results);

/// deal.json of `pivot run` (and of `pivot deal --json`, `command` "deal"): deal_json's
/// content plus "tariff_saved_source" and, when a trade model priced the tariff,
/// "as_given" (the results with deal.toml's own figure). Shape: docs/economics.md.
std::string deal_run_json(const PricedDeal& deal, const std::string& version, const std::string& command = "run");

/// Terms, results and schedule as JSON.
std::string deal_json(const DealTerms& terms, const DealResult& result, const std::string& version);

}  // namespace pivot::deal
