// Writing trade model results: tidy CSV, JSON with both solutions, and the
// stdout table. Nothing here computes the model.
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "csv_number.hpp"
#include "pivot/econ/trade.hpp"
#include "pivot/output/trade_output.hpp"

namespace pivot::trade {
namespace {

const MarketSolution& chosen(const MarketResult& m, Solver s) { return s == Solver::linear ? m.linear : m.nonlinear; }

const std::vector<RegionOutcome>& chosen_total(const TradeResult& r, Solver s) {
  return s == Solver::linear ? r.total_linear : r.total_nonlinear;
}

const char* solver_name(Solver s) { return s == Solver::linear ? "linear" : "nonlinear"; }

using output::append_number;

void append_region_row(std::string& out, const RegionOutcome& r) {
  out += r.region;
  for (double x : {r.world_price_change, r.import_price_change, r.producer_surplus_change, r.consumer_surplus_change,
                   r.tariff_revenue_change, r.net_welfare_change}) {
    out += ',';
    append_number(out, x);
  }
  out += '\n';
}

nlohmann::json region_json(const RegionOutcome& r) {
  return {{"region", r.region},
          {"world_price_change", r.world_price_change},
          {"import_price_change", r.import_price_change},
          {"producer_surplus_change", r.producer_surplus_change},
          {"consumer_surplus_change", r.consumer_surplus_change},
          {"tariff_revenue_change", r.tariff_revenue_change},
          {"net_welfare_change", r.net_welfare_change}};
}

// Flows summed over products by (exporter, importer), in order of first
// appearance: before, after (linear) and after (non-linear). Region names are
// matched once per distinct market layout, not once per cell.
struct PairFlows {
  std::vector<std::pair<const std::string*, const std::string*>> pairs;
  std::vector<std::array<double, 3>> sums;
};

PairFlows sum_flows_by_pair(const TradeModel& model, const TradeResult& result) {
  PairFlows out;
  std::unordered_map<std::string_view, std::uint64_t> region_id;
  std::unordered_map<std::uint64_t, std::size_t> slot_of;  // exporter id << 32 | importer id -> pair
  std::vector<std::size_t> slots;                          // per cell of the current layout
  auto id = [&](const std::string& name) { return region_id.try_emplace(name, region_id.size()).first->second; };
  const Market* layout = nullptr;
  for (std::size_t k = 0; k < model.markets.size(); ++k) {
    const Market& market = model.markets[k];
    if (!layout || market.exporters != layout->exporters || market.importers != layout->importers) {
      layout = &market;
      slots.clear();
      for (const auto& e : market.exporters)
        for (const auto& i : market.importers) {
          auto [it, added] = slot_of.try_emplace(id(e) << 32 | id(i), out.pairs.size());
          if (added) {
            out.pairs.emplace_back(&e, &i);
            out.sums.push_back({0, 0, 0});
          }
          slots.push_back(it->second);
        }
    }
    const MarketResult& m = result.markets[k];
    for (std::size_t c = 0; c < slots.size(); ++c) {
      auto& sum = out.sums[slots[c]];
      sum[0] += market.flows[c];
      sum[1] += m.linear.flows_after[c];
      sum[2] += m.nonlinear.flows_after[c];
    }
  }
  return out;
}

std::size_t negative_linear_flows(const TradeResult& result) {
  std::size_t count = 0;
  for (const auto& m : result.markets)
    for (double f : m.linear.flows_after) count += f < 0;
  return count;
}

}  // namespace

std::string regions_csv(const TradeModel& model, const TradeResult& result) {
  std::string out =
      "region,world_price_change,import_price_change,producer_surplus_change,consumer_surplus_change,"
      "tariff_revenue_change,net_welfare_change\n";
  for (const auto& r : chosen_total(result, model.report)) append_region_row(out, r);
  return out;
}

std::string regions_by_product_csv(const TradeResult& result) {
  std::string out =
      "product,solver,region,world_price_change,import_price_change,producer_surplus_change,"
      "consumer_surplus_change,tariff_revenue_change,net_welfare_change\n";
  for (const auto& m : result.markets)
    for (Solver s : {Solver::linear, Solver::nonlinear})
      for (const auto& r : chosen(m, s).regions) {
        fmt::format_to(std::back_inserter(out), "{},{},", m.product, solver_name(s));
        append_region_row(out, r);
      }
  return out;
}

std::string flows_csv(const TradeModel& model, const TradeResult& result) {
  const PairFlows flows = sum_flows_by_pair(model, result);
  const std::size_t after = model.report == Solver::linear ? 1 : 2;
  std::string out = "exporter,importer,before,after\n";
  for (std::size_t p = 0; p < flows.pairs.size(); ++p) {
    fmt::format_to(std::back_inserter(out), "{},{},", *flows.pairs[p].first, *flows.pairs[p].second);
    append_number(out, flows.sums[p][0]);
    out += ',';
    append_number(out, flows.sums[p][after]);
    out += '\n';
  }
  return out;
}

namespace {

nlohmann::json trade_json_object(const TradeModel& model, const TradeResult& result, const std::string& version) {
  nlohmann::json j;
  j["manifest"] = {{"tool", "pivot"},           {"version", version},   {"command", "trade"},
                   {"model_file", model.file},  {"model", model.model}, {"reported_solver", solver_name(model.report)},
                   {"currency", model.currency}};
  if (model.model == "smart") j["manifest"]["importer"] = model.smart_importer;
  for (Solver s : {Solver::linear, Solver::nonlinear}) {
    auto& rows = j["total"][solver_name(s)];
    rows = nlohmann::json::array();
    for (const auto& r : chosen_total(result, s)) rows.push_back(region_json(r));
  }
  j["products"] = nlohmann::json::array();
  for (std::size_t k = 0; k < result.markets.size(); ++k) {
    const Market& market = model.markets[k];
    const MarketResult& m = result.markets[k];
    nlohmann::json p{{"product", m.product}};
    for (Solver s : {Solver::linear, Solver::nonlinear}) {
      const MarketSolution& sol = chosen(m, s);
      nlohmann::json one{{"iterations", sol.iterations}, {"residual", sol.residual}};
      one["regions"] = nlohmann::json::array();
      for (const auto& r : sol.regions) one["regions"].push_back(region_json(r));
      p[solver_name(s)] = std::move(one);
    }
    p["flows"] = nlohmann::json::array();
    for (std::size_t r = 0; r < market.exporters.size(); ++r)
      for (std::size_t v = 0; v < market.importers.size(); ++v) {
        const std::size_t i = market.index(r, v);
        p["flows"].push_back({{"exporter", market.exporters[r]},
                              {"importer", market.importers[v]},
                              {"before", market.flows[i]},
                              {"after_linear", m.linear.flows_after[i]},
                              {"after_nonlinear", m.nonlinear.flows_after[i]},
                              {"linear_minus_nonlinear", m.linear.flows_after[i] - m.nonlinear.flows_after[i]}});
      }
    p["differences"] = nlohmann::json::array();
    for (std::size_t r = 0; r < m.linear.regions.size(); ++r) {
      const auto& a = m.linear.regions[r];
      const auto& b = m.nonlinear.regions[r];
      p["differences"].push_back({{"region", a.region},
                                  {"world_price_change", a.world_price_change - b.world_price_change},
                                  {"import_price_change", a.import_price_change - b.import_price_change},
                                  {"net_welfare_change", a.net_welfare_change - b.net_welfare_change}});
    }
    j["products"].push_back(std::move(p));
  }
  j["warnings"] = nlohmann::json::array();
  if (std::size_t neg = negative_linear_flows(result))
    j["warnings"].push_back(
        fmt::format("{} linear-solution flows are negative: the shock is too large for the "
                    "linear approximation; use the non-linear solution",
                    neg));
  return j;
}

// Flows summed over products: exporter, importer, before and both solutions after.
nlohmann::json summed_flows_json(const TradeModel& model, const TradeResult& result) {
  const PairFlows flows = sum_flows_by_pair(model, result);
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t p = 0; p < flows.pairs.size(); ++p) {
    const auto& s = flows.sums[p];
    rows.push_back({{"exporter", *flows.pairs[p].first},
                    {"importer", *flows.pairs[p].second},
                    {"before", s[0]},
                    {"after_linear", s[1]},
                    {"after_nonlinear", s[2]}});
  }
  return rows;
}

}  // namespace

