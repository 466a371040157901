// `pivot ge MODEL.toml`: structural gravity estimated by PPML and solved in general
// equilibrium (pipeline::ge_study), printed and written as the flags ask.
#include <memory>

#include "commands.hpp"
#include "output_files.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::cli {
namespace {

struct GeArgs {
  std::string model_file;
  std::string json_path;
  std::string csv_dir;
};

int ge(const GeArgs& args) {
  // Rendered in full before anything is written, so a failure leaves no partial output.
  const pipeline::Documents documents = pipeline::ge_study(args.model_file);
  write_documents(documents, "ge.json", args.json_path, args.csv_dir);
  return 0;
}

}  // namespace

Command add_ge_command(CLI::App& app) {
  auto args = std::make_shared<GeArgs>();
  auto* cmd = app.add_subcommand("ge", "Structural gravity: PPML with fixed effects and a GE counterfactual");
  cmd->add_option("model", args->model_file, "GE model TOML file (see docs/models/ge.md)")->required();
  cmd->add_option("--json", args->json_path, "Write settings, coefficients, rounds and countries as JSON to FILE");
  cmd->add_option("--csv", args->csv_dir, "Write countries.csv, pairs.csv and coefficients.csv to DIR");
  return {cmd, [args] { return ge(*args); }};
}

}  // namespace pivot::cli
