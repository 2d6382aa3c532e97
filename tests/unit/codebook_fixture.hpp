// Codebooks written by a test as YAML text and loaded as qda-code loads them.
#pragma once

#include <string>

#include "qda/codebook.hpp"
#include "temp_folder.hpp"

namespace qda::testing {

// Writes `yaml` to a file of its own in a folder that lasts for the test program, and loads it.
inline Codebook codebook_from_text(const std::string& yaml) {
  static TempFolder folder;
  static int counter = 0;
  const auto path = folder / ("codebook-" + std::to_string(++counter) + ".yaml");
  write_bytes(path, yaml);
  return load_codebook(path);
}

}  // namespace qda::testing
