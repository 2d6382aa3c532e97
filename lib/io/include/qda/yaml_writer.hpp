// Writing YAML outputs: block mappings and sequences in a fixed layout, straight into a string.
// qda's outputs have a known shape, so this replaces yaml-cpp's general Emitter, which checked every
// character of every scalar against a chain of regular expressions (a seventh of qda-import's time).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace qda {

// Where a scalar goes: flow collections (`[a, b]`, `{k: v}`) also reserve , [ ] { }.
enum class YamlContext { Block, Flow };

// A string as a YAML scalar: plain when a reader (YAML 1.2 core schema, or 1.1 such as PyYAML,
// which also types yes/no and dates) would read it back as that same string, else double-quoted.
std::string yaml_string(std::string_view value, YamlContext context = YamlContext::Block);

// A scalar whose type YAML decides (a number, a boolean, `~`): plain when its syntax allows,
// double-quoted only when it could not be read back at all (empty, indicators, line breaks).
std::string yaml_plain(std::string_view value, YamlContext context = YamlContext::Block);

// Whether YAML syntax lets the text stand as a plain scalar in that context (whatever type a reader
// would then give it): the rule yaml_plain writes by, and the one block_yaml reads back by.
bool yaml_plain_allowed(std::string_view value, YamlContext context);

// Whether the text holds a character that YAML outputs always write escaped: a C1 control
// (U+0080-U+009F), LINE or PARAGRAPH SEPARATOR, the byte-order mark, U+FFFE or U+FFFF.
bool holds_escaped_character(std::string_view value);

// One value of a flow mapping item, already rendered (see yaml_string and yaml_plain).
struct YamlFlowPair {
  std::string_view key;
  std::string value;
};

// Writes a document whose root is a block mapping. Sequences are indented under their key and
// mapping items start on their dash line, as in
//
//   sources:
//     - id: inf-01
//       text:
//         path: texts/inf-01.txt
//
// A mapping or sequence that ends with no entries is written `key: {}` or `key: []`.
class YamlWriter {
 public:
  YamlWriter();

  // Entries of the current mapping.
  void string_entry(std::string_view key, std::string_view value);
  void integer_entry(std::string_view key, std::uint64_t value);
  void bool_entry(std::string_view key, bool value);
  void null_entry(std::string_view key);
  // A preformatted number such as "0.944000", written plain.
  void number_entry(std::string_view key, std::string_view text);
  // A yaml-cpp node (scalar or sequence of scalars), its scalars written as yaml_plain does.
  void node_entry(std::string_view key, const YAML::Node& node);
  void flow_sequence_entry(std::string_view key, const std::vector<std::string>& strings);
  // `key: {a: 1, b: 2}`, each value already rendered (see yaml_string and yaml_plain).
  void flow_mapping_entry(std::string_view key, const std::vector<YamlFlowPair>& pairs);
  void begin_mapping(std::string_view key);
  void begin_sequence(std::string_view key);

  // Items of the current sequence.
  void string_item(std::string_view value);
  void begin_mapping_item();
  void flow_mapping_item(const std::vector<YamlFlowPair>& pairs);

  // Closes the innermost open mapping or sequence.
  void end();

  // The document, ending in a newline; every collection must be closed. After move_text_to, the
  // document from there on.
  const std::string& text() const;
  // Appends the lines written so far to `out` and forgets them, collections still open: a long
  // document (corpus.yaml's thousands of sources) goes out as it is written, never whole in memory.
  void move_text_to(std::ostream& out);

 private:
  struct Frame {
    bool sequence = false;
    int indent = 0;         // of the lines inside this collection
    std::string key;        // empty for a mapping item
    bool opened = false;    // its `key:` line (or a mapping item's dash) is written
  };

  void open(std::size_t frame);
  void start_line(std::size_t frame);
  void line(std::string_view key, std::string_view value);

  std::string out_;
  std::vector<Frame> frames_;
};

}  // namespace qda
