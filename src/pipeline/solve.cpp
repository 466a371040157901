// `pivot solve`: the equilibria of one game (Gambit .nfg or .efg, SCENARIO:NAME,
// or a CSV bimatrix), or the regrets of one profile, as text and a JSON document.
#include <fmt/format.h>

#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/game_structure.hpp"
#include "pivot/games/io/bimatrix_csv.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/io/nfg.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {

namespace {

// A probability for people: exact with its decimal ("1/3 (0.3333)"), or decimals only.
std::string probability_text(const Rational& p, int digits) {
  if (digits >= 0) return fmt::format("{:.{}f}", p.get_d(), digits);
  const std::string exact = p.get_str();
  return exact.find('/') == std::string::npos ? exact : fmt::format("{} ({:.4f})", exact, p.get_d());
}

// "Top 1/3 (0.3333), Bottom 2/3 (0.6667)": the labels played with positive probability.
std::string played(const std::vector<std::string>& labels, const std::vector<Rational>& mix, int digits) {
  std::string out;
  for (std::size_t s = 0; s < mix.size() && s < labels.size(); ++s)
    if (sgn(mix[s]) > 0)
      out += fmt::format("{}{} {}", out.empty() ? "" : ", ", labels[s].empty() ? std::to_string(s + 1) : labels[s],
                         probability_text(mix[s], digits));
  return out;
}

std::string labelled(const StrategicGame& game, const MixedProfile& profile, std::size_t number, int digits) {
  std::string out = fmt::format("equilibrium {}\n", number);
  for (std::size_t p = 0; p < profile.size(); ++p)
    out += fmt::format("  {}: {}\n", game.players[p], played(game.strategies[p], profile[p], digits));
  return out;
}

std::string labelled(const ExtensiveGame& game, const BehaviourProfile& profile, std::size_t number, int digits) {
  std::string out = fmt::format("equilibrium {}\n", number);
  for (std::size_t p = 0; p < profile.size(); ++p)
    for (std::size_t i = 0; i < profile[p].size(); ++i) {
      const EfgInfoset& set = game.infosets[p][i];
      const std::string where =
          set.label.empty() ? fmt::format("information set {}", set.number) : fmt::format("\"{}\"", set.label);
      out += fmt::format("  {} at {}: {}\n", game.players[p], where, played(set.actions, profile[p][i], digits));
    }
  return out;
}

// What messages call the game: its file, or the name given with its text.
const std::string& game_name(const SolveSettings& settings) {
  return settings.from_text ? settings.name : settings.game;
}

// Gambit's formats start with their own name ("EFG 2 R ..." or "NFG 1 R ...").
bool is_efg_text(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && text.substr(start, 3) == "EFG";
}

// `--check PROFILE`: each player's regret, then the verdict; exit 3 when it is no equilibrium.
SolveStudy check_result(const std::vector<std::string>& players, const std::vector<Rational>& regret,
                        bool equilibrium) {
  SolveStudy out;
  for (std::size_t p = 0; p < regret.size(); ++p)
    out.text += fmt::format("regret,{},{}\n", players[p], regret[p].get_str());
  out.text += equilibrium ? "equilibrium: yes\n" : "equilibrium: no\n";
  out.exit_code = equilibrium ? 0 : 3;
  return out;
}

// Extensive games: behaviour strategies in Gambit's action order.
SolveStudy solve_extensive(const SolveSettings& settings, const ExtensiveGame& game) {
  SolveStudy out;
  if (!settings.check.empty()) {
    const BehaviourProfile profile = parse_behaviour_profile(game, settings.check);
    return check_result(game.players, behaviour_regrets(game, profile), is_behaviour_equilibrium(game, profile));
  }
  if (settings.describe) {
    out.text = description_text(game, describe_game(game));
    return out;
  }
  const std::string method = settings.method.empty() ? default_extensive_method(game) : settings.method;
  const ExtensiveSolveResult result = solve_extensive_game(game, method, settings.options);
  // Written even when no equilibrium is found (its list is then empty).
  if (settings.json) out.json = extensive_result_json(game, result);
  const std::size_t found = result.mixed ? result.mixed->mixed.size() : result.equilibria.size();
  if (found == 0) {
    out.error = fmt::format("{}: no equilibrium found by {}\n", game_name(settings), method);
    out.exit_code = 3;
    return out;
  }
  // Irrational equilibria (regret within tolerance, not 0) print as decimals.
  auto digits_for = [&](bool exact) { return settings.digits < 0 && !exact ? 12 : settings.digits; };
  for (std::size_t e = 0; e < result.equilibria.size(); ++e)
    out.text += settings.labels ? labelled(game, result.equilibria[e], e + 1, digits_for(result.exact[e]))
                                : ne_csv_line(result.equilibria[e], digits_for(result.exact[e])) + "\n";
  if (result.mixed) {  // imperfect recall: the mixed profile, then its behaviour equivalent
    const MixedEquilibria& m = *result.mixed;
    for (std::size_t e = 0; e < m.mixed.size(); ++e) {
      out.text += ne_csv_line(m.mixed[e], digits_for(m.exact[e])) + "\n";
      out.text += m.behaviour[e] ? "behaviour," + ne_csv_line(*m.behaviour[e], digits_for(m.exact[e])).substr(3)
                                 : std::string("behaviour,none (no realisation-equivalent behaviour profile)");
      out.text += "\n";
    }
  }
  return out;
}

StrategicGame load_game(const SolveSettings& settings, const std::filesystem::path& path) {
  if (!settings.row_payoffs.empty() || !settings.col_payoffs.empty()) {
    if (settings.row_payoffs.empty() || settings.col_payoffs.empty() || !settings.game.empty())
      throw UsageError("give either a GAME or both --row-payoffs and --col-payoffs");
    if (settings.from_text)
      return parse_bimatrix_csv(settings.row_payoffs, "row_payoffs", settings.col_payoffs, "col_payoffs");
    return read_bimatrix_csv(settings.row_payoffs, settings.col_payoffs);
  }
  if (settings.from_text) return parse_nfg(settings.game, settings.name);
  return read_nfg_file(path);
}

std::string decimals(double x) { return fmt::format("{:.10f}", x); }

}  // namespace

