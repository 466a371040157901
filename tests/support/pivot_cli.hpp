// What the CLI tests share: run the built `pivot` as a user would, read files
// back, and make a fresh scratch directory. Each test runs in its own process
// (gtest_discover_tests), so the process id keeps scratch names apart.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace pivot_test {

namespace fs = std::filesystem;

/// Exit code and the combined stdout + stderr of one `pivot` run.
struct CommandResult {
  int code;
  std::string out;
};

/// The whole file as bytes ("" when it cannot be read).
inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Runs `pivot ARGS` through the shell (ARGS may hold redirections and pipes).
inline CommandResult run_pivot(const std::string& args) {
  static int calls = 0;
  const fs::path log =
      fs::temp_directory_path() / ("pivot_test_" + std::to_string(::getpid()) + "_" + std::to_string(calls++) + ".log");
  // No progress lines (their number depends on the machine's load) unless a test sets them.
  const std::string env = "PIVOT_PROGRESS_INTERVAL=${PIVOT_PROGRESS_INTERVAL:-off} ";
  const int status =
      std::system((env + std::string(PIVOT_BINARY) + " " + args + " > " + log.string() + " 2>&1").c_str());
  std::string out = slurp(log);
  fs::remove(log);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, std::move(out)};
}

/// An empty directory under the system temp directory, named after NAME and this process.
inline fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("pivot_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// Starts `pivot ARGS` (no shell; stdout to /dev/null, stderr to `stderr_file`), sends it
/// SIGINT after `after` and waits up to `limit` for it to end. Returns its exit code; -1
/// when it did not exit normally in time (it is then killed).
inline int exit_code_after_sigint(const std::vector<std::string>& args, const fs::path& stderr_file,
                                  std::chrono::milliseconds after, std::chrono::seconds limit) {
  std::vector<char*> argv{const_cast<char*>(PIVOT_BINARY)};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen(stderr_file.c_str(), "w", stderr);
    ::execv(PIVOT_BINARY, argv.data());
    std::_Exit(127);
  }
  std::this_thread::sleep_for(after);
  ::kill(pid, SIGINT);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace pivot_test
