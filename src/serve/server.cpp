// The UI server: routes of the JSON API (docs/serve.md) on cpp-httplib, bound
// to 127.0.0.1, with the token, Host and size checks in front of every route.
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <map>
#include <memory>
#include <mutex>

#include "pivot/csv.hpp"
#include "pivot/error.hpp"
#include "pivot/hash.hpp"
#include "pivot/serve.hpp"
#include "serve/api.hpp"
#include "serve/guard.hpp"
#include "serve/ui_page.hpp"

namespace pivot {
namespace fs = std::filesystem;
using nlohmann::json;
using serve::ApiError;

namespace {

constexpr std::size_t kMaxRunsKept = 200;  // oldest runs are dropped beyond this

// The directory a scenario argument names: the directory itself, a built-in's
// directory, or the folder holding a single-file scenario.
fs::path scenario_directory(const std::string& name_or_path) {
  std::error_code ec;
  fs::path path(name_or_path);
  if (!fs::exists(path, ec) && name_or_path.find('/') == std::string::npos) path = builtin_scenario_root() / path;
  if (path.filename() == "scenario.toml" || !fs::is_directory(path, ec)) path = path.parent_path();
  return fs::weakly_canonical(path.empty() ? fs::path(".") : path, ec);
}

void send_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, {{"error", message}, {"status", status}}, status);
}

json parse_body(const httplib::Request& req) {
  if (req.body.empty()) return json::object();
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) throw ApiError(400, "request body is not valid JSON");
  if (!body.is_object()) throw ApiError(400, "request body: expected a JSON object");
  return body;
}

// An optional string member of a request body ("" when absent).
std::string optional_string(const json& body, const std::string& key) {
  if (!body.contains(key)) return {};
  if (!body.at(key).is_string()) throw ApiError(422, key + ": expected a string");
  return body.at(key).get<std::string>();
}

}  // namespace

struct UiServer::State {
  ServeConfig config;
  fs::path directory;
  Scenario scenario;
  std::string token = serve::random_token();
  httplib::Server http;
  int port = 0;
  std::mutex runs_mutex;
  std::map<int, std::shared_ptr<const serve::RunRecord>> runs;
  int next_run = 1;
  // listen() and stop() may race (stop from another thread right after start).
  std::atomic<bool> listening{false}, stopped{false}, finished{false};

  // The scenario as loaded, or with its actors read from another CSV in the scenario directory.
  Scenario base_scenario(const std::string& actors_file) const {
    if (actors_file.empty() || actors_file == "actors.csv") return scenario;
    if (scenario.format != "pivot") throw ApiError(409, "other actors files need a pivot scenario directory");
    auto path = serve::file_in_directory(directory, actors_file);
    if (!path) throw ApiError(403, fmt::format("'{}' is not a file name inside the scenario directory", actors_file));
    std::error_code ec;
    if (!fs::is_regular_file(*path, ec)) throw ApiError(404, fmt::format("no file '{}' in the scenario directory", actors_file));
    Scenario other = scenario;
    other.actors.clear();
    const std::string text = read_text_file(*path);
    parse_actors_csv(other, text, actors_file);
    other.input_hash = hex64(fnv1a64(text, fnv1a64(scenario.input_hash)));
    return other;
  }

  std::shared_ptr<const serve::RunRecord> find_run(const std::string& id_text) {
    std::lock_guard lock(runs_mutex);
    auto it = runs.find(std::stoi(id_text.substr(0, 9)));
    if (it == runs.end()) throw ApiError(404, fmt::format("no run {}", id_text));
    return it->second;
  }

  std::shared_ptr<const serve::RunRecord> keep_run(serve::RunRecord run) {
    std::lock_guard lock(runs_mutex);
    run.id = next_run++;
    auto kept = std::make_shared<const serve::RunRecord>(std::move(run));
    runs[kept->id] = kept;
    while (runs.size() > kMaxRunsKept) runs.erase(runs.begin());
    return kept;
  }

