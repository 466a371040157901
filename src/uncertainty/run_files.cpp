// A run on disk: trials.csv and manifest.json, written and read back, and the
// merge of shards. Numbers are written in shortest round-trip form, so reading
// a file back gives the very doubles that were computed.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/run_files.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {
namespace {

using json = nlohmann::ordered_json;

std::string num(double v) { return fmt::format("{}", v); }

// RFC 4180 quoting, only where needed (ids may hold commas or quotes).
std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

json input_json(const std::string& name, const Distribution& d) {
  json j;
  j["name"] = name;
  j["distribution"] = distribution_name(d.kind);
  j["low"] = d.low;
  j["mode"] = d.mode;
  j["high"] = d.high;
  if (d.kind == DistributionKind::truncated_normal) j["sd"] = d.sd;
  return j;
}

json manifest_of(const McRun& run) {
  json j;
  j["tool"] = "pivot";
  j["version"] = run.version;
  j["command"] = "mc";
  j["scenario"] = run.scenario;
  j["input_hash"] = run.input_hash;
  j["model"] = run.model;
  json options = json::object();
  for (const auto& [k, v] : run.model_options) options[k] = v;
  j["options"] = options;
  j["seed"] = run.seed;
  j["trials"] = run.total_trials;
  if (run.shard_count > 1) j["shard"] = fmt::format("{}/{}", run.shard_index, run.shard_count);
  j["quantiles"] = "Hyndman-Fan type 7";
  json inputs = json::array();
  for (const McInput& input : run.inputs) {
    inputs.push_back(input_json(input.name, input.distribution));
  }
  j["inputs"] = inputs;
  json outputs = json::array();
  for (std::size_t k = 0; k < run.outputs.size(); ++k) {
    const TrialOutput& o = run.outputs[k];
    outputs.push_back(
        {{"name", o.name}, {"model", o.model}, {"issue", o.issue}, {"unit", o.unit}, {"min", o.min}, {"max", o.max}});
    // The point forecast travels with the shards, so a merged run can still compare it with its band.
    if (k < run.point.size() && std::isfinite(run.point[k])) outputs.back()["point"] = run.point[k];
  }
  j["outputs"] = outputs;
  return j;
}

// --- reading back ---------------------------------------------------------

// manifest.json as read: its name for errors and its text, to find positions in.
struct Manifest {
  std::string file;
  std::string_view text;
};

// Line and column (1-based) of byte `offset` (0-based) in the text.
SourcePosition position_at(const Manifest& m, std::size_t offset, const std::string& field) {
  offset = std::min(offset, m.text.size());
  const std::string_view before = m.text.substr(0, offset);
  const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  return {m.file, 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')), offset - line_start + 1,
          field};
}

// nlohmann's parser keeps no positions once it is done, so a key is found
// again in the text: the first appearance of "top" and, for "top.inner",
// of "inner" after it. An element of an array ("inputs[2].low") points at the
// array's key. A key that is not found points at the start of the file.
SourcePosition key_position(const Manifest& m, const std::string& field) {
  const std::string top = field.substr(0, field.find_first_of(".["));
  std::size_t at = m.text.find('"' + top + '"');
  if (at == std::string_view::npos) return position_at(m, 0, field);
  const std::size_t dot = field.find('.');
  if (field.find('[') == std::string::npos && dot != std::string::npos) {
    const std::size_t inner = m.text.find('"' + field.substr(dot + 1) + '"', at);
    if (inner != std::string_view::npos) at = inner;
  }
  return position_at(m, at, field);
}

[[noreturn]] void bad_manifest(const Manifest& m, const std::string& key, const std::string& what) {
  throw InputError(key_position(m, key), what);
}

// j[name], converted to T; `path` names it in errors ("seed", "inputs[1].low").
template <class T>
T manifest_value(const json& j, const std::string& name, const std::string& path, const Manifest& m) {
  if (!j.is_object() || !j.contains(name)) bad_manifest(m, path, "missing key");
  try {
    return j.at(name).get<T>();
  } catch (const json::exception&) {
    bad_manifest(m, path, "unexpected type");
  }
}

template <class T>
T manifest_value(const json& j, const std::string& name, const Manifest& m) {
  return manifest_value<T>(j, name, name, m);
}

McRun run_from_manifest(const json& j, const Manifest& m) {
  McRun run;
  if (!j.is_object() || manifest_value<std::string>(j, "command", m) != "mc")
    bad_manifest(m, "command", "not the manifest of a `pivot mc` run");
  run.version = manifest_value<std::string>(j, "version", m);
  run.scenario = manifest_value<std::string>(j, "scenario", m);
  run.input_hash = manifest_value<std::string>(j, "input_hash", m);
  run.model = manifest_value<std::string>(j, "model", m);
  const json options = manifest_value<json>(j, "options", m);
  for (const auto& [k, v] : options.items()) {
    if (!v.is_string()) bad_manifest(m, "options." + k, "expected a string");
    run.model_options.push_back({k, v.get<std::string>()});
  }
  run.seed = manifest_value<std::uint64_t>(j, "seed", m);
  run.total_trials = manifest_value<std::uint64_t>(j, "trials", m);
  if (j.contains("shard")) {
    const std::string shard = manifest_value<std::string>(j, "shard", m);
    if (std::sscanf(shard.c_str(), "%d/%d", &run.shard_index, &run.shard_count) != 2 || run.shard_count < 1 ||
        run.shard_index < 0 || run.shard_index >= run.shard_count)
      bad_manifest(m, "shard", "expected i/n with 0 <= i < n, found '" + shard + "'");
  }
  const json inputs = manifest_value<json>(j, "inputs", m), outputs = manifest_value<json>(j, "outputs", m);
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const json& i = inputs[k];
    const auto at = [&](const char* name) { return fmt::format("inputs[{}].{}", k, name); };
    McInput input;
    input.name = manifest_value<std::string>(i, "name", at("name"), m);
    if (!parse_distribution_kind(manifest_value<std::string>(i, "distribution", at("distribution"), m),
                                 input.distribution.kind))
      bad_manifest(m, at("distribution"), "unknown distribution");
    input.distribution.low = manifest_value<double>(i, "low", at("low"), m);
    input.distribution.mode = manifest_value<double>(i, "mode", at("mode"), m);
    input.distribution.high = manifest_value<double>(i, "high", at("high"), m);
    if (i.contains("sd")) input.distribution.sd = manifest_value<double>(i, "sd", at("sd"), m);
    run.inputs.push_back(input);
  }
  for (std::size_t k = 0; k < outputs.size(); ++k) {
    const json& o = outputs[k];
    const auto at = [&](const char* name) { return fmt::format("outputs[{}].{}", k, name); };
    run.outputs.push_back(
        {manifest_value<std::string>(o, "name", at("name"), m), manifest_value<std::string>(o, "model", at("model"), m),
         manifest_value<std::string>(o, "issue", at("issue"), m), manifest_value<std::string>(o, "unit", at("unit"), m),
         manifest_value<double>(o, "min", at("min"), m), manifest_value<double>(o, "max", at("max"), m)});
    if (o.is_object() && o.contains("point")) run.point.push_back(manifest_value<double>(o, "point", at("point"), m));
  }
  if (run.point.size() != run.outputs.size()) run.point.clear();  // written by an older pivot, or partly: unknown
  return run;
}

