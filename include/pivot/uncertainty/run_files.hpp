// The files that record a Monte Carlo run (trials.csv, summary.csv,
// manifest.json), read back and merged: shards computed by hand (`pivot mc
// --shard`) join into the run one process would have computed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/summary.hpp"

namespace pivot {

/// trials.csv: `trial,<inputs>,<outputs>`, one row per trial, numbers in shortest round-trip form.
std::string trials_csv(const McRun& run);

/// summary.csv: `issue,model,mean,p5,p25,p50,p75,p95`.
std::string summary_csv(const std::vector<OutputSummary>& summaries);

/// manifest.json of a run: version, scenario, hash, model and options, seed, trials, shard, inputs, outputs.
std::string mc_manifest_json(const McRun& run);

/// Reads a run back from a directory written with trials_csv and mc_manifest_json. Throws InputError.
McRun read_mc_run(const std::filesystem::path& dir);

/// Joins the shards of one run (any order) into the run a single process would have
/// computed. Throws InputError when they are not exactly the shards 0..n-1 of one run.
McRun merge_mc_runs(std::vector<McRun> shards, const std::vector<std::string>& where);

}  // namespace pivot