  // Host, then token: refused requests never reach a route or have their body read.
  httplib::Server::HandlerResponse guard(const httplib::Request& req, httplib::Response& res) const {
    if (!serve::host_allowed(req.get_header_value("Host"), port)) {
      send_error(res, 421, "Host must be 127.0.0.1:PORT or localhost:PORT");
      return httplib::Server::HandlerResponse::Handled;
    }
    std::string given = req.get_header_value("X-Pivot-Token");
    if (given.empty()) given = req.get_param_value("token");
    if (given.empty()) {
      send_error(res, 401, "missing token: open the address `pivot serve` printed");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!serve::constant_time_equal(given, token)) {
      send_error(res, 403, "wrong token: open the address `pivot serve` printed");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void add_routes() {
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      const std::string_view page = serve::ui_page_html();
      res.set_content(page.data(), page.size(), "text/html; charset=utf-8");
    });
    http.Get("/api/scenario", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string file = req.get_param_value("actors");
      json body = serve::scenario_json(base_scenario(file));
      body["actors_file"] = file.empty() ? "actors.csv" : file;
      send_json(res, body);
    });
    http.Get("/api/files", [this](const httplib::Request&, httplib::Response& res) { send_json(res, list_files()); });
    http.Post("/api/run", [this](const httplib::Request& req, httplib::Response& res) {
      const json body = parse_body(req);
      const Scenario base = base_scenario(optional_string(body, "actors_file"));
      const Scenario edited = serve::apply_edits(base, body);
      serve::RunRecord run = serve::run_models(edited, config.seed, config.threads);
      run.edits = serve::diff_inputs(base, edited);
      send_json(res, serve::run_json(*keep_run(std::move(run))));
    });
    http.Get(R"(/api/runs/(\d{1,9}))", [this](const httplib::Request& req, httplib::Response& res) {
      send_json(res, serve::run_json(*find_run(req.matches[1])));
    });
    http.Get(R"(/api/runs/(\d{1,9})/([a-z.\-]+))", [this](const httplib::Request& req, httplib::Response& res) {
      auto run = find_run(req.matches[1]);
      auto file = serve::run_file(*run, req.matches[2]);
      if (!file) throw ApiError(404, fmt::format("runs have no file '{}'", std::string(req.matches[2])));
      // The report opens in the browser; data files download.
      const bool page = file->content_type.starts_with("text/html");
      res.set_header("Content-Disposition", fmt::format("{}; filename=\"{}-run{}-{}\"", page ? "inline" : "attachment",
                                                        run->scenario.name, run->id, std::string(req.matches[2])));
      res.set_content(file->content, file->content_type);
    });
    http.Post("/api/save", [this](const httplib::Request& req, httplib::Response& res) {
      send_json(res, save_actors(parse_body(req)), 201);
    });
  }

  json list_files() const {
    json files = json::array();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(directory, ec)) {
      const std::string name = entry.path().filename().string();
      if (serve::file_in_directory(directory, name) && entry.is_regular_file(ec)) files.push_back(name);
    }
    std::sort(files.begin(), files.end());
    return {{"directory", scenario.name}, {"files", files}};
  }

  // "Save as": a new actors CSV inside the scenario directory, never an existing file.
  json save_actors(const json& body) {
    if (scenario.format != "pivot") throw ApiError(409, "saving needs a pivot scenario directory");
    const std::string name = optional_string(body, "name");
    if (name.empty()) throw ApiError(422, "name: expected the new file's name, e.g. actors-edited.csv");
    auto path = serve::file_in_directory(directory, name);
    if (!path || name.size() < 5 || name.substr(name.size() - 4) != ".csv")
      throw ApiError(403, fmt::format("'{}' is not a .csv file name inside the scenario directory", name));
    std::error_code ec;
    if (fs::exists(fs::symlink_status(*path, ec)))
      throw ApiError(409, fmt::format("'{}' exists; save under a new name", name));
    const Scenario edited = serve::apply_edits(base_scenario(optional_string(body, "actors_file")), body);
    write_file_atomic(*path, actors_csv(edited));
    return {{"saved", name}};
  }

  void add_error_handling() {
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr thrown) {
      try {
        std::rethrow_exception(thrown);
      } catch (const ApiError& e) {
        send_error(res, e.status(), e.what());
      } catch (const InputError& e) {
        send_error(res, 422, e.what());
      } catch (const UsageError& e) {
        send_error(res, 422, e.what());
      } catch (const std::exception& e) {
        send_error(res, 500, std::string("internal error: ") + e.what());
      }
    });
    // Errors httplib raises itself (404, 413 ...) get a JSON body too.
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      const std::string reason = res.status == 413   ? "request body over the size limit"
                                 : res.status == 404 ? "no such page or API route"
                                                     : fmt::format("HTTP error {}", res.status);
      send_error(res, res.status, reason);
      return httplib::Server::HandlerResponse::Handled;
    }));
  }
};

UiServer::UiServer(const ServeConfig& config) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.config = config;
  s.scenario = load_scenario(config.scenario);
  s.directory = scenario_directory(config.scenario);
  s.http.set_payload_max_length(config.max_body_bytes);
  // The page is self-contained: scripts and styles inline, requests only to this server.
  s.http.set_default_headers({
      {"Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                  "img-src data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Content-Type-Options", "nosniff"},
      {"Cache-Control", "no-store"},
  });
  s.http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) { return s.guard(req, res); });
  s.add_routes();
  s.add_error_handling();
  s.port = config.port == 0 ? s.http.bind_to_any_port("127.0.0.1")
                            : (s.http.bind_to_port("127.0.0.1", config.port) ? config.port : -1);
  if (s.port <= 0) throw UsageError(fmt::format("cannot listen on 127.0.0.1:{}", config.port));
}

UiServer::~UiServer() { stop(); }

int UiServer::port() const { return state_->port; }
const std::string& UiServer::token() const { return state_->token; }
std::string UiServer::url() const { return fmt::format("http://127.0.0.1:{}/?token={}", state_->port, state_->token); }
void UiServer::listen() {
  State& s = *state_;
  s.listening = true;
  if (!s.stopped) s.http.listen_after_bind();
  s.finished = true;
}

void UiServer::stop() {
  State& s = *state_;
  s.stopped = true;
  // httplib's stop() only stops a running loop: wait until listen() has started it or given up.
  if (s.listening)
    while (!s.http.is_running() && !s.finished) std::this_thread::yield();
  s.http.stop();
}

}  // namespace pivot
