// The documents one command writes, written together at the end: every file
// or none (write_files_atomic), and "-" as a file name means standard output,
// as in most Unix tools. A directory option cannot be "-".
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "pivot/pipeline/pipeline.hpp"

namespace pivot::cli {

/// A command's documents: the one named `json_name` to `json_path`, the others into
/// `csv_dir` (each only when given), all or none; then the text, unless the JSON
/// went to standard output.
void write_documents(const pipeline::Documents& documents, const std::string& json_name, const std::string& json_path,
                     const std::string& csv_dir);

class OutputFiles {
 public:
  /// `content` for FILE, or for standard output when FILE is "-"; nothing for "".
  void add(const std::string& file, std::string content);
  /// `content` as DIR/NAME; nothing for an empty DIR. UsageError for DIR "-".
  void add_in(const std::string& dir, const std::string& option, const std::string& name, std::string content);
  /// Whether a document goes to standard output (the command then prints nothing else there).
  bool uses_stdout() const { return stdout_claimed_; }
  /// Writes the files, then standard output. OutputError when a file cannot be written.
  void write() const;

 private:
  std::vector<std::pair<std::filesystem::path, std::string>> files_;
  std::string stdout_text_;
  bool stdout_claimed_ = false;
};

}  // namespace pivot::cli
