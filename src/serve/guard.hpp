// The checks every UI request passes: the access token, the Host header and
// file names inside the scenario directory. Kept free of HTTP types so tests
// can call them directly.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace pivot::serve {

/// A fresh 128-bit token from std::random_device, as 32 lower-case hex digits.
std::string random_token();

/// Compares two strings in time that depends only on their lengths, not on
/// where they first differ (so the token cannot be guessed byte by byte).
bool constant_time_equal(std::string_view a, std::string_view b);

/// True when a Host header names this server by loopback address: exactly
/// `127.0.0.1:PORT` or `localhost:PORT`. Refusing other names defeats DNS rebinding.
bool host_allowed(std::string_view host, int port);

/// The path of file `name` directly inside `dir`, or nullopt when `name` is not
/// a plain file name (empty, `.`/`..`, a separator, NUL, absolute) or when the
/// resolved path (symlinks followed) leaves `dir`.
std::optional<std::filesystem::path> file_in_directory(const std::filesystem::path& dir, std::string_view name);

}  // namespace pivot::serve
