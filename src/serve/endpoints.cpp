#include "serve/endpoints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/output/mc_output.hpp"
#include "pivot/output/sensitivity_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/report/report.hpp"
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
  const std::string text = read_text_file(*path);
  // Uncertain inputs, notes and derived inputs follow their actor into the other file.
  Study other = pipeline::with_actors(study_, text, actors_file);
  other.scenario.input_hash = hex64(fnv1a64(text, fnv1a64(study_.scenario.input_hash)));
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
    const json body = parse_body(text, {"actors", "actors_file", "remove_actors", "add_issues", "remove_issues"});
    std::vector<Edit> edits;
    const Study edited = edited_study(body, &edits);
    RunRecord record = run_models(edited, seed_, threads_);
    record.edits = std::move(edits);
    return json_reply(run_json(*keep_run(std::move(record))));
  });
}

// The base study (its actors_file) with the body's edits; `edits` gets what changed.
Study Endpoints::edited_study(const json& body, std::vector<Edit>* edits) const {
  const Study base = base_study(optional_string(body, "actors_file"));
  Study edited = edit_study(base, body);
  if (edits) *edits = diff_inputs(base.scenario, edited.scenario);
  return edited;
}

Reply Endpoints::run_by_id(const std::string& id) {
  return answer([&] { return json_reply(run_json(*find_run(id))); });
}

