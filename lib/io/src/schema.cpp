// Schema validation with valijson. Schemas are parsed once from the embedded JSON. Documents are
// converted to JSON first, typing plain scalars as YAML 1.2's core schema does (Debian's valijson 1.0
// cannot compile its own yaml-cpp adapter against a schema with uniqueItems, and that adapter treats
// every scalar as a string, so `version: "1"` would pass as an integer).
#include "qda/schema.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
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

// The schema of a kind as JSON, parsed once: what compiled_schema() compiles and matches_in_parts walks.
const nlohmann::json& schema_json(std::string_view kind) {
  static std::mutex mutex;
  static std::map<std::string, nlohmann::json, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto found = cache.find(kind);
  if (found == cache.end()) found = cache.emplace(std::string(kind), nlohmann::json::parse(schema_text(kind))).first;
  return found->second;
}

// The schema of a kind, or the part of it at a JSON Pointer, with the schema's definitions in reach.
const valijson::Schema& compiled_schema(std::string_view kind, std::string_view pointer) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> cache;
  const std::string key = std::string(kind) + "#" + std::string(pointer);
  std::lock_guard lock(mutex);
  auto found = cache.find(key);
  if (found != cache.end()) return *found->second;
  nlohmann::json json = schema_json(kind);
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

nlohmann::ordered_json yaml_to_json(const YAML::Node& node, const std::string& file_name) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      // Quoted scalars carry the tag "!", plain ones "?": only plain ones are typed.
      if (node.Tag() != "?") return nlohmann::ordered_json(node.Scalar());
      try {
        return plain_scalar_to_json(node.Scalar());
      } catch (const std::out_of_range&) {
        throw invalid_input(fmt::format("the number {} is beyond what a double holds (about 1.8e308); expected a smaller "
                                        "number",
                                        node.Scalar()),
                            location_of(node, file_name));
      }
    case YAML::NodeType::Sequence: {
      nlohmann::ordered_json array = nlohmann::ordered_json::array();
      for (const auto& item : node) array.push_back(yaml_to_json(item, file_name));
      return array;
    }
    case YAML::NodeType::Map: {
      nlohmann::ordered_json object = nlohmann::ordered_json::object();
      for (const auto& entry : node) object[entry.first.Scalar()] = yaml_to_json(entry.second, file_name);
      return object;
    }
  }
  return nullptr;
}

