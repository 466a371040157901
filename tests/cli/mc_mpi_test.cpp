// `mpirun -n K pivot mc` writes the bytes a single process writes, for any K.
// Runs only in a PIVOT_MPI build (make test-mpi) with mpirun on the PATH.
#include <gtest/gtest.h>

#include "../support/pivot_cli.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pivot/uncertainty/mpi.hpp"

namespace {

using pivot_test::slurp;

namespace fs = std::filesystem;

int run(const std::string& command) {
  const int status = std::system((command + " > /dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(McMpi, OneAndTwoRanksWriteIdenticalFiles) {
  if (!pivot::mpi_built()) GTEST_SKIP() << "built without PIVOT_MPI";
  if (run("command -v mpirun") != 0) GTEST_SKIP() << "mpirun not found";
  const fs::path dir = fs::temp_directory_path() / ("pivot_mpi_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string mpirun = "mpirun --oversubscribe --allow-run-as-root -n ";
  const std::string mc = std::string(PIVOT_BINARY) +
                         " mc korea-2025 --spread position=10 --spread salience=10 --trials 61 --seed 3 --threads 1";
  ASSERT_EQ(run(mc + " --csv " + (dir / "alone").string()), 0);
  ASSERT_EQ(run(mpirun + "1 " + mc + " --csv " + (dir / "one").string()), 0);
  ASSERT_EQ(run(mpirun + "2 " + mc + " --csv " + (dir / "two").string()), 0);
  // Ranks inside a shard: shard 1/2 on 2 ranks merges with shard 0/2 run alone.
  ASSERT_EQ(run(mc + " --shard 0/2 --csv " + (dir / "s0").string()), 0);
  ASSERT_EQ(run(mpirun + "2 " + mc + " --shard 1/2 --csv " + (dir / "s1").string()), 0);
  ASSERT_EQ(run(std::string(PIVOT_BINARY) + " merge " + (dir / "s0").string() + " " + (dir / "s1").string() +
                " --csv " + (dir / "merged").string()),
            0);
  for (const char* file : {"trials.csv", "summary.csv", "manifest.json"}) {
    const std::string alone = slurp(dir / "alone" / file);
    ASSERT_FALSE(alone.empty()) << file;
    EXPECT_EQ(slurp(dir / "one" / file), alone) << file;
    EXPECT_EQ(slurp(dir / "two" / file), alone) << file;
    EXPECT_EQ(slurp(dir / "merged" / file), alone) << file;
  }
  fs::remove_all(dir);
}

}  // namespace
