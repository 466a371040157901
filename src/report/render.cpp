// Assembling the report: header, table of contents, the sections in reading
// order, the inline style sheet and script. Same inputs give the same bytes.
#include <fmt/format.h>

#include <filesystem>

#include "pivot/output/forecast_output.hpp"
#include "pivot/report/report.hpp"
#include "report/assets.hpp"
#include "report/html.hpp"
#include "report/json_node.hpp"
#include "report/sections/sections.hpp"

namespace pivot {
namespace {

using report::escape;

// The description's first paragraph, as the page's lede.
std::string lede(const std::string& description) {
  const auto end = description.find('\n');
  return description.substr(0, end);
}

// Provenance for the footer: the forecast's manifest when there is one, else this build.
std::string provenance(const ReportInputs& in) {
  std::string text = fmt::format("Drawn by pivot {} from scenario {} (input hash {})", version_string(),
                                 in.study.scenario.name, in.study.scenario.input_hash);
  if (in.forecast) {
    const report::Node root(in.forecast->json, in.forecast->file);
    if (auto manifest = root.find("manifest"))
      text += fmt::format("; forecast by pivot {}, seed {}", manifest->text_or("version", "?"),
                          manifest->text_or("seed", "0"));
  }
  return text + ".";
}

// Whether the scenario directory holds a file `pivot run` would analyse: `name` itself,
// or (a directory) a file in it with one of `extensions`.
bool scenario_has(const Scenario& s, const std::string& name, std::initializer_list<const char*> extensions = {}) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (s.directory.empty()) return false;
  const fs::path path = s.directory / name;
  if (extensions.size() == 0) return fs::is_regular_file(path, ec);
  if (!fs::is_directory(path, ec)) return false;
  for (const auto& entry : fs::directory_iterator(path, ec))
    for (const char* ext : extensions)
      if (entry.path().extension() == ext) return true;
  return false;
}

}  // namespace

std::string render_report(const ReportInputs& in) {
  const Scenario& s = in.study.scenario;
  std::vector<report::Section> sections = {report::scenario_section(s), report::outcome_section(s, in.forecast),
                                           report::positions_section(s, in.forecast),
                                           report::monte_carlo_section(in.study, in.mc, in.sensitivity)};
  // The exchange model's trades, after the positions, when the forecast ran it.
  if (auto exchange = report::exchange_section(s, in.forecast)) sections.insert(sections.begin() + 3, *exchange);
  // The bottom line opens the page whenever the pipeline gathered one.
  if (in.bottom_line) sections.insert(sections.begin(), report::bottom_line_section(*in.bottom_line));
  // A section the scenario has no inputs for is left out rather than shown as "not run":
  // no deal.toml, no deal section. Its document, when given anyway, still shows.
  const std::string deal_file = in.study.linkage.deal.empty() ? "deal.toml" : in.study.linkage.deal;
  if (in.trade || scenario_has(s, "trade", {".toml"})) sections.push_back(report::trade_section(in.trade));
  if (in.ge || scenario_has(s, "ge/ge.toml")) sections.push_back(report::ge_section(in.ge));
  if (in.deal || scenario_has(s, deal_file)) sections.push_back(report::deal_section(in.deal));
  if (in.games || scenario_has(s, "games", {".efg", ".nfg"}))
    sections.push_back(report::games_section(in.games, s.directory));
  sections.push_back(report::sources_section(s));
  const std::string title = s.title.empty() ? s.name : s.title;
  std::string html = fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      // Nothing may leave the page: no fetch, font, image or script from anywhere.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'unsafe-inline'; img-src data:\">"
      "<meta name=\"generator\" content=\"pivot {}\"><title>{} — pivot report</title><style>{}</style></head>\n"
      "<body><header class=\"hero\"><div class=\"wrap\"><p class=\"eyebrow\">pivot report · {}{}</p><h1>{}</h1>"
      "<p class=\"lede\">{}</p></div></header>\n<div class=\"layout\"><nav class=\"toc\" aria-label=\"Contents\">"
      "<p>Contents</p><ol>",
      escape(version_string()), escape(title), report::report_css(), escape(s.name),
      s.as_of.empty() ? "" : " · as of " + escape(s.as_of), escape(title), escape(lede(s.description)));
  for (const auto& section : sections)
    html += fmt::format("<li><a href=\"#{}\">{}</a></li>", section.id, escape(section.title));
  html += fmt::format("</ol><p class=\"meta\">{}</p></nav>\n<main>\n", escape(provenance(in)));
  for (const auto& section : sections)
    html +=
        fmt::format("<section id=\"{}\"><h2>{}</h2>{}</section>\n", section.id, escape(section.title), section.html);
  html += fmt::format(
      "</main></div>\n<footer>{}</footer><div id=\"tip\" role=\"tooltip\" hidden></div>\n"
      "<script>{}</script></body></html>\n",
      escape(provenance(in)), report::report_script());
  return html;
}

std::string render_uncertainty_fragment(const ReportInputs& in) {
  const report::Section section = report::monte_carlo_section(in.study, in.mc, in.sensitivity);
  // In a shadow root the style sheet's :root variables belong on :host.
  std::string css(report::report_css());
  for (std::size_t at = css.find(":root"); at != std::string::npos; at = css.find(":root", at))
    css.replace(at, 5, ":host");
  return fmt::format("<style>{}</style><main><section id=\"{}\"><h2>{}</h2>{}</section></main>", css, section.id,
                     escape(section.title), section.html);
}

}  // namespace pivot
