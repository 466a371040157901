// Where the tests find the built `pivot` and tests/data. The paths are compiled into
// tests/support/paths.cpp alone (not passed to every test file), so the other test
// objects do not depend on where the checkout lives and ccache can share them.
#pragma once

namespace pivot_test {
const char* binary_path();
const char* test_data_dir();
}  // namespace pivot_test

#define PIVOT_BINARY ::pivot_test::binary_path()
#define PIVOT_TEST_DATA ::pivot_test::test_data_dir()