SolveStudy solve_study(const SolveSettings& settings) {
  if (settings.game.empty() && settings.row_payoffs.empty())
    throw UsageError("no game: give a .nfg/.efg GAME, SCENARIO:NAME, or --row-payoffs A.csv --col-payoffs B.csv");
  std::filesystem::path path;
  if (settings.from_text && is_efg_text(settings.game))
    return solve_extensive(settings, parse_efg(settings.game, settings.name));
  if (!settings.game.empty() && !settings.from_text) {
    path = resolve_game_file(settings.game);
    if (is_efg_file(path)) return solve_extensive(settings, read_efg_file(path));
  }
  if (settings.describe) throw UsageError("--describe takes an extensive game (.efg)");
  const std::string method = settings.method.empty() ? "enummixed" : settings.method;
  const StrategicGame game = load_game(settings, path);
  const std::string name =
      settings.game.empty() ? (settings.from_text ? settings.name : settings.row_payoffs) : game_name(settings);
  SolveStudy out;
  if (!settings.check.empty()) {
    const MixedProfile profile = parse_profile(game, settings.check);
    return check_result(game.players, regrets(game, profile), is_nash_equilibrium(game, profile));
  }
  const SolveResult result = solve_game(game, method, settings.options);
  for (const auto& point : result.path) {  // logit --trace, as gambit-logit prints it
    std::string line = decimals(point.lambda);
    for (const auto& mix : point.profile)
      for (double p : mix) line += "," + decimals(p);
    out.trace += line + "\n";
  }
  if (result.equilibria.empty()) {  // no JSON then
    out.error = fmt::format("{}: no equilibrium found by {}{}\n", name, method,
                            method == "logit" ? " (no verified limit of the logit path)" : "");
    out.exit_code = 3;
    return out;
  }
  if (settings.json) out.json = solve_result_json(game, result);
  for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
    // Irrational equilibria (regret within tolerance, not 0) print as decimals.
    const int digits = settings.digits < 0 && !result.exact[e] ? 12 : settings.digits;
    out.text += settings.labels ? labelled(game, result.equilibria[e], e + 1, digits)
                                : ne_csv_line(result.equilibria[e], digits) + "\n";
  }
  if (result.value)
    out.text += "value," +
                (settings.digits < 0 ? result.value->get_str()
                                     : fmt::format("{:.{}f}", result.value->get_d(), settings.digits)) +
                "\n";
  return out;
}

}  // namespace pivot::pipeline
