// Shared by the libFuzzer targets in this directory (built with -DPIVOT_FUZZ=ON).
// A loader may reject its input with pivot::InputError; anything else it does
// (another exception, a crash, a hang, a sanitizer report) is a bug.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include <unistd.h>

#include "pivot/core/error.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot::fuzz {

/// The scenario behind the `pivot serve` targets: two issues, two actors.
inline constexpr const char* kServeScenarioToml = R"(name = "fuzz"
[[issues]]
id = "tariff"
unit = "%"
min = 0.0
max = 50.0

[[issues]]
id = "alignment"
min = -10
max = 10
)";

inline constexpr const char* kServeActorsCsv =
    "id,name,capability,risk,tariff.position,tariff.salience,alignment.position,alignment.salience\n"
    "us,United States,100,0.5,25,80,5,40\n"
    "kr,\"Korea, South\",40,,10,90,-2,60\n";

inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// The input cut at its first form feed (\f): the part before and the part after
/// (empty when there is none), for targets that take two files in one input.
inline std::pair<std::string, std::string> split_at_form_feed(const std::string& input) {
  const std::size_t split = input.find('\f');
  if (split == std::string::npos) return {input, std::string()};
  return {input.substr(0, split), input.substr(split + 1)};
}

/// A directory of this process's own for loaders that read files by path;
/// made once per name, so that parallel fuzzing jobs never share one.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("pivot_fuzz_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

/// Replaces the file's content with `text`, byte for byte.
inline void write_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::trunc | std::ios::binary) << text;
}

/// Fails the run with a message: libFuzzer records the input as a crash.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "pivot fuzz: %s\n", what.c_str());
  std::abort();
}

/// An InputError must say where: a file name and, for parse errors, a line.
inline void check_input_error(const InputError& e, const std::string& file) {
  if (e.position().file != file) fail("InputError names file '" + e.position().file + "': " + e.what());
  if (e.position().line == 0) fail(std::string("InputError without a line: ") + e.what());
  if (e.position().column == 0) fail(std::string("InputError without a column: ") + e.what());
}

/// What `load()` returns, or nothing when it refused the input with an
/// InputError that names `file` and says where (check_input_error).
template <class Load>
auto load_or_refuse(const std::string& file, Load&& load) -> std::optional<decltype(load())> {
  try {
    return load();
  } catch (const InputError& e) {
    check_input_error(e, file);
    return std::nullopt;
  }
}

/// What every loader promises of a scenario it returns: unique issue and actor
/// ids, finite scales with max > min, one position (within the scale) and one
/// salience (0..100) per issue for every actor, finite non-negative capabilities.
inline void check_scenario(const Scenario& s) {
  std::set<std::string> issue_ids, actor_ids;
  for (const Issue& issue : s.issues) {
    if (issue.id.empty() || !issue_ids.insert(issue.id).second) fail("duplicate or empty issue id '" + issue.id + "'");
    if (!(issue.max > issue.min) || !std::isfinite(issue.max - issue.min))
      fail("bad scale for issue '" + issue.id + "'");
    if (issue.status_quo && !(*issue.status_quo >= issue.min && *issue.status_quo <= issue.max))
      fail("status quo out of range for issue '" + issue.id + "'");
  }
  for (const Actor& a : s.actors) {
    if (a.id.empty() || !actor_ids.insert(a.id).second) fail("duplicate or empty actor id '" + a.id + "'");
    if (!(a.capability >= 0.0) || !std::isfinite(a.capability)) fail("bad capability for actor '" + a.id + "'");
    if (a.risk && !(*a.risk >= -1.0 && *a.risk <= 1.0)) fail("bad risk for actor '" + a.id + "'");
    if (a.position.size() != s.issues.size() || a.salience.size() != s.issues.size())
      fail("wrong number of values for actor '" + a.id + "'");
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
      if (!(a.position[k] >= s.issues[k].min && a.position[k] <= s.issues[k].max))
        fail("position out of range for actor '" + a.id + "'");
      if (!std::isfinite(s.issues[k].to_unit(a.position[k]))) fail("non-finite unit position for '" + a.id + "'");
      if (!(a.salience[k] >= 0.0 && a.salience[k] <= 100.0)) fail("salience out of range for '" + a.id + "'");
    }
  }
}

}  // namespace pivot::fuzz
