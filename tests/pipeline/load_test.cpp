// The input hash covers every model file a run reads: in a copy of korea-2025 without
// uncertainty.csv (so nothing samples the model files), one byte more in deal.toml, a
// trade model, the flows it names or a game tree changes the hash, and restoring the
// bytes restores it; a README does not count. Flows kept outside trade/ count too.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pivot/core/csv.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot {
namespace {

namespace fs = std::filesystem;

std::string hash_of(const fs::path& dir) { return pipeline::load_study(dir.string()).scenario.input_hash; }

TEST(LoadStudy, EveryModelFileJoinsTheInputHash) {
  const fs::path dir = fs::temp_directory_path() / "pivot_load_hash_korea";
  fs::remove_all(dir);
  fs::copy(pipeline::builtin_scenario_root() / "korea-2025", dir, fs::copy_options::recursive);
  fs::remove(dir / "uncertainty.csv");
  const std::string base = hash_of(dir);
  for (const char* file :
       {"deal.toml", "trade/us-tariff-25-vs-15.toml", "trade/flows.csv", "games/us-korea-deal.efg"}) {
    const std::string original = read_text_file(dir / file);
    std::ofstream(dir / file, std::ios::binary | std::ios::app) << "\n";
    EXPECT_NE(hash_of(dir), base) << file;
    std::ofstream(dir / file, std::ios::binary | std::ios::trunc) << original;
    EXPECT_EQ(hash_of(dir), base) << file;
  }
  std::ofstream(dir / "trade" / "README.md", std::ios::binary | std::ios::app) << "\nA note.\n";
  EXPECT_EQ(hash_of(dir), base);
  fs::remove_all(dir);
}

TEST(LoadStudy, DataFilesOutsideTradeJoinTheInputHash) {
  const fs::path dir = fs::temp_directory_path() / "pivot_load_hash_outside";
  fs::remove_all(dir);
  fs::copy(pipeline::builtin_scenario_root() / "korea-2025", dir, fs::copy_options::recursive);
  fs::remove(dir / "uncertainty.csv");
  fs::create_directory(dir / "data");
  fs::rename(dir / "trade" / "flows.csv", dir / "data" / "flows.csv");
  for (const auto& entry : fs::directory_iterator(dir / "trade")) {
    if (entry.path().extension() != ".toml") continue;
    std::string text = read_text_file(entry.path());
    text.replace(text.find("flows = \"flows.csv\""), 19, "flows = \"../data/flows.csv\"");
    std::ofstream(entry.path(), std::ios::binary | std::ios::trunc) << text;
  }
  const std::string base = hash_of(dir);
  const std::string original = read_text_file(dir / "data" / "flows.csv");
  std::ofstream(dir / "data" / "flows.csv", std::ios::binary | std::ios::app) << "\n";
  EXPECT_NE(hash_of(dir), base);
  std::ofstream(dir / "data" / "flows.csv", std::ios::binary | std::ios::trunc) << original;
  EXPECT_EQ(hash_of(dir), base);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace pivot
