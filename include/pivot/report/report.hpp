// The HTML report: one self-contained page (inline SVG, CSS and script, no
// network request) drawn from the JSON documents `pivot run` writes.
// Each section reads one document; a section whose document is absent says so.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "pivot/report/bottom_line.hpp"
#include "pivot/scenario/study.hpp"

namespace pivot {

/// One JSON document a section is drawn from, with the file name errors cite.
struct ReportDocument {
  std::string file;  // e.g. "out/korea-2025/forecast.json"
  nlohmann::ordered_json json;
};

/// Everything the report shows. Optional documents: absent = "not run" note.
/// Their shapes are documented in docs/report.md.
struct ReportInputs {
  Study study;                                // actors, issues and source notes; linked deal, uncertain inputs
  std::optional<ReportDocument> forecast;     // forecast.json (pivot run, pivot forecast --json)
  std::optional<ReportDocument> mc;           // mc.json: Monte Carlo summaries and tornado
  std::optional<ReportDocument> trade;        // trade.json (pivot trade --json)
  std::optional<ReportDocument> deal;         // deal.json (pivot deal --json)
  std::optional<ReportDocument> ge;           // ge.json: the trade cases in general equilibrium beside GSIM
  std::optional<ReportDocument> games;        // games.json: {"games": [pivot solve --json, ...]}
  std::optional<ReportDocument> sensitivity;  // sensitivity.json: its Sobol caveats join the uncertainty section
  std::optional<BottomLine> bottom_line;      // the summary opening the page (pipeline::bottom_line)
};

/// The report as one HTML document. Throws InputError naming the file and the
/// JSON field when a document lacks what its section needs.
std::string render_report(const ReportInputs& inputs);

/// The report's Uncertainty section alone (Monte Carlo histograms, discrete outcomes,
/// tornado: the same HTML and SVG as in render_report) from `inputs.mc` and
/// `inputs.sensitivity`, with the report's style sheet, as a fragment for a page that
/// embeds it in a shadow root (`pivot serve`): `<style>...</style><main><section>...`.
std::string render_uncertainty_fragment(const ReportInputs& inputs);

/// Reads forecast.json, mc.json, trade.json, ge.json, deal.json, games.json and sensitivity.json from a
/// `pivot run` directory; a missing file leaves its section empty. Throws
/// InputError (file, line, column) on malformed JSON.
ReportInputs read_report_inputs(Study study, const std::filesystem::path& dir);

/// The same from documents already in memory (file name -> text, e.g. "forecast.json"),
/// as `pivot run` holds them before writing; `dir` names them in errors.
ReportInputs report_inputs_from(Study study, const std::map<std::string, std::string>& documents,
                                const std::filesystem::path& dir);

/// Parses one JSON document; InputError with line and column on bad syntax.
ReportDocument parse_report_document(const std::string& text, const std::string& file);

}  // namespace pivot
