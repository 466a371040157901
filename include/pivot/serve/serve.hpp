// The local web UI (`pivot serve`): one page and a small JSON API on
// 127.0.0.1 that load a scenario, take edited inputs, run the forecast models
// and hand back results, CSV and a report. See docs/serve.md for the API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace pivot {

/// What `pivot serve` is asked to do.
struct ServeConfig {
  std::string scenario;                  // scenario directory or built-in name, as `pivot run` takes
  int port = 0;                          // 0 = any free port
  std::size_t max_body_bytes = 1 << 20;  // larger request bodies are refused with 413
  std::uint64_t seed = 0;                // seed for every run
  int threads = 0;                       // model threads, 0 = all cores
};

/// A UI server bound to 127.0.0.1 with a fresh random access token.
/// Construction loads the scenario (InputError on bad input) and binds the port.
class UiServer {
 public:
  explicit UiServer(const ServeConfig& config);
  ~UiServer();
  UiServer(const UiServer&) = delete;
  UiServer& operator=(const UiServer&) = delete;

  /// The bound port (the free one picked when the config asked for 0).
  int port() const;
  /// The access token every request must carry (32 hex digits, 128 bits).
  const std::string& token() const;
  /// `http://127.0.0.1:PORT/?token=TOKEN`, the address to open.
  std::string url() const;
  /// Serves requests until stop() is called (from another thread or a signal handler's thread).
  void listen();
  /// Makes listen() return.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace pivot
