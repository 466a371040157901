// `pivot solve GAME --method NAME`: equilibria of a Gambit .nfg game (or of a
// bimatrix game from two CSV tables), printed as Gambit's `NE,` lines;
// `--check PROFILE` reports each player's regret.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/core/error.hpp"
#include "pivot/games/extensive_game.hpp"
#include "pivot/games/game.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::cli {

namespace {

struct SolveArgs {
  std::string game;
  std::string method;  // empty: enummixed for .nfg, the extensive default for .efg
  std::string json_path;
  std::string check;
  std::string row_payoffs, col_payoffs;
  int digits = -1;
  SolveOptions options;
};

// Extensive games: behaviour strategies in Gambit's action order.
int solve_extensive(const SolveArgs& args, const std::filesystem::path& path) {
  const ExtensiveGame game = read_efg_file(path);
  if (!args.check.empty()) {
    const BehaviourProfile profile = parse_behaviour_profile(game, args.check);
    const auto regret = behaviour_regrets(game, profile);
    for (std::size_t p = 0; p < regret.size(); ++p)
      std::cout << fmt::format("regret,{},{}\n", game.players[p], regret[p].get_str());
    const bool ok = is_behaviour_equilibrium(game, profile);
    std::cout << (ok ? "equilibrium: yes\n" : "equilibrium: no\n");
    return ok ? 0 : 3;
  }
  const std::string method = args.method.empty() ? default_extensive_method(game) : args.method;
  const ExtensiveSolveResult result = solve_extensive_game(game, method);
  OutputFiles out;
  if (!args.json_path.empty()) out.add(args.json_path, extensive_result_json(game, result));
  out.write();
  if (result.equilibria.empty()) {
    std::cerr << fmt::format("{}: no equilibrium found by {}\n", args.game, method);
    return 3;
  }
  if (out.uses_stdout()) return 0;
  for (const auto& profile : result.equilibria) std::cout << ne_csv_line(profile, args.digits) << "\n";
  return 0;
}

StrategicGame load_game(const SolveArgs& args) {
  if (!args.row_payoffs.empty() || !args.col_payoffs.empty()) {
    if (args.row_payoffs.empty() || args.col_payoffs.empty() || !args.game.empty())
      throw UsageError("give either a GAME or both --row-payoffs and --col-payoffs");
    return read_bimatrix_csv(args.row_payoffs, args.col_payoffs);
  }
  return read_nfg_file(pipeline::resolve_game_file(args.game));
}

std::string decimals(double x) { return fmt::format("{:.10f}", x); }

int solve(SolveArgs args) {
  if (args.game.empty() && args.row_payoffs.empty())
    throw UsageError("no game: give a .nfg/.efg GAME, SCENARIO:NAME, or --row-payoffs A.csv --col-payoffs B.csv");
  if (!args.game.empty()) {
    const std::filesystem::path path = pipeline::resolve_game_file(args.game);
    if (is_efg_file(path)) return solve_extensive(args, path);
  }
  if (args.method.empty()) args.method = "enummixed";
  const StrategicGame game = load_game(args);
  const std::string name = args.game.empty() ? args.row_payoffs : args.game;
  if (!args.check.empty()) {
    const MixedProfile profile = parse_profile(game, args.check);
    const auto regret = regrets(game, profile);
    for (std::size_t p = 0; p < regret.size(); ++p)
      std::cout << fmt::format("regret,{},{}\n", game.players[p], regret[p].get_str());
    const bool ok = is_nash_equilibrium(game, profile);
    std::cout << (ok ? "equilibrium: yes\n" : "equilibrium: no\n");
    return ok ? 0 : 3;
  }
  const SolveResult result = solve_game(game, args.method, args.options);
  for (const auto& point : result.path) {  // logit --trace, as gambit-logit prints it
    std::string line = decimals(point.lambda);
    for (const auto& mix : point.profile)
      for (double p : mix) line += "," + decimals(p);
    std::cout << line << "\n";
  }
  if (result.equilibria.empty()) {
    std::cerr << fmt::format("{}: no equilibrium found by {}{}\n", name, args.method,
                             args.method == "logit" ? " (no verified limit of the logit path)" : "");
    return 3;
  }
  OutputFiles out;
  if (!args.json_path.empty()) out.add(args.json_path, solve_result_json(game, result));
  out.write();
  if (out.uses_stdout()) return 0;
  for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
    // Irrational equilibria (regret within tolerance, not 0) print as decimals.
    const int digits = args.digits < 0 && !result.exact[e] ? 12 : args.digits;
    std::cout << ne_csv_line(result.equilibria[e], digits) << "\n";
  }
  if (result.value)
    std::cout << "value,"
              << (args.digits < 0 ? result.value->get_str()
                                  : fmt::format("{:.{}f}", result.value->get_d(), args.digits))
              << "\n";
  return 0;
}

}  // namespace

Command add_solve_command(CLI::App& app) {
  auto args = std::make_shared<SolveArgs>();
  auto* cmd =
      app.add_subcommand("solve", "Nash equilibria of a game in Gambit's .nfg or .efg format, or a CSV bimatrix");
  cmd->add_option("game", args->game, "Gambit .nfg or .efg file, or SCENARIO:NAME (e.g. korea-2025:us-korea-deal)");
  cmd->add_option("--row-payoffs", args->row_payoffs, "CSV table of the row player's payoffs (with --col-payoffs)");
  cmd->add_option("--col-payoffs", args->col_payoffs, "CSV table of the column player's payoffs, same labels");
  cmd->add_option(
      "-m,--method", args->method,
      "strategic form: enumpure (any players), enummixed (2 players, all extreme; default), lcp (2 players, "
      "Lemke-Howson), lp (2-player zero-sum), logit (QRE path, any players), enumpoly (support "
      "enumeration, any players); .efg: backward (perfect information; default there) or lcp (sequence "
      "form, two players), enumpure or enummixed (on its reduced strategic form)");
  cmd->add_option("--label", args->options.label,
                  "lcp: follow one Lemke-Howson path dropping this label (1..m rows, m+1..m+n columns); "
                  "default: every equilibrium reachable through the path network");
  cmd->add_option("--max-equilibria", args->options.max_equilibria, "lcp: stop after this many equilibria (0 = all)")
      ->check(non_negative());
  cmd->add_flag("--trace", args->options.trace, "logit: print the path as lambda,p1,p2,... lines before the NE line");
  cmd->add_option("--tolerance", args->options.tolerance,
                  "logit/enumpoly: largest regret accepted for an irrational equilibrium")
      ->capture_default_str();
  cmd->add_option("--json", args->json_path, "Also write the equilibria as JSON to FILE");
  cmd->add_option("-d,--digits", args->digits, "Print decimals with this many digits instead of exact rationals");
  cmd->add_option("--check", args->check, "Check this profile (NE,... or comma-separated) and print regrets");
  return {cmd, [args] { return solve(*args); }};
}

}  // namespace pivot::cli
