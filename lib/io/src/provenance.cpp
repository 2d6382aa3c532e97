// The provenance block every YAML output carries.
#include "qda/provenance.hpp"

namespace qda {

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
