#include "output_files.hpp"

#include <fmt/format.h>

#include <iostream>

#include "pivot/core/error.hpp"
#include "pivot/output/forecast_output.hpp"

namespace pivot::cli {

void OutputFiles::add(const std::string& file, std::string content) {
  if (file.empty()) return;
  if (file != "-") {
    files_.emplace_back(file, std::move(content));
    return;
  }
  if (stdout_claimed_) throw UsageError("only one output can be '-' (standard output)");
  stdout_claimed_ = true;
  stdout_text_ = std::move(content);
}

void OutputFiles::add_in(const std::string& dir, const std::string& option, const std::string& name,
                         std::string content) {
  if (dir.empty()) return;
  if (dir == "-")
    throw UsageError(fmt::format("{} names a directory; '-' (standard output) cannot hold files", option));
  files_.emplace_back(std::filesystem::path(dir) / name, std::move(content));
}

void OutputFiles::write() const {
  write_files_atomic(files_);
  if (stdout_claimed_) std::cout << stdout_text_ << std::flush;
}

void write_documents(const pipeline::Documents& documents, const std::string& json_name, const std::string& json_path,
                     const std::string& csv_dir) {
  OutputFiles out;
  for (const auto& [name, content] : documents.files) {
    if (name == json_name)
      out.add(json_path, content);
    else
      out.add_in(csv_dir, "--csv", name, content);
  }
  out.write();
  if (!out.uses_stdout()) std::cout << documents.text;
}

}  // namespace pivot::cli
