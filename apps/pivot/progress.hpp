// What long-running commands share: a progress bar on a terminal and a clean stop on Ctrl-C.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "pivot/uncertainty/run_control.hpp"

namespace pivot::cli {

/// Catches SIGINT while alive (restoring the previous handler after) and raises flag().
class SigintGuard {
 public:
  SigintGuard();
  ~SigintGuard();
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;
  const std::atomic<bool>& flag() const;

 private:
  void (*previous_)(int);
};

/// A progress bar on stderr (done, rate, ETA), redrawn at most ten times a second;
/// silent unless stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(std::string unit);  // e.g. "trials"
  ProgressCallback callback();             // empty when silent
  void finish();                           // clears the line

 private:
  void update(std::uint64_t done, std::uint64_t total);

  std::string unit_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<std::int64_t> last_ms_{-1000};
  std::mutex mutex_;
};

/// A progress bar per stage of a pipeline study (pipeline::StudyControl::stage), each
/// started as its stage starts and cleared as the next one starts or on finish().
class StageBars {
 public:
  std::function<ProgressCallback(const std::string& stage)> stage();  // valid while this lives
  void finish();

 private:
  std::unique_ptr<ProgressBar> bar_;
};

}  // namespace pivot::cli
