// The provenance block every YAML output carries.
#include "qda/provenance.hpp"

#include "qda/yaml.hpp"

namespace qda {

void emit_provenance(YAML::Emitter& out, const Provenance& provenance) {
  out << YAML::Key << "provenance" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "tool" << YAML::Value << provenance.tool;
  out << YAML::Key << "version" << YAML::Value << provenance.version;
  out << YAML::Key << "options" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, value] : provenance.options) out << YAML::Key << name << YAML::Value << value;
  out << YAML::EndMap;
  out << YAML::Key << "inputs" << YAML::Value << YAML::BeginSeq;
  for (const auto& input : provenance.inputs) {
    out << YAML::BeginMap << YAML::Key << "path" << YAML::Value;
    emit_string(out, input.path);
    out << YAML::Key << "sha256" << YAML::Value;
    emit_string(out, input.sha256);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
}

}  // namespace qda
