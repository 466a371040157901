// Decide's input format (the exchange model's files): one record a line, the first
// field a tag: #A actor, #P issue, #M scale point, #D actor x issue data, #O title,
// #/ comment. Tab or semicolon separated, fields quoted ('...' or "...") or not.
// Files in Windows-1252 / Latin-1 are transcoded to UTF-8 (Scenario::input_encoding says so).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/scenario/scenario.hpp"

namespace pivot {
namespace {

// Windows-1252's 0x80..0x9F; the five bytes it leaves undefined keep their Latin-1 (C1) meaning.
constexpr char32_t kCp1252High[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string windows1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char b : bytes) append_utf8(out, b >= 0x80 && b < 0xA0 ? kCp1252High[b - 0x80] : char32_t{b});
  return out;
}

struct Field {
  std::string text;
  std::size_t column = 0;  // 1-based, bytes of the (UTF-8) line
};

struct Record {
  std::size_t line = 0;
  std::vector<Field> fields;
};

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

// Splits one line at `delimiter`; a field opened by ' or " runs to its closing quote
// (a doubled quote inside stands for one).
std::vector<Field> split_line(std::string_view line, char delimiter, const std::string& file, std::size_t line_no) {
  std::vector<Field> fields;
  std::size_t pos = 0;
  while (true) {
    while (pos < line.size() && line[pos] == ' ') ++pos;
    Field field{"", pos + 1};
    if (pos < line.size() && (line[pos] == '\'' || line[pos] == '"')) {
      const char quote = line[pos++];
      while (true) {
        if (pos >= line.size())
          throw InputError({file, line_no, field.column, ""}, fmt::format("quoted field has no closing {}", quote));
        if (line[pos] == quote && pos + 1 < line.size() && line[pos + 1] == quote) {
          field.text += quote;
          pos += 2;
        } else if (line[pos] == quote) {
          ++pos;
          break;
        } else {
          field.text += line[pos++];
        }
      }
      while (pos < line.size() && line[pos] == ' ') ++pos;
      if (pos < line.size() && line[pos] != delimiter)
        throw InputError({file, line_no, pos + 1, ""}, "text after a closing quote (expected a delimiter)");
    } else {
      const std::size_t end = std::min(line.find(delimiter, pos), line.size());
      field.text = trim(line.substr(pos, end - pos));
      pos = end;
    }
    fields.push_back(std::move(field));
    if (pos >= line.size()) break;
    ++pos;  // the delimiter
  }
  return fields;
}

char detect_delimiter(std::string_view text, const std::string& file) {
  std::size_t start = 0, line_no = 1;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (line.find('\t') != std::string_view::npos) return '\t';
    if (line.find(';') != std::string_view::npos) return ';';
    if (!trim(line).empty())
      throw InputError({file, line_no, 1, ""}, "expected Decide records separated by tabs or semicolons");
    start = end + 1;
    ++line_no;
  }
  throw InputError({file, 1, 1, ""}, "no Decide records (#A, #P, #M, #D)");
}

std::vector<Record> read_records(const std::string& text, const std::string& file) {
  const char delimiter = detect_delimiter(text, file);
  std::vector<Record> records;
  std::size_t start = 0, line_no = 1;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Record r{line_no, split_line(line, delimiter, file, line_no)};
    const bool blank = std::all_of(r.fields.begin(), r.fields.end(), [](const Field& f) { return f.text.empty(); });
    if (!blank) records.push_back(std::move(r));
    start = end + 1;
    ++line_no;
  }
  return records;
}

struct Reader {
  const std::string& file;

  SourcePosition at(const Record& r, std::size_t index, const char* field) const {
    const std::size_t column = index < r.fields.size() ? r.fields[index].column : r.fields.back().column;
    return {file, r.line, column, field};
  }
  const std::string& text(const Record& r, std::size_t index, const char* field) const {
    if (index >= r.fields.size() || r.fields[index].text.empty())
      throw InputError(at(r, index, field), fmt::format("{} record needs a {}", r.fields[0].text, field));
    return r.fields[index].text;
  }
  std::string optional_text(const Record& r, std::size_t index) const {
    return index < r.fields.size() ? r.fields[index].text : "";
  }
  double number(const Record& r, std::size_t index, const char* field) const {
    std::string t = text(r, index, field);
    std::replace(t.begin(), t.end(), ',', '.');  // equal-gain files may use decimal commas
    return parse_number(CsvField{t, r.line, r.fields[index].column}, file, field);
  }
};

struct ScalePoints {
  std::optional<double> min, max;
  std::string low, high;
};

}  // namespace

