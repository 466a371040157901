#include "pivot/core/hash.hpp"

#include <fmt/format.h>

namespace pivot {

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t state) {
  for (unsigned char c : bytes) {
    state ^= c;
    state *= 0x100000001b3ULL;
  }
  return state;
}

std::string hex64(std::uint64_t value) { return fmt::format("{:016x}", value); }

}  // namespace pivot
