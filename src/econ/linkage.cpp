// From prices to bargaining inputs: stakes priced by the trade model and the
// deal pricing, and the saliences they imply. Mapping and its basis:
// docs/economics.md ("Linkage").
#include "pivot/econ/linkage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

#include "pivot/core/error.hpp"

namespace pivot::linkage {
namespace {

bool is_deal_measure(const std::string& m) { return m == "deal_payer_cost" || m == "deal_receiver_cost"; }

double trade_measure(const trade::RegionOutcome& r, const std::string& measure) {
  if (measure == "producer_surplus") return r.producer_surplus_change;
  if (measure == "consumer_surplus") return r.consumer_surplus_change;
  if (measure == "tariff_revenue") return r.tariff_revenue_change;
  return r.net_welfare_change;  // "net_welfare", checked by the caller
}

SourcePosition where(const Study& s, const LinkageStake& row, const std::string& field) {
  return {s.linkage.file, row.line, row.column, "linkage.stakes." + field};
}

// Checks a row against the scenario; its message names the field at fault.
void check_row(const Study& s, const LinkageStake& row) {
  const bool actor_known = std::any_of(s.scenario.actors.begin(), s.scenario.actors.end(),
                                       [&](const Actor& a) { return a.id == row.actor; });
  if (!actor_known) throw InputError(where(s, row, "actor"), fmt::format("unknown actor '{}'", row.actor));
  const bool issue_known = std::any_of(s.scenario.issues.begin(), s.scenario.issues.end(),
                                       [&](const Issue& i) { return i.id == row.issue; });
  if (!issue_known) throw InputError(where(s, row, "issue"), fmt::format("unknown issue '{}'", row.issue));
  static const char* const measures[] = {"producer_surplus", "consumer_surplus", "tariff_revenue",
                                         "net_welfare",      "deal_payer_cost",  "deal_receiver_cost"};
  if (std::find(std::begin(measures), std::end(measures), row.measure) == std::end(measures))
    throw InputError(where(s, row, "measure"),
                     fmt::format("unknown measure '{}' (expected producer_surplus, consumer_surplus, tariff_revenue, "
                                 "net_welfare, deal_payer_cost or deal_receiver_cost)",
                                 row.measure));
  if (is_deal_measure(row.measure)) {
    if (row.term.empty()) throw InputError(where(s, row, "term"), "a deal measure needs the deal term the issue sets");
    std::string dashed = row.term;
    std::replace(dashed.begin(), dashed.end(), '_', '-');
    const auto names = deal::term_names();
    if (std::find(names.begin(), names.end(), dashed) == names.end())
      throw InputError(where(s, row, "term"), fmt::format("unknown deal term '{}'", row.term));
    if (s.linkage.deal.empty())
      throw InputError({s.linkage.file, row.line, row.column, "linkage.deal"},
                       "a deal measure needs [linkage] deal = FILE");
  } else {
    for (const auto& [value, field] :
         {std::pair{row.region, "region"}, std::pair{row.exporter, "exporter"}, std::pair{row.importer, "importer"}})
      if (value.empty()) throw InputError(where(s, row, field), "a trade measure needs region, exporter and importer");
    if (s.linkage.trade.empty())
      throw InputError({s.linkage.file, row.line, row.column, "linkage.trade"},
                       "a trade measure needs [linkage] trade = FILE");
  }
}

// A trade row's route must be a pair of one market of the trade model, and its region
// one of the model's regions: price_tariff_outcome would otherwise refuse it after loading.
void check_route(const Study& s, const LinkageStake& row, const trade::TradeModel& model) {
  auto has = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  const auto& markets = model.markets;
  if (std::none_of(markets.begin(), markets.end(), [&](const trade::Market& m) {
        return has(m.exporters, row.exporter) && has(m.importers, row.importer);
      }))
    throw InputError(where(s, row, "exporter"),
                     fmt::format("no trade route {} -> {} in {}", row.exporter, row.importer, s.linkage.trade));
  if (std::none_of(markets.begin(), markets.end(), [&](const trade::Market& m) {
        return has(m.exporters, row.region) || has(m.importers, row.region);
      }))
    throw InputError(where(s, row, "region"), fmt::format("'{}' is not a region of {}", row.region, s.linkage.trade));
}

}  // namespace

PricedStake price_stake(const LinkageStake& row, const Issue& issue, const trade::TradeModel* trade,
                        const deal::DealTerms* deal) {
  PricedStake p;
  if (is_deal_measure(row.measure)) {
    if (!deal) throw UsageError("a deal measure needs the deal terms");
    auto at = [&](double value) {
      deal::DealTerms terms = *deal;
      deal::set_term(terms, row.term, value);
      const deal::DealResult r = deal::price_deal(terms);
      return row.measure == "deal_payer_cost" ? r.payer_cost_pv : r.receiver_cost_pv;
    };
    p.at_min = at(issue.min);
    p.at_max = at(issue.max);
  } else {
    if (!trade) throw UsageError("a trade measure needs the trade model");
    auto at = [&](double percent) {
      const trade::RegionOutcome r =
          trade::price_tariff_outcome(*trade, {{row.exporter, row.importer, "", percent}}, row.region);
      return trade_measure(r, row.measure);
    };
    p.at_min = at(issue.min);
    p.at_max = at(issue.max);
  }
  p.stake = std::abs(p.at_max - p.at_min);
  return p;
}

std::vector<double> redistribute_salience(const std::vector<double>& saliences, const std::vector<double>& stakes) {
  const double budget = std::accumulate(saliences.begin(), saliences.end(), 0.0);
  const double total = std::accumulate(stakes.begin(), stakes.end(), 0.0);
  if (!(total > 0)) return saliences;
  std::vector<double> out(saliences.size(), 0.0);
  std::vector<bool> capped(saliences.size(), false);
  // Water-filling: share what is left among the uncapped in proportion to their stakes.
  for (std::size_t round = 0; round <= saliences.size(); ++round) {
    double left = budget, weight = 0;
    std::size_t open = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (capped[i])
        left -= 100.0;
      else {
        weight += stakes[i];
        ++open;
      }
    }
    bool changed = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (capped[i]) continue;
      // Once every issue with a stake is full, what is left goes evenly to the rest.
      out[i] = weight > 0 ? left * stakes[i] / weight : left / static_cast<double>(open);
      if (out[i] > 100.0) {
        out[i] = 100.0;
        capped[i] = changed = true;
      }
    }
    if (!changed) break;
  }
  return out;
}

