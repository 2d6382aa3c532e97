// The JSON Schemas of qda's file kinds (schemas/v1), compiled into the library, and validation of
// yaml-cpp documents against them with errors that point at the offending line and column.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
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

// Validates `document` against the schema of `kind`, or the part of it at `pointer` (a JSON Pointer
// into the schema, such as "/properties/codes/items", with the schema's definitions in reach). Throws
// an InvalidInput error naming `file_name`, the line and column of the offending node, its path and
// the rule it breaks.
void validate_against_schema(const YAML::Node& document, std::string_view kind, const std::string& file_name,
                             std::string_view pointer = {});

// Reads and validates a file of the given kind as JSON. A file in YamlWriter's layout (qda's own
// outputs) is read by the block reader, without yaml-cpp; any other YAML, and a file that does not
// match the schema, goes through yaml-cpp and the located check.
nlohmann::ordered_json load_validated_json(const std::filesystem::path& path, std::string_view kind);

// Reads, parses and validates a file of the given kind: an empty file, a YAML syntax error or a
// schema violation is an InvalidInput error with the file, line and column.
YAML::Node load_yaml_file(const std::filesystem::path& path, std::string_view kind);

// Checks a YAML output a tool is about to write against the schema of `kind`. Text in YamlWriter's
// layout is read back by the block reader (block_yaml.hpp) rather than yaml-cpp, which reads a few
// MB/s; only a mismatch is parsed again, for an error that names the line and column.
// A large output can be checked in parts (the entries of a list one by one, against `pointer`), so
// memory holds one part's JSON rather than the whole document's.
void validate_output(std::string_view text, std::string_view kind, const std::string& name, std::string_view pointer = {});

// validate_against_schema, returning the document as JSON (as yaml_to_json gives it).
nlohmann::ordered_json validated_json(const YAML::Node& document, std::string_view kind, const std::string& file_name,
                                      std::string_view pointer = {});

// A yaml-cpp document as JSON, plain scalars typed by YAML 1.2's core schema, mappings in file order.
// A number beyond a double's range is an InvalidInput error at its place in `file_name`.
nlohmann::ordered_json yaml_to_json(const YAML::Node& node, const std::string& file_name = {});

// Whether a document already in JSON matches the schema of `kind` (no error location: callers that
// need one validate the yaml-cpp document instead).
bool matches_schema(const nlohmann::ordered_json& document, std::string_view kind, std::string_view pointer = {});

// The lists of a document that were read an item at a time (read_block_yaml's streaming), by the keys
// that lead to each from the root, with how many items each had.
using StreamedLists = std::map<std::vector<std::string>, std::size_t>;

// A document checked against its kind's schema as it is read: the items of its streamed lists one by
// one, then the rest, with the same verdict as matches_schema() gives the whole document. One object
// keeps the compiled patterns for all parts; it is not for use on two threads at once.
class StreamedSchemaCheck {
 public:
  explicit StreamedSchemaCheck(std::string_view kind);
  ~StreamedSchemaCheck();
  StreamedSchemaCheck(const StreamedSchemaCheck&) = delete;
  StreamedSchemaCheck& operator=(const StreamedSchemaCheck&) = delete;

  // Where in the schema the items of the list at `keys` are described, if that list can be checked
  // item by item: every level above it a plain object schema, the list a plain array schema (type,
  // items, minItems, maxItems). nullopt if not: the list must then be read whole.
  std::optional<std::string> items_pointer(const std::vector<std::string>& keys) const;
  // Whether one item of a streamed list matches the schema at `items_pointer`.
  bool item(const std::string& items_pointer, const nlohmann::ordered_json& item);
  // Whether the rest matches: the document with every streamed list empty, its count in `streamed`.
  bool rest(const nlohmann::ordered_json& document, const StreamedLists& streamed);

 private:
  struct Checker;
  std::string kind_;
  std::unique_ptr<Checker> checker_;
};

}  // namespace qda