std::string trade_json(const TradeModel& model, const TradeResult& result, const std::string& version) {
  return trade_json_object(model, result, version).dump(2) + "\n";
}

std::string trade_run_json(const ScenarioTrade& trade, const std::string& version) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < trade.models.size(); ++i) {
    const TradeModel& model = trade.models[i];
    const TradeResult& result = trade.results[i];
    nlohmann::json one = trade_json_object(model, result, version);
    one["name"] = trade.names[i];
    one["title"] = model.title;
    one["description"] = model.description;
    one["currency"] = model.currency;
    one["reported_solver"] = solver_name(model.report);
    one["regions"] = nlohmann::json::array();
    for (const auto& r : chosen_total(result, model.report)) one["regions"].push_back(region_json(r));
    one["flows"] = summed_flows_json(model, result);
    list.push_back(std::move(one));
  }
  const std::size_t primary = trade.primary();
  // The primary scenario also fills the top level, in `pivot trade --json`'s
  // shape, so that readers of a single model's file read this one too.
  nlohmann::json j = primary < list.size() ? list[primary] : nlohmann::json::object();
  j["manifest"]["command"] = "run";
  j["manifest"]["version"] = version;
  j["primary"] = primary < trade.names.size() ? trade.names[primary] : std::string();
  j["scenarios"] = std::move(list);
  return j.dump(2) + "\n";
}

