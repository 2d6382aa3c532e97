// A small corpus imported in-process, for the tests of the tools that read one.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "qda/import.hpp"
#include "temp_folder.hpp"

namespace qda::testing {

// Imports `transcripts` (file name, text) from `folder`/in into `folder`/corpus with the interviewer
// "Q"; returns the path of corpus.yaml.
inline std::filesystem::path import_corpus(const TempFolder& folder,
                                           const std::vector<std::pair<std::string, std::string>>& transcripts,
                                           const std::string& attributes = {}) {
  for (const auto& [name, text] : transcripts) write_bytes(folder / ("in/" + name), text);
  ImportOptions options;
  options.inputs = {(folder / "in").string()};
  options.output_dir = (folder / "corpus").string();
  options.interviewers = {"Q"};
  if (!attributes.empty()) {
    write_bytes(folder / "sources.csv", attributes);
    options.attributes_file = (folder / "sources.csv").string();
  }
  run_import(options);
  return folder / "corpus" / "corpus.yaml";
}

}  // namespace qda::testing
