// Where an output came from: the tool and version, the options that shape it, and the SHA-256 of
// every input. Paths are relative and nothing depends on the clock, so equal inputs give equal bytes.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "qda/yaml_writer.hpp"

namespace qda {

struct InputFingerprint {
  std::string path;  // relative to the output's folder, '/'-separated
  std::string sha256;
};

struct Provenance {
  std::string tool;
  std::string version;
  std::vector<std::pair<std::string, YAML::Node>> options;  // in the order the tool lists them
  std::vector<InputFingerprint> inputs;
};

// The SHA-256 of each input file, its path relative to the output's folder.
std::vector<InputFingerprint> fingerprint_inputs(const std::vector<std::filesystem::path>& inputs,
                                               const std::filesystem::path& output_folder);

// Writes `provenance:` and its mapping into the writer's open mapping. With `flush_to`, the lines are
// moved there every few hundred inputs (YamlWriter::move_text_to), so that a corpus's thousands of
// inputs are not held as text besides.
void write_provenance(YamlWriter& out, const Provenance& provenance, std::ostream* flush_to = nullptr);

}  // namespace qda
