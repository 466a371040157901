#include "report/sections/forecast_common.hpp"

namespace pivot::report {

std::string model_title(const std::string& model) {
  if (model == "ktab") return "KTAB SMP";
  if (model == "bdm") return "BDM expected utility";
  if (model == "exchange") return "Stokman exchange";
  if (model == "mean") return "Weighted mean";
  if (model == "median") return "Weighted median";
  if (model == "nbs") return "Nash bargaining";
  return model;
}

bool is_baseline(const std::string& model) { return model == "mean" || model == "median" || model == "nbs"; }

}  // namespace pivot::report
