// The provenance block every YAML output carries.
#include "qda/provenance.hpp"

#include "qda/hash.hpp"
#include "qda/paths.hpp"

namespace qda {

std::vector<InputFingerprint> fingerprint_inputs(const std::vector<std::filesystem::path>& inputs,
                                               const std::filesystem::path& output_folder) {
  std::vector<InputFingerprint> fingerprints;
  for (const auto& input : inputs) fingerprints.push_back({portable_relative_path(input, output_folder), sha256_file(input)});
  return fingerprints;
}

void write_provenance(YamlWriter& out, const Provenance& provenance) {
  out.begin_mapping("provenance");
  out.string_entry("tool", provenance.tool);
  out.string_entry("version", provenance.version);
  out.begin_mapping("options");
  for (const auto& [name, value] : provenance.options) out.node_entry(name, value);
  out.end();
  out.begin_sequence("inputs");
  for (const auto& input : provenance.inputs) {
    out.begin_mapping_item();
    out.string_entry("path", input.path);
    out.string_entry("sha256", input.sha256);
    out.end();
  }
  out.end();
  out.end();
}

}  // namespace qda
