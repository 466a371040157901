// The version every output's manifest records.
#pragma once

#include <string>

namespace pivot {

/// pivot's version with the git hash it was built from, e.g. "0.1.0+abc123def456".
std::string version_string();

}  // namespace pivot
