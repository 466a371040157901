// libFuzzer target: pivot::parse_csv and pivot::parse_number on arbitrary bytes.
#include <cmath>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "pivot/core/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pivot;
  const std::string file = "fuzz.csv";
  const std::string text = fuzz::as_text(data, size);
  CsvTable table;
  try {
    table = parse_csv(text, file);
  } catch (const InputError& e) {
    fuzz::check_input_error(e, file);
    return 0;
  }
  // Every field has a position inside the text; rows come in order.
  std::size_t last_line = 0;
  for (const CsvRow& row : table.rows) {
    if (row.fields.empty()) fuzz::fail("a row without fields");
    if (row.line < last_line || row.line == 0) fuzz::fail("rows out of order");
    last_line = row.line;
    for (const CsvField& f : row.fields) {
      if (f.line < row.line || f.column == 0) fuzz::fail("a field without a position");
      if (f.text.size() > text.size()) fuzz::fail("a field longer than the input");
      try {
        double v = parse_number(f, file, "value");
        if (!std::isfinite(v)) fuzz::fail("parse_number returned a non-finite number");
      } catch (const InputError& e) {
        fuzz::check_input_error(e, file);
      }
    }
  }
  return 0;
}
