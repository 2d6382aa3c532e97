// Reading back the block layout YamlWriter writes, straight into JSON: qda's own large outputs
// (a corpus.yaml of thousands of sources) without yaml-cpp's scanner, which reads about 3 MB/s.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace qda {

// A plain (unquoted) scalar typed as YAML 1.2's core schema types it: null, booleans, integers
// (decimal, 0o octal, 0x hex), floats, and strings for everything else. A number beyond a double's
// range (1e400) throws std::out_of_range.
nlohmann::ordered_json plain_scalar_to_json(const std::string& text);

// The document, if it keeps to the layout YamlWriter writes: a block mapping at the root; block
// mappings and sequences indented by two spaces, with a mapping item's first key on its dash line;
// plain and double-quoted scalars on one line; flow sequences and mappings of scalars. Anything
// else (comments, blank lines, single quotes, block scalars, anchors, tags, tabs, a scalar over
// several lines, text that is not UTF-8, ...) gives nullopt, and the caller parses the file with
// yaml-cpp: this never reads a document differently from a full YAML parser, it only declines to
// read most of them.
std::optional<nlohmann::ordered_json> read_block_yaml(std::string_view text);

// Lists read an item at a time: each item of a block sequence that `streams` accepts (given the keys
// that lead to it from the root; a list inside a list's item is never streamed) goes to `on_item` as
// soon as it is read, and is not kept: the document holds an empty list there. A large document is
// then never whole in memory, only its small rest and one item.
struct BlockYamlStreaming {
  std::function<bool(const std::vector<std::string>& keys)> streams;
  std::function<void(const std::vector<std::string>& keys, nlohmann::ordered_json&& item)> on_item;
  // If set, such an item goes here instead of to on_item, unread: its lines as written (each ending in a
  // line feed), and the indent of its dash. read_block_yaml_item() reads it, on any thread, as it would
  // have been read in place; a text it declines leaves the layout, as the document would have.
  std::function<void(const std::vector<std::string>& keys, std::string&& text, std::size_t indent)> on_item_text;
};

// read_block_yaml, with lists streamed. A text that leaves the layout after some items were handed out
// still gives nullopt: the caller discards what it was given and reads the file otherwise.
std::optional<nlohmann::ordered_json> read_block_yaml(std::string_view text, const BlockYamlStreaming& streaming);

// The same, reading the file a block at a time, so that memory never holds the whole file either;
// nullopt also when it cannot be opened or read (the caller's usual reading then says why).
std::optional<nlohmann::ordered_json> read_block_yaml_file(const std::filesystem::path& path, const BlockYamlStreaming& streaming);

// One item that on_item_text gave, read; nullopt where it leaves the layout (the whole reading must
// then be discarded, as if read_block_yaml had given nullopt).
std::optional<nlohmann::ordered_json> read_block_yaml_item(std::string_view text, std::size_t indent);

}  // namespace qda
