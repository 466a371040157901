// pivot: the command-line tool. Thin by design: each subcommand (one file
// each, see commands.hpp) parses its arguments, calls the library and writes
// what the library returns. Exit codes: 0 ok, 1 internal error, 2 bad input or usage.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "pivot/core/error.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/uncertainty/mpi.hpp"

namespace {

// Under MPI every rank runs the same command on the same input; only rank 0 reports errors.
std::ostream& errors() {
  static std::ostream null_stream(nullptr);
  return pivot::mpi_world().rank == 0 ? std::cerr : null_stream;
}

int run_cli(int argc, char** argv) {
  CLI::App app{"pivot: forecast, solve and price strategic bargaining between states"};
  app.set_version_flag("--version", pivot::version_string());
  app.require_subcommand(1);

  const std::vector<pivot::cli::Command> commands = {
      pivot::cli::add_forecast_command(app),    pivot::cli::add_run_command(app),
      pivot::cli::add_mc_command(app),          pivot::cli::add_merge_command(app),
      pivot::cli::add_sensitivity_command(app), pivot::cli::add_solve_command(app),
      pivot::cli::add_trade_command(app),       pivot::cli::add_ge_command(app),
      pivot::cli::add_deal_command(app),        pivot::cli::add_report_command(app),
      pivot::cli::add_serve_command(app),
  };

  // "pivot help" and a misspelt command: CLI11 would only say a subcommand is required.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string first = argv[1];
    const bool known = std::any_of(commands.begin(), commands.end(),
                                   [&](const pivot::cli::Command& c) { return c.app->check_name(first); });
    if (first == "help") {
      std::cout << app.help();
      return 0;
    }
    if (!known) {
      std::vector<std::string> names;
      for (const auto& c : commands) names.push_back(c.app->get_name());
      errors() << fmt::format("error: unknown command '{}' (commands: {}; `pivot --help` describes them)\n", first,
                              fmt::join(names, ", "));
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    errors() << "error: " << e.what() << "\n(`pivot --help` or `pivot COMMAND --help` lists the options)\n";
    return 2;
  }
  try {
    for (const auto& command : commands)
      if (command.app->parsed()) return command.run();
  } catch (const pivot::InputError& e) {
    errors() << "error: " << e.what() << "\n";
    return 2;
  } catch (const pivot::UsageError& e) {
    errors() << "error: " << e.what() << "\n";
    return 2;
  } catch (const pivot::OutputError& e) {
    errors() << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    if (pivot::mpi_world().size > 1) pivot::mpi_abort(1);  // the other ranks may be waiting on this one
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  pivot::mpi_start(argc, argv);
  const int code = run_cli(argc, argv);
  pivot::mpi_stop();
  return code;
}
