// Each pivot subcommand lives in its own file and registers itself here.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "pivot/bargain/forecast.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot::cli {

/// A registered subcommand and what to do when it was chosen (returns the exit code).
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_forecast_command(CLI::App& app);
Command add_run_command(CLI::App& app);
Command add_mc_command(CLI::App& app);
Command add_merge_command(CLI::App& app);
Command add_sensitivity_command(CLI::App& app);
Command add_solve_command(CLI::App& app);
Command add_trade_command(CLI::App& app);
Command add_ge_command(CLI::App& app);
Command add_deal_command(CLI::App& app);
Command add_report_command(CLI::App& app);
Command add_serve_command(CLI::App& app);
Command add_explain_command(CLI::App& app);
Command add_init_command(CLI::App& app);
Command add_validate_command(CLI::App& app);

/// Refuses a negative count or seed (unsigned options would otherwise wrap -1 to 2^64 - 1).
inline CLI::Validator non_negative() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value)) return "expected a number, got '" + text + "'";
        return value < 0 ? "must not be negative, got " + text : std::string();
      },
      "NUMBER >= 0");
}

/// `--seed`, never negative, its default shown; `help` says what it seeds.
template <class Seed>
CLI::Option* add_seed_option(CLI::App* cmd, Seed& seed, const std::string& help) {
  return cmd->add_option("--seed", seed, help)->check(non_negative())->capture_default_str();
}

/// `--threads`, never negative (0 = all cores), its default shown.
inline CLI::Option* add_threads_option(CLI::App* cmd, int& threads,
                                       const std::string& help = "Threads (0 = all cores)") {
  return cmd->add_option("--threads", threads, help)->check(non_negative())->capture_default_str();
}

/// The scenario of `pivot mc` and `pivot sensitivity`: what they sample needs an uncertainty spec.
inline CLI::Option* add_uncertain_scenario_argument(CLI::App* cmd, std::string& scenario) {
  return cmd
      ->add_option("scenario", scenario, "Scenario directory or built-in name (needs [uncertainty] or uncertainty.csv)")
      ->required();
}

/// `-m,--model` of `pivot mc` and `pivot sensitivity`: every trial model.
inline CLI::Option* add_trial_model_option(CLI::App* cmd, std::string& model) {
  return cmd
      ->add_option("-m,--model", model,
                   "Model: ktab, bdm, exchange, mean, median, nbs, deal (deal.toml), trade:NAME (trade/NAME.toml), "
                   "ge:NAME (trade/NAME.toml in general equilibrium, ge/ge.toml) or game:NAME (games/NAME.efg)")
      ->capture_default_str();
}

/// `--spread KEY=VALUE` of `pivot mc` and `pivot sensitivity`, repeatable.
inline CLI::Option* add_spread_option(CLI::App* cmd, std::vector<std::string>& spreads) {
  return cmd->add_option("--spread", spreads,
                         "Uncertainty default KEY=VALUE, as in [uncertainty]: position=10, salience=10, capability=20 "
                         "(%), position.ISSUE=2, distribution=pert (repeatable)");
}

}  // namespace pivot::cli
