#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "bargain/models.hpp"
#include "pivot/core/error.hpp"

namespace pivot::bargain {

double setting_number(const ForecastOptions& options, const std::string& model, const std::string& key,
                      double fallback) {
  auto it = options.settings.find(key);
  if (it == options.settings.end()) return fallback;
  const std::string& text = it->second;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
    throw UsageError(fmt::format("{}: option {} expects a number, got '{}'", model, key, text));
  return value;
}

std::string setting_choice(const ForecastOptions& options, const std::string& model, const std::string& key,
                           const std::vector<std::string>& allowed, const std::string& fallback) {
  auto it = options.settings.find(key);
  if (it == options.settings.end()) return fallback;
  if (std::find(allowed.begin(), allowed.end(), it->second) == allowed.end())
    throw UsageError(
        fmt::format("{}: option {} expects one of {}, got '{}'", model, key, fmt::join(allowed, ", "), it->second));
  return it->second;
}

}  // namespace pivot::bargain
