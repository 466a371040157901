// The documents one command writes, written together at the end: every file
// or none (write_files_atomic), and "-" as a file name means standard output,
// as in most Unix tools. A directory option cannot be "-".
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace pivot::cli {

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
