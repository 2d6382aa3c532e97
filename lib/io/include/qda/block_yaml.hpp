// Reading back the block layout YamlWriter writes, straight into JSON: qda's own large outputs
// (a corpus.yaml of thousands of sources) without yaml-cpp's scanner, which reads about 3 MB/s.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace qda {

// A plain (unquoted) scalar typed as YAML 1.2's core schema types it: null, booleans, integers
// (decimal, 0o octal, 0x hex), floats, and strings for everything else.
nlohmann::ordered_json plain_scalar_to_json(const std::string& text);

// The document, if it keeps to the layout YamlWriter writes: a block mapping at the root; block
// mappings and sequences indented by two spaces, with a mapping item's first key on its dash line;
// plain and double-quoted scalars on one line; flow sequences and mappings of scalars. Anything
// else (comments, blank lines, single quotes, block scalars, anchors, tags, tabs, a scalar over
// several lines, text that is not UTF-8, ...) gives nullopt, and the caller parses the file with
// yaml-cpp: this never reads a document differently from a full YAML parser, it only declines to
// read most of them.
std::optional<nlohmann::ordered_json> read_block_yaml(std::string_view text);

}  // namespace qda