namespace {

// `validator` keeps the regular expressions of the schema's patterns it compiled: one for the parts of
// a document, since compiling them for each part cost more than checking it.
bool matches_whole(valijson::Validator& validator, const nlohmann::ordered_json& value, std::string_view kind,
                   std::string_view pointer) {
  const nlohmann::json json(value);  // valijson's adapter takes nlohmann::json, whose maps are sorted
  valijson::adapters::NlohmannJsonAdapter target(json);
  return validator.validate(compiled_schema(kind, pointer), target, nullptr);
}

// Whether a schema part holds no keyword but `checked` ones and annotations, which constrain nothing.
bool has_only(const nlohmann::json& part, std::initializer_list<std::string_view> checked) {
  static constexpr std::string_view kAnnotations[] = {"$schema", "$id", "$comment", "title", "description", "definitions", "examples", "default"};
  for (const auto& entry : part.items()) {
    const std::string& keyword = entry.key();  // not a structured binding: clang 14 cannot capture one
    const auto is = [&](std::string_view name) { return keyword == name; };
    if (std::none_of(checked.begin(), checked.end(), is) && std::none_of(std::begin(kAnnotations), std::end(kAnnotations), is)) return false;
  }
  return true;
}

bool has_type(const nlohmann::json& part, std::string_view type) {
  const auto found = part.find("type");
  return found != part.end() && found->is_string() && found->get_ref<const std::string&>() == type;
}

// A value with an array of more than 64 items anywhere in it: worth checking in parts.
bool is_large(const nlohmann::ordered_json& value) {
  if (value.is_array() && value.size() > 64) return true;
  if (!value.is_structured()) return false;
  return std::any_of(value.begin(), value.end(), [](const nlohmann::ordered_json& child) { return is_large(child); });
}

std::string pointer_token(std::string_view key) {
  std::string token;
  for (const char c : key) token += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return token;
}

// The pointer a part that is only a local "$ref" refers to ("/definitions/provenance"), if it is one.
std::optional<std::string> local_ref(const nlohmann::json& part) {
  const auto ref = part.find("$ref");
  if (ref == part.end() || !has_only(part, {"$ref"}) || !ref->is_string() || !ref->get_ref<const std::string&>().starts_with("#/")) {
    return std::nullopt;
  }
  return ref->get_ref<const std::string&>().substr(1);
}

// A schema part whose keywords matches_in_parts checks itself, so that it can check the members of an
// object one by one: type object, required (a list of names), properties, additionalProperties true
// or false.
bool is_plain_object(const nlohmann::json& part) {
  const auto extra = part.find("additionalProperties");
  const auto required = part.find("required");
  return has_type(part, "object") && has_only(part, {"type", "required", "properties", "additionalProperties"}) &&
         (extra == part.end() || extra->is_boolean()) && (required == part.end() || required->is_array());
}

// The same for the items of an array: type array, items (a schema), minItems and maxItems.
bool is_plain_array(const nlohmann::json& part) {
  const auto items = part.find("items");
  const auto unsigned_or_absent = [&](const char* keyword) {
    const auto found = part.find(keyword);
    return found == part.end() || found->is_number_unsigned();
  };
  return has_type(part, "array") && has_only(part, {"type", "items", "minItems", "maxItems"}) && items != part.end() &&
         items->is_object() && unsigned_or_absent("minItems") && unsigned_or_absent("maxItems");
}

// Whether `value` matches the part of the kind's schema at `pointer`. A large value under a plain
// object or array schema (type, required, properties, additionalProperties true or false; type,
// items, minItems, maxItems) has those keywords checked here and its members or items one by one,
// each converted for valijson on its own: the same answer as checking it whole, without a sorted copy
// of the whole document (which was the peak of memory reading a corpus of ten thousand sources).
// Anything else is checked whole.
//
// With `streamed`, the lists it names were checked item by item as they were read (StreamedSchemaCheck):
// each is empty in `value`, and only its count is checked here. `keys` leads from the root to `value`.
bool matches_in_parts(valijson::Validator& validator, const nlohmann::ordered_json& value, std::string_view kind,
                      const std::string& pointer, const StreamedLists* streamed, std::vector<std::string>& keys) {
  const auto holds_streamed = [&] {
    return streamed != nullptr && std::any_of(streamed->begin(), streamed->end(), [&](const auto& list) {
             return list.first.size() >= keys.size() && std::equal(keys.begin(), keys.end(), list.first.begin());
           });
  };
  if (!is_large(value) && !holds_streamed()) return matches_whole(validator, value, kind, pointer);
  const nlohmann::json& schema = schema_json(kind);
  const nlohmann::json& part = pointer.empty() ? schema : schema.at(nlohmann::json::json_pointer(pointer));
  if (!part.is_object()) return matches_whole(validator, value, kind, pointer);
  if (const auto ref = local_ref(part)) return matches_in_parts(validator, value, kind, *ref, streamed, keys);
  if (is_plain_object(part)) {
    if (!value.is_object()) return false;
    const auto extra = part.find("additionalProperties");
    if (const auto required = part.find("required"); required != part.end()) {
      for (const auto& name : *required) {
        if (!name.is_string() || !value.contains(name.get_ref<const std::string&>())) return false;
      }
    }
    const auto properties = part.find("properties");
    for (const auto& [key, member] : value.items()) {
      if (properties != part.end() && properties->contains(key)) {
        keys.push_back(key);
        const bool matches = matches_in_parts(validator, member, kind, pointer + "/properties/" + pointer_token(key), streamed, keys);
        keys.pop_back();
        if (!matches) return false;
      } else if (extra != part.end() && !extra->get<bool>()) {
        return false;
      }
    }
    return true;
  }
  if (is_plain_array(part)) {
    if (!value.is_array()) return false;
    const auto bound = [&](const char* keyword, std::size_t absent) {
      const auto found = part.find(keyword);
      return found == part.end() ? absent : found->get<std::size_t>();
    };
    std::size_t count = value.size();
    if (streamed != nullptr) {
      if (const auto list = streamed->find(keys); list != streamed->end()) count += list->second;
    }
    if (count < bound("minItems", 0) || count > bound("maxItems", std::numeric_limits<std::size_t>::max())) return false;
    for (const auto& item : value) {
      if (!matches_in_parts(validator, item, kind, pointer + "/items", nullptr, keys)) return false;
    }
    return true;
  }
  return matches_whole(validator, value, kind, pointer);
}

}  // namespace

