// `pivot serve`: the local web UI. Prints the address with its token as the
// first line on stdout, then serves until interrupted.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "pivot/serve/serve.hpp"

namespace pivot::cli {
namespace {

int serve(const ServeConfig& config) {
  UiServer server(config);
  std::cout << server.url() << std::endl;  // first line: tests and scripts read it
  std::cerr << fmt::format("pivot serve: scenario {} on 127.0.0.1:{} only; Ctrl-C stops\n", config.scenario,
                           server.port());
  server.listen();
  return 0;
}

}  // namespace

Command add_serve_command(CLI::App& app) {
  auto config = std::make_shared<ServeConfig>();
  auto* cmd = app.add_subcommand("serve", "Local web UI on 127.0.0.1: edit inputs, re-run, compare runs");
  cmd->add_option("scenario", config->scenario, "Scenario directory or built-in name (e.g. korea-2025)")->required();
  cmd->add_option("--port", config->port, "Port on 127.0.0.1 (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  add_seed_option(cmd, config->seed, "Seed for every run");
  add_threads_option(cmd, config->threads, "Model threads (0 = all cores)");
  cmd->add_option("--max-body", config->max_body_bytes, "Largest request body in bytes (larger: 413)")
      ->check(non_negative())
      ->capture_default_str();
  return {cmd, [config] { return serve(*config); }};
}

}  // namespace pivot::cli
