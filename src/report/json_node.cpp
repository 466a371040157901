#include "report/json_node.hpp"

#include <fmt/format.h>

#include <cmath>

#include "pivot/core/error.hpp"

namespace pivot::report {

Node::Node(const Json& value, std::string file, std::string path)
    : value_(&value), file_(std::move(file)), path_(std::move(path)) {}

void Node::fail(const std::string& message) const {
  throw InputError({file_, 0, 0, path_.empty() ? "/" : path_}, message);
}

Node Node::operator[](const std::string& key) const {
  if (!value_->is_object()) fail(fmt::format("expected an object with \"{}\"", key));
  auto it = value_->find(key);
  if (it == value_->end()) fail(fmt::format("missing \"{}\"", key));
  return Node(*it, file_, path_ + "/" + key);
}

Node Node::operator[](std::size_t index) const {
  if (!value_->is_array()) fail("expected an array");
  if (index >= value_->size()) fail(fmt::format("expected at least {} elements", index + 1));
  return Node((*value_)[index], file_, fmt::format("{}/{}", path_, index));
}

std::optional<Node> Node::find(const std::string& key) const {
  if (!value_->is_object()) fail(fmt::format("expected an object with \"{}\"", key));
  auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return std::nullopt;
  return Node(*it, file_, path_ + "/" + key);
}

double Node::number() const {
  if (!value_->is_number()) fail("expected a number");
  const double v = value_->get<double>();
  if (!std::isfinite(v)) fail("expected a finite number");
  return v;
}

double Node::number_or(const std::string& key, double fallback) const {
  auto member = find(key);
  return member ? member->number() : fallback;
}

std::string Node::text() const {
  if (value_->is_string()) return value_->get<std::string>();
  if (value_->is_number()) return value_->dump();
  fail("expected a string");
}

std::string Node::text_or(const std::string& key, const std::string& fallback) const {
  auto member = find(key);
  return member ? member->text() : fallback;
}

bool Node::boolean() const {
  if (!value_->is_boolean()) fail("expected true or false");
  return value_->get<bool>();
}

std::vector<Node> Node::items() const {
  if (!value_->is_array()) fail("expected an array");
  std::vector<Node> out;
  out.reserve(value_->size());
  for (std::size_t i = 0; i < value_->size(); ++i)
    out.emplace_back((*value_)[i], file_, fmt::format("{}/{}", path_, i));
  return out;
}

std::vector<std::pair<std::string, Node>> Node::members() const {
  if (!value_->is_object()) fail("expected an object");
  std::vector<std::pair<std::string, Node>> out;
  for (auto it = value_->begin(); it != value_->end(); ++it)
    out.emplace_back(it.key(), Node(it.value(), file_, path_ + "/" + it.key()));
  return out;
}

}  // namespace pivot::report
