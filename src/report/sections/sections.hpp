// One renderer per report section. Each takes the scenario and, where it has
// one, its JSON document (absent: a short "not run" note), and returns HTML.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "pivot/report/report.hpp"

namespace pivot::report {

/// A rendered section: its anchor id, its heading (also the table-of-contents entry) and its body.
struct Section {
  std::string id;
  std::string title;
  std::string html;
};

/// `section` with only the "not run" note as its body: its document `file` is absent; `how` says what writes it.
Section not_run(Section section, const std::string& file, const std::string& how);

/// The bottom line per issue (pipeline::bottom_line), first on the page.
Section bottom_line_section(const BottomLine& bottom);

/// Scenario, issues and actors (with capability bars).
Section scenario_section(const Scenario& scenario);

/// Predicted outcome of each model beside the baselines and the status quo, per issue.
Section outcome_section(const Scenario& scenario, const std::optional<ReportDocument>& forecast);

/// Positions over rounds per issue and model, one line per actor, "why did X move" on hover.
Section positions_section(const Scenario& scenario, const std::optional<ReportDocument>& forecast);

/// Stokman's exchange model: how its exchanges moved each outcome from the weighted mean,
/// the first round's exchanges in order (chart), each round in a line, who traded with whom.
/// None when the forecast has no exchange model.
std::optional<Section> exchange_section(const Scenario& scenario, const std::optional<ReportDocument>& forecast);

/// Monte Carlo histograms with P5/P50/P95, and the tornado chart per issue.
/// With `sensitivity` (sensitivity.json), any caveat on its Sobol indices too. A study
/// without uncertain inputs and no mc.json says there is nothing to sample.
Section monte_carlo_section(const Study& study, const std::optional<ReportDocument>& mc,
                            const std::optional<ReportDocument>& sensitivity = std::nullopt);

/// Tariff effects by region (producer, consumer, tariff revenue, net welfare).
Section trade_section(const std::optional<ReportDocument>& trade);

/// Real income change by region and tariff case: general equilibrium beside GSIM, and why they differ.
Section ge_section(const std::optional<ReportDocument>& ge);

/// The deal's annual reserve outflow and its cumulative sum against FX reserves.
Section deal_section(const std::optional<ReportDocument>& deal);

/// Equilibria of the scenario's games, as strategy-probability bars.
Section games_section(const std::optional<ReportDocument>& games);
/// The same, with each extensive game's tree (read from its .efg in `scenario_dir`) drawn
/// with the equilibrium path: the actions played with positive probability where play reaches.
Section games_section(const std::optional<ReportDocument>& games, const std::filesystem::path& scenario_dir);

/// Every source note, grouped by actor (issue-level notes first).
Section sources_section(const Scenario& scenario);

}  // namespace pivot::report
