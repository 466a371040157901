// Outputs that appear whole or not at all: one file, several files, or a
// directory of files (StagedDirectory).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace pivot {

/// Writes `content` to `path` through a temporary file and a rename, so a
/// reader never sees a partial file. Creates parent directories. OutputError
/// when the file cannot be written.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);

/// Writes several files all or none: every temporary file is written before
/// any is renamed into place, so an unwritable path leaves the others untouched.
void write_files_atomic(const std::vector<std::pair<std::filesystem::path, std::string>>& files);

/// Outputs that appear together or not at all. Files go into a fresh directory beside
/// `target` (path()); commit() moves them into `target` (creating it, replacing files of the
/// same name) by renames on one file system. Destroyed without commit(), it removes what was
/// written and the parent directories it created, so `target` stays as it was.
class StagedDirectory {
 public:
  explicit StagedDirectory(const std::filesystem::path& target);
  ~StagedDirectory();
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  const std::filesystem::path& path() const { return staging_; }
  void commit();

 private:
  std::filesystem::path target_, staging_, created_;  // created_: the highest directory this created, or empty
  bool committed_ = false;
};

}  // namespace pivot
