#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <iostream>

namespace pivot::cli {
namespace {

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the SIGINT handler needs a lock-free flag");

extern "C" void on_sigint(int) { interrupted.store(true); }

constexpr double kDefaultIntervalSeconds = 5;

// Seconds between plain lines: PIVOT_PROGRESS_INTERVAL, or the default; negative for "off".
double plain_line_interval() {
  const char* text = std::getenv("PIVOT_PROGRESS_INTERVAL");
  if (text == nullptr || *text == '\0') return kDefaultIntervalSeconds;
  if (std::string(text) == "off") return -1;
  char* end = nullptr;
  const double seconds = std::strtod(text, &end);
  return (*end == '\0' && seconds >= 0) ? seconds : kDefaultIntervalSeconds;
}

std::string duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.0f}s", seconds);
  return fmt::format("{:.0f}m{:02.0f}s", std::floor(seconds / 60), std::fmod(seconds, 60));
}

}  // namespace

SigintGuard::SigintGuard() : previous_(std::signal(SIGINT, on_sigint)) { interrupted.store(false); }
SigintGuard::~SigintGuard() { std::signal(SIGINT, previous_); }
const std::atomic<bool>& SigintGuard::flag() const { return interrupted; }

ProgressStyle progress_style(bool quiet) {
  if (quiet) return ProgressStyle::quiet;
  if (::isatty(STDERR_FILENO) == 1) return ProgressStyle::bar;
  return plain_line_interval() < 0 ? ProgressStyle::quiet : ProgressStyle::lines;
}

ProgressBar::ProgressBar(std::string unit, ProgressStyle style)
    : unit_(std::move(unit)),
      style_(style),
      interval_s_(style == ProgressStyle::bar ? 0.1 : plain_line_interval()),
      start_(std::chrono::steady_clock::now()) {}

ProgressCallback ProgressBar::callback() {
  if (style_ == ProgressStyle::quiet) return {};
  return [this](std::uint64_t done, std::uint64_t total) { update(done, total); };
}

void ProgressBar::finish() {
  if (style_ == ProgressStyle::bar) std::cerr << "\r\033[K" << std::flush;
  if (style_ != ProgressStyle::lines || !printed_.load()) return;
  // A closing line for a stage that printed any, so a log shows when it ended.
  std::lock_guard<std::mutex> lock(mutex_);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::cerr << fmt::format("{}: {}/{} in {}\n", unit_, done_.load(), total_.load(), duration(seconds)) << std::flush;
}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  done_.store(std::max(done_.load(), done)), total_.store(total);
  const auto now = std::chrono::steady_clock::now();
  const std::int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count();
  std::int64_t last = last_ms_.load();
  const bool last_one = done == total;
  if (style_ == ProgressStyle::lines && last_one) return;  // finish() writes the closing line
  if (!last_one && ms - last < static_cast<std::int64_t>(interval_s_ * 1000)) return;
  if (!last_ms_.compare_exchange_strong(last, ms)) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const double seconds = std::max(1e-3, ms / 1000.0);
  const double rate = static_cast<double>(done) / seconds;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
  const int percent = static_cast<int>(100 * done / std::max<std::uint64_t>(total, 1));
  if (style_ == ProgressStyle::lines) {
    printed_.store(true);
    std::cerr << fmt::format("{}: {}/{} ({}%), {:.0f}/s, ETA {}\n", unit_, done, total, percent, rate, duration(eta))
              << std::flush;
    return;
  }
  const int width = 30;
  const int filled = static_cast<int>(width * done / std::max<std::uint64_t>(total, 1));
  std::cerr << fmt::format("\r[{}{}] {}/{} {}  {:.0f}/s  ETA {}\033[K", std::string(filled, '#'),
                           std::string(width - filled, '.'), done, total, unit_, rate, duration(eta))
            << std::flush;
}

std::function<ProgressCallback(const std::string&)> StageBars::stage() {
  return [this](const std::string& unit) {
    finish();
    bar_ = std::make_unique<ProgressBar>(unit, style_);
    return bar_->callback();
  };
}

void StageBars::finish() {
  if (bar_) bar_->finish();
  bar_.reset();
}

Heartbeat::Heartbeat(std::string what, ProgressStyle style) : what_(std::move(what)), style_(style) {
  if (style_ != ProgressStyle::quiet) thread_ = std::thread([this] { beat(); });
}

Heartbeat::~Heartbeat() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (drawn_ && style_ == ProgressStyle::bar) std::cerr << "\r\033[K" << std::flush;
}

void Heartbeat::beat() {
  const auto start = std::chrono::steady_clock::now();
  const double every = style_ == ProgressStyle::bar ? 0.5 : std::max(0.05, plain_line_interval());
  auto next = start + std::chrono::milliseconds(style_ == ProgressStyle::bar ? 1000 : static_cast<int>(every * 1000));
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_until(lock, next, [this] { return done_; })) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (style_ == ProgressStyle::bar)
      std::cerr << fmt::format("\r{}: {} so far (size not known in advance; Ctrl-C stops)\033[K", what_,
                               duration(seconds))
                << std::flush;
    else
      std::cerr << fmt::format("{}: {} so far\n", what_, duration(seconds)) << std::flush;
    drawn_ = true;
    next += std::chrono::milliseconds(static_cast<int>(every * 1000));
  }
}

}  // namespace pivot::cli
