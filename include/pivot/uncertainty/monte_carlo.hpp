// Monte Carlo over a scenario's uncertain inputs: the trials a run (or one shard
// of it) computes. Results depend only on (study, model, seed, trials): never
// on threads, shards or ranks. See docs/uncertainty.md.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pivot/scenario/distribution.hpp"
#include "pivot/scenario/study.hpp"
#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {

/// A Monte Carlo run: seed, trials, threads, the shard this process computes, progress and early stop.
struct McOptions {
  std::uint64_t seed = 0;
  std::uint64_t trials = 1000;  // in the whole run, over all shards
  int threads = 0;              // 0 = all cores
  int shard_index = 0;          // this process computes shard `shard_index` of `shard_count`
  int shard_count = 1;
  ProgressCallback progress;
  const std::atomic<bool>* stop = nullptr;  // set (e.g. on SIGINT) to stop early
};

/// One uncertain input as recorded in a run: its column name and distribution.
struct McInput {
  std::string name;
  Distribution distribution;
  double point = 0.0;  // the unperturbed value the point forecast uses
  std::string source;  // where that value came from when not from its file (a parameter's source)
};

/// The trials a run or a shard computed, and what produced them.
struct McRun {
  std::string version;  // pivot version (merging needs the same one)
  std::string scenario;
  std::string input_hash;
  std::string model;
  std::vector<std::pair<std::string, std::string>> model_options;
  std::uint64_t seed = 0;
  std::uint64_t total_trials = 0;
  int shard_index = 0;
  int shard_count = 1;
  std::vector<McInput> inputs;
  std::vector<TrialOutput> outputs;
  std::uint64_t first_trial = 0;             // trial number of row 0
  std::vector<std::vector<double>> sampled;  // [row][input]
  std::vector<std::vector<double>> results;  // [row][output]
  std::vector<double> point;                 // [output] the model on the unperturbed inputs; empty = unknown
  bool interrupted = false;                  // stopped early: the rows are incomplete, write nothing
};

/// The trials [begin, end) that shard `index` of `count` computes: contiguous, in order.
std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t trials, int index, int count);

/// Draws every uncertain input of `base` for one trial into `values` (one per
/// study.uncertainty entry) and writes them into `out`'s actor fields.
void sample_trial_inputs(const Study& base, std::uint64_t seed, std::uint32_t stream, std::uint64_t trial, Study& out,
                         std::vector<double>& values);

/// Runs `model` on `options.trials` sampled studies (this shard's share) in parallel.
/// Throws UsageError when the study has no uncertain inputs or the options are invalid.
McRun run_monte_carlo(const Study& study, const TrialModel& model, const McOptions& options);

}  // namespace pivot
