// Addressing a value in a pipeline output: a JSON Pointer (RFC 6901) into a YAML or JSON document,
// with one extension, a reference token "[key=value]" (or "[key=value&key=value]") that picks the
// first element of an array whose members have those values; or a selection of CSV rows by column values. docs/formats/claims.md.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace qda {

// One reference token of a pointer: unescaped, and the tests of a [key=value&...] token (empty for
// any other).
struct PointerToken {
  std::string key;
  std::vector<std::pair<std::string, std::string>> selects;
};
// The tokens of a pointer ("" and anything not starting with '/' have none).
std::vector<PointerToken> pointer_tokens(std::string_view pointer);

// The value at `pointer`, or a CheckError saying which token does not resolve and why.
const nlohmann::ordered_json& resolve_pointer(const nlohmann::ordered_json& document, std::string_view pointer);

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// The rows whose named columns hold exactly the given values (a CheckError for a column the table lacks).
std::vector<const std::vector<std::string>*> select_rows(const CsvTable& table, const std::map<std::string, std::string>& where);

// A claim's own failure to address anything: reported as that claim's error, not as the tool's.
struct CheckError {
  std::string message;
};

// How a value is shown in messages: strings quoted, numbers as YAML would write them.
std::string show(const nlohmann::ordered_json& value);

}  // namespace qda
