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

void write_provenance(YamlWriter& out, const Provenance& provenance, std::ostream* flush_to) {
  out.begin_mapping("provenance");
  out.string_entry("tool", provenance.tool);
  out.string_entry("version", provenance.version);
  out.begin_mapping("options");
  for (const auto& [name, value] : provenance.options) out.node_entry(name, value);
  out.end();
  out.begin_sequence("inputs");
  constexpr std::size_t kFlushEvery = 256;
  for (std::size_t i = 0; i < provenance.inputs.size(); ++i) {
    const auto& input = provenance.inputs[i];
    out.begin_mapping_item();
    out.string_entry("path", input.path);
    out.string_entry("sha256", input.sha256);
    out.end();
    if (flush_to != nullptr && (i + 1) % kFlushEvery == 0) out.move_text_to(*flush_to);
  }
  out.end();
  out.end();
}

}  // namespace qda
