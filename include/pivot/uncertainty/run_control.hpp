// How a long computation runs: seed, threads, a progress callback and a flag
// that stops it early. The caller (the CLI's progress bar and Ctrl-C) supplies them.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

namespace pivot {

/// Called as trials finish, from worker threads (possibly concurrently).
using ProgressCallback = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// Seed, threads, progress and early stop of a sensitivity analysis (or any run of many model runs).
struct RunControl {
  std::uint64_t seed = 0;
  int threads = 0;  // 0 = all cores
  ProgressCallback progress;
  const std::atomic<bool>* stop = nullptr;
};

}  // namespace pivot
