// The UI server: routes of the JSON API (docs/serve.md) on cpp-httplib, bound
// to 127.0.0.1, with the token, Host and size checks in front of every route.
#include <fmt/format.h>
#include <httplib.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include "pivot/core/error.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/serve/serve.hpp"
#include "serve/endpoints.hpp"
#include "serve/guard.hpp"
#include "serve/ui_page.hpp"

namespace pivot {
namespace fs = std::filesystem;

namespace {

// The directory a scenario argument names: the directory itself, a built-in's
// directory, or the folder holding a single-file scenario.
fs::path scenario_directory(const std::string& name_or_path) {
  std::error_code ec;
  fs::path path = pipeline::scenario_directory(name_or_path);
  if (path.empty()) path = fs::path(name_or_path).parent_path();
  return fs::weakly_canonical(path.empty() ? fs::path(".") : path, ec);
}

void send(httplib::Response& res, const serve::Reply& reply) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  res.set_content(reply.body, reply.content_type);
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send(res, serve::error_reply(status, message));
}

// httplib's default socket options set SO_REUSEPORT, with which a second
// server on the same port binds too and the kernel splits the connections
// between them. SO_REUSEADDR alone still allows a restart while old
// connections are in TIME_WAIT, but not two listeners.
void reuse_address_only(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<void*>(&yes), sizeof(yes));
}

}  // namespace

struct UiServer::State {
  ServeConfig config;
  std::unique_ptr<serve::Endpoints> api;
  std::string token = serve::random_token();
  httplib::Server http;
  int port = 0;
  // listen() and stop() may race (stop from another thread right after start).
  std::atomic<bool> listening{false}, stopped{false}, finished{false};

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
    serve::Endpoints& e = *api;
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      const std::string_view page = serve::ui_page_html();
      res.set_content(page.data(), page.size(), "text/html; charset=utf-8");
    });
    http.Get("/api/scenario", [&e](const httplib::Request& req, httplib::Response& res) {
      send(res, e.scenario(req.get_param_value("actors")));
    });
    http.Get("/api/files", [&e](const httplib::Request&, httplib::Response& res) { send(res, e.files()); });
    http.Post("/api/run", [&e](const httplib::Request& req, httplib::Response& res) { send(res, e.run(req.body)); });
    http.Get(R"(/api/runs/(\d{1,9}))",
             [&e](const httplib::Request& req, httplib::Response& res) { send(res, e.run_by_id(req.matches[1])); });
    http.Get(R"(/api/runs/(\d{1,9})/([a-z.\-]+))", [&e](const httplib::Request& req, httplib::Response& res) {
      send(res, e.run_file(req.matches[1], req.matches[2]));
    });
    http.Post("/api/save", [&e](const httplib::Request& req, httplib::Response& res) { send(res, e.save(req.body)); });
    http.Post("/api/uncertainty",
              [&e](const httplib::Request& req, httplib::Response& res) { send(res, e.start_uncertainty(req.body)); });
    http.Get(R"(/api/uncertainty/(\d{1,9}))",
             [&e](const httplib::Request& req, httplib::Response& res) { send(res, e.uncertainty(req.matches[1])); });
    http.Post(R"(/api/uncertainty/(\d{1,9})/stop)", [&e](const httplib::Request& req, httplib::Response& res) {
      send(res, e.stop_uncertainty(req.matches[1]));
    });
    http.Get(R"(/api/uncertainty/(\d{1,9})/([a-z.\-]+))", [&e](const httplib::Request& req, httplib::Response& res) {
      send(res, e.uncertainty_file(req.matches[1], req.matches[2]));
    });
  }

  void add_error_handling() {
    // The endpoints answer their own errors; this catches what is left (the
    // page route, httplib itself), so that no request ends the process.
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr thrown) {
      send(res, serve::error_reply(thrown));
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
  s.api = std::make_unique<serve::Endpoints>(pipeline::load_study(config.scenario), scenario_directory(config.scenario),
                                             config.seed, config.threads);
  s.http.set_payload_max_length(config.max_body_bytes);
  // The page is self-contained: scripts and styles inline, requests only to this server.
  s.http.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Content-Type-Options", "nosniff"},
      {"Cache-Control", "no-store"},
  });
  s.http.set_pre_routing_handler(
      [&s](const httplib::Request& req, httplib::Response& res) { return s.guard(req, res); });
  s.http.set_socket_options(reuse_address_only);
  s.add_routes();
  s.add_error_handling();
  errno = 0;
  s.port = config.port == 0 ? s.http.bind_to_any_port("127.0.0.1")
                            : (s.http.bind_to_port("127.0.0.1", config.port) ? config.port : -1);
  if (s.port <= 0) {
    // httplib keeps no error of its own; errno is what bind() or listen() left.
    const int error = errno;
    throw UsageError(fmt::format("cannot listen on 127.0.0.1:{}: {}", config.port,
                                 error != 0 ? std::strerror(error) : "the socket could not be bound"));
  }
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
