// Sensitivity results as text and files: the tornado table, Sobol indices and
// sensitivity.json. Nothing here runs a model (pivot/uncertainty/sensitivity.hpp does).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "pivot/uncertainty/sensitivity.hpp"

namespace pivot {

/// Tornado table rows `issue,model,rank,input,low,high,output_low,output_high,swing`.
std::string tornado_csv(const SensitivityReport& report);

/// `issue,model,factor,first_order,total`, one row per output and factor.
std::string sobol_csv(const SensitivityReport& report);

/// sensitivity.json: per analysis and output the tornado bars (ranked) and the Sobol indices (by total effect).
std::string sensitivity_json(const std::vector<SensitivityReport>& reports);

/// The report for people: per output the `top` largest swings, then the Sobol indices by total effect.
std::string sensitivity_text(const SensitivityReport& report, std::size_t top);

}  // namespace pivot
