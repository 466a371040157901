// `pivot explain SCENARIO --actor ID [--issue ID] [--model M]`: one actor's story
// round by round and each issue's turning points (pipeline::explain_study).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::cli {

Command add_explain_command(CLI::App& app) {
  auto settings = std::make_shared<pipeline::ExplainSettings>();
  auto scenario = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("explain", "One actor's story round by round, and each issue's turning points");
  cmd->add_option("scenario", *scenario, "Scenario directory, file or built-in name (e.g. korea-2025)")->required();
  cmd->add_option("--actor", settings->actor, "Actor id (actors.csv)")->required();
  cmd->add_option("--issue", settings->issue, "Only this issue (default: every issue)");
  cmd->add_option("-m,--model", settings->model, "Model: ktab or bdm")->capture_default_str();
  add_seed_option(cmd, settings->seed, "Seed for stochastic options");
  add_threads_option(cmd, settings->threads);
  cmd->add_option("--set", settings->sets, "Model option KEY=VALUE (repeatable; see docs/models/)");
  return {cmd, [settings, scenario] {
            std::cout << pipeline::explain_study(*scenario, *settings);
            return 0;
          }};
}

}  // namespace pivot::cli
