// The bottom line: per issue, each model's forecast against the status quo,
// the Monte Carlo band, the [outcomes] probabilities, the inputs that move the
// forecast most and the flags a reader must see before briefing a number.
// Gathered from the documents a study made (forecast.json, mc.json), so
// `pivot run` and `pivot report --from DIR` say the same.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/bottom_line.hpp"
#include "pivot/report/report.hpp"

namespace pivot::pipeline {
namespace {

using json = nlohmann::ordered_json;

// Two models this far apart (share of the issue's range) disagree.
constexpr double kDisagreeShare = 0.2;
// One input "carries" a forecast whose squared swings it holds this share of.
constexpr double kOneJudgementShare = 0.5;
constexpr std::size_t kMovers = 3;

std::optional<double> number_at(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string text_at(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& array_at(const json& j, const char* key) {
  static const json empty = json::array();
  const auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

std::string show(double v) { return fmt::format("{:.2f}", v); }

bool is_baseline_model(const std::string& model) { return model == "mean" || model == "median" || model == "nbs"; }

void add_forecasts(IssueBottomLine& line, const json& forecast) {
  for (const json& m : array_at(forecast, "models")) {
    const auto outcome = m.find("outcome");
    if (outcome == m.end() || !outcome->is_object() || !outcome->contains(line.issue)) continue;
    const json& one = (*outcome)[line.issue];
    if (const auto v = number_at(one, "predicted")) {
      const std::string model = text_at(m, "model");
      line.forecasts.push_back({model, *v, is_baseline_model(model)});
    }
  }
  std::stable_partition(line.forecasts.begin(), line.forecasts.end(),
                        [](const ModelForecast& f) { return !f.baseline; });
}

// What sets the models apart, for the disagreement flag.
constexpr std::pair<const char*, const char*> kModelAssumptions[] = {
    {"bdm", "bdm lets an actor that expects to win a contest compel its rival, one issue at a time (coercion)"},
    {"ktab", "ktab has actors propose bargains and vote on them over all issues jointly"},
    {"exchange",
     "exchange has pairs of actors trade concessions across two issues, each giving way on the one it cares less "
     "about (Stokman's vote exchange)"},
};

// The highest model forecast against the lowest, with what sets the two apart.
void flag_disagreement(IssueBottomLine& line) {
  std::vector<const ModelForecast*> models, baselines;
  for (const auto& f : line.forecasts) (f.baseline ? baselines : models).push_back(&f);
  if (models.size() < 2) return;
  const auto [lo, hi] =
      std::minmax_element(models.begin(), models.end(), [](auto* a, auto* b) { return a->predicted < b->predicted; });
  const double range = std::max(line.max - line.min, 1e-12);
  const double gap = (*hi)->predicted - (*lo)->predicted;
  if (gap < kDisagreeShare * range) return;
  // What each of the two assumes, in this order whichever is higher.
  std::string assumptions;
  for (const auto& [model, assumes] : kModelAssumptions)
    if ((*hi)->model == model || (*lo)->model == model)
      assumptions += fmt::format("{}{}", assumptions.empty() ? "" : "; ", assumes);
  std::string text = fmt::format(
      "models disagree: {} {} vs {} {} ({:.0f}% of the range apart). They differ in what they assume: {}. ",
      (*hi)->model, show((*hi)->predicted), (*lo)->model, show((*lo)->predicted), 100 * gap / range, assumptions);
  if (!baselines.empty()) {
    const auto [blo, bhi] = std::minmax_element(baselines.begin(), baselines.end(),
                                                [](auto* a, auto* b) { return a->predicted < b->predicted; });
    std::string each;
    for (const auto* b : baselines)
      each += fmt::format("{}{} {}", each.empty() ? "" : ", ", b->model, show(b->predicted));
    text += fmt::format("The baselines, which weigh positions by capability × salience alone, span {}–{} ({}).",
                        show((*blo)->predicted), show((*bhi)->predicted), each);
  }
  line.flags.push_back({"models-disagree", text});
}

void flag_convergence(IssueBottomLine& line, const json& forecast, const Scenario& scenario) {
  auto actor_name = [&](const std::string& id) {
    for (const Actor& a : scenario.actors)
      if (a.id == id) return a.name.empty() ? id : a.name;
    return id;
  };
  for (const json& m : array_at(forecast, "models")) {
    const auto outcome = m.find("outcome");
    if (outcome == m.end() || !outcome->is_object() || !outcome->contains(line.issue)) continue;
    const json& one = (*outcome)[line.issue];
    const auto c = one.find("convergence");
    if (c == one.end() || !c->is_object()) continue;
    const std::string verdict = text_at(*c, "verdict"), model = text_at(m, "model");
    const int rounds = static_cast<int>(number_at(one, "rounds").value_or(0));
    const double amplitude = number_at(*c, "amplitude").value_or(0);
    const std::string who = actor_name(text_at(*c, "swinging_actor"));
    if (verdict == "oscillates")
      line.flags.push_back(
          {"oscillates",
           fmt::format(
               "{} did not converge: it oscillates with a cycle of {} rounds (largest swing {} {}, {}) when its "
               "round limit stopped it at round {}; its forecast depends on where the limit cut the cycle.",
               model, static_cast<int>(number_at(*c, "period").value_or(0)), show(amplitude), line.unit, who, rounds)});
    else if (verdict == "still moving")
      line.flags.push_back(
          {"not-converged",
           fmt::format("{} did not converge: positions still moving when it stopped at round {} ({}; largest swing "
                       "over the last rounds {} {}, {}).",
                       model, rounds,
                       one.value("converged", false) ? "its own stopping rule was met" : "its round limit",
                       show(amplitude), line.unit, who)});
  }
}

const json* mc_output(const json& mc, const std::string& issue) {
  for (const json& o : array_at(mc, "outputs"))
    if (text_at(o, "issue") == issue) return &o;
  return nullptr;
}

void add_band(IssueBottomLine& line, const json& mc) {
  const json* out = mc_output(mc, line.issue);
  if (!out) return;
  const auto p5 = number_at(*out, "p5"), p50 = number_at(*out, "p50"), p95 = number_at(*out, "p95");
  const auto point = number_at(*out, "point");
  if (!p5 || !p50 || !p95 || !point) return;
  line.band = ForecastBand{
      text_at(mc, "model"), *p5, *p50, *p95, *point, static_cast<std::size_t>(number_at(mc, "trials").value_or(0))};
  if (*point < *p5 || *point > *p95)
    line.flags.push_back(
        {"point-outside-band",
         fmt::format("point outside its band: {}'s forecast on the inputs as given, {}, lies outside the P5–P95 band "
                     "{}–{} of {} Monte Carlo trials; the inputs as given sit at an edge of what their uncertainty "
                     "allows, so brief the band, not the point.",
                     line.band->model, show(*point), show(*p5), show(*p95), line.band->trials)});
}

void add_outcomes(IssueBottomLine& line, const json& mc, const Scenario& scenario, std::size_t issue_index) {
  const double trials = number_at(mc, "trials").value_or(0);
  for (const json& o : array_at(mc, "outcomes")) {
    const std::string name = text_at(o, "name");
    const auto rule = std::find_if(scenario.outcomes.begin(), scenario.outcomes.end(),
                                   [&](const OutcomeRule& r) { return r.name == name; });
    if (rule == scenario.outcomes.end() || rule->issue != static_cast<int>(issue_index)) continue;
    const double p = number_at(o, "probability").value_or(0);
    line.outcomes.push_back({name, text_at(o, "condition"), p, trials > 0 ? std::sqrt(p * (1 - p) / trials) : 0.0});
  }
}

void add_movers(IssueBottomLine& line, const json& mc) {
  for (const json& t : array_at(mc, "tornado")) {
    if (text_at(t, "issue") != line.issue) continue;
    double total = 0;
    std::vector<InputSwing> swings;
    for (const json& bar : array_at(t, "bars")) {
      const auto lo = number_at(bar, "output_low"), hi = number_at(bar, "output_high");
      if (!lo || !hi) continue;
      swings.push_back({text_at(bar, "input"), *lo, *hi, std::abs(*hi - *lo)});
      total += swings.back().swing * swings.back().swing;
    }
    std::stable_sort(swings.begin(), swings.end(), [](const auto& a, const auto& b) { return a.swing > b.swing; });
    if (!swings.empty() && total > 0 && swings.front().swing * swings.front().swing >= kOneJudgementShare * total)
      line.flags.push_back(
          {"one-judgement",
           fmt::format("rests mostly on one judgement: {} alone makes {:.0f}% of the squared one-at-a-time swings "
                       "(moving it across its range takes the forecast from {} to {}); check its source note first.",
                       swings.front().input, 100 * swings.front().swing * swings.front().swing / total,
                       show(swings.front().output_low), show(swings.front().output_high))});
    if (swings.size() > kMovers) swings.resize(kMovers);
    line.movers = std::move(swings);
  }
}

std::string forecasts_text(const IssueBottomLine& line) {
  std::string out;
  for (const auto& f : line.forecasts) {
    out += fmt::format("{}{} {}", out.empty() ? "" : " · ", f.model, show(f.predicted));
    if (line.status_quo) out += " " + direction_from(f.predicted, *line.status_quo, line.max - line.min);
  }
  return out;
}

}  // namespace

BottomLine bottom_line(const ReportInputs& inputs) {
  const Scenario& s = inputs.study.scenario;
  BottomLine out;
  out.monte_carlo = inputs.mc.has_value();
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    const Issue& issue = s.issues[k];
    IssueBottomLine line;
    line.issue = issue.id, line.name = issue.name, line.unit = issue.unit;
    line.min = issue.min, line.max = issue.max, line.status_quo = issue.status_quo;
    if (inputs.forecast) {
      add_forecasts(line, inputs.forecast->json);
      flag_disagreement(line);
      flag_convergence(line, inputs.forecast->json, s);
    }
    if (inputs.mc) {
      add_band(line, inputs.mc->json);
      add_outcomes(line, inputs.mc->json, s, k);
      add_movers(line, inputs.mc->json);
    }
    out.issues.push_back(std::move(line));
  }
  return out;
}

std::string bottom_line_text(const BottomLine& bottom) {
  std::string out = "\nBottom line (forecasts with their direction from the status quo";
  out += bottom.monte_carlo ? "; P5–P95 band from the Monte Carlo)\n" : "; no Monte Carlo run)\n";
  for (const auto& line : bottom.issues) {
    out += fmt::format("\n{} ({}){}\n", line.issue, line.unit,
                       line.status_quo ? ", status quo " + show(*line.status_quo) : std::string());
    if (!line.forecasts.empty()) out += "  " + forecasts_text(line) + "\n";
    if (const auto& b = line.band)
      out += fmt::format("  {} band P5 {} – P95 {} (P50 {}), point {}{}\n", b->model, show(b->p5), show(b->p95),
                         show(b->p50), show(b->point), b->point < b->p5 || b->point > b->p95 ? " OUTSIDE" : "");
    for (const auto& o : line.outcomes)
      out += fmt::format("  outcome {} ({}): {:.1f}% ± {:.1f}%\n", o.name, o.condition, 100 * o.probability,
                         100 * o.standard_error);
    if (!line.movers.empty()) {
      std::string movers;
      for (const auto& m : line.movers)
        movers += fmt::format("{}{} (swing {})", movers.empty() ? "" : ", ", m.input, show(m.swing));
      out += "  moved most by: " + movers + "\n";
    }
    for (const auto& f : line.flags) out += "  ! " + f.text + "\n";
  }
  return out;
}

}  // namespace pivot::pipeline