void derive_saliences(Study& s) {
  const Linkage& link = s.linkage;
  for (const auto& row : link.stakes) check_row(s, row);
  std::optional<trade::TradeModel> trade;
  std::optional<deal::DealTerms> deal;
  const bool needs_trade = std::any_of(link.stakes.begin(), link.stakes.end(),
                                       [](const LinkageStake& r) { return !is_deal_measure(r.measure); });
  const bool needs_deal = std::any_of(link.stakes.begin(), link.stakes.end(),
                                      [](const LinkageStake& r) { return is_deal_measure(r.measure); });
  if (needs_trade) {
    trade = trade::load_trade_model(s.scenario.directory / link.trade);
    for (const auto& row : link.stakes)
      if (!is_deal_measure(row.measure)) check_route(s, row, *trade);
  }
  if (needs_deal || (needs_trade && !link.deal.empty()))
    deal = deal::load_deal((s.scenario.directory / link.deal).string());
  // Trade stakes are a year's welfare; with a deal they become the present value
  // over its horizon at its discount rate, the unit of the deal's stakes.
  double years_factor = 1.0;
  std::string years_note = "a year";
  if (deal && needs_trade) {
    const double r = deal->discount_rate / 100;
    years_factor = r > 0 ? (1 - std::pow(1 + r, -deal->horizon)) / r : deal->horizon;
    years_note = fmt::format("PV over {} years at {}% (x{:.4g})", deal->horizon, deal->discount_rate, years_factor);
  }

  // Group the rows by actor, in the order they appear.
  std::vector<std::string> actors;
  std::map<std::string, std::vector<const LinkageStake*>> rows;
  for (const auto& row : link.stakes) {
    if (!rows.count(row.actor)) actors.push_back(row.actor);
    rows[row.actor].push_back(&row);
  }
  auto issue_index = [&](const std::string& id) {
    return static_cast<std::size_t>(
        std::find_if(s.scenario.issues.begin(), s.scenario.issues.end(), [&](const Issue& i) { return i.id == id; }) -
        s.scenario.issues.begin());
  };
  for (const auto& actor_id : actors) {
    Actor& actor = *std::find_if(s.scenario.actors.begin(), s.scenario.actors.end(),
                                 [&](const Actor& a) { return a.id == actor_id; });
    std::vector<double> saliences, stakes;
    std::vector<PricedStake> priced;
    for (const LinkageStake* row : rows[actor_id]) {
      const std::size_t k = issue_index(row->issue);
      for (const LinkageStake* other : rows[actor_id])
        if (other != row && other->issue == row->issue)
          throw InputError(where(s, *other, "issue"),
                           fmt::format("actor '{}' has two stakes on issue '{}'", actor_id, row->issue));
      // The stake is priced at the issue's two scale ends; a scale the deal term or the
      // tariff cannot take (a share of 200%, a rate of -100%) is bad input here.
      try {
        priced.push_back(price_stake(*row, s.scenario.issues[k], trade ? &*trade : nullptr, deal ? &*deal : nullptr));
      } catch (const UsageError& e) {
        throw InputError(where(s, *row, "issue"),
                         fmt::format("cannot price issue '{}' at its scale ends {} and {}: {}", row->issue,
                                     s.scenario.issues[k].min, s.scenario.issues[k].max, e.what()));
      }
      if (!is_deal_measure(row->measure)) {
        priced.back().at_min *= years_factor;
        priced.back().at_max *= years_factor;
        priced.back().stake *= years_factor;
      }
      saliences.push_back(actor.salience[k]);
      stakes.push_back(priced.back().stake);
    }
    const std::vector<double> derived = redistribute_salience(saliences, stakes);
    const double budget = std::accumulate(saliences.begin(), saliences.end(), 0.0);
    const double total = std::accumulate(stakes.begin(), stakes.end(), 0.0);
    for (std::size_t j = 0; j < derived.size(); ++j) {
      const LinkageStake& row = *rows[actor_id][j];
      const Issue& issue = s.scenario.issues[issue_index(row.issue)];
      const std::string file = is_deal_measure(row.measure) ? link.deal : link.trade;
      const std::string what =
          is_deal_measure(row.measure)
              ? fmt::format("{} with {} = {} vs {}", row.measure, row.term, issue.min, issue.max)
              : fmt::format("{} {} with the {} -> {} tariff at {}% vs {}%, {}", row.region, row.measure, row.exporter,
                            row.importer, issue.min, issue.max, years_note);
      const std::string from = fmt::format(
          "{}: {}: {:.4g} vs {:.4g}, stake {:.4g}; salience budget {:.4g} over {} priced issues (actors.csv) "
          "shared by stake (total {:.4g})",
          file, what, priced[j].at_min, priced[j].at_max, priced[j].stake, budget, derived.size(), total);
      const std::size_t k = issue_index(row.issue);
      s.derived.push_back({actor_id, row.issue, "salience", derived[j], actor.salience[k], from});
      actor.salience[k] = derived[j];
      // The source note now says where the number came from.
      s.scenario.sources.erase(std::remove_if(s.scenario.sources.begin(), s.scenario.sources.end(),
                                              [&](const SourceNote& n) {
                                                return n.actor == actor_id && n.issue == row.issue &&
                                                       n.field == "salience";
                                              }),
                               s.scenario.sources.end());
      s.scenario.sources.push_back({actor_id, row.issue, "salience", "derived by [linkage] from " + file,
                                    fmt::format("{:.4g} (actors.csv: {:.4g}); {}", derived[j], saliences[j], from)});
    }
  }
}

