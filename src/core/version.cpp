// pivot's version string. The only file compiled with the git hash (see
// CMakeLists.txt), so that a commit does not invalidate every other object.
#include <fmt/format.h>

#include "pivot/core/version.hpp"

namespace pivot {

std::string version_string() { return fmt::format("{}+{}", PIVOT_VERSION, PIVOT_GIT_HASH); }

}  // namespace pivot