Scenario parse_decide_csv(const std::string& bytes, const std::string& file) {
  Scenario s;
  s.format = "decide";
  std::string text = bytes;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  if (find_invalid_utf8(text) != std::string::npos) {
    text = windows1252_to_utf8(text);
    s.input_encoding = "windows-1252 (transcoded to UTF-8)";
  }
  const std::vector<Record> records = read_records(text, file);
  const Reader rd{file};
  std::map<std::string, std::size_t> actor_at, issue_at;
  std::map<std::string, ScalePoints> scale;
  std::vector<SourcePosition> actor_key, issue_key;  // where each #A / #P names its key, for later errors
  for (const Record& r : records) {
    const std::string& tag = r.fields[0].text;
    if (tag == "#A" || tag == "#P") {
      const std::string& id = rd.text(r, 1, "key");
      auto& index = tag == "#A" ? actor_at : issue_at;
      if (index.count(id)) throw InputError(rd.at(r, 1, "key"), fmt::format("'{}' is defined twice", id));
      std::string name = rd.optional_text(r, 2);
      if (name.empty()) name = id;
      (tag == "#A" ? actor_key : issue_key).push_back(rd.at(r, 1, "key"));
      if (tag == "#A") {
        index[id] = s.actors.size();
        s.actors.push_back({id, name, 0.0, std::nullopt, {}, {}, {}});
      } else {
        index[id] = s.issues.size();
        Issue issue;
        issue.id = id;
        issue.name = name;
        s.issues.push_back(issue);
      }
    } else if (tag == "#O") {
      if (s.title.empty()) s.title = rd.optional_text(r, 1);
    } else if (tag != "#M" && tag != "#D" && tag != "#/") {
      throw InputError(rd.at(r, 0, "tag"), fmt::format("unknown record '{}' (expected #A, #P, #M, #D, #O or #/)", tag));
    }
  }
  for (const Record& r : records) {
    if (r.fields[0].text != "#M") continue;
    const std::string& issue = rd.text(r, 1, "issue");
    if (!issue_at.count(issue))
      throw InputError(rd.at(r, 1, "issue"), fmt::format("issue '{}' has no #P record", issue));
    const double value = rd.number(r, 2, "position");
    if (std::abs(value) > 1e12) throw InputError(rd.at(r, 2, "position"), "expected a scale point within +-1e12");
    ScalePoints& p = scale[issue];
    if (!p.min || value < *p.min) p.min = value, p.low = rd.optional_text(r, 3);
    if (!p.max || value > *p.max) p.max = value, p.high = rd.optional_text(r, 3);
  }
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    Issue& issue = s.issues[k];
    const ScalePoints& p = scale[issue.id];
    issue.min = p.min.value_or(0.0);
    issue.max = p.max.value_or(100.0);
    issue.low = p.low;
    issue.high = p.high;
    if (p.min && !(issue.max > issue.min))
      throw InputError(
          issue_key[k],
          fmt::format("issue '{}': its #M records give no scale (need two different positions)", issue.id));
  }
  for (Actor& a : s.actors) {
    a.position.assign(s.issues.size(), 0.0);
    a.salience.assign(s.issues.size(), 0.0);
    a.takes_part.assign(s.issues.size(), false);
  }
  std::vector<std::size_t> power_line(s.actors.size(), 0);
  for (const Record& r : records) {
    if (r.fields[0].text != "#D") continue;
    const std::string& actor = rd.text(r, 1, "actor");
    const std::string& issue_id = rd.text(r, 2, "issue");
    if (!actor_at.count(actor))
      throw InputError(rd.at(r, 1, "actor"), fmt::format("actor '{}' has no #A record", actor));
    if (!issue_at.count(issue_id))
      throw InputError(rd.at(r, 2, "issue"), fmt::format("issue '{}' has no #P record", issue_id));
    const std::size_t a = actor_at[actor], k = issue_at[issue_id];
    Actor& act = s.actors[a];
    const Issue& issue = s.issues[k];
    if (act.takes_part[k])
      throw InputError(rd.at(r, 2, "issue"), fmt::format("a second #D record for '{}' on '{}'", actor, issue_id));
    const double position = rd.number(r, 3, "position");
    if (position < issue.min || position > issue.max)
      throw InputError(rd.at(r, 3, "position"), fmt::format("{} is outside issue '{}' scale [{}, {}] (its #M records)",
                                                            position, issue_id, issue.min, issue.max));
    const double salience = rd.number(r, 4, "salience");
    if (salience < 0 || salience > 1)
      throw InputError(rd.at(r, 4, "salience"), fmt::format("salience {} is outside [0, 1]", salience));
    const double power = rd.number(r, 5, "power");
    if (power < 0 || power > 1e6)
      throw InputError(rd.at(r, 5, "power"), fmt::format("power {} is outside [0, 1e6]", power));
    if (power_line[a] != 0 && power != act.capability)
      throw InputError(rd.at(r, 5, "power"),
                       fmt::format("power {} differs from {} given for '{}' on line {} (one power per actor)", power,
                                   act.capability, actor, power_line[a]));
    act.capability = power;
    power_line[a] = r.line;
    act.position[k] = position;
    act.salience[k] = 100.0 * salience;
    act.takes_part[k] = true;
  }
  for (std::size_t a = 0; a < s.actors.size(); ++a)
    if (power_line[a] == 0) throw InputError(actor_key[a], fmt::format("actor '{}' has no #D record", s.actors[a].id));
  if (s.actors.empty() || s.issues.empty())
    throw InputError({file, 1, 1, ""}, "needs at least one #A and one #P record");
  // An actor that takes no part in an issue weighs nothing there; its position is the
  // others' weighted mean, so that models without the notion of taking part see no pull.
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    double num = 0, den = 0;
    for (const Actor& a : s.actors)
      if (a.takes_part[k]) num += a.position[k] * a.capability * a.salience[k], den += a.capability * a.salience[k];
    if (den <= 0)
      throw InputError(issue_key[k],
                       fmt::format("issue '{}': no actor with power x salience above 0 takes part", s.issues[k].id));
    for (Actor& a : s.actors)
      if (!a.takes_part[k]) a.position[k] = num / den;
  }
  if (std::all_of(s.actors.begin(), s.actors.end(), [](const Actor& a) {
        return std::all_of(a.takes_part.begin(), a.takes_part.end(), [](bool b) { return b; });
      }))
    for (Actor& a : s.actors) a.takes_part.clear();
  return s;
}

}  // namespace pivot
