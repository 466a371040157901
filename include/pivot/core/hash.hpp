// Content hashes for output manifests (identifies the exact input bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pivot {

/// 64-bit FNV-1a, continuing from `state` so several inputs can be chained.
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t state = 0xcbf29ce484222325ULL);

/// The hash as 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

}  // namespace pivot
