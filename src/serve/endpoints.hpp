// The API's endpoints (docs/serve.md) as plain functions of the request's
// strings, with the runs they keep: the server's routes call them, and so does
// fuzz/serve_api_fuzz.cpp, without sockets. An endpoint never throws: every
// failure becomes a JSON error answer, so no request can end the process.
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
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

class Endpoints {
 public:
  /// `directory` holds the scenario's files (names in requests are looked up there).
  Endpoints(Study study, std::filesystem::path directory, std::uint64_t seed, int threads);

  Reply scenario(const std::string& actors_file) const;            // GET /api/scenario[?actors=]
  Reply files() const;                                             // GET /api/files
  Reply run(const std::string& body);                              // POST /api/run
  Reply run_by_id(const std::string& id);                          // GET /api/runs/ID
  Reply run_file(const std::string& id, const std::string& file);  // GET /api/runs/ID/FILE
  Reply save(const std::string& body);                             // POST /api/save

  const Study& loaded() const { return study_; }

 private:
  Study base_study(const std::string& actors_file) const;
  std::shared_ptr<const RunRecord> find_run(const std::string& id);
  std::shared_ptr<const RunRecord> keep_run(RunRecord run);

  Study study_;
  std::filesystem::path directory_;
  std::uint64_t seed_;
  int threads_;
  std::mutex runs_mutex_;
  std::map<int, std::shared_ptr<const RunRecord>> runs_;
  int next_run_ = 1;
};

}  // namespace pivot::serve
