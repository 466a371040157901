// Writing a set of outputs so that a reader sees all of them or none: stage
// them beside the target directory, then rename them into place. A failure
// before commit() (e.g. bad input found by a later step) leaves no trace.
#include <unistd.h>

#include <stdexcept>
#include <string>

#include "pivot/core/atomic_file.hpp"
#include "pivot/core/error.hpp"

namespace pivot {
namespace fs = std::filesystem;

namespace {

// "out/run/" and "out/run" name the same directory; "." names the current one.
fs::path normal_directory(const fs::path& path) {
  fs::path p = fs::absolute(path).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p;
}

// The highest ancestor of `dir` (itself included) that does not exist yet, or empty.
fs::path first_missing(const fs::path& dir) {
  std::error_code ec;
  fs::path missing;
  for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing = p;
    if (p == p.parent_path()) break;
  }
  return missing;
}

}  // namespace

StagedDirectory::StagedDirectory(const fs::path& target) : target_(normal_directory(target)) {
  std::error_code ec;
  if (target_.filename().empty() || target_ == target_.root_path())
    throw OutputError(target.string(), "name a directory below it");
  if (fs::exists(target_, ec) && !fs::is_directory(target_, ec))
    throw OutputError(target.string(), "exists and is not a directory");
  // Beside the target, so commit() renames within one file system; hidden, and named by
  // the process so two runs into one directory do not share a staging area.
  staging_ = target_.parent_path() / ("." + target_.filename().string() + ".staging." + std::to_string(::getpid()));
  created_ = first_missing(target_.parent_path());
  fs::remove_all(staging_, ec);  // left by a process of the same id that died
  fs::create_directories(staging_, ec);
  if (ec) throw OutputError(target.string(), ec.message());
}

void StagedDirectory::commit() {
  std::error_code ec;
  fs::create_directories(target_, ec);
  if (ec) throw OutputError(target_.string(), ec.message());
  for (const auto& entry : fs::recursive_directory_iterator(staging_)) {
    if (!entry.is_regular_file()) continue;
    const fs::path to = target_ / fs::relative(entry.path(), staging_);
    fs::create_directories(to.parent_path(), ec);
    if (!ec) fs::rename(entry.path(), to, ec);
    if (ec) throw OutputError(to.string(), ec.message());
  }
  committed_ = true;
  fs::remove_all(staging_, ec);
}

StagedDirectory::~StagedDirectory() {
  std::error_code ec;
  fs::remove_all(staging_, ec);
  if (committed_ || created_.empty()) return;
  // Parent directories this made for the staging area, innermost first, while empty.
  for (fs::path p = staging_.parent_path(); !p.empty(); p = p.parent_path()) {
    if (!fs::remove(p, ec) || p == created_) break;
  }
}

}  // namespace pivot
