#include "serve/endpoints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/core/utf8.hpp"
#include "serve/guard.hpp"

namespace pivot::serve {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxRunsKept = 200;  // oldest runs are dropped beyond this

// Names and ids from a request, quoted in messages: bytes that are not UTF-8
// would make the JSON answer impossible to write.
std::string shown(const std::string& text) { return valid_utf8(text); }

json parse_body(const std::string& text, const std::set<std::string>& members) {
  if (text.empty()) return json::object();
  json body = json::parse(text, nullptr, false);
  if (body.is_discarded()) throw ApiError(400, "request body is not valid JSON (UTF-8)");
  if (!body.is_object()) throw ApiError(400, "request body: expected a JSON object");
  // A misspelt member ("actor" for "actors") would otherwise be a run of the unedited inputs.
  for (const auto& [key, value] : body.items())
    if (!members.contains(key)) {
      std::string expected;
      for (const std::string& m : members) expected += (expected.empty() ? "" : ", ") + m;
      throw ApiError(422, fmt::format("unknown field '{}' (expected {})", key, expected));
    }
  return body;
}

// An optional string member of a request body ("" when absent).
std::string optional_string(const json& body, const std::string& key) {
  if (!body.contains(key)) return {};
  if (!body.at(key).is_string()) throw ApiError(422, key + ": expected a string");
  return body.at(key).get<std::string>();
}

// A file name from a query parameter (percent-decoded, so any bytes): one
// that is not UTF-8 cannot be a file the page listed.
void check_name(const std::string& name, const std::string& parameter) {
  if (find_invalid_utf8(name) != std::string::npos)
    throw ApiError(400, fmt::format("{}: '{}' is not valid UTF-8", parameter, shown(name)));
}

Reply json_reply(const json& body, int status = 200) { return {status, json_text(body), "application/json", {}}; }

// Calls an endpoint's body; whatever it throws becomes an error answer.
template <typename Body>
Reply answer(Body&& body) {
  try {
    return body();
  } catch (...) {
    return error_reply(std::current_exception());
  }
}

}  // namespace

std::string json_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

Reply error_reply(int status, const std::string& message) {
  return json_reply({{"error", message}, {"status", status}}, status);
}

Reply error_reply(const std::exception_ptr& thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const ApiError& e) {
    return error_reply(e.status(), e.what());
  } catch (const InputError& e) {
    return error_reply(422, e.what());
  } catch (const UsageError& e) {
    return error_reply(422, e.what());
  } catch (const std::exception& e) {
    return error_reply(500, std::string("internal error: ") + e.what());
  } catch (...) {
    return error_reply(500, "internal error: an unknown exception");
  }
}

Endpoints::Endpoints(Study study, fs::path directory, std::uint64_t seed, int threads)
    : study_(std::move(study)), directory_(std::move(directory)), seed_(seed), threads_(threads) {}

// The study as loaded, or with its actors read from another CSV in the scenario directory.
Study Endpoints::base_study(const std::string& actors_file) const {
  check_name(actors_file, "actors_file");
  if (actors_file.empty() || actors_file == "actors.csv") return study_;
  if (study_.scenario.format != "pivot") throw ApiError(409, "other actors files need a pivot scenario directory");
  auto path = file_in_directory(directory_, actors_file);
  if (!path)
    throw ApiError(403, fmt::format("'{}' is not a file name inside the scenario directory", shown(actors_file)));
  std::error_code ec;
  if (!fs::is_regular_file(*path, ec))
    throw ApiError(404, fmt::format("no file '{}' in the scenario directory", shown(actors_file)));
  Study other = study_;
  Scenario& scenario = other.scenario;
  scenario.actors.clear();
  const std::string text = read_text_file(*path);
  parse_actors_csv(scenario, text, actors_file);
  scenario.input_hash = hex64(fnv1a64(text, fnv1a64(study_.scenario.input_hash)));
  return other;
}

