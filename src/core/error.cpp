#include "pivot/core/error.hpp"

#include <fmt/format.h>

namespace pivot {
namespace {

std::string format_input_error(const SourcePosition& at, const std::string& message) {
  std::string where = at.file.empty() ? "<input>" : at.file;
  if (at.line > 0) where += fmt::format(":{}", at.line);
  if (at.line > 0 && at.column > 0) where += fmt::format(":{}", at.column);
  if (!at.field.empty()) return fmt::format("{}: {}: {}", where, at.field, message);
  return fmt::format("{}: {}", where, message);
}

}  // namespace

InputError::InputError(SourcePosition position, const std::string& message)
    : std::runtime_error(format_input_error(position, message)), position_(std::move(position)), message_(message) {}

OutputError::OutputError(const std::string& path, const std::string& reason)
    : std::runtime_error(fmt::format("cannot write {}: {}", path, reason)) {}

}  // namespace pivot
