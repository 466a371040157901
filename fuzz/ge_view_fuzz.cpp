// libFuzzer target: a scenario's GE view, pivot::gravity::load_ge_view's ge/ge.toml
// and, after a form feed (\f), the gdp.csv it names (a fixed two-region file when
// the input has none), then solved on a fixed two-region tariff case. What the
// loader accepts must solve, or be refused with an InputError naming one of the
// view's files with a line; nothing else may escape.
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/econ/ge_scenario.hpp"

namespace {

constexpr const char* kGdp = "region,gdp_usd_bn,source,reasoning\nA,100,s,r\nB,50,s,r\n";

// A -> B 10 at a tariff of 0% -> 25%; B -> A 5 at 0%.
pivot::trade::TradeModel two_regions() {
  pivot::trade::TradeModel model;
  model.file = "fixed.toml";
  pivot::trade::Market m;
  m.product = "goods";
  m.exporters = m.importers = {"A", "B"};
  m.flows = {0, 10, 5, 0};
  m.tariffs_before = {1, 1, 1, 1};
  m.tariffs_after = {1, 1.25, 1, 1};
  model.markets.push_back(m);
  return model;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const auto [toml_text, gdp_text] = fuzz::split_at_form_feed(fuzz::as_text(data, size));
  for (const char* device : {"dev", "proc", "sys"})
    if (toml_text.find(device) != std::string::npos) return 0;
  static const std::filesystem::path dir = fuzz::scratch_dir("ge_view");
  std::filesystem::create_directories(dir / "ge");
  fuzz::write_file(dir / "ge" / "ge.toml", toml_text);
  fuzz::write_file(dir / "ge" / "gdp.csv", gdp_text.empty() ? std::string(kGdp) : gdp_text);
  std::optional<gravity::GeView> view;
  auto check = [&](const InputError& e) {
    const std::filesystem::path file(e.position().file);
    if (file.parent_path() != dir / "ge" && file.parent_path().parent_path() != dir / "ge")
      fuzz::fail("InputError names file '" + e.position().file + "': " + e.what());
    if (e.position().line == 0 && std::string(e.what()).find("cannot") == std::string::npos)
      fuzz::fail(std::string("InputError without a line: ") + e.what());
  };
  try {
    view = gravity::load_ge_view(dir);
  } catch (const InputError& e) {
    check(e);
    return 0;
  }
  if (!view) fuzz::fail("ge/ge.toml was written but not read");
  if (view->regions.size() > 50) return 0;
  try {
    const gravity::GeCase c = gravity::solve_ge_case(*view, two_regions(), "fixed", view->sigma, view->pass_through);
    if (c.inputs.countries.size() != view->regions.size()) fuzz::fail("lost regions");
  } catch (const InputError& e) {
    check(e);
  } catch (const UsageError&) {
    // solve_ge's own refusals (a region with no output, a fit that cannot converge)
  }
  return 0;
}