Reply Endpoints::run_file(const std::string& id, const std::string& name) {
  return answer([&] {
    auto run = find_run(id);
    // The report has the Monte Carlo section of the latest finished job on the same inputs.
    std::optional<UncertaintyDocuments> uncertainty;
    if (name == "report.html") uncertainty = latest_uncertainty(run->study);
    auto file = serve::run_file(*run, name, uncertainty ? &*uncertainty : nullptr);
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
    const json body = parse_body(text, {"actors", "actors_file", "remove_actors", "name"});
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

// ---------------------------------------------------------------------------
// Monte Carlo and sensitivity: a job on its own thread, polled by the page.

namespace {

constexpr std::size_t kMaxJobsKept = 20;  // oldest finished jobs are dropped beyond this
const std::vector<std::string> kJobModels = {"ktab", "bdm", "exchange", "mean", "median", "nbs"};
const std::vector<std::string> kJobStages = {"trials", "one-at-a-time runs", "Sobol runs"};

std::uint64_t count_at(const json& body, const std::string& key, std::uint64_t fallback, std::uint64_t low,
                       std::uint64_t high) {
  if (!body.contains(key)) return fallback;
  const json& value = body.at(key);
  const bool negative = value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() < 0;
  if (!value.is_number_integer() || negative || value.get<std::uint64_t>() < low || value.get<std::uint64_t>() > high)
    throw ApiError(422, fmt::format("{}: expected a whole number in [{}, {}], got {}", key, low, high, value.dump()));
  return value.get<std::uint64_t>();
}

json job_json(const UncertaintyJob& job) {
  std::lock_guard lock(job.mutex);
  json edits = json::array();
  for (const Edit& e : job.edits)
    edits.push_back({{"actor", e.actor}, {"issue", e.issue}, {"field", e.field}, {"change", e.change}});
  json out = {{"id", job.id},
              {"state", job.state},
              {"model", job.model},
              {"trials", job.trials},
              {"samples", job.samples},
              {"stages", kJobStages},
              {"stage", job.stage},
              {"stage_index", job.stage_index},
              {"done", job.done.load()},
              {"total", job.total.load()},
              {"edits", edits}};
  if (job.state == "failed") out["error"] = {{"message", job.error}, {"status", job.error_status}};
  if (job.state == "done") {
    out["html"] = job.html;
    out["summary"] = job.summary;
    json files = json::array();
    for (const auto& [name, file] : job.files) files.push_back(name);
    out["files"] = files;
  }
  return out;
}

// The job's work, on its own thread: the Monte Carlo, then the sensitivity analysis, then
// the report's Uncertainty section from the mc.json and sensitivity.json they make.
void run_job(UncertaintyJob& job, std::uint64_t seed, int threads) {
  try {
    pipeline::StudyControl control;
    control.stop = &job.stop;
    control.stage = [&job](const std::string& stage) -> ProgressCallback {
      {
        std::lock_guard lock(job.mutex);
        job.stage = stage;
        const auto at = std::find(kJobStages.begin(), kJobStages.end(), stage);
        job.stage_index = static_cast<int>(at - kJobStages.begin()) + 1;
      }
      job.done = 0;
      job.total = 0;
      return [&job](std::uint64_t done, std::uint64_t total) {
        job.total = total;
        // Workers report out of order: keep the largest count.
        std::uint64_t seen = job.done.load();
        while (done > seen && !job.done.compare_exchange_weak(seen, done)) {
        }
      };
    };
    pipeline::McStudySettings mc;
    mc.model = job.model, mc.trials = job.trials, mc.seed = seed, mc.threads = threads;
    const pipeline::McStudy monte_carlo = pipeline::monte_carlo_study(job.study, mc, control);
    pipeline::SensitivityStudy sensitivity;
    if (monte_carlo.complete()) {
      pipeline::SensitivityStudySettings ss;
      ss.model = job.model, ss.samples = job.samples, ss.seed = seed, ss.threads = threads;
      sensitivity = pipeline::sensitivity_study(job.study, ss, control);
    }
    if (!monte_carlo.complete() || sensitivity.interrupted) {
      std::lock_guard lock(job.mutex);
      job.state = "stopped";
      return;
    }
    std::map<std::string, RunFile> files;
    const std::string js = "application/json", csv = "text/csv; charset=utf-8";
    files["mc.json"] = {mc_json({{monte_carlo.run, monte_carlo.summaries}}, &sensitivity.report), js};
    files["sensitivity.json"] = {sensitivity_json({sensitivity.report}), js};
    for (const auto& [name, content] : monte_carlo.documents.files)
      files[name == "manifest.json" ? "mc-manifest.json" : name] = {content, name.ends_with(".json") ? js : csv};
    for (const auto& [name, content] : sensitivity.documents.files) files[name] = {content, csv};
    ReportInputs inputs;
    inputs.study = job.study;
    inputs.mc = parse_report_document(files["mc.json"].content, "mc.json");
    inputs.sensitivity = parse_report_document(files["sensitivity.json"].content, "sensitivity.json");
    std::string html = render_uncertainty_fragment(inputs);
    // The whole report of the job's inputs: the models' forecast, then this Monte Carlo.
    const UncertaintyDocuments documents{files["mc.json"].content, files["sensitivity.json"].content};
    files["report.html"] = {run_report_html(run_models(job.study, seed, threads), &documents),
                            "text/html; charset=utf-8"};
    json summary = json::array();
    for (std::size_t o = 0; o < monte_carlo.summaries.size(); ++o) {
      const OutputSummary& out = monte_carlo.summaries[o];
      json entry = {{"issue", out.output.issue}, {"mean", out.mean},        {"sd", out.sd},
                    {"p5", out.quantiles[0]},    {"p50", out.quantiles[2]}, {"p95", out.quantiles[4]}};
      entry["point"] = o < monte_carlo.run.point.size() ? json(monte_carlo.run.point[o]) : json(nullptr);
      summary.push_back(entry);
    }
    std::lock_guard lock(job.mutex);
    job.files = std::move(files);
    job.html = std::move(html);
    job.summary = std::move(summary);
    job.state = "done";
  } catch (...) {
    const Reply reply = error_reply(std::current_exception());
    const json body = json::parse(reply.body, nullptr, false);
    std::lock_guard lock(job.mutex);
    job.state = "failed";
    job.error_status = reply.status;
    job.error = body.is_object() ? body.value("error", std::string("failed")) : std::string("failed");
  }
}

}  // namespace

Endpoints::~Endpoints() {
  std::lock_guard lock(jobs_mutex_);
  for (auto& [id, job] : jobs_) job->stop = true;
  for (auto& [id, job] : jobs_)
    if (job->thread.joinable()) job->thread.join();
}

void Endpoints::set_uncertainty_limits(std::uint64_t max_trials, std::uint64_t max_samples) {
  max_trials_ = max_trials, max_samples_ = max_samples;
}

void Endpoints::wait_uncertainty() {
  std::vector<std::shared_ptr<UncertaintyJob>> jobs;
  {
    std::lock_guard lock(jobs_mutex_);
    for (auto& [id, job] : jobs_) jobs.push_back(job);
  }
  for (auto& job : jobs)
    while (true) {
      {
        std::lock_guard lock(job->mutex);
        if (job->state != "running") break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

std::shared_ptr<UncertaintyJob> Endpoints::find_job(const std::string& id) {
  if (id.empty() || id.size() > 9 || id.find_first_not_of("0123456789") != std::string::npos)
    throw ApiError(404, fmt::format("no Monte Carlo run '{}'", shown(id)));
  std::lock_guard lock(jobs_mutex_);
  auto it = jobs_.find(std::stoi(id));
  if (it == jobs_.end()) throw ApiError(404, fmt::format("no Monte Carlo run {}", id));
  return it->second;
}

Reply Endpoints::start_uncertainty(const std::string& text) {
  return answer([&] {
    const json body = parse_body(
        text, {"actors", "actors_file", "remove_actors", "add_issues", "remove_issues", "model", "trials", "samples"});
    auto job = std::make_shared<UncertaintyJob>();
    job->model = body.contains("model") ? optional_string(body, "model") : "ktab";
    if (std::find(kJobModels.begin(), kJobModels.end(), job->model) == kJobModels.end())
      throw ApiError(
          422, fmt::format("model: expected ktab, bdm, exchange, mean, median or nbs, got '{}'", shown(job->model)));
    job->trials = count_at(body, "trials", std::min<std::uint64_t>(1000, max_trials_), 1, max_trials_);
    job->samples = count_at(body, "samples", std::min<std::uint64_t>(64, max_samples_), 0, max_samples_);
    job->study = edited_study(body, &job->edits);
    if (job->study.uncertainty.empty())
      throw ApiError(422, fmt::format("scenario '{}' has no uncertain inputs: add an [uncertainty] table to "
                                      "scenario.toml or an uncertainty.csv (see docs/uncertainty.md)",
                                      job->study.scenario.name));
    std::lock_guard lock(jobs_mutex_);
    for (const auto& [id, other] : jobs_) {
      std::lock_guard other_lock(other->mutex);
      if (other->state == "running")
        throw ApiError(409, fmt::format("Monte Carlo run {} is still running: wait for it or stop it", id));
    }
    job->id = next_job_++;
    UncertaintyJob& running = *job;
    job->thread = std::thread([&running, seed = seed_, threads = threads_] { run_job(running, seed, threads); });
    jobs_[job->id] = job;
    // Drop the oldest finished jobs; none runs but this one.
    while (jobs_.size() > kMaxJobsKept) {
      auto oldest = jobs_.begin();
      if (oldest->second->thread.joinable()) oldest->second->thread.join();
      jobs_.erase(oldest);
    }
    return json_reply(job_json(*job), 202);
  });
}

std::optional<UncertaintyDocuments> Endpoints::latest_uncertainty(const Study& study) {
  std::vector<std::shared_ptr<UncertaintyJob>> jobs;
  {
    std::lock_guard lock(jobs_mutex_);
    for (auto& [id, job] : jobs_) jobs.push_back(job);
  }
  for (auto job = jobs.rbegin(); job != jobs.rend(); ++job) {  // newest first
    std::lock_guard lock((*job)->mutex);
    if ((*job)->state != "done" || !same_inputs((*job)->study, study)) continue;
    return UncertaintyDocuments{(*job)->files.at("mc.json").content, (*job)->files.at("sensitivity.json").content};
  }
  return std::nullopt;
}

Reply Endpoints::uncertainty(const std::string& id) {
  return answer([&] { return json_reply(job_json(*find_job(id))); });
}

Reply Endpoints::stop_uncertainty(const std::string& id) {
  return answer([&] {
    auto job = find_job(id);
    job->stop = true;
    return json_reply(job_json(*job));
  });
}

Reply Endpoints::uncertainty_file(const std::string& id, const std::string& name) {
  return answer([&] {
    auto job = find_job(id);
    std::lock_guard lock(job->mutex);
    if (job->state != "done")
      throw ApiError(409, fmt::format("Monte Carlo run {} is {}: its files come when it is done", job->id, job->state));
    auto file = job->files.find(name);
    if (file == job->files.end())
      throw ApiError(404, fmt::format("Monte Carlo run {} has no file '{}'", job->id, shown(name)));
    Reply reply{200, file->second.content, file->second.content_type, {}};
    // The report opens in the browser; data files download.
    const bool page = file->second.content_type.starts_with("text/html");
    reply.headers.emplace_back("Content-Disposition",
                               fmt::format("{}; filename=\"{}-mc{}-{}\"", page ? "inline" : "attachment",
                                           job->study.scenario.name, job->id, name));
    return reply;
  });
}

}  // namespace pivot::serve