std::uint64_t parse_trial_number(const CsvField& field, const std::string& file) {
  std::uint64_t value = 0;
  const char* end = field.text.data() + field.text.size();
  auto [ptr, ec] = std::from_chars(field.text.data(), end, value);
  if (ec != std::errc() || ptr != end || field.text.empty())
    throw InputError({file, field.line, field.column, "trial"}, "expected a trial number, found '" + field.text + "'");
  return value;
}

void read_trials(McRun& run, const std::string& text, const std::string& file) {
  const CsvTable table = parse_csv(text, file);
  std::vector<std::string> expected = {"trial"};
  for (const McInput& i : run.inputs) expected.push_back(i.name);
  for (const TrialOutput& o : run.outputs) expected.push_back(o.name);
  if (table.rows.empty()) throw InputError({file, 1, 1, ""}, "empty file: expected a header row and trials");
  const CsvRow& header = table.rows.front();
  for (std::size_t c = 0; c < std::max(expected.size(), header.fields.size()); ++c) {
    if (c < expected.size() && c < header.fields.size() && header.fields[c].text == expected[c]) continue;
    const std::size_t column = c < header.fields.size() ? header.fields[c].column : 1;
    throw InputError({file, header.line, column, "header"},
                     c < expected.size() ? "expected column '" + expected[c] + "' as manifest.json lists"
                                         : "unexpected extra column");
  }
  auto [begin, end] = shard_range(run.total_trials, run.shard_index, run.shard_count);
  if (table.rows.size() - 1 != end - begin)
    throw InputError({file, table.rows.back().line, 1, "trial"},
                     fmt::format("expected {} trials for shard {}/{} of {}, found {}", end - begin, run.shard_index,
                                 run.shard_count, run.total_trials, table.rows.size() - 1));
  run.first_trial = begin;
  const std::size_t n_in = run.inputs.size();
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    if (row.fields.size() != expected.size())
      throw InputError({file, row.line, row.fields.empty() ? 1 : row.fields.back().column, ""},
                       fmt::format("expected {} fields, found {}", expected.size(), row.fields.size()));
    if (parse_trial_number(row.fields[0], file) != begin + r - 1)
      throw InputError({file, row.line, 1, "trial"}, fmt::format("expected trial {}", begin + r - 1));
    std::vector<double> sampled(n_in), results(run.outputs.size());
    for (std::size_t c = 0; c < n_in; ++c) sampled[c] = parse_number(row.fields[1 + c], file, expected[1 + c]);
    for (std::size_t c = 0; c < results.size(); ++c)
      results[c] = parse_number(row.fields[1 + n_in + c], file, expected[1 + n_in + c]);
    run.sampled.push_back(std::move(sampled));
    run.results.push_back(std::move(results));
  }
}

