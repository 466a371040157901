#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

namespace pivot::cli {
namespace {

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the SIGINT handler needs a lock-free flag");

extern "C" void on_sigint(int) { interrupted.store(true); }

}  // namespace

SigintGuard::SigintGuard() : previous_(std::signal(SIGINT, on_sigint)) { interrupted.store(false); }
SigintGuard::~SigintGuard() { std::signal(SIGINT, previous_); }
const std::atomic<bool>& SigintGuard::flag() const { return interrupted; }

ProgressBar::ProgressBar(std::string unit)
    : unit_(std::move(unit)), enabled_(::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}

ProgressCallback ProgressBar::callback() {
  if (!enabled_) return {};
  return [this](std::uint64_t done, std::uint64_t total) { update(done, total); };
}

void ProgressBar::finish() {
  if (enabled_) std::cerr << "\r\033[K" << std::flush;
}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  const auto now = std::chrono::steady_clock::now();
  const std::int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count();
  std::int64_t last = last_ms_.load();
  if (done != total && ms - last < 100) return;
  if (!last_ms_.compare_exchange_strong(last, ms)) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const double seconds = std::max(1e-3, ms / 1000.0);
  const double rate = static_cast<double>(done) / seconds;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
  const int width = 30;
  const int filled = static_cast<int>(width * done / std::max<std::uint64_t>(total, 1));
  std::cerr << fmt::format("\r[{}{}] {}/{} {}  {:.0f}/s  ETA {:.0f}s\033[K", std::string(filled, '#'),
                           std::string(width - filled, '.'), done, total, unit_, rate, eta)
            << std::flush;
}

std::function<ProgressCallback(const std::string&)> StageBars::stage() {
  return [this](const std::string& unit) {
    finish();
    bar_ = std::make_unique<ProgressBar>(unit);
    return bar_->callback();
  };
}

void StageBars::finish() {
  if (bar_) bar_->finish();
  bar_.reset();
}

}  // namespace pivot::cli
