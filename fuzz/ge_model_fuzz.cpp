// libFuzzer target: the GE model file of pivot::gravity::load_ge_model and, after
// a form feed (\f), the flows CSV it names (a fixed three-country panel when the
// input has none). What the loader accepts must estimate and solve, or be refused
// by run_ge with an InputError naming the model file; nothing else may escape.
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/econ/ge_model.hpp"

namespace {

constexpr const char* kFlows =
    "exporter,importer,year,trade,dist,border\n"
    "A,A,2000,100,1,0\nA,B,2000,10,2,1\nA,C,2000,5,3,1\n"
    "B,A,2000,8,2,1\nB,B,2000,80,1,0\nB,C,2000,6,2,1\n"
    "C,A,2000,4,3,1\nC,B,2000,7,2,1\nC,C,2000,60,1,0\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const auto [model_text, flows_text] = fuzz::split_at_form_feed(fuzz::as_text(data, size));
  // The loader opens whatever file the TOML names; devices would only wait for input.
  for (const char* device : {"dev", "proc", "sys"})
    if (model_text.find(device) != std::string::npos) return 0;
  static const std::filesystem::path dir = fuzz::scratch_dir("ge_model");
  fuzz::write_file(dir / "model.toml", model_text);
  fuzz::write_file(dir / "flows.csv", flows_text.empty() ? std::string(kFlows) : flows_text);
  gravity::GeModel model;
  try {
    model = gravity::load_ge_model(dir / "model.toml");
  } catch (const InputError& e) {
    const std::filesystem::path file(e.position().file);
    if (file.parent_path() != dir) fuzz::fail("InputError names file '" + e.position().file + "': " + e.what());
    if (e.position().line == 0 && std::string(e.what()).find("cannot open") == std::string::npos)
      fuzz::fail(std::string("InputError without a line: ") + e.what());
    return 0;
  }
  if (model.data.trade.size() > 400) return 0;  // keep each run fast; size is not what is under test
  try {
    const gravity::GeRun run = gravity::run_ge(model);
    if (run.inputs.countries.size() != model.data.countries.size()) fuzz::fail("lost countries");
  } catch (const InputError& e) {
    if (e.position().file != model.file && e.position().file != model.data.file)
      fuzz::fail("run_ge's InputError names file '" + e.position().file + "'");
  }
  return 0;
}
