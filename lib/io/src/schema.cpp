// Schema validation with valijson. Schemas are parsed once from the embedded JSON. Documents are
// converted to JSON first, typing plain scalars as YAML 1.2's core schema does (Debian's valijson 1.0
// cannot compile its own yaml-cpp adapter against a schema with uniqueItems, and that adapter treats
// every scalar as a string, so `version: "1"` would pass as an integer).
#include "qda/schema.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "qda/block_yaml.hpp"
#include "qda/error.hpp"
#include "qda/file.hpp"
#include "qda/yaml.hpp"

namespace qda {

std::vector<std::string> schema_kinds() {
  std::vector<std::string> kinds;
  for (const auto& schema : detail::embedded_schemas()) kinds.emplace_back(schema.kind);
  std::sort(kinds.begin(), kinds.end());
  return kinds;
}

std::string_view schema_text(std::string_view kind) {
  for (const auto& schema : detail::embedded_schemas()) {
    if (kind == schema.kind) return schema.text;
  }
  throw std::out_of_range(fmt::format("no schema for file kind '{}'", kind));
}

namespace {

// The schema of a kind, or the part of it at a JSON Pointer, with the schema's definitions in reach.
const valijson::Schema& compiled_schema(std::string_view kind, std::string_view pointer) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> cache;
  const std::string key = std::string(kind) + "#" + std::string(pointer);
  std::lock_guard lock(mutex);
  auto found = cache.find(key);
  if (found != cache.end()) return *found->second;
  nlohmann::json json = nlohmann::json::parse(schema_text(kind));
  if (!pointer.empty()) {
    nlohmann::json part = json.at(nlohmann::json::json_pointer(std::string(pointer)));
    if (json.contains("definitions")) part["definitions"] = json["definitions"];
    json = std::move(part);
  }
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter adapter(json);
  parser.populateSchema(adapter, *schema);
  return *cache.emplace(key, std::move(schema)).first->second;
}

// Follows valijson's context ("<root>", "[sources]", "[0]", ...) through the document to the deepest
// node that exists, so the error can point at its line and column; also renders the path.
YAML::Node follow_context(const YAML::Node& document, const std::vector<std::string>& context,
                          std::string& path) {
  YAML::Node node = document;
  for (const auto& step : context) {
    if (step.size() < 2 || step.front() != '[' || step.back() != ']') continue;
    const std::string key = step.substr(1, step.size() - 2);
    path += "/" + key;
    YAML::Node child;
    if (node.IsSequence()) {
      const auto digits = key.find_first_not_of("0123456789");
      if (digits != std::string::npos || key.empty()) break;
      const std::size_t index = std::stoul(key);
      if (index >= node.size()) break;
      child = node[index];
    } else if (node.IsMap()) {
      for (const auto& entry : node) {
        if (entry.first.Scalar() == key) {
          child = entry.second;
          break;
        }
      }
      if (!child.IsDefined()) break;
    } else {
      break;
    }
    node.reset(child);
  }
  if (path.empty()) path = "/";
  return node;
}

}  // namespace

nlohmann::ordered_json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      // Quoted scalars carry the tag "!", plain ones "?": only plain ones are typed.
      return node.Tag() == "?" ? plain_scalar_to_json(node.Scalar()) : nlohmann::ordered_json(node.Scalar());
    case YAML::NodeType::Sequence: {
      nlohmann::ordered_json array = nlohmann::ordered_json::array();
      for (const auto& item : node) array.push_back(yaml_to_json(item));
      return array;
    }
    case YAML::NodeType::Map: {
      nlohmann::ordered_json object = nlohmann::ordered_json::object();
      for (const auto& entry : node) object[entry.first.Scalar()] = yaml_to_json(entry.second);
      return object;
    }
  }
  return nullptr;
}

bool matches_schema(const nlohmann::ordered_json& document, std::string_view kind, std::string_view pointer) {
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  const nlohmann::json json(document);  // valijson's adapter takes nlohmann::json, whose maps are sorted
  valijson::adapters::NlohmannJsonAdapter target(json);
  return validator.validate(compiled_schema(kind, pointer), target, nullptr);
}

nlohmann::ordered_json validated_json(const YAML::Node& document, std::string_view kind, const std::string& file_name,
                                      std::string_view pointer) {
  const valijson::Schema& schema = compiled_schema(kind, pointer);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  nlohmann::ordered_json in_order = yaml_to_json(document);
  const nlohmann::json json(in_order);  // valijson's adapter takes nlohmann::json, whose maps are sorted
  valijson::adapters::NlohmannJsonAdapter target(json);
  if (validator.validate(schema, target, &results)) return in_order;
  // The error with the deepest context names the most specific rule that failed.
  valijson::ValidationResults::Error deepest;
  valijson::ValidationResults::Error error;
  bool have_error = false;
  while (results.popError(error)) {
    if (!have_error || error.context.size() > deepest.context.size()) deepest = error;
    have_error = true;
  }
  std::string path;
  const YAML::Node node = follow_context(document, deepest.context, path);
  throw invalid_input(fmt::format("does not match the {} schema at {}: {}", kind, path, deepest.description),
                      location_of(node, file_name));
}

void validate_against_schema(const YAML::Node& document, std::string_view kind, const std::string& file_name,
                             std::string_view pointer) {
  validated_json(document, kind, file_name, pointer);
}

void validate_output(std::string_view text, std::string_view kind, const std::string& name, std::string_view pointer) {
  if (const auto document = read_block_yaml(text); document && matches_schema(*document, kind, pointer)) return;
  validate_against_schema(parse_yaml(text, name), kind, name, pointer);
}

nlohmann::ordered_json load_validated_json(const std::filesystem::path& path, std::string_view kind) {
  std::string text = read_file(path);
  if (auto document = read_block_yaml(text)) {
    // The text is not needed to check the document, whose copy for valijson is the peak of memory
    // when reading a corpus of many sources: it is freed first, and read again for a message.
    std::string().swap(text);
    if (matches_schema(*document, kind)) return *std::move(document);
    text = read_file(path);
  }
  const std::string name = path.string();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw invalid_input(fmt::format("the file is empty; expected a {} document", kind), {name});
  }
  return validated_json(parse_yaml(text, name), kind, name);
}

YAML::Node load_yaml_file(const std::filesystem::path& path, std::string_view kind) {
  const std::string text = read_file(path);
  const std::string name = path.string();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw invalid_input(fmt::format("the file is empty; expected a {} document", kind), {name});
  }
  YAML::Node document = parse_yaml(text, name);
  validate_against_schema(document, kind, name);
  return document;
}

}  // namespace qda
