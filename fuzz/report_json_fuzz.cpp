// libFuzzer target for the report's JSON loader and section renderers: any
// bytes as each document (forecast.json, mc.json, trade.json, deal.json,
// games.json) of a fixed one-issue, two-actor scenario (the seeds in
// fuzz/corpus/report_json/ are the unit tests' documents). Rejections must be InputErrors
// naming the document; nothing else may escape.
#include "fuzz_common.hpp"
#include "pivot/report/report.hpp"

namespace {

pivot::Scenario fixed_scenario() {
  pivot::Scenario s;
  s.name = "fuzz";
  s.issues.push_back({"tariff", "Tariff", "%", 0, 100, "none", "embargo", 25.0});
  s.actors.push_back({"us", "United States", 60, std::nullopt, {40}, {80}});
  s.actors.push_back({"kr", "Korea", 40, std::nullopt, {10}, {90}});
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const pivot::Scenario scenario = fixed_scenario();
  const std::string text = pivot::fuzz::as_text(data, size);
  // The first byte picks the document, so one corpus reaches every section.
  static const char* const names[] = {"forecast.json", "mc.json", "trade.json", "deal.json", "games.json"};
  const std::string file = names[size == 0 ? 0 : data[0] % 5];
  pivot::ReportInputs in;
  in.study.scenario = scenario;
  try {
    auto document = pivot::parse_report_document(size == 0 ? text : text.substr(1), file);
    if (file == "forecast.json") in.forecast = std::move(document);
    if (file == "mc.json") in.mc = std::move(document);
    if (file == "trade.json") in.trade = std::move(document);
    if (file == "deal.json") in.deal = std::move(document);
    if (file == "games.json") in.games = std::move(document);
  } catch (const pivot::InputError& e) {
    pivot::fuzz::check_input_error(e, file);  // syntax errors carry a line and a column
    return 0;
  }
  try {
    const std::string html = pivot::render_report(in);
    if (html.find("</html>") == std::string::npos) pivot::fuzz::fail("report without its end");
  } catch (const pivot::InputError& e) {
    if (e.position().file != file) pivot::fuzz::fail(std::string("InputError names another file: ") + e.what());
    if (e.position().field.empty()) pivot::fuzz::fail(std::string("InputError without a JSON path: ") + e.what());
  }
  return 0;
}
