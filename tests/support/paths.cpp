#include "support/paths.hpp"

namespace pivot_test {
const char* binary_path() { return PIVOT_BINARY_PATH; }
const char* test_data_dir() { return PIVOT_TEST_DATA_DIR; }
const char* shared_data_dir() { return PIVOT_SHARED_DATA_DIR; }
}  // namespace pivot_test
