// The model files of a scenario directory that a run reads (validate loads each; the
// input hash covers them and the data files they name, load.cpp).
#pragma once

#include <filesystem>
#include <vector>

namespace pivot::pipeline {

/// deal.toml, trade/*.toml, games/*.efg and games/*.nfg that exist in `dir`, in
/// that order, sorted within each kind.
std::vector<std::filesystem::path> scenario_model_files(const std::filesystem::path& dir);

}  // namespace pivot::pipeline
