// Files appear whole or not at all: each is written to a temporary file beside
// it and renamed into place. Failures become OutputError naming the path the
// user gave, with the system's reason.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "pivot/core/atomic_file.hpp"
#include "pivot/core/error.hpp"

namespace pivot {
namespace fs = std::filesystem;
namespace {

// The parent directories of `path`, made where missing.
void make_parents(const fs::path& path) {
  if (!path.has_parent_path()) return;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw OutputError(path.string(), ec.message());
}

fs::path temporary_beside(const fs::path& path) {
  fs::path temp = path;
  temp += ".tmp." + std::to_string(::getpid());
  return temp;
}

// Writes `content` into the temporary file of `path`; removes it again on failure.
void write_temporary(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw OutputError(path.string(), "is a directory");
  make_parents(path);
  const fs::path temp = temporary_beside(path);
  errno = 0;
  std::ofstream out(temp, std::ios::binary | std::ios::trunc);
  if (!out) throw OutputError(path.string(), errno ? std::strerror(errno) : "cannot create the file");
  out << content;
  out.flush();
  if (!out) {
    const std::string reason = errno ? std::strerror(errno) : "write failed";
    out.close();
    fs::remove(temp, ec);
    throw OutputError(path.string(), reason);
  }
}

void rename_into_place(const fs::path& path) {
  std::error_code ec;
  const fs::path temp = temporary_beside(path);
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw OutputError(path.string(), ec.message());
  }
}

}  // namespace

void write_file_atomic(const fs::path& path, const std::string& content) {
  write_temporary(path, content);
  rename_into_place(path);
}

void write_files_atomic(const std::vector<std::pair<fs::path, std::string>>& files) {
  std::size_t written = 0;
  try {
    for (; written < files.size(); ++written) write_temporary(files[written].first, files[written].second);
  } catch (...) {
    std::error_code ec;
    for (std::size_t i = 0; i < written; ++i) fs::remove(temporary_beside(files[i].first), ec);
    throw;
  }
  for (const auto& [path, content] : files) rename_into_place(path);
}

}  // namespace pivot