deal::TariffPricing avoided_tariff(const trade::TradeModel& model, const trade::TradeResult& result,
                                   const std::string& region, const std::string& file) {
  const trade::RegionOutcome r = trade::region_total(result, region, model.report);
  deal::TariffPricing p;
  p.annual = -r.net_welfare_change;
  p.file = file;
  p.region = region;
  p.measure = fmt::format("-net_welfare_change ({})", model.report == trade::Solver::linear ? "linear" : "nonlinear");
  return p;
}

std::optional<deal::TariffPricing> avoided_tariff(const trade::ScenarioTrade& trade, const Linkage& link) {
  if (link.trade.empty() || link.payer_region.empty() || !trade.linked) return std::nullopt;
  return avoided_tariff(trade.models[*trade.linked], trade.results[*trade.linked], link.payer_region, link.trade);
}

std::optional<deal::TariffPricing> linked_tariff_pricing(const Study& study, int threads) {
  const Linkage& link = study.linkage;
  const std::filesystem::path& directory = study.scenario.directory;
  if (directory.empty() || link.trade.empty() || link.payer_region.empty()) return std::nullopt;
  const auto deal_file = directory / (link.deal.empty() ? std::string("deal.toml") : link.deal);
  // The model solve_scenario_trade would call linked: same stem, in trade/.
  const auto trade_file = directory / "trade" / (std::filesystem::path(link.trade).stem().string() + ".toml");
  std::error_code ec;
  if (!std::filesystem::exists(deal_file, ec) || !std::filesystem::exists(trade_file, ec)) return std::nullopt;
  const trade::TradeModel model = trade::load_trade_model(trade_file);
  deal::TariffPricing pricing =
      avoided_tariff(model, trade::solve_trade(model, threads), link.payer_region, link.trade);
  pricing.given = deal::load_deal(deal_file.string()).tariff_saved;
  return pricing;
}

