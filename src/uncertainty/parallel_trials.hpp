// Runs independent trials on a TBB arena of a chosen size. Each trial writes
// only its own slot, so results never depend on scheduling.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <cstdint>

#include "pivot/uncertainty/run_control.hpp"

namespace pivot::uncertainty {

/// Calls body(i) for i in [0, count) on `threads` threads (0 = all cores); returns
/// false when `stop` was raised before every trial ran.
template <class Body>
bool for_each_trial(std::uint64_t count, int threads, const std::atomic<bool>* stop, const ProgressCallback& progress,
                    Body&& body) {
  std::atomic<std::uint64_t> done{0};
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, count, 1), [&](const auto& range) {
      for (std::uint64_t i = range.begin(); i != range.end(); ++i) {
        if (stop && stop->load(std::memory_order_relaxed)) return;
        body(i);
        const std::uint64_t finished = done.fetch_add(1, std::memory_order_relaxed) + 1;
        if (progress) progress(finished, count);
      }
    });
  });
  return done.load() == count;
}

}  // namespace pivot::uncertainty