// Everything but the shard and the trials: what makes two shards parts of one run.
json identity_of(const McRun& run) {
  json j = manifest_of(run);
  j.erase("shard");
  return j;
}

}  // namespace

std::string trials_csv(const McRun& run) {
  std::string out = "trial";
  for (const McInput& input : run.inputs) out.append(",").append(csv_cell(input.name));
  for (const TrialOutput& output : run.outputs) out.append(",").append(csv_cell(output.name));
  out += "\n";
  for (std::size_t r = 0; r < run.results.size(); ++r) {
    fmt::format_to(std::back_inserter(out), "{}", run.first_trial + r);
    for (double v : run.sampled[r]) fmt::format_to(std::back_inserter(out), ",{}", v);
    for (double v : run.results[r]) fmt::format_to(std::back_inserter(out), ",{}", v);
    out += "\n";
  }
  return out;
}

std::string summary_csv(const std::vector<OutputSummary>& summaries) {
  std::string out = "issue,model,mean,p5,p25,p50,p75,p95\n";
  for (const OutputSummary& s : summaries) {
    out.append(csv_cell(s.output.issue)).append(",").append(csv_cell(s.output.model)).append(",").append(num(s.mean));
    for (double q : s.quantiles) out.append(",").append(num(q));
    out += "\n";
  }
  return out;
}

std::string mc_manifest_json(const McRun& run) { return manifest_of(run).dump(2) + "\n"; }

McRun read_mc_run(const std::filesystem::path& dir) {
  const std::string manifest_file = (dir / "manifest.json").string();
  const std::string manifest_text = read_text_file(dir / "manifest.json");
  const Manifest where{manifest_file, manifest_text};
  check_utf8(manifest_text, manifest_file);
  json manifest;
  try {
    manifest = json::parse(manifest_text);
  } catch (const json::parse_error& e) {
    // e.byte counts from 1 and points at the character that did not fit.
    throw InputError(position_at(where, e.byte > 0 ? e.byte - 1 : 0, ""), "not valid JSON");
  } catch (const json::out_of_range& e) {
    // A number beyond a double (e.g. 1e3081) is not a parse_error to nlohmann.
    throw InputError({manifest_file, 0, 0, ""}, fmt::format("not valid JSON ({})", e.what()));
  }
  McRun run = run_from_manifest(manifest, where);
  const std::filesystem::path trials = dir / "trials.csv";
  read_trials(run, read_text_file(trials), trials.string());
  return run;
}

McRun merge_mc_runs(std::vector<McRun> shards, const std::vector<std::string>& where) {
  if (shards.empty()) throw UsageError("merge: no runs given");
  const json identity = identity_of(shards.front());
  const int count = shards.front().shard_count;
  std::vector<int> seen(count, -1);
  for (std::size_t s = 0; s < shards.size(); ++s) {
    const std::string file = s < where.size() ? where[s] : fmt::format("run {}", s + 1);
    if (identity_of(shards[s]) != identity)
      throw InputError({file, 0, 0, "manifest.json"},
                       "not a shard of the same run as " + (where.empty() ? std::string("the first") : where.front()) +
                           " (version, scenario, model, options, seed, trials, inputs and outputs must match)");
    if (shards[s].shard_count != count)
      throw InputError({file, 0, 0, "shard"},
                       fmt::format("split into {} shards, the first run into {}", shards[s].shard_count, count));
    int& slot = seen[shards[s].shard_index];
    if (slot >= 0)
      throw InputError({file, 0, 0, "shard"},
                       fmt::format("shard {}/{} given twice (also {})", shards[s].shard_index, count,
                                   slot < static_cast<int>(where.size()) ? where[slot] : ""));
    slot = static_cast<int>(s);
  }
  for (int i = 0; i < count; ++i)
    if (seen[i] < 0) throw UsageError(fmt::format("merge: shard {}/{} is missing", i, count));

  McRun merged = shards[seen[0]];
  merged.shard_index = 0, merged.shard_count = 1;
  merged.first_trial = 0;
  for (int i = 1; i < count; ++i) {
    McRun& part = shards[seen[i]];
    std::move(part.sampled.begin(), part.sampled.end(), std::back_inserter(merged.sampled));
    std::move(part.results.begin(), part.results.end(), std::back_inserter(merged.results));
  }
  return merged;
}

}  // namespace pivot
