// Loading the JSON documents of a `pivot run` directory for the report.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "pivot/core/error.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/report/report.hpp"

namespace pivot {
namespace {

// 1-based line and column of a byte offset (nlohmann reports offsets, people read lines).
SourcePosition position_of(const std::string& text, std::size_t byte, const std::string& file) {
  SourcePosition at{file, 1, 1, ""};
  const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

// nlohmann's DOM parser, except that every error (syntax, and numbers too large
// for a double, which the plain parser reports without a position) stops the
// parse with its byte offset instead of throwing.
class PositionedParser {
 public:
  using Json = nlohmann::ordered_json;
  explicit PositionedParser(Json& result) : dom_(result, true) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const Json::string_t& s) { return dom_.number_float(v, s); }
  bool string(Json::string_t& v) { return dom_.string(v); }
  bool binary(Json::binary_t& v) { return dom_.binary(v); }
  bool start_object(std::size_t n) { return dom_.start_object(n); }
  bool key(Json::string_t& v) { return dom_.key(v); }
  bool end_object() { return dom_.end_object(); }
  bool start_array(std::size_t n) { return dom_.start_array(n); }
  bool end_array() { return dom_.end_array(); }
  template <class Exception>
  bool parse_error(std::size_t byte, const std::string& /*token*/, const Exception& e) {
    error_byte = byte;
    // e.what() repeats the offset in its own words; keep nlohmann's description after the last ": ".
    const std::string what = e.what();
    const auto colon = what.rfind(": ");
    error = colon == std::string::npos ? what : what.substr(colon + 2);
    return false;
  }

  std::size_t error_byte = 0;
  std::string error;

 private:
  nlohmann::detail::json_sax_dom_parser<Json> dom_;
};

std::optional<std::string> read_if_present(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path.string(), 0, 0, ""}, "cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A run directory drawn for another scenario (or an edited one) would put the
// wrong numbers under this scenario's names: refuse it.
void check_same_scenario(const ReportInputs& in) {
  if (!in.forecast || !in.forecast->json.is_object()) return;
  auto manifest = in.forecast->json.find("manifest");
  if (manifest == in.forecast->json.end() || !manifest->is_object()) return;
  auto hash = manifest->find("input_hash");
  if (hash == manifest->end() || !hash->is_string() || in.study.scenario.input_hash.empty()) return;
  if (hash->get<std::string>() != in.study.scenario.input_hash)
    throw InputError({in.forecast->file, 0, 0, "/manifest/input_hash"},
                     fmt::format("was made from other input files (hash {}) than scenario {} (hash {}); run `pivot "
                                 "run` again",
                                 hash->get<std::string>(), in.study.scenario.name, in.study.scenario.input_hash));
}

}  // namespace

ReportDocument parse_report_document(const std::string& text, const std::string& file) {
  ReportDocument document{file, {}};
  check_utf8(text, file);  // before nlohmann, so the message is the same as for every other file
  PositionedParser parser(document.json);
  if (!nlohmann::ordered_json::sax_parse(text, &parser))
    throw InputError(position_of(text, parser.error_byte, file), "not valid JSON (" + parser.error + ")");
  return document;
}

namespace {

// The report's documents by file name, each read through `text_of` (nullopt = absent).
template <class TextOf>
ReportInputs assemble(Study study, const std::filesystem::path& dir, TextOf text_of) {
  ReportInputs inputs;
  inputs.study = std::move(study);
  auto read = [&](const char* name) -> std::optional<ReportDocument> {
    const std::optional<std::string> text = text_of(name);
    if (!text) return std::nullopt;
    return parse_report_document(*text, (dir / name).string());
  };
  inputs.forecast = read("forecast.json");
  inputs.mc = read("mc.json");
  inputs.trade = read("trade.json");
  inputs.ge = read("ge.json");
  inputs.deal = read("deal.json");
  inputs.games = read("games.json");
  inputs.sensitivity = read("sensitivity.json");
  check_same_scenario(inputs);
  return inputs;
}

}  // namespace

ReportInputs read_report_inputs(Study study, const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw UsageError(fmt::format("{}: not a directory (expected the output directory of `pivot run`)", dir.string()));
  return assemble(std::move(study), dir, [&](const char* name) { return read_if_present(dir / name); });
}

ReportInputs report_inputs_from(Study study, const std::map<std::string, std::string>& documents,
                                const std::filesystem::path& dir) {
  return assemble(std::move(study), dir, [&](const char* name) -> std::optional<std::string> {
    auto it = documents.find(name);
    if (it == documents.end()) return std::nullopt;
    return it->second;
  });
}

}  // namespace pivot
