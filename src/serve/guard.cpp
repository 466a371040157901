// Token, Host and path checks for the local UI server.
#include "serve/guard.hpp"

#include <fmt/format.h>

#include <array>
#include <random>

namespace pivot::serve {
namespace fs = std::filesystem;

std::string random_token() {
  std::random_device device;  // the OS entropy source (getrandom) on Linux
  std::string token;
  for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", static_cast<std::uint32_t>(device()));
  return token;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // the token's length is public; its bytes are not
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]);
  return diff == 0;
}

bool host_allowed(std::string_view host, int port) {
  const std::string suffix = fmt::format(":{}", port);
  return host == "127.0.0.1" + suffix || host == "localhost" + suffix;
}

std::optional<fs::path> file_in_directory(const fs::path& dir, std::string_view name) {
  if (name.empty() || name == "." || name == ".." || name.size() > 255) return std::nullopt;
  if (name.find_first_of(std::string_view("/\\\0", 3)) != std::string_view::npos) return std::nullopt;
  if (name.front() == '.') return std::nullopt;  // no hidden files, no `..` tricks
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(dir, ec);
  if (ec) return std::nullopt;
  const fs::path candidate = fs::weakly_canonical(root / fs::path(std::string(name)), ec);
  if (ec || candidate.parent_path() != root) return std::nullopt;  // a symlink led elsewhere
  return candidate;
}

}  // namespace pivot::serve
