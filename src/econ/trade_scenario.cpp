// A scenario's trade models: every trade/*.toml of its directory, loaded and
// solved, and which one prices the deal.
#include <algorithm>

#include "pivot/econ/trade.hpp"

namespace pivot::trade {
namespace {

// Every trade/*.toml, in name order, so that outputs do not depend on the directory's listing order.
std::vector<std::filesystem::path> model_files(const std::filesystem::path& scenario_directory) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  const auto dir = scenario_directory / "trade";
  if (scenario_directory.empty() || !std::filesystem::is_directory(dir, ec)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

ScenarioTrade solve_scenario_trade(const std::filesystem::path& scenario_directory, const std::string& linked,
                                   int threads) {
  ScenarioTrade trade;
  for (const auto& file : model_files(scenario_directory)) {
    trade.names.push_back(file.stem().string());
    trade.models.push_back(load_trade_model(file));
    trade.results.push_back(solve_trade(trade.models.back(), threads));
  }
  const std::string stem = std::filesystem::path(linked).stem().string();
  const auto it = std::find(trade.names.begin(), trade.names.end(), stem);
  if (!stem.empty() && it != trade.names.end()) trade.linked = static_cast<std::size_t>(it - trade.names.begin());
  return trade;
}

}  // namespace pivot::trade