std::string trade_table(const TradeModel& model, const TradeResult& result) {
  std::string out = fmt::format("{} — {} product market(s), money in {}; {} solution's surpluses shown\n",
                                model.model == "smart" ? "SMART (" + model.smart_importer + ")" : std::string("GSIM"),
                                result.markets.size(), model.currency.empty() ? "the flows' units" : model.currency,
                                solver_name(model.report));
  out += fmt::format("{:<12} {:>9} {:>9} {:>9} {:>9} {:>13} {:>13} {:>13} {:>13} {:>13}\n", "region", "Pw% lin",
                     "Pw% exact", "Pm% lin", "Pm% exact", "producer", "consumer", "tariff rev", "welfare lin",
                     "welfare exact");
  const auto& lin = result.total_linear;
  const auto& non = result.total_nonlinear;
  const auto& shown = chosen_total(result, model.report);
  double gap = 0;
  std::string gap_region;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    out += fmt::format("{:<12} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>13.2f} {:>13.2f} {:>13.2f} {:>13.2f} {:>13.2f}\n",
                       shown[i].region, 100 * lin[i].world_price_change, 100 * non[i].world_price_change,
                       100 * lin[i].import_price_change, 100 * non[i].import_price_change,
                       shown[i].producer_surplus_change, shown[i].consumer_surplus_change,
                       shown[i].tariff_revenue_change, lin[i].net_welfare_change, non[i].net_welfare_change);
    const double d = std::abs(lin[i].net_welfare_change - non[i].net_welfare_change);
    if (d > gap) gap = d, gap_region = shown[i].region;
  }
  if (!gap_region.empty()) out += fmt::format("linear vs exact: largest welfare gap {:.2f} ({})\n", gap, gap_region);
  if (std::size_t neg = negative_linear_flows(result))
    out += fmt::format("warning: {} flows turn negative in the linear solution (shock too large to linearise)\n", neg);
  return out;
}

}  // namespace pivot::trade
