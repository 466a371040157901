// Issue #13: an actors.csv saved as Latin-1 (or CP949) was printed raw by
// `pivot forecast` and made `run`, `report` and `forecast --json` stop with an
// internal error. Now every command refuses it with the file, line and column
// of the first bad byte, exit 2, and writes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../support/pivot_cli.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario.hpp"

namespace {

namespace fs = std::filesystem;
using namespace pivot_test;  // tests/support/pivot_cli.hpp

// korea-2025 with "President" of line 2 in Latin-1: "us-trump,Pr" is 11
// bytes, so the bad byte is column 12.
fs::path latin1_scenario(const fs::path& root) {
  const fs::path dir = root / "scenario";
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(pivot::pipeline::builtin_scenario_root() / "korea-2025"))
    fs::copy(entry.path(), dir / entry.path().filename(), fs::copy_options::recursive);
  std::string actors = slurp(dir / "actors.csv");
  actors.replace(actors.find("President"), 9, "Pr\xE9sident");
  std::ofstream(dir / "actors.csv", std::ios::binary | std::ios::trunc) << actors;
  return dir;
}

TEST(Utf8Cli, EveryCommandRefusesALatin1ActorsFile) {
  const fs::path root = pivot_test::fresh_dir("utf8_cli");
  const fs::path dir = latin1_scenario(root);
  const std::string where = (dir / "actors.csv").string() + ":2:12: not valid UTF-8";
  for (const std::string& args :
       {"forecast " + dir.string(), "forecast " + dir.string() + " --json " + (root / "f.json").string(),
        "run " + dir.string() + " -o " + (root / "out").string(),
        "report " + dir.string() + " -o " + (root / "r.html").string()}) {
    const auto result = run_pivot(args);
    EXPECT_EQ(result.code, 2) << args << "\n" << result.out;
    EXPECT_EQ(result.out.rfind("error: " + where, 0), 0u) << args << "\n" << result.out;
    EXPECT_EQ(result.out.find("internal error"), std::string::npos) << result.out;
  }
  EXPECT_FALSE(fs::exists(root / "f.json"));
  EXPECT_FALSE(fs::exists(root / "out"));
  EXPECT_FALSE(fs::exists(root / "r.html"));
  fs::remove_all(root);
}

}  // namespace
