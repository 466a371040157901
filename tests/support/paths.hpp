// Where the tests find the built `pivot`, tests/data and the shared data directory
// beside the checkout (../shared/data: inputs that are not ours, never copied into
// the repository). The paths are compiled into tests/support/paths.cpp alone (not passed to every test file), so the
// other test objects do not depend on where the checkout lives and ccache can share them.
#pragma once

namespace pivot_test {
const char* binary_path();
const char* test_data_dir();
const char* shared_data_dir();
}  // namespace pivot_test

#define PIVOT_BINARY ::pivot_test::binary_path()
#define PIVOT_TEST_DATA ::pivot_test::test_data_dir()
#define PIVOT_SHARED_DATA ::pivot_test::shared_data_dir()
