// What long-running commands share: progress on standard error and a clean stop on Ctrl-C.
// On a terminal, a bar redrawn in place (done, rate, ETA); otherwise (a log, a pipe) a plain
// line every few seconds (PIVOT_PROGRESS_INTERVAL seconds, default 5; "off": none);
// with --quiet, nothing. Models never print: the pipeline reports stages and counts.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

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

/// How progress shows: a bar (stderr is a terminal), plain lines (it is not), or not at all.
enum class ProgressStyle { bar, lines, quiet };

/// The style for this process: quiet when asked, else by whether stderr is a terminal.
ProgressStyle progress_style(bool quiet);

/// The progress of one stage ("ktab trials"): redrawn at most ten times a second as a bar,
/// or written as a line every interval; cleared (bar) or closed with a last line (lines, when
/// any went out: a stage shorter than the interval stays silent) by finish().
class ProgressBar {
 public:
  ProgressBar(std::string unit, ProgressStyle style);
  ProgressCallback callback();  // empty when quiet
  void finish();

 private:
  void update(std::uint64_t done, std::uint64_t total);

  std::string unit_;
  ProgressStyle style_;
  double interval_s_;  // between plain lines
  std::chrono::steady_clock::time_point start_;
  std::atomic<std::int64_t> last_ms_{0};
  std::atomic<std::uint64_t> done_{0}, total_{0};
  std::atomic<bool> printed_{false};  // a plain line went out
  std::mutex mutex_;
};

/// A progress bar per stage of a pipeline study (pipeline::StudyControl::stage), each
/// started as its stage starts and finished as the next one starts or on finish().
class StageBars {
 public:
  explicit StageBars(ProgressStyle style = progress_style(false)) : style_(style) {}
  std::function<ProgressCallback(const std::string& stage)> stage();  // valid while this lives
  void finish();

 private:
  ProgressStyle style_;
  std::unique_ptr<ProgressBar> bar_;
};

/// For work whose size is not known in advance (a game's equilibria, a large trade model):
/// after a second, the time spent so far on `what`, as a bar-style line on a terminal or a
/// plain line every interval otherwise; gone when this is destroyed.
class Heartbeat {
 public:
  Heartbeat(std::string what, ProgressStyle style);
  ~Heartbeat();
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

 private:
  void beat();

  std::string what_;
  ProgressStyle style_;
  bool drawn_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace pivot::cli
