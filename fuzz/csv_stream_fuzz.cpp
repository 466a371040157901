// libFuzzer target: the streaming CSV reader (pivot::for_each_csv_row) against
// parse_csv on the same bytes. The first byte picks the piece size (1..32
// bytes), so rows, quoted fields, doubled quotes, CRLFs and the BOM are cut
// across pieces; both must give the same rows and positions, or the same
// error, and every row must read back the same by its offset.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "pivot/core/csv.hpp"

namespace {

std::string describe(const pivot::CsvRow& row) {
  std::string out = std::to_string(row.line) + ":";
  for (const auto& f : row.fields)
    out += std::to_string(f.line) + "." + std::to_string(f.column) + "=" + std::to_string(f.text.size()) + "[" +
           f.text + "]";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  if (size == 0) return 0;
  static const std::filesystem::path path = fuzz::scratch_dir("csv_stream") / "stream.csv";
  const std::size_t piece = 1 + data[0] % 32;
  const std::string text = fuzz::as_text(data + 1, size - 1);
  fuzz::write_file(path, text);

  std::vector<std::string> whole, streamed;
  std::string whole_error, streamed_error;
  try {
    for (const CsvRow& row : parse_csv(text, path.string()).rows) whole.push_back(describe(row));
  } catch (const InputError& e) {
    whole_error = e.what();
  }
  std::vector<std::pair<std::uint64_t, std::size_t>> places;
  try {
    detail::for_each_csv_row(path, piece, [&](const CsvRowView& view) {
      CsvRow row{{}, view.line};
      for (const auto& f : view.fields) row.fields.push_back({std::string(f.text), f.line, f.column});
      streamed.push_back(describe(row));
      places.emplace_back(view.offset, view.line);
    });
  } catch (const InputError& e) {
    fuzz::check_input_error(e, path.string());
    streamed_error = e.what();
  }
  if (whole_error != streamed_error) fuzz::fail("errors differ: '" + whole_error + "' vs '" + streamed_error + "'");
  if (!whole_error.empty()) return 0;
  if (whole != streamed) fuzz::fail("streamed rows differ from parse_csv's");
  for (std::size_t r = 0; r < places.size(); ++r)
    if (describe(read_csv_row_at(path, places[r].first, places[r].second)) != streamed[r])
      fuzz::fail("a row read again by its offset differs");
  return 0;
}
