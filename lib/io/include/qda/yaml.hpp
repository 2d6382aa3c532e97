// Parsing YAML inputs with yaml-cpp, errors located by line and column. (Validation against a schema: schema.hpp; outputs: yaml_writer.hpp.)
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "qda/error.hpp"

namespace qda {

// How deep a YAML input may nest: qda's deepest format (a rubric's nested conditions) needs about a
// dozen levels; the limit keeps every recursive walk of a hostile file's tree far from the stack's end.
inline constexpr std::size_t kMaxYamlDepth = 64;

// How deep a codebook's sub-codes may nest, whichever file it comes from (codebook.yaml, a .qdc, a
// .qdpx): a level takes two of kMaxYamlDepth's in codebook.yaml, and a code's rules up to a dozen
// more, so that any codebook qda reads can be written as codebook.yaml and read back. Real codebooks
// nest a handful of levels; a hostile one 20,000 overflowed the stack of the recursive walks.
inline constexpr std::size_t kMaxCodeDepth = 24;

// Parses YAML text; a syntax error becomes an InvalidInput error with file, line and column, and so
// does text that is not UTF-8. Anchors,
// aliases, a key given twice in one mapping, a key that is not a scalar, nesting deeper than
// kMaxYamlDepth and a second document are refused the same way.
YAML::Node parse_yaml(std::string_view text, const std::string& file_name);

// The 1-based location of a node, for error messages about its value.
Location location_of(const YAML::Node& node, const std::string& file_name);

// What a plain (unquoted) YAML scalar means under YAML 1.2's core schema.
enum class PlainScalar { Null, Bool, Integer, Float, String };
PlainScalar plain_scalar_type(const std::string& text);

}  // namespace qda
