#include "bargain/models.hpp"
#include "pivot/error.hpp"
namespace pivot::bargain {
__attribute__((weak)) ForecastResult run_bdm(const Scenario&, const ForecastOptions&) { throw UsageError("bdm: not built"); }
}
