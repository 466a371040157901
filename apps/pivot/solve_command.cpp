// `pivot solve GAME --method NAME`: equilibria of a Gambit .nfg or .efg game (or of a
// bimatrix game from two CSV tables), printed as Gambit's `NE,` lines
// (pipeline::solve_study); `--check PROFILE` reports each player's regret.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::cli {

namespace {

struct SolveArgs {
  pipeline::SolveSettings settings;
  std::string json_path;
};

int solve(SolveArgs args) {
  args.settings.json = !args.json_path.empty();
  const pipeline::SolveStudy study = pipeline::solve_study(args.settings);
  std::cout << study.trace;
  OutputFiles out;
  if (study.json) out.add(args.json_path, *study.json);
  out.write();
  if (!study.error.empty()) std::cerr << study.error;
  if (!out.uses_stdout()) std::cout << study.text;
  return study.exit_code;
}

}  // namespace

Command add_solve_command(CLI::App& app) {
  auto args = std::make_shared<SolveArgs>();
  auto* cmd =
      app.add_subcommand("solve", "Nash equilibria of a game in Gambit's .nfg or .efg format, or a CSV bimatrix");
  cmd->add_option("game", args->settings.game,
                  "Gambit .nfg or .efg file, or SCENARIO:NAME (e.g. korea-2025:us-korea-deal)");
  cmd->add_option("--row-payoffs", args->settings.row_payoffs,
                  "CSV table of the row player's payoffs (with --col-payoffs)");
  cmd->add_option("--col-payoffs", args->settings.col_payoffs, "CSV table of the column player's payoffs, same labels");
  cmd->add_option(
      "-m,--method", args->settings.method,
      "strategic form: enumpure (any players), enummixed (2 players, all extreme; default), lcp (2 players, "
      "Lemke-Howson), lp (2-player zero-sum), logit (QRE path, any players), enumpoly (support "
      "enumeration, any players); .efg: backward (perfect information; default there) or lcp (sequence "
      "form, two players, perfect recall), logit (agent QRE on the tree; on the reduced strategic form without "
      "perfect recall), enumpure, enummixed or enumpoly (on its reduced strategic form)");
  cmd->add_option("--label", args->settings.options.label,
                  "lcp: follow one Lemke-Howson path dropping this label (1..m rows, m+1..m+n columns); "
                  "default: every equilibrium reachable through the path network");
  cmd->add_option("--max-equilibria", args->settings.options.max_equilibria,
                  "lcp: stop after this many equilibria (0 = all)")
      ->check(non_negative());
  cmd->add_flag("--trace", args->settings.options.trace,
                "logit: print the path as lambda,p1,p2,... lines before the NE line");
  cmd->add_option("--tolerance", args->settings.options.tolerance,
                  "logit/enumpoly: largest regret accepted for an irrational equilibrium")
      ->capture_default_str();
  cmd->add_option("--json", args->json_path, "Also write the equilibria as JSON to FILE");
  cmd->add_option("-d,--digits", args->settings.digits,
                  "Print decimals with this many digits instead of exact rationals");
  cmd->add_flag("--describe", args->settings.describe,
                "Print an .efg's structure instead of solving: perfect recall, absent-minded information sets, "
                "subgame roots, sizes of the reduced strategic and sequence forms, the methods that apply");
  cmd->add_option("--check", args->settings.check, "Check this profile (NE,... or comma-separated) and print regrets");
  return {cmd, [args] { return solve(*args); }};
}

}  // namespace pivot::cli
