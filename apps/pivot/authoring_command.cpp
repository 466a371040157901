// `pivot init DIR` (a small valid scenario to start from) and `pivot validate
// SCENARIO` (every problem at once, and warnings): pipeline::init_study and
// validate_study; this file writes what they return.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "pivot/core/atomic_file.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::cli {
namespace {

int init(const std::string& dir_text) {
  const std::filesystem::path dir = dir_text;
  const pipeline::Documents documents = pipeline::init_study(pipeline::init_directory_name(dir));
  StagedDirectory staged(dir);
  for (const auto& [file, content] : documents.files) write_file_atomic(staged.path() / file, content);
  staged.commit();
  std::cout << fmt::format("wrote {}/ (scenario.toml, actors.csv, sources.csv): ", dir.string()) << documents.text;
  return 0;
}

int validate(const std::string& scenario) {
  const pipeline::Validation v = pipeline::validate_study(scenario);
  std::cout << pipeline::validation_text(v);
  return v.ok() ? 0 : 2;
}

}  // namespace

Command add_init_command(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("init", "Write a small, valid, commented scenario to start from");
  cmd->add_option("dir", *dir, "New (or empty) directory for the scenario")->required();
  return {cmd, [dir] { return init(*dir); }};
}

Command add_validate_command(CLI::App& app) {
  auto scenario = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("validate", "Check a scenario as a run would: every problem at once, and warnings");
  cmd->add_option("scenario", *scenario, "Scenario directory, file or built-in name")->required();
  return {cmd, [scenario] { return validate(*scenario); }};
}

}  // namespace pivot::cli
