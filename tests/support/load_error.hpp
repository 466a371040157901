// What the scenario tests share: the error a scenario directory fails to load with.
#pragma once

#include <filesystem>
#include <string>

#include "pivot/core/error.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot_test {

/// The InputError message load_scenario gives for `dir`, or "" when it loads.
inline std::string load_error(const std::filesystem::path& dir) {
  try {
    pivot::pipeline::load_scenario(dir.string());
  } catch (const pivot::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace pivot_test