std::shared_ptr<const RunRecord> Endpoints::find_run(const std::string& id) {
  // The route admits 1-9 digits; anything else names no run either.
  if (id.empty() || id.size() > 9 || id.find_first_not_of("0123456789") != std::string::npos)
    throw ApiError(404, fmt::format("no run '{}'", shown(id)));
  std::lock_guard lock(runs_mutex_);
  auto it = runs_.find(std::stoi(id));
  if (it == runs_.end()) throw ApiError(404, fmt::format("no run {}", id));
  return it->second;
}

std::shared_ptr<const RunRecord> Endpoints::keep_run(RunRecord run) {
  std::lock_guard lock(runs_mutex_);
  run.id = next_run_++;
  auto kept = std::make_shared<const RunRecord>(std::move(run));
  runs_[kept->id] = kept;
  while (runs_.size() > kMaxRunsKept) runs_.erase(runs_.begin());
  return kept;
}

Reply Endpoints::scenario(const std::string& actors_file) const {
  return answer([&] {
    check_name(actors_file, "actors");
    json body = scenario_json(base_study(actors_file).scenario);
    body["actors_file"] = actors_file.empty() ? "actors.csv" : actors_file;
    return json_reply(body);
  });
}

Reply Endpoints::files() const {
  return answer([&] {
    json files = json::array();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(directory_, ec)) {
      const std::string name = entry.path().filename().string();
      // A name that is not UTF-8 could not be asked for (check_name): not listed.
      if (find_invalid_utf8(name) == std::string::npos && file_in_directory(directory_, name) &&
          entry.is_regular_file(ec))
        files.push_back(name);
    }
    std::sort(files.begin(), files.end());
    return json_reply({{"directory", study_.scenario.name}, {"files", files}});
  });
}

Reply Endpoints::run(const std::string& text) {
  return answer([&] {
    const json body = parse_body(text, {"actors", "actors_file"});
    const Study base = base_study(optional_string(body, "actors_file"));
    Study edited = base;
    edited.scenario = apply_edits(base.scenario, body);
    RunRecord record = run_models(edited, seed_, threads_);
    record.edits = diff_inputs(base.scenario, edited.scenario);
    return json_reply(run_json(*keep_run(std::move(record))));
  });
}

Reply Endpoints::run_by_id(const std::string& id) {
  return answer([&] { return json_reply(run_json(*find_run(id))); });
}

Reply Endpoints::run_file(const std::string& id, const std::string& name) {
  return answer([&] {
    auto run = find_run(id);
    auto file = serve::run_file(*run, name);
    if (!file) throw ApiError(404, fmt::format("runs have no file '{}'", shown(name)));
    // The report opens in the browser; data files download.
    const bool page = file->content_type.starts_with("text/html");
    Reply reply{200, std::move(file->content), file->content_type, {}};
    reply.headers.emplace_back("Content-Disposition",
                               fmt::format("{}; filename=\"{}-run{}-{}\"", page ? "inline" : "attachment",
                                           run->study.scenario.name, run->id, name));
    return reply;
  });
}

// "Save as": a new actors CSV inside the scenario directory, never an existing file.
Reply Endpoints::save(const std::string& text) {
  return answer([&] {
    const json body = parse_body(text, {"actors", "actors_file", "name"});
    if (study_.scenario.format != "pivot") throw ApiError(409, "saving needs a pivot scenario directory");
    const std::string name = optional_string(body, "name");
    if (name.empty()) throw ApiError(422, "name: expected the new file's name, e.g. actors-edited.csv");
    auto path = file_in_directory(directory_, name);
    if (!path || name.size() < 5 || name.substr(name.size() - 4) != ".csv")
      throw ApiError(403, fmt::format("'{}' is not a .csv file name inside the scenario directory", shown(name)));
    std::error_code ec;
    if (fs::exists(fs::symlink_status(*path, ec)))
      throw ApiError(409, fmt::format("'{}' exists; save under a new name", shown(name)));
    const Scenario edited = apply_edits(base_study(optional_string(body, "actors_file")).scenario, body);
    write_file_atomic(*path, actors_csv(edited));
    return json_reply({{"saved", name}}, 201);
  });
}

}  // namespace pivot::serve
