// Errors that pivot reports to users. Input errors carry a position so a
// person can find the offending cell; the CLI maps them to exit code 2.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace pivot {

/// Where in an input something went wrong; line and column are 1-based, 0 = unknown.
struct SourcePosition {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string field;  // column name or TOML key, when known
};

/// Bad user input (file, format, value). what() reads "file:line:col: field: message".
class InputError : public std::runtime_error {
 public:
  InputError(SourcePosition position, const std::string& message);
  const SourcePosition& position() const { return position_; }
  const std::string& message() const { return message_; }

 private:
  SourcePosition position_;
  std::string message_;
};

/// An output pivot cannot write (a directory named as a file, no permission, a full
/// disk). what() reads "cannot write PATH: reason"; the CLI maps it to exit code 2.
class OutputError : public std::runtime_error {
 public:
  OutputError(const std::string& path, const std::string& reason);
};

/// A request pivot cannot satisfy (unknown model, bad option value on the command line).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pivot
