// The API's endpoints (docs/serve.md) as plain functions of the request's
// strings, with the runs they keep: the server's routes call them, and so does
// fuzz/serve_api_fuzz.cpp, without sockets. An endpoint never throws: every
// failure becomes a JSON error answer, so no request can end the process.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pivot/scenario/study.hpp"
#include "serve/api.hpp"

namespace pivot::serve {

/// An answer: status, body (JSON unless content_type says otherwise) and extra headers.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

/// `value` as JSON text; strings that are not valid UTF-8 get U+FFFD for their
/// bad bytes instead of making nlohmann throw.
std::string json_text(const nlohmann::json& value);

/// `{"error": message, "status": status}`.
Reply error_reply(int status, const std::string& message);

/// The answer for an exception an endpoint threw: ApiError's status, 422 for
/// bad input, 500 ("internal error") for anything else.
Reply error_reply(const std::exception_ptr& thrown);

/// A Monte Carlo and sensitivity run the page started (POST /api/uncertainty): it runs on
/// its own thread through pipeline::monte_carlo_study and pipeline::sensitivity_study, and
/// the page polls its progress.
struct UncertaintyJob {
  int id = 0;
  std::string model;
  std::uint64_t trials = 0, samples = 0;
  Study study;  // the edited study it samples
  std::vector<Edit> edits;
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0}, total{0};  // progress of the current stage
  mutable std::mutex mutex;                      // guards what follows
  std::string state = "running";                 // running, done, failed, stopped
  std::string stage;                             // trials, one-at-a-time runs, Sobol runs
  int stage_index = 0;                           // 1-based, of `stages`
  int error_status = 0;
  std::string error;
  std::string html;                      // the report's Uncertainty section (render_uncertainty_fragment)
  std::map<std::string, RunFile> files;  // mc.json, sensitivity.json, trials.csv, ...
  nlohmann::json summary;                // per issue: point, mean, sd, P5, P50, P95
  std::thread thread;
};

class Endpoints {
 public:
  /// `directory` holds the scenario's files (names in requests are looked up there).
  Endpoints(Study study, std::filesystem::path directory, std::uint64_t seed, int threads);

  Reply scenario(const std::string& actors_file) const;                    // GET /api/scenario[?actors=]
  Reply files() const;                                                     // GET /api/files
  Reply run(const std::string& body);                                      // POST /api/run
  Reply run_by_id(const std::string& id);                                  // GET /api/runs/ID
  Reply run_file(const std::string& id, const std::string& file);          // GET /api/runs/ID/FILE
  Reply save(const std::string& body);                                     // POST /api/save
  Reply start_uncertainty(const std::string& body);                        // POST /api/uncertainty
  Reply uncertainty(const std::string& id);                                // GET /api/uncertainty/ID
  Reply stop_uncertainty(const std::string& id);                           // POST /api/uncertainty/ID/stop
  Reply uncertainty_file(const std::string& id, const std::string& file);  // GET /api/uncertainty/ID/FILE

  /// Waits until no uncertainty job runs (tests and the fuzz target).
  void wait_uncertainty();
  /// The most trials and Sobol samples one request may ask for (the fuzz target lowers them).
  void set_uncertainty_limits(std::uint64_t max_trials, std::uint64_t max_samples);

  ~Endpoints();
  Endpoints(const Endpoints&) = delete;
  Endpoints& operator=(const Endpoints&) = delete;

  const Study& loaded() const { return study_; }

 private:
  Study base_study(const std::string& actors_file) const;
  std::shared_ptr<const RunRecord> find_run(const std::string& id);
  std::shared_ptr<const RunRecord> keep_run(RunRecord run);
  std::shared_ptr<UncertaintyJob> find_job(const std::string& id);
  Study edited_study(const nlohmann::json& body, std::vector<Edit>* edits) const;
  /// mc.json and sensitivity.json of the newest finished job on `study`'s inputs (same_inputs).
  std::optional<UncertaintyDocuments> latest_uncertainty(const Study& study);

  Study study_;
  std::filesystem::path directory_;
  std::uint64_t seed_;
  int threads_;
  std::mutex runs_mutex_;
  std::map<int, std::shared_ptr<const RunRecord>> runs_;
  int next_run_ = 1;
  std::mutex jobs_mutex_;
  std::map<int, std::shared_ptr<UncertaintyJob>> jobs_;
  int next_job_ = 1;
  std::uint64_t max_trials_ = 100000, max_samples_ = 4096;
};

}  // namespace pivot::serve
