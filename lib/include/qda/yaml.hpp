// Loading YAML inputs (parsed by yaml-cpp, validated against their schema) and small helpers for
// writing YAML outputs deterministically.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "qda/error.hpp"

namespace qda {

// Parses YAML text; a syntax error becomes an InvalidInput error with file, line and column.
YAML::Node parse_yaml(std::string_view text, const std::string& file_name);

// Reads, parses and validates a file of the given kind (see schema.hpp).
YAML::Node load_yaml_file(const std::filesystem::path& path, std::string_view kind);

// The 1-based location of a node, for error messages about its value.
Location location_of(const YAML::Node& node, const std::string& file_name);

// What a plain (unquoted) YAML scalar means under YAML 1.2's core schema.
enum class PlainScalar { Null, Bool, Integer, Float, String };
PlainScalar plain_scalar_type(const std::string& text);

// Emits a string value, quoted whenever a YAML reader (1.2 core schema, or 1.1 such as PyYAML,
// which also types yes/no and dates) would read it back as something other than that string.
void emit_string(YAML::Emitter& out, const std::string& value);

// Reads a whole file as bytes; an Io error names the file if it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace qda
