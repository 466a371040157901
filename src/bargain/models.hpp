// Internal entry points of the forecasting models; run_forecast dispatches here.
#pragma once

#include "pivot/bargain/forecast.hpp"

namespace pivot::bargain {

/// KTAB's Spatial Model of Politics (smpc), see docs/models/ktab.md.
ForecastResult run_ktab(const Scenario& scenario, const ForecastOptions& options);
/// The option names run_ktab reads.
std::vector<std::string> ktab_option_names();

/// Bueno de Mesquita's expected-utility model after Scholz, Calbert & Smith (2011), see docs/models/bdm.md.
ForecastResult run_bdm(const Scenario& scenario, const ForecastOptions& options);
/// The option names run_bdm reads.
std::vector<std::string> bdm_option_names();

/// Stokman's equal-gain exchange model, see docs/models/exchange.md.
ForecastResult run_exchange(const Scenario& scenario, const ForecastOptions& options);
/// The option names run_exchange reads.
std::vector<std::string> exchange_option_names();

/// Reads a numeric setting, or returns `fallback`; throws UsageError naming model and key.
double setting_number(const ForecastOptions& options, const std::string& model, const std::string& key,
                      double fallback);

/// Reads a string setting restricted to `allowed`, or returns `fallback`; throws UsageError.
std::string setting_choice(const ForecastOptions& options, const std::string& model, const std::string& key,
                           const std::vector<std::string>& allowed, const std::string& fallback);

}  // namespace pivot::bargain
