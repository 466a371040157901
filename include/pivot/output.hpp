// Turning results into files and text: JSON traces, tidy CSV, the stdout
// table, and the manifest every output carries. Nothing here computes a model.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "pivot/forecast.hpp"
#include "pivot/scenario.hpp"

namespace pivot {

/// What produced an output: enough to reproduce it.
struct Manifest {
  std::string tool = "pivot";
  std::string version;       // e.g. "0.1.0+abc123def456"
  std::string command;       // e.g. "forecast"
  std::string scenario;      // name
  std::string input_hash;
  std::uint64_t seed = 0;
  std::vector<std::pair<std::string, std::string>> options;  // model options as applied
};

/// pivot's version with the git hash it was built from.
std::string version_string();

/// Builds the manifest for a scenario and a primary result.
Manifest make_manifest(const std::string& command, const Scenario& scenario, const ForecastOptions& options,
                       const ForecastResult& primary);

/// Full JSON trace: manifest, scenario, every model's rounds (challenges, votes, moves) and outcomes.
std::string forecast_json(const Scenario& scenario, const std::vector<ForecastResult>& results,
                          const Manifest& manifest);

/// Tidy `round,actor,issue,position` rows of one model's trajectory (round 0 = input).
std::string positions_csv(const Scenario& scenario, const ForecastResult& result);

/// Tidy `issue,model,predicted` rows, one per issue and model.
std::string outcome_csv(const Scenario& scenario, const std::vector<ForecastResult>& results);

/// The manifest as pretty JSON text.
std::string manifest_json(const Manifest& manifest);

/// A readable table: per issue, each model's prediction, rounds and convergence.
std::string forecast_table(const Scenario& scenario, const std::vector<ForecastResult>& results);

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
