// Helpers shared by the CSV-based scenario loaders: header lookup and
// validated numeric cells with file:line:column errors.
#pragma once

#include <map>
#include <string>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot::scenario {

/// Column name -> index for a header row; rejects duplicate and empty names.
std::map<std::string, std::size_t> index_header(const CsvRow& header, const std::string& file);

/// The cell of `row` under `column`, or an error naming the missing cell.
const CsvField& cell(const CsvRow& row, std::size_t column, const std::string& file, const std::string& name);

/// A number within [lo, hi]; errors name file, line, column and the field.
double number_in(const CsvField& field, const std::string& file, const std::string& name, double lo, double hi);

/// Refuses actors whose weights leave an issue without anyone to weigh: every
/// capability zero, or every capability x salience zero on one issue. The
/// baselines would otherwise fall back to unweighted figures without a word.
/// `capability` and `salience[k]` point at the header cells the values came from.
void check_weights(const std::vector<Actor>& actors, const std::vector<Issue>& issues, const SourcePosition& capability,
                   const std::vector<SourcePosition>& salience);

/// Text with surrounding blanks removed.
std::string trim(const std::string& s);

}  // namespace pivot::scenario