bool matches_schema(const nlohmann::ordered_json& document, std::string_view kind, std::string_view pointer) {
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  std::vector<std::string> keys;
  return matches_in_parts(validator, document, kind, std::string(pointer), nullptr, keys);
}

struct StreamedSchemaCheck::Checker {
  valijson::Validator validator{valijson::Validator::kStrongTypes};
};

StreamedSchemaCheck::StreamedSchemaCheck(std::string_view kind) : kind_(kind), checker_(std::make_unique<Checker>()) {}
StreamedSchemaCheck::~StreamedSchemaCheck() = default;

std::optional<std::string> StreamedSchemaCheck::items_pointer(const std::vector<std::string>& keys) const {
  const nlohmann::json& schema = schema_json(kind_);
  const auto part_at = [&](const std::string& pointer) -> const nlohmann::json& {
    return pointer.empty() ? schema : schema.at(nlohmann::json::json_pointer(pointer));
  };
  // Local references followed, as matches_in_parts follows them.
  const auto resolved = [&](std::string pointer) -> std::optional<std::string> {
    for (int hops = 0; hops < 16; ++hops) {
      if (!part_at(pointer).is_object()) return std::nullopt;
      const auto ref = local_ref(part_at(pointer));
      if (!ref) return part_at(pointer).contains("$ref") ? std::nullopt : std::optional<std::string>(pointer);
      pointer = *ref;
    }
    return std::nullopt;
  };
  // The conditions under which matches_in_parts splits a value, level by level.
  std::optional<std::string> pointer = resolved("");
  for (const auto& key : keys) {
    if (!pointer) return std::nullopt;
    const nlohmann::json& part = part_at(*pointer);
    const auto properties = part.find("properties");
    if (!is_plain_object(part) || properties == part.end() || !properties->contains(key)) return std::nullopt;
    pointer = resolved(*pointer + "/properties/" + pointer_token(key));
  }
  if (!pointer || !is_plain_array(part_at(*pointer))) return std::nullopt;
  return *pointer + "/items";
}

bool StreamedSchemaCheck::item(const std::string& items_pointer, const nlohmann::ordered_json& item) {
  std::vector<std::string> keys;
  return matches_in_parts(checker_->validator, item, kind_, items_pointer, nullptr, keys);
}

bool StreamedSchemaCheck::rest(const nlohmann::ordered_json& document, const StreamedLists& streamed) {
  std::vector<std::string> keys;
  return matches_in_parts(checker_->validator, document, kind_, "", &streamed, keys);
}

nlohmann::ordered_json validated_json(const YAML::Node& document, std::string_view kind, const std::string& file_name,
                                      std::string_view pointer) {
  const valijson::Schema& schema = compiled_schema(kind, pointer);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  nlohmann::ordered_json in_order = yaml_to_json(document, file_name);
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
