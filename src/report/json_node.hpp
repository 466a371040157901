// Reading the report's JSON documents without trusting them: every access
// names the file and the JSON path, so a malformed document gives a clear
// InputError instead of an exception from deep inside nlohmann::json.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pivot::report {

using Json = nlohmann::ordered_json;

/// A value inside a document, with where it sits (file and path like /models/0/rounds).
class Node {
 public:
  Node(const Json& value, std::string file, std::string path = "");

  Node operator[](const std::string& key) const;           // member of an object; throws if absent
  Node operator[](std::size_t index) const;                // element of an array
  std::optional<Node> find(const std::string& key) const;  // member if present and not null

  double number() const;  // finite number
  double number_or(const std::string& key, double fallback) const;
  std::string text() const;  // string (numbers are printed)
  std::string text_or(const std::string& key, const std::string& fallback) const;
  bool boolean() const;
  std::vector<Node> items() const;                            // elements of an array
  std::vector<std::pair<std::string, Node>> members() const;  // members of an object, in order

  bool is_array() const { return value_->is_array(); }
  bool is_object() const { return value_->is_object(); }
  const Json& raw() const { return *value_; }
  const std::string& path() const { return path_; }

  [[noreturn]] void fail(const std::string& message) const;

 private:
  const Json* value_;
  std::string file_;
  std::string path_;
};

}  // namespace pivot::report
