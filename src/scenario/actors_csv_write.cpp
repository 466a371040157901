// Writing actors.csv: the inverse of parse_actors_csv, used when the UI saves edits.
#include <fmt/format.h>

#include "pivot/scenario/scenario_write.hpp"

namespace pivot {
namespace {

// RFC 4180: quote a field holding a separator, quote, line break or edge blank.
std::string csv_field(const std::string& text) {
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string::npos ||
                            (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs_quotes) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

}  // namespace

std::string actors_csv(const Scenario& scenario) {
  std::string out = "id,name,capability,risk";
  for (const Issue& issue : scenario.issues) out += fmt::format(",{0}.position,{0}.salience", issue.id);
  out += '\n';
  for (const Actor& actor : scenario.actors) {
    out += fmt::format("{},{},{},", csv_field(actor.id), csv_field(actor.name), actor.capability);
    if (actor.risk) out += fmt::format("{}", *actor.risk);
    for (std::size_t k = 0; k < scenario.issues.size(); ++k)
      out += fmt::format(",{},{}", actor.position[k], actor.salience[k]);
    out += '\n';
  }
  return out;
}

}  // namespace pivot
