// libFuzzer target: pivot::read_mc_run, the loader of `pivot merge`: the input
// is a run's manifest.json, a form feed (\f), then its trials.csv. What it
// accepts must merge with itself as the only shard and write out again.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/run_files.hpp"
#include "pivot/uncertainty/summary.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  static const std::filesystem::path dir = fuzz::scratch_dir("mc_run");
  const auto [manifest, trials] = fuzz::split_at_form_feed(fuzz::as_text(data, size));
  fuzz::write_file(dir / "manifest.json", manifest);
  fuzz::write_file(dir / "trials.csv", trials);
  McRun run;
  try {
    run = read_mc_run(dir);
  } catch (const InputError& e) {
    const std::string file = e.position().file;
    if (file != (dir / "manifest.json").string() && file != (dir / "trials.csv").string())
      fuzz::fail("InputError names file '" + file + "': " + e.what());
    return 0;
  }
  if (run.sampled.size() != run.results.size()) fuzz::fail("not one row of inputs per row of results");
  for (std::size_t r = 0; r < run.sampled.size(); ++r)
    if (run.sampled[r].size() != run.inputs.size() || run.results[r].size() != run.outputs.size())
      fuzz::fail("a row of the wrong width");
  if (run.shard_count == 1 && run.shard_index == 0) {
    try {
      const McRun merged = merge_mc_runs({run}, {"manifest.json"});
      summarize_run(merged);
    } catch (const InputError&) {
      // An incomplete single run may be refused; only other failures are bugs.
    }
  }
  summarize_run(run);
  trials_csv(run);
  return 0;
}
