// `pivot solve GAME --method NAME`: equilibria of a Gambit .nfg game, printed
// as Gambit's `NE,` lines; `--check PROFILE` reports each player's regret.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "pivot/extensive_game.hpp"
#include "pivot/game.hpp"
#include "pivot/output.hpp"

namespace pivot::cli {

namespace {

struct SolveArgs {
  std::string game;
  std::string method;  // empty: enummixed for .nfg, the extensive default for .efg
  std::string json_path;
  std::string check;
  int digits = -1;
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
  if (!args.json_path.empty()) write_file_atomic(args.json_path, extensive_result_json(game, result));
  if (result.equilibria.empty()) {
    std::cerr << fmt::format("{}: no equilibrium found by {}\n", args.game, method);
    return 3;
  }
  for (const auto& profile : result.equilibria) std::cout << ne_csv_line(profile, args.digits) << "\n";
  return 0;
}

int solve(SolveArgs args) {
  const std::filesystem::path path = resolve_game_file(args.game);
  if (is_efg_file(path)) return solve_extensive(args, path);
  if (args.method.empty()) args.method = "enummixed";
  const StrategicGame game = read_nfg_file(path);
  if (!args.check.empty()) {
    const MixedProfile profile = parse_profile(game, args.check);
    const auto regret = regrets(game, profile);
    for (std::size_t p = 0; p < regret.size(); ++p)
      std::cout << fmt::format("regret,{},{}\n", game.players[p], regret[p].get_str());
    const bool ok = is_nash_equilibrium(game, profile);
    std::cout << (ok ? "equilibrium: yes\n" : "equilibrium: no\n");
    return ok ? 0 : 3;
  }
  const SolveResult result = solve_game(game, args.method);
  if (!args.json_path.empty()) write_file_atomic(args.json_path, solve_result_json(game, result));
  if (result.equilibria.empty()) {
    std::cerr << fmt::format("{}: no equilibrium found by {}\n", args.game, args.method);
    return 3;
  }
  for (const auto& profile : result.equilibria) std::cout << ne_csv_line(profile, args.digits) << "\n";
  return 0;
}

}  // namespace

Command add_solve_command(CLI::App& app) {
  auto args = std::make_shared<SolveArgs>();
  auto* cmd = app.add_subcommand("solve", "Nash equilibria of a game in Gambit's .nfg or .efg format");
  cmd->add_option("game", args->game, "Gambit .nfg or .efg file, or SCENARIO:NAME (e.g. korea-2025:us-korea-deal)")
      ->required();
  cmd->add_option("-m,--method", args->method,
                  "enumpure (any players) or enummixed (two players, all extreme; default for .nfg); for .efg also "
                  "backward (perfect information; default there) or lcp (sequence form, two players)");
  cmd->add_option("--json", args->json_path, "Also write the equilibria as JSON to FILE");
  cmd->add_option("-d,--digits", args->digits, "Print decimals with this many digits instead of exact rationals");
  cmd->add_option("--check", args->check, "Check this profile (NE,... or comma-separated) and print regrets");
  return {cmd, [args] { return solve(*args); }};
}

}  // namespace pivot::cli
