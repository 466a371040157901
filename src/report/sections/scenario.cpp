// The scenario as a reader meets it: what it is about, its issues and its actors.
#include <fmt/format.h>

#include <algorithm>

#include "report/html.hpp"
#include "report/sections/sections.hpp"
#include "report/svg.hpp"

namespace pivot::report {
namespace {

std::string paragraphs(const std::string& text) {
  std::string out, line;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      if (!line.empty()) out += "<p>" + escape(line) + "</p>";
      line.clear();
    } else {
      line += text[i];
    }
  }
  return out;
}

// Long names would run off the chart's left edge; the full name stays in the tooltip.
std::string short_label(const std::string& name, std::size_t limit) {
  if (name.size() <= limit) return name;
  std::size_t cut = limit - 1;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return name.substr(0, cut) + "\u2026";
}

std::string issues_table(const Scenario& s) {
  std::string out =
      "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>Issue</th><th>Unit</th><th>Scale: low "
      "end</th><th>high end</th>"
      "<th class=\"num\">Status quo</th></tr></thead><tbody>";
  for (const Issue& i : s.issues)
    out += fmt::format(
        "<tr><td><b>{}</b><br><code>{}</code></td><td>{}</td><td><span class=\"num\">{}</span> {}</td>"
        "<td><span class=\"num\">{}</span> {}</td><td class=\"num\">{}</td></tr>",
        escape(i.name), escape(i.id), escape(i.unit), show(i.min), escape(i.low), show(i.max), escape(i.high),
        i.status_quo ? show(*i.status_quo) : "—");
  return out + "</tbody></table></div>";
}

// Capability as horizontal bars, largest first: who can move the outcome.
// An actor's bar carries its line's dash as a paler fill and dashed outline, so two actors
// whose lines share a colour (the tenth and the first) are told apart here too.
std::string bar_dash(std::size_t actor) {
  const std::string dash = series_dash(actor);
  if (dash.empty()) return "";
  return fmt::format(" fill-opacity=\"0.45\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"{}\"",
                     series_colour(actor), dash);
}

std::string capability_chart(const Scenario& s) {
  std::vector<std::size_t> order(s.actors.size());
  for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return s.actors[a].capability > s.actors[b].capability; });
  double top = 0;
  for (const Actor& a : s.actors) top = std::max(top, a.capability);
  const double row = 24;
  const Frame f = with_rows({.left = 300, .right = 56, .top = 8, .bottom = 8}, row, s.actors.size());
  const Scale x{0, top > 0 ? top : 1, f.x0(), f.x1()};
  std::string out = svg_open("bars capability", f, "Capability of each actor");
  for (std::size_t r = 0; r < order.size(); ++r) {
    const Actor& a = s.actors[order[r]];
    const double y = f.top + row * static_cast<double>(r);
    out += fmt::format(
        "<text class=\"label\" x=\"{}\" y=\"{}\" dy=\"0.32em\" text-anchor=\"end\">{}</text>"
        "<rect class=\"mark\" data-actor=\"{}\" data-value=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
        "fill=\"{}\"{}><title>{}: capability {}</title></rect>"
        "<text class=\"value\" x=\"{}\" y=\"{}\" dy=\"0.32em\">{}</text>",
        px(f.x0() - 8), px(y + row / 2), escape(short_label(a.name, 44)), escape(a.id), show(a.capability, 4),
        px(f.x0()), px(y + 4), px(std::max(0.0, x(a.capability) - f.x0())), px(row - 8), series_colour(order[r]),
        bar_dash(order[r]), escape(a.name), show(a.capability), px(x(a.capability) + 6), px(y + row / 2),
        show(a.capability));
  }
  return out + "</svg>";
}

}  // namespace

Section scenario_section(const Scenario& s) {
  // The first paragraph already stands under the page title.
  const auto first = s.description.find('\n');
  std::string html = paragraphs(first == std::string::npos ? "" : s.description.substr(first + 1));
  html += fmt::format(
      "<div class=\"facts\"><div><span>{}</span>issues</div><div><span>{}</span>actors</div>"
      "<div><span>{}</span>source notes</div><div><span>{}</span>as of</div></div>",
      s.issues.size(), s.actors.size(), s.sources.size(), escape(s.as_of.empty() ? "—" : s.as_of));
  html += "<h3>Issues</h3>" + issues_table(s);
  html +=
      "<h3>Actors by capability</h3><p class=\"note\">Capability is each actor's relative power to move "
      "the outcome (the scenario's judgement; see <a href=\"#sources\">sources</a>).</p>";
  html += "<figure class=\"card\">" + capability_chart(s) + "</figure>";
  return {"scenario", "Scenario and actors", html};
}

Section sources_section(const Scenario& s) {
  if (s.sources.empty())
    return {"sources", "Sources",
            "<p class=\"note\">The scenario carries no source notes (no <code>sources.csv</code>): where its numbers "
            "came from is not recorded.</p>"};
  std::string html = fmt::format(
      "<p class=\"note\">Every number in the scenario rests on {}: where it came from, and why it has its "
      "value.</p>",
      s.sources.size() == 1 ? std::string("this note") : fmt::format("one of these {} notes", s.sources.size()));
  // Notes of one actor ("" = the issues' own), as a collapsible group. Actor
  // groups are anchored "src-actor-ID", the issues' "src-issues", so that no
  // actor id (not even "issues") can give two elements one id.
  auto group = [&](const std::string& actor, const std::string& anchor, const std::string& title) {
    std::string rows;
    std::size_t notes = 0;
    for (const SourceNote& n : s.sources) {
      if (n.actor != actor) continue;
      ++notes;
      rows +=
          fmt::format("<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                      escape(n.issue.empty() ? "—" : n.issue), escape(n.field), escape(n.source), escape(n.reasoning));
    }
    if (rows.empty()) return std::string();
    return fmt::format(
        "<details id=\"{}\"><summary>{} <span class=\"count\">{} note{}</span></summary><table class=\"data "
        "sources\"><thead><tr><th>Issue</th><th>Field</th><th>Source</th><th>Reasoning</th></tr></thead><tbody>{}"
        "</tbody></table></details>",
        escape(anchor), escape(title), notes, notes == 1 ? "" : "s", rows);
  };
  html += group("", "src-issues", "Issues (status quo)");
  for (const Actor& a : s.actors) html += group(a.id, "src-actor-" + a.id, a.name);
  return {"sources", "Sources", html};
}

Section not_run(Section section, const std::string& file, const std::string& how) {
  section.html = fmt::format("<p class=\"not-run\">Not run: there is no <code>{}</code>. {}</p>", escape(file), how);
  return section;
}

}  // namespace pivot::report
