// The JSON Schemas of qda's file kinds (schemas/v1), compiled into the library, and validation of
// yaml-cpp documents against them with errors that point at the offending line and column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace qda {

namespace detail {
struct EmbeddedSchema {
  const char* kind;  // "corpus", "codebook", ... (the file name without .schema.json)
  const char* text;
};
const std::vector<EmbeddedSchema>& embedded_schemas();
}  // namespace detail

// The kinds that have a schema, sorted.
std::vector<std::string> schema_kinds();
// The schema's JSON text; throws std::out_of_range for an unknown kind.
std::string_view schema_text(std::string_view kind);

// Validates `document` against the schema of `kind`. Throws an InvalidInput error naming
// `file_name`, the line and column of the offending node, its path and the rule it breaks.
void validate_against_schema(const YAML::Node& document, std::string_view kind, const std::string& file_name);

}  // namespace qda
