// `pivot solve GAME --method NAME`: equilibria of a Gambit .nfg game, printed
// as Gambit's `NE,` lines; `--check PROFILE` reports each player's regret.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "pivot/game.hpp"
#include "pivot/output.hpp"

namespace pivot::cli {

namespace {

struct SolveArgs {
  std::string game;
  std::string method = "enummixed";
  std::string json_path;
  std::string check;
  int digits = -1;
};

int solve(const SolveArgs& args) {
  const StrategicGame game = read_nfg_file(args.game);
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
  auto* cmd = app.add_subcommand("solve", "Nash equilibria of a game in Gambit's .nfg format");
  cmd->add_option("game", args->game, "Gambit .nfg file (payoff or outcome form)")->required();
  cmd->add_option("-m,--method", args->method, "enumpure (any players) or enummixed (two players, all extreme)")
      ->capture_default_str();
  cmd->add_option("--json", args->json_path, "Also write the equilibria as JSON to FILE");
  cmd->add_option("-d,--digits", args->digits, "Print decimals with this many digits instead of exact rationals");
  cmd->add_option("--check", args->check, "Check this profile (NE,... or comma-separated) and print regrets");
  return {cmd, [args] { return solve(*args); }};
}

}  // namespace pivot::cli