void apply_tariff_pricing(Study& study, const deal::TariffPricing& pricing) {
  const int p = parameter_index(study, "deal.tariff_saved");
  if (p < 0) return;
  EconomicParameter& parameter = study.parameters[static_cast<std::size_t>(p)];
  if (!parameter.source.empty()) return;  // priced already: the range is scaled once
  const double given = parameter.value;
  parameter.value = pricing.annual;
  parameter.source = describe(pricing);
  for (UncertainInput& u : study.uncertainty) {
    if (u.field != ActorField::parameter || u.parameter != p) continue;
    Distribution& d = u.distribution;
    // Scaling keeps a range judged relative to the figure (a floor of half of it) meaning the
    // same; a zero or negative figure has no scale, so the range moves with it instead.
    if (given > 0 && pricing.annual > 0) {
      const double k = pricing.annual / given;
      d.low *= k, d.mode *= k, d.high *= k, d.sd *= k;
    } else {
      const double shift = pricing.annual - given;
      d.low += shift, d.mode += shift, d.high += shift;
    }
    d.low = std::clamp(d.low, parameter.min, parameter.max);
    d.high = std::clamp(d.high, parameter.min, parameter.max);
    d.mode = std::clamp(d.mode, d.low, d.high);
  }
}

std::string describe(const deal::TariffPricing& pricing) {
  return fmt::format("priced by the trade model {} ({} {}); deal.toml gives {:.2f}", pricing.file, pricing.region,
                     pricing.measure, pricing.given);
}

}  // namespace pivot::linkage
