// `pivot explain`: one actor's story, round by round, in sentences (whom it
// challenged with what expected gain and P(win), who challenged it, where it
// moved and why, or why it stayed put), then each issue's turning points.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "pivot/bargain/key_moves.hpp"
#include "pivot/core/error.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {
namespace {

constexpr std::size_t kTurningPoints = 3;

std::string num(double v) { return fmt::format("{:.2f}", v); }

std::string actor_label(const Scenario& s, int i) {
  if (i < 0) return "none";
  const Actor& a = s.actors[static_cast<std::size_t>(i)];
  return a.name.empty() || a.name == a.id ? a.id : fmt::format("{} ({})", a.name, a.id);
}

int find_actor(const Scenario& s, const std::string& id) {
  for (std::size_t i = 0; i < s.actors.size(); ++i)
    if (s.actors[i].id == id) return static_cast<int>(i);
  std::vector<std::string> ids;
  for (const Actor& a : s.actors) ids.push_back(a.id);
  throw UsageError(fmt::format("--actor '{}': no such actor in {} (actors: {})", id, s.name, fmt::join(ids, ", ")));
}

std::vector<std::size_t> chosen_issues(const Scenario& s, const std::string& id) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < s.issues.size(); ++k)
    if (id.empty() || s.issues[k].id == id) out.push_back(k);
  if (out.empty()) {
    std::vector<std::string> ids;
    for (const Issue& i : s.issues) ids.push_back(i.id);
    throw UsageError(fmt::format("--issue '{}': no such issue in {} (issues: {})", id, s.name, fmt::join(ids, ", ")));
  }
  return out;
}

bool touches(int challenge_issue, const std::vector<std::size_t>& issues) {
  return challenge_issue < 0 ||
         std::find(issues.begin(), issues.end(), static_cast<std::size_t>(challenge_issue)) != issues.end();
}

std::string issue_suffix(const Scenario& s, int issue) {
  return issue < 0 ? std::string() : " on " + s.issues[static_cast<std::size_t>(issue)].id;
}

// Whether a move shifted the actor on any issue at all.
bool moved_elsewhere(const Scenario& s, const Move& m) {
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    double from = 0, to = 0;
    if (move_on_issue(m, k, from, to) && std::abs(to - from) >= 0.005 * (s.issues[k].max - s.issues[k].min))
      return true;
  }
  return false;
}

// One round of the actor's story: what it did, what was done to it, where it went.
std::string round_story(const Scenario& s, const Round& round, int actor, const std::vector<std::size_t>& issues) {
  std::vector<std::string> parts;
  for (const Challenge& c : round.challenges) {
    if (c.challenger != actor || c.target < 0 || !touches(c.issue, issues)) continue;
    parts.push_back(fmt::format("challenged {}{} (expected gain {:.3f}, P(win) {:.2f})", actor_label(s, c.target),
                                issue_suffix(s, c.issue), c.expected_gain, c.win_probability));
  }
  std::vector<std::string> by;
  for (const Challenge& c : round.challenges)
    if (c.target == actor && touches(c.issue, issues)) by.push_back(actor_label(s, c.challenger));
  if (!by.empty())
    parts.push_back(by.size() <= 3 ? fmt::format("was challenged by {}", fmt::join(by, ", "))
                                   : fmt::format("was challenged by {} actors ({}, ...)", by.size(),
                                                 fmt::join(by.begin(), by.begin() + 3, ", ")));
  std::vector<std::string> moved, stayed;
  for (const Move& m : round.moves) {
    if (m.actor != actor) continue;
    // The challenge is told above: keep only what the actor then did.
    const std::string why = m.reason.rfind("challenged ", 0) == 0 && m.reason.find(") and ") != std::string::npos
                                ? m.reason.substr(m.reason.find(") and ") + 6)
                                : m.reason;
    std::vector<std::string> shifts;
    for (std::size_t k : issues) {
      double from = 0, to = 0;
      if (!move_on_issue(m, k, from, to)) continue;
      if (std::abs(to - from) >= 0.005 * (s.issues[k].max - s.issues[k].min))
        shifts.push_back(fmt::format("{} {} → {}", s.issues[k].id, num(from), num(to)));
    }
    if (!shifts.empty())
      moved.push_back(fmt::format("moved {}: it {}", fmt::join(shifts, ", "), why));
    else if (moved_elsewhere(s, m))
      stayed.push_back("moved on other issues only (" + why + ")");
    else if (m.issue < 0 || touches(m.issue, issues))
      stayed.push_back(why);
  }
  for (auto& m : moved) parts.push_back(std::move(m));
  if (moved.empty()) {
    if (!stayed.empty())
      parts.push_back(fmt::format("stayed put: it {}", stayed.front()));
    else if (!parts.empty())
      parts.push_back("stayed put: nobody's proposal moved it");
  }
  if (parts.empty()) return "";
  std::string text = fmt::format("Round {}: it ", round.index);
  for (std::size_t i = 0; i < parts.size(); ++i)
    text += (i == 0 ? "" : i + 1 == parts.size() ? "; and " : "; ") + parts[i];
  return text + ".\n";
}

std::string positions_text(const Scenario& s, const std::vector<double>& at, const std::vector<std::size_t>& issues) {
  std::vector<std::string> parts;
  for (std::size_t k : issues) parts.push_back(fmt::format("{} {} {}", s.issues[k].id, num(at[k]), s.issues[k].unit));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string turning_points_text(const Scenario& s, const ForecastResult& result,
                                const std::vector<std::size_t>& issues) {
  const auto moves = key_moves(s, result, kTurningPoints);
  std::string out = "\nTurning points (the moves that shifted the issue's capability × salience weighted mean most):\n";
  for (std::size_t k : issues) {
    const Issue& issue = s.issues[k];
    out += fmt::format("{} (forecast {} {}):\n", issue.id, num(result.predicted[k]), issue.unit);
    if (moves[k].empty()) out += "  no move of note\n";
    for (const KeyMove& m : moves[k])
      out += fmt::format("  round {}: {} moved {} → {} (weighted mean {:+.2f}): it {}\n", m.round,
                         actor_label(s, m.actor), num(m.from), num(m.to), m.shift, m.reason);
  }
  return out;
}

}  // namespace

std::string explain_study(const std::string& name_or_path, const ExplainSettings& settings) {
  const Scenario scenario = load_scenario(name_or_path);
  const int actor = find_actor(scenario, settings.actor);
  const std::vector<std::size_t> issues = chosen_issues(scenario, settings.issue);
  const ForecastResult result =
      run_forecast(scenario, settings.model,
                   forecast_options(scenario, settings.model, settings.seed, settings.threads, settings.sets));
  if (result.rounds.size() < 2)
    throw UsageError(fmt::format("--model {}: a baseline has no rounds to explain (use ktab or bdm)", settings.model));
  std::string out = fmt::format("{} under {} in {}, {} rounds\n", actor_label(scenario, actor), settings.model,
                                scenario.name, result.rounds.size() - 1);
  out +=
      fmt::format("Starts at {}.\n",
                  positions_text(scenario, result.rounds.front().positions[static_cast<std::size_t>(actor)], issues));
  for (std::size_t r = 1; r < result.rounds.size(); ++r) out += round_story(scenario, result.rounds[r], actor, issues);
  out += fmt::format("Ends at {}.\n",
                     positions_text(scenario, result.rounds.back().positions[static_cast<std::size_t>(actor)], issues));
  return out + turning_points_text(scenario, result, issues);
}

}  // namespace pivot::pipeline
